// Window values, relative differences and the pass rules of evidence checks.
#include "analysis/evidence.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace kokeilu::analysis {

double window_sum(const RunTotals& totals, std::span<const std::size_t> measures, std::size_t first,
                  std::size_t last) {
    double sum = 0.0;
    for (const std::size_t k : measures) {
        sum += totals.window(k, first, last);
    }
    return sum;
}

bool agrees(const Expected& e, const Estimate& d) {
    if (d.n < 2 || std::isnan(d.mean) || std::isnan(d.ci_low) || std::isnan(d.ci_high)) {
        return false;
    }
    switch (e.kind) {
    case Expected::Kind::Positive: return d.ci_low > 0.0;
    case Expected::Kind::Negative: return d.ci_high < 0.0;
    case Expected::Kind::Zero: return d.ci_low <= e.tolerance && d.ci_high >= -e.tolerance;
    case Expected::Kind::NotNegative: return d.ci_high >= -e.tolerance;
    case Expected::Kind::NotPositive: return d.ci_low <= e.tolerance;
    case Expected::Kind::Range:
        return d.mean >= e.low - e.tolerance && d.mean <= e.high + e.tolerance;
    }
    return false;
}

Estimate relative_difference(std::span<const double> xs, std::span<const double> refs,
                             double level) {
    if (xs.size() != refs.size()) {
        throw std::invalid_argument("analysis: paired values of different lengths");
    }
    std::vector<double> rel;
    rel.reserve(xs.size());
    for (std::size_t r = 0; r < xs.size(); ++r) {
        rel.push_back(refs[r] == 0.0 ? std::numeric_limits<double>::quiet_NaN()
                                     : (xs[r] - refs[r]) / refs[r]);
    }
    return estimate(rel, level);
}

} // namespace kokeilu::analysis
