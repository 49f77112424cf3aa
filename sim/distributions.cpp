// Random variates from a RandomStream: normal inversion, gamma, Poisson, discrete.
#include "sim/distributions.hpp"

#include <array>
#include <sstream>
#include <stdexcept>
#include <string>

namespace kokeilu::sim {

namespace detail {

void throw_invalid_parameter(const char* message, double value) {
    std::ostringstream os;
    os.precision(17);
    os << message << ' ' << value;
    throw std::invalid_argument(os.str());
}

} // namespace detail

namespace {

// Wichura, "Algorithm AS 241: The percentage points of the normal distribution", Applied
// Statistics 37(3), 1988, 477-484: PPND16, relative error about 1e-16.

// c[0] + c[1] x + ... + c[7] x^7, by Horner's rule (written out: GCC -O2 does not unroll it).
double polynomial(const std::array<double, 8>& c, double x) {
    return ((((((c[7] * x + c[6]) * x + c[5]) * x + c[4]) * x + c[3]) * x + c[2]) * x + c[1]) * x +
           c[0];
}

// Coefficients in ascending powers, as printed in the paper (A/B central, C/D intermediate tail,
// E/F far tail).
constexpr std::array<double, 8> kA = {3.3871328727963666080e+0, 1.3314166789178437745e+2,
                                      1.9715909503065514427e+3, 1.3731693765509461125e+4,
                                      4.5921953931549871457e+4, 6.7265770927008700853e+4,
                                      3.3430575583588128105e+4, 2.5090809287301226727e+3};
constexpr std::array<double, 8> kB = {1.0000000000000000000e+0, 4.2313330701600911252e+1,
                                      6.8718700749205790830e+2, 5.3941960214247511077e+3,
                                      2.1213794301586595867e+4, 3.9307895800092710610e+4,
                                      2.8729085735721942674e+4, 5.2264952788528545610e+3};
constexpr std::array<double, 8> kC = {1.42343711074968357734e+0, 4.63033784615654529590e+0,
                                      5.76949722146069140550e+0, 3.64784832476320460504e+0,
                                      1.27045825245236838258e+0, 2.41780725177450611770e-1,
                                      2.27238449892691845833e-2, 7.74545014278341407640e-4};
constexpr std::array<double, 8> kD = {1.00000000000000000000e+0, 2.05319162663775882187e+0,
                                      1.67638483018380384940e+0, 6.89767334985100004550e-1,
                                      1.48103976427480074590e-1, 1.51986665636164571966e-2,
                                      5.47593808499534494600e-4, 1.05075007164441684324e-9};
constexpr std::array<double, 8> kE = {6.65790464350110377720e+0, 5.46378491116411436990e+0,
                                      1.78482653991729133580e+0, 2.96560571828504891230e-1,
                                      2.65321895265761230930e-2, 1.24266094738807843860e-3,
                                      2.71155556874348757815e-5, 2.01033439929228813265e-7};
constexpr std::array<double, 8> kF = {1.00000000000000000000e+0, 5.99832206555887937690e-1,
                                      1.36929880922735805310e-1, 1.48753612908506148525e-2,
                                      7.86869131145613259100e-4, 1.84631831751005468180e-5,
                                      1.42151175831644588870e-7, 2.04426310338993978564e-15};

// Central region |q| <= 0.425, q = p - 1/2.
double ppnd16_central(double q) {
    const double r = 0.180625 - q * q;
    return q * polynomial(kA, r) / polynomial(kB, r);
}

// Tails: the magnitude of the quantile at min(p, 1 - p) = tail, 0 < tail < 0.075.
double ppnd16_tail(double tail) {
    const double r = std::sqrt(-std::log(tail));
    if (r <= 5.0) {
        return polynomial(kC, r - 1.6) / polynomial(kD, r - 1.6);
    }
    return polynomial(kE, r - 5.0) / polynomial(kF, r - 5.0);
}

void check_scale(const char* message, double value) {
    if (!(value > 0.0 && value <= std::numeric_limits<double>::max())) {
        detail::throw_invalid_parameter(message, value);
    }
}

// Marsaglia and Tsang, "A simple method for generating gamma variables", ACM TOMS 26(3), 2000.
// Requires shape >= 1; returns a Gamma(shape, 1) variate.
double marsaglia_tsang(RandomStream& rng, double shape) {
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
        double x = 0.0;
        double v = 0.0;
        do {
            x = detail::standard_normal_from_bits(rng.next_u64());
            v = 1.0 + c * x;
        } while (v <= 0.0);
        v = v * v * v;
        const double u = rng.uniform_open01();
        const double x2 = x * x;
        if (u < 1.0 - 0.0331 * x2 * x2) {
            return d * v;
        }
        if (std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v))) {
            return d * v;
        }
    }
}

// log(k!) for integer-valued k >= 0: a table below 16, Stirling's series (truncation error
// < 1e-16) above. In-house rather than std::lgamma, which is not thread-safe in glibc (it sets
// signgam) and differs between C libraries.
double log_factorial(double k) {
    static constexpr std::array<double, 16> kTable = {
        0.0,
        0.0,
        0.6931471805599453094172321214581765680755,
        1.791759469228055000812477358380702272723,
        3.178053830347945619646941601297055408874,
        4.787491742782045994247700934523243048400,
        6.579251212010100995060178292903945321123,
        8.525161361065414300165531036347125050760,
        10.60460290274525022841722740072165475499,
        12.80182748008146961120771787456670616428,
        15.10441257307551529522570932925107037188,
        17.50230784587388583928765290721619967170,
        19.98721449566188614951736238705507851250,
        22.55216385312342288557084982862039711731,
        25.19122118273868150009343469352175341502,
        27.89927138384089156608943926367046675919,
    };
    if (k < static_cast<double>(kTable.size())) {
        return kTable[static_cast<std::size_t>(k)];
    }
    constexpr double kHalfLog2Pi = 0.91893853320467274178032973640561764;
    const double n = k + 1.0;
    const double inv = 1.0 / n;
    const double inv2 = inv * inv;
    const double series =
        inv * (1.0 / 12.0 -
               inv2 * (1.0 / 360.0 -
                       inv2 * (1.0 / 1260.0 - inv2 * (1.0 / 1680.0 - inv2 * (1.0 / 1188.0)))));
    return (n - 0.5) * std::log(n) - n + kHalfLog2Pi + series;
}

// Sequential search of the CDF from 0: one uniform, monotone in it. O(mean) steps, so only
// used for small means.
std::int64_t poisson_inversion(RandomStream& rng, double mean) {
    const double u = rng.uniform01();
    double pmf = std::exp(-mean);
    double cdf = pmf;
    std::int64_t k = 0;
    while (u >= cdf) {
        ++k;
        pmf *= mean / static_cast<double>(k);
        const double next = cdf + pmf;
        if (next == cdf) {
            break; // the rounded CDF has stopped growing below 1 and u lies in the gap
        }
        cdf = next;
    }
    return k;
}

// Hoermann, "The transformed rejection method for generating Poisson random variables",
// Insurance: Mathematics and Economics 12(1), 1993, 39-45 (algorithm PTRS, valid for mean >= 10).
std::int64_t poisson_ptrs(RandomStream& rng, double mean) {
    const double log_mean = std::log(mean);
    const double b = 0.931 + 2.53 * std::sqrt(mean);
    const double a = -0.059 + 0.02483 * b;
    const double log_inv_alpha = std::log(1.1239 + 1.1328 / (b - 3.4));
    const double v_r = 0.9277 - 3.6224 / (b - 2.0);
    for (;;) {
        const double u = rng.uniform01() - 0.5;
        const double v = rng.uniform_open01();
        const double us = 0.5 - std::fabs(u);
        const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
        if (us >= 0.07 && v <= v_r) {
            return static_cast<std::int64_t>(k);
        }
        if (k < 0.0 || (us < 0.013 && v > us)) {
            continue;
        }
        if (std::log(v) + log_inv_alpha - std::log(a / (us * us) + b) <=
            -mean + k * log_mean - log_factorial(k)) {
            return static_cast<std::int64_t>(k);
        }
    }
}

} // namespace

namespace detail {

double standard_normal_from_bits(std::uint64_t bits) {
    // p = (bits + 1/2) / 2^64. q = p - 1/2 comes from the signed offset from 2^63, and the tail
    // probability min(p, 1 - p) from bits or ~bits, so neither loses precision to cancellation.
    const auto centred = static_cast<std::int64_t>(bits ^ (std::uint64_t{1} << 63));
    const double q = (static_cast<double>(centred) + 0.5) * 0x1.0p-64;
    if (std::fabs(q) <= 0.425) {
        return ppnd16_central(q);
    }
    const std::uint64_t tail_bits = q < 0.0 ? bits : ~bits;
    const double z = ppnd16_tail((static_cast<double>(tail_bits) + 0.5) * 0x1.0p-64);
    return q < 0.0 ? -z : z;
}

} // namespace detail

double normal_quantile(double p) {
    if (!(p > 0.0 && p < 1.0)) {
        detail::throw_invalid_parameter("normal_quantile: need p in (0, 1), got p =", p);
    }
    const double q = p - 0.5;
    if (std::fabs(q) <= 0.425) {
        return ppnd16_central(q);
    }
    const double z = ppnd16_tail(q < 0.0 ? p : 1.0 - p);
    return q < 0.0 ? -z : z;
}

double normal(RandomStream& rng, double mu, double sigma) {
    if (!(sigma >= 0.0 && sigma <= std::numeric_limits<double>::max())) {
        detail::throw_invalid_parameter("normal: need finite sigma >= 0, got sigma =", sigma);
    }
    return mu + sigma * detail::standard_normal_from_bits(rng.next_u64());
}

LognormalParams lognormal_params_from_mean_cv(double mean, double cv) {
    check_scale("lognormal_params_from_mean_cv: need finite mean > 0, got mean =", mean);
    if (!(cv >= 0.0 && cv <= std::numeric_limits<double>::max())) {
        detail::throw_invalid_parameter(
            "lognormal_params_from_mean_cv: need finite cv >= 0, got cv =", cv);
    }
    const double sigma2 = std::log1p(cv * cv);
    return {std::log(mean) - 0.5 * sigma2, std::sqrt(sigma2)};
}

double lognormal(RandomStream& rng, double mu, double sigma) {
    if (!(sigma >= 0.0 && sigma <= std::numeric_limits<double>::max())) {
        detail::throw_invalid_parameter("lognormal: need finite sigma >= 0, got sigma =", sigma);
    }
    return std::exp(mu + sigma * detail::standard_normal_from_bits(rng.next_u64()));
}

double gamma(RandomStream& rng, double shape, double scale) {
    check_scale("gamma: need finite shape > 0, got shape =", shape);
    check_scale("gamma: need finite scale > 0, got scale =", scale);
    if (shape >= 1.0) {
        return marsaglia_tsang(rng, shape) * scale;
    }
    // Gamma(k) = Gamma(k + 1) * U^(1/k); in logs so tiny shapes underflow only when the true
    // value does.
    const double y = marsaglia_tsang(rng, shape + 1.0);
    const double log_u = std::log(rng.uniform_open01());
    return std::exp(std::log(y) + log_u / shape) * scale;
}

std::int64_t poisson(RandomStream& rng, double mean) {
    if (!(mean >= 0.0 && mean <= kPoissonMaxMean)) {
        detail::throw_invalid_parameter("poisson: need mean in [0, 1e15], got mean =", mean);
    }
    return mean < 30.0 ? poisson_inversion(rng, mean) : poisson_ptrs(rng, mean);
}

DiscreteDistribution::DiscreteDistribution(std::span<const double> weights) {
    if (weights.empty()) {
        throw std::invalid_argument("DiscreteDistribution: weights are empty");
    }
    cdf_.reserve(weights.size());
    double total = 0.0;
    std::size_t last_positive = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const double w = weights[i];
        if (!(w >= 0.0 && w <= std::numeric_limits<double>::max())) {
            std::ostringstream os;
            os.precision(17);
            os << "DiscreteDistribution: weight " << i << " is " << w
               << "; weights must be finite and non-negative";
            throw std::invalid_argument(os.str());
        }
        total += w;
        if (w > 0.0) {
            last_positive = i;
        }
        cdf_.push_back(total);
    }
    if (!(total > 0.0 && total <= std::numeric_limits<double>::max())) {
        std::ostringstream os;
        os.precision(17);
        os << "DiscreteDistribution: the " << weights.size() << " weights sum to " << total
           << "; the sum must be positive and finite";
        throw std::invalid_argument(os.str());
    }
    // Division by one positive number keeps the partial sums non-decreasing; pinning the last
    // positive outcome (and any zero-weight tail after it) to exactly 1 guarantees every
    // u in [0, 1) finds an outcome with positive weight.
    for (std::size_t i = 0; i < last_positive; ++i) {
        cdf_[i] /= total;
    }
    std::fill(cdf_.begin() + static_cast<std::ptrdiff_t>(last_positive), cdf_.end(), 1.0);
}

} // namespace kokeilu::sim
