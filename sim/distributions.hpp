// Random variates from a RandomStream, written in-house so they are identical on every platform.
#pragma once

#include "sim/random.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <span>
#include <vector>

/// \file
/// Every function takes the stream by reference and draws from it in a fixed, documented way,
/// so results depend only on the stream key and the parameters. Where practical a variate is a
/// monotone transform of one 64-bit word (inversion), which keeps common random numbers aligned
/// between scenarios: changing a parameter changes the value drawn but not how many words are
/// used. Bad parameters throw `std::invalid_argument` naming the function and the value.
/// Results also rely on `std::log`, `std::exp` and `std::sqrt`, which can differ in the last bit
/// between C libraries.

namespace kokeilu::sim {

namespace detail {
[[noreturn]] void throw_invalid_parameter(const char* message, double value);

__extension__ using UInt128 = unsigned __int128;

/// The standard normal quantile of (bits + 1/2) / 2^64, computed so both tails keep full
/// relative precision (|result| <= 9.4). Monotone non-decreasing in `bits`.
double standard_normal_from_bits(std::uint64_t bits);
} // namespace detail

/// Uniform on [a, b) (b itself only through rounding when |a| is much larger than b - a).
/// Requires finite a <= b. One word.
inline double uniform(RandomStream& rng, double a, double b) {
    const double width = b - a;
    if (!(a <= b && width <= std::numeric_limits<double>::max())) [[unlikely]] {
        detail::throw_invalid_parameter("uniform: need finite a <= b; width b - a is", width);
    }
    return a + width * rng.uniform01();
}

/// Uniform on {0, ..., n - 1} without bias (Lemire's multiply-and-reject). Requires n > 0.
/// One word, except with probability < n / 2^64 when it rejects and draws again.
inline std::uint64_t uniform_index(RandomStream& rng, std::uint64_t n) {
    if (n == 0) [[unlikely]] {
        detail::throw_invalid_parameter("uniform_index: need n > 0, got n =", 0.0);
    }
    detail::UInt128 m = static_cast<detail::UInt128>(rng.next_u64()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) [[unlikely]] {
        const std::uint64_t threshold = (0 - n) % n; // 2^64 mod n
        while (low < threshold) {
            m = static_cast<detail::UInt128>(rng.next_u64()) * n;
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}

/// Uniform on the integers {lo, ..., hi}, both ends included, without bias. Requires lo <= hi.
/// Draws as `uniform_index`.
inline std::int64_t uniform_int(RandomStream& rng, std::int64_t lo, std::int64_t hi) {
    if (lo > hi) [[unlikely]] {
        detail::throw_invalid_parameter("uniform_int: need lo <= hi; hi - lo is",
                                        static_cast<double>(hi) - static_cast<double>(lo));
    }
    const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
    const std::uint64_t offset = span == std::numeric_limits<std::uint64_t>::max()
                                     ? rng.next_u64()
                                     : uniform_index(rng, span + 1);
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + offset);
}

/// True with probability p, for p in [0, 1]. One word: `uniform01() < p`.
inline bool bernoulli(RandomStream& rng, double p) {
    if (!(p >= 0.0 && p <= 1.0)) [[unlikely]] {
        detail::throw_invalid_parameter("bernoulli: need p in [0, 1], got p =", p);
    }
    return rng.uniform01() < p;
}

/// Exponential with the given rate (mean 1 / rate), by inversion: -log(1 - u) / rate with
/// u = `uniform01()` (1 - u is exact on u's 2^-53 grid, so std::log loses nothing to log1p and
/// is twice as fast). Requires finite rate > 0. One word; results lie in [0, 36.8 / rate].
inline double exponential(RandomStream& rng, double rate) {
    if (!(rate > 0.0 && rate <= std::numeric_limits<double>::max())) [[unlikely]] {
        detail::throw_invalid_parameter("exponential: need finite rate > 0, got rate =", rate);
    }
    return -std::log(1.0 - rng.uniform01()) / rate;
}

/// The standard normal quantile (inverse CDF) at p in (0, 1), by Wichura's AS241 (PPND16),
/// relative accuracy about 1e-16.
double normal_quantile(double p);

/// Normal with mean `mu` and standard deviation `sigma` >= 0, by inversion of the normal CDF
/// at (w + 1/2) / 2^64 for one word w. |result - mu| <= 9.4 sigma.
double normal(RandomStream& rng, double mu, double sigma);

/// Parameters of a lognormal distribution: log X ~ Normal(mu, sigma).
struct LognormalParams {
    double mu = 0.0;    ///< Mean of log X.
    double sigma = 1.0; ///< Standard deviation of log X.
};

/// The lognormal whose mean is `mean` > 0 and coefficient of variation (sd / mean) `cv` >= 0:
/// sigma^2 = log(1 + cv^2), mu = log(mean) - sigma^2 / 2.
LognormalParams lognormal_params_from_mean_cv(double mean, double cv);

/// exp(normal(mu, sigma)). One word.
double lognormal(RandomStream& rng, double mu, double sigma);
/// exp(normal(params.mu, params.sigma)). One word.
inline double lognormal(RandomStream& rng, const LognormalParams& params) {
    return lognormal(rng, params.mu, params.sigma);
}

/// Gamma with shape k > 0 and scale theta > 0 (mean k theta), by Marsaglia and Tsang (2000),
/// with Y * U^(1/k), Y ~ Gamma(k + 1), for k < 1. A rejection method: it uses a variable number
/// of words (about 2.0 on average for k >= 1, 3.1 for k < 1), so it does not keep common random
/// numbers aligned as well as inversion does.
double gamma(RandomStream& rng, double shape, double scale);

/// Largest mean `poisson` accepts.
inline constexpr double kPoissonMaxMean = 1e15;

/// Poisson with the given mean in [0, kPoissonMaxMean]. Exact in distribution (up to
/// floating-point rounding). For mean < 30 it inverts the CDF with one word (mean 0 still uses
/// one word); above, it uses Hoermann's (1993) transformed rejection PTRS, two words per trial,
/// about 2.3 words on average. Inversion costs O(mean) steps (about 55 ns at mean 25).
std::int64_t poisson(RandomStream& rng, double mean);

/// A distribution on {0, ..., n - 1} proportional to given weights, sampled by inversion: a
/// binary search of the normalised cumulative weights with one `uniform01()` word, O(log n).
/// Zero-weight outcomes are never drawn. Immutable after construction; share freely.
class DiscreteDistribution {
public:
    /// Throws std::invalid_argument if `weights` is empty, any weight is negative, NaN or
    /// infinite, or the sum is not a positive finite number.
    explicit DiscreteDistribution(std::span<const double> weights);
    DiscreteDistribution(std::initializer_list<double> weights)
            : DiscreteDistribution(std::span<const double>(weights.begin(), weights.size())) {}

    /// One outcome index. One word.
    std::size_t operator()(RandomStream& rng) const {
        const double u = rng.uniform01();
        // The last positive weight's cumulative value is exactly 1 > u, so the search never
        // falls off the end or lands on a zero-weight outcome.
        const auto it = std::upper_bound(cdf_.begin(), cdf_.end(), u);
        return static_cast<std::size_t>(it - cdf_.begin());
    }

    /// Number of outcomes, including zero-weight ones.
    [[nodiscard]] std::size_t size() const { return cdf_.size(); }
    /// Probability of outcome i (as normalised and rounded for sampling). Requires i < size().
    [[nodiscard]] double probability(std::size_t i) const {
        return i == 0 ? cdf_[0] : cdf_[i] - cdf_[i - 1];
    }

private:
    std::vector<double> cdf_;
};

} // namespace kokeilu::sim
