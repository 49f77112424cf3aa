// Statistics over replications of a result file: means with intervals, and paired differences.
#pragma once

#include "output/result_file.hpp"

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace kokeilu::analysis {

/// Mean, standard error and two-sided Student-t interval of values, one per replication.
struct Estimate {
    std::size_t n = 0;
    double mean = 0.0;                                            ///< 0 without values
    double variance = std::numeric_limits<double>::quiet_NaN();   ///< sample variance (n - 1
                                                                  ///< in the denominator)
    double std_error = std::numeric_limits<double>::quiet_NaN();  ///< of the mean
    double half_width = std::numeric_limits<double>::quiet_NaN(); ///< of the interval
    double ci_low = std::numeric_limits<double>::quiet_NaN();
    double ci_high = std::numeric_limits<double>::quiet_NaN();
};

/// The estimate of `values` at confidence `level`; all but `n` and `mean` are NaN with fewer
/// than two values. The values are combined in order, with `sim::summarise`'s arithmetic (bit
/// for bit: mean = sum / n, variance = sum of squared deviations / (n - 1)). Throws
/// `std::invalid_argument` for a level outside (0, 1) with two or more values.
Estimate estimate(std::span<const double> values, double level = 0.95);

/// A scenario against a reference, paired by replication (common random numbers).
struct Paired {
    Estimate difference; ///< of the differences x_r - reference_r
    /// Variance of the paired differences divided by the variance of the difference of
    /// independent means, var(x) + var(reference): below 1 when common random numbers help.
    /// NaN when either variance is undefined (fewer than two pairs) or both are zero.
    double variance_ratio = std::numeric_limits<double>::quiet_NaN();
};

/// `xs[r] - refs[r]` over the replications r, estimated at `level`, with the variance ratio.
/// Throws `std::invalid_argument` unless `xs` and `refs` have the same length.
Paired paired(std::span<const double> xs, std::span<const double> refs, double level = 0.95);

/// One cell of the monthly panel, without the replication: codes into the file's tables.
struct Cell {
    std::uint32_t scenario = 0;
    std::uint32_t month = 0;
    std::uint32_t provider = 0;
    std::uint32_t target_group = 0;
    std::uint32_t measure = 0;

    auto operator<=>(const Cell&) const = default;
};

/// A cell's value across replications.
struct CellSummary {
    Cell cell;
    std::size_t n = 0; ///< replications with a value
    double mean = 0.0;
    double std_error = 0.0; ///< NaN with one replication
    double ci_low = 0.0;    ///< Student-t interval at the requested level; NaN with n = 1
    double ci_high = 0.0;
};

/// Mean, standard error and Student-t confidence interval of every cell over its replications,
/// in cell order. Deterministic: replications are combined in replication order.
std::vector<CellSummary> summarise_replications(const output::ResultFile& file,
                                                double level = 0.95);

/// A scenario's difference to the reference scenario in one cell, paired by replication (with
/// common random numbers, replication r of every scenario saw the same population and luck).
struct PairedDifference {
    Cell cell;              ///< `cell.scenario` is the compared scenario
    std::size_t n = 0;      ///< replications present in both scenarios
    double mean = 0.0;      ///< mean of (scenario - reference) over those replications
    double std_error = 0.0; ///< NaN with one pair
    double ci_low = 0.0;
    double ci_high = 0.0;
    /// Variance of the paired differences divided by the variance of the difference of
    /// independent means, var(x_s) + var(x_ref): below 1 when common random numbers help.
    /// NaN when either variance is undefined or both are zero.
    double variance_ratio = 0.0;
};

/// Paired differences of every other scenario to `reference` for every cell, in cell order.
std::vector<PairedDifference> paired_differences(const output::ResultFile& file,
                                                 std::uint32_t reference = 0, double level = 0.95);

} // namespace kokeilu::analysis
