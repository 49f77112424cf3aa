// The statistics of `kokeilu evidence`: a measure's value over a window of months in one run,
// paired differences between a variant and its base, and whether they agree with what the
// evidence expects.
#pragma once

#include "analysis/aggregate.hpp"
#include "analysis/replications.hpp"
#include "output/result_file.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace kokeilu::analysis {

/// The sum of `measures` (codes) over months first..last (inclusive) of one run, each
/// combined over providers, target groups and months by its kind (RunTotals::window: a stock's
/// mean over the months, a flow's sum). `std::out_of_range` unless first <= last <
/// totals.months() and every code is a measure of the run.
[[nodiscard]] double window_sum(const RunTotals& totals, std::span<const std::size_t> measures,
                                std::size_t first, std::size_t last);

/// What a check expects of a difference (scenario/evidence.hpp reads it from the file).
struct Expected {
    enum class Kind { Positive, Negative, Zero, NotNegative, NotPositive, Range };
    Kind kind = Kind::Positive;
    double low = 0.0; ///< Range
    double high = 0.0;
    double tolerance = 0.0;
};

/// Whether the estimated difference agrees with `expected`:
/// - Positive: the interval lies above 0 (ci_low > 0); Negative: below (ci_high < 0);
/// - Zero: the interval overlaps [-tolerance, tolerance];
/// - NotNegative: ci_high >= -tolerance; NotPositive: ci_low <= tolerance;
/// - Range: low - tolerance <= mean <= high + tolerance.
/// An estimate without an interval (fewer than 2 values) or with a NaN never agrees.
[[nodiscard]] bool agrees(const Expected& expected, const Estimate& difference);

/// The relative differences (xs[r] - refs[r]) / refs[r] over the replications, estimated at
/// `level`; a reference of 0 gives NaN (and so an estimate that agrees with nothing). Throws
/// `std::invalid_argument` unless `xs` and `refs` have the same length.
[[nodiscard]] Estimate relative_difference(std::span<const double> xs, std::span<const double> refs,
                                           double level = 0.95);

} // namespace kokeilu::analysis
