// One run's measures over all providers and target groups, each combined by its kind in the
// measure catalogue (agents/metrics.hpp): stocks and flows sum; means, quantiles, shares and
// ratios are weighted by their denominators. The report's charts and headline panel, the
// headline outcomes of `kokeilu run` and `compare`, and `kokeilu evidence` all read runs
// through it, so they agree.
#pragma once

#include "agents/metrics.hpp"
#include "output/result_file.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace kokeilu::analysis {

/// How one measure of a file combines over providers, target groups and months.
struct MeasureRule {
    agents::AggregationKind kind = agents::AggregationKind::Flow;
    /// The weighted kinds (mean, quantile, share, ratio): the code in the file of the measure
    /// that weights it; empty when the file does not have it (the values then count equally).
    std::optional<std::size_t> denominator;
};

/// True for the kinds that are weighted by a denominator rather than summed.
[[nodiscard]] bool is_weighted(agents::AggregationKind kind);

/// Each measure's rule, looked up by name in the measure catalogue (`agents::metric_table()`);
/// a name the catalogue does not know sums like a flow.
[[nodiscard]] std::vector<MeasureRule> aggregation_rules(std::span<const output::Measure> measures);

/// Combines a measure's national values of months first..last (`values[i]` is month
/// first + i) by `kind`: a stock is the mean over the months with a value, a flow or cohort
/// count the sum, a weighted kind the mean weighted by `weights` (the denominator's national
/// values, same length; empty: equal weights). NaN values and zero weights are left out;
/// NaN when nothing is left.
[[nodiscard]] double combine_months(agents::AggregationKind kind, std::span<const double> values,
                                    std::span<const double> weights = {});

/// One run's national value of every measure in every month.
class RunTotals {
public:
    RunTotals() = default;
    /// From the monthly rows of one run (one scenario and replication, else
    /// `std::invalid_argument`) with the file's `dimensions` and `rules` (one per measure);
    /// a row outside the tables is an `std::invalid_argument`. In each month a stock, flow or
    /// cohort measure is the sum of its rows; a weighted one is the mean of its rows, each
    /// weighted by the denominator in the same provider and target group or, when the
    /// denominator has no row there (a provider's measure under `all`, its denominator per
    /// person target group), by the denominator summed over the provider's target groups.
    /// Sums run over providers, then target groups, whatever the order of `rows` (a cell given
    /// twice keeps its last value).
    RunTotals(std::span<const output::MonthlyRow> rows, const output::Dimensions& dimensions,
              std::span<const MeasureRule> rules);

    /// The same for each of `areas` (each a list of provider codes of `dimensions`): every
    /// measure combined over the area's providers only, as if the file had no others. The rows
    /// are placed once for all areas. A provider code outside the table is an
    /// `std::invalid_argument`.
    [[nodiscard]] static std::vector<RunTotals>
    of_areas(std::span<const output::MonthlyRow> rows, const output::Dimensions& dimensions,
             std::span<const MeasureRule> rules, std::span<const std::vector<std::uint32_t>> areas);

    [[nodiscard]] std::size_t months() const { return months_; }
    [[nodiscard]] std::size_t measures() const { return measures_; }
    /// The national value; NaN when the month has no row of the measure (or, for a weighted
    /// one, no weight).
    [[nodiscard]] double value(std::size_t month, std::size_t measure) const {
        return values_[month * measures_ + measure];
    }
    /// The measure over months first..last (inclusive) by its kind (combine_months; a weighted
    /// measure weighted by its denominator's national values). `std::out_of_range` unless
    /// first <= last < months() and measure < measures().
    [[nodiscard]] double window(std::size_t measure, std::size_t first, std::size_t last) const;

private:
    RunTotals(std::size_t months, std::size_t measures, std::span<const MeasureRule> rules,
              std::vector<double> values);

    std::size_t months_ = 0;
    std::size_t measures_ = 0;
    std::vector<MeasureRule> rules_;
    std::vector<double> values_; ///< [month][measure]
};

} // namespace kokeilu::analysis
