// Replication statistics.
#include "sim/summary.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <stdexcept>

namespace kokeilu::sim {

Summary summarise(std::span<const double> values, double level) {
    if (values.size() < 2) {
        throw std::invalid_argument("summarise: need at least two replications");
    }
    if (!(level > 0.0 && level < 1.0)) {
        throw std::invalid_argument("summarise: level must be in (0, 1)");
    }
    const auto n = static_cast<double>(values.size());
    double sum = 0.0;
    for (double v : values) {
        sum += v;
    }
    const double mean = sum / n;
    double ss = 0.0;
    for (double v : values) {
        ss += (v - mean) * (v - mean);
    }
    return summary_from_moments(values.size(), sum, ss, t_quantile(values.size(), level), level);
}

double t_quantile(std::size_t n, double level) {
    if (n < 2 || !(level > 0.0 && level < 1.0)) {
        throw std::invalid_argument("t_quantile: need n >= 2 and a level in (0, 1)");
    }
    const boost::math::students_t t(static_cast<double>(n) - 1.0);
    return boost::math::quantile(boost::math::complement(t, (1.0 - level) / 2.0));
}

Summary summary_from_moments(std::size_t n, double sum, double squared_deviations, double t,
                             double level) {
    Summary s;
    s.n = n;
    s.level = level;
    const auto count = static_cast<double>(n);
    s.mean = sum / count;
    s.std_dev = std::sqrt(squared_deviations / (count - 1.0));
    s.std_error = s.std_dev / std::sqrt(count);
    s.half_width = t * s.std_error;
    return s;
}

} // namespace kokeilu::sim
