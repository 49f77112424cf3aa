// The statistics of `kokeilu evidence`: a measure's value over a window of months in one run,
// paired differences between a variant and its base, and whether they agree with what the
// evidence expects.
#pragma once

#include "analysis/replications.hpp"
#include "output/result_file.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace kokeilu::analysis {

/// One run's measures summed over providers and target groups: `value(month, measure)`.
class MonthTotals {
public:
    MonthTotals() = default;
    /// From the monthly rows of one run (one scenario, one replication) with `months` months
    /// and `measures` measure codes; rows outside them are an `std::invalid_argument`.
    MonthTotals(std::span<const output::MonthlyRow> rows, std::size_t months, std::size_t measures);

    [[nodiscard]] std::size_t months() const { return months_; }
    [[nodiscard]] double value(std::size_t month, std::size_t measure) const {
        return totals_[month * measures_ + measure];
    }

    /// The sum of `measures` in months first..last (inclusive): over the months for a flow
    /// (`stock` false), its mean over them for a stock. `std::out_of_range` unless
    /// first <= last < months().
    [[nodiscard]] double window(std::span<const std::size_t> measures, std::size_t first,
                                std::size_t last, bool stock) const;

private:
    std::size_t months_ = 0;
    std::size_t measures_ = 0;
    std::vector<double> totals_; ///< [month][measure]
};

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
