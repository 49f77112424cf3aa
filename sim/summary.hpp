// Mean and Student-t confidence interval over replications.
#pragma once

#include <span>

namespace kokeilu::sim {

/// Summary of independent replications of one measure.
struct Summary {
    std::size_t n = 0;
    double mean = 0.0;
    double std_dev = 0.0;    ///< sample standard deviation (n - 1 in the denominator)
    double std_error = 0.0;  ///< std_dev / sqrt(n)
    double half_width = 0.0; ///< of the two-sided confidence interval at `level`
    double level = 0.95;

    [[nodiscard]] double lower() const { return mean - half_width; }
    [[nodiscard]] double upper() const { return mean + half_width; }
    [[nodiscard]] bool contains(double x) const { return x >= lower() && x <= upper(); }
};

/// Summarises `values` (one per replication) with a Student-t interval at `level`.
/// Throws std::invalid_argument for fewer than two values or a level outside (0, 1).
Summary summarise(std::span<const double> values, double level = 0.95);

/// The Student-t quantile that `summarise` multiplies the standard error by: the two-sided
/// interval at `level` with `n - 1` degrees of freedom (n >= 2).
double t_quantile(std::size_t n, double level);

/// `summarise` from the moments it computes, for callers that accumulate them in a streaming
/// pass: `sum` of the n values added in order, then `squared_deviations`, the sum of
/// (value - sum / n)^2 in the same order; `t` is `t_quantile(n, level)`. Gives bit-identical
/// results to `summarise` over the same values.
Summary summary_from_moments(std::size_t n, double sum, double squared_deviations, double t,
                             double level);

} // namespace kokeilu::sim
