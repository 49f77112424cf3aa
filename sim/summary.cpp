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
    Summary s;
    s.n = values.size();
    s.level = level;
    const auto n = static_cast<double>(s.n);
    double sum = 0.0;
    for (double v : values) {
        sum += v;
    }
    s.mean = sum / n;
    double ss = 0.0;
    for (double v : values) {
        ss += (v - s.mean) * (v - s.mean);
    }
    s.std_dev = std::sqrt(ss / (n - 1.0));
    s.std_error = s.std_dev / std::sqrt(n);
    const boost::math::students_t t(n - 1.0);
    s.half_width = boost::math::quantile(boost::math::complement(t, (1.0 - level) / 2.0)) *
                   s.std_error;
    return s;
}

} // namespace kokeilu::sim
