// Statistics over replications of a result file: means with intervals, and paired differences.
#pragma once

#include "output/result_file.hpp"

#include <cstdint>
#include <vector>

namespace kokeilu::analysis {

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
    std::size_t n = 0;         ///< replications with a value
    double mean = 0.0;
    double std_error = 0.0;    ///< NaN with one replication
    double ci_low = 0.0;       ///< Student-t interval at the requested level; NaN with n = 1
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
                                                 std::uint32_t reference = 0,
                                                 double level = 0.95);

} // namespace kokeilu::analysis
