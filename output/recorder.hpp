// One run of the jobseeker model recorded as result rows: its monthly panels in the long form
// of output/SCHEMA.md.
#pragma once

#include "output/result_file.hpp"

#include <cstdint>
#include <vector>

namespace kokeilu::agents {
struct MonthPanel;
} // namespace kokeilu::agents

namespace kokeilu::output {

/// Records one run (one scenario, one replication) of the jobseeker model: fed the
/// `agents::MonthPanel`s of `agents::run_model`'s month callback in month order, it keeps them
/// as the monthly and trace rows of a result file. A provider measure goes under the target
/// group `all`, the others under each person group; a cohort outcome goes under the month of
/// registration (so the last months' registrations have none); each traced event is a trace
/// row. If the tables list breakdown groups, each value of the panel's breakdowns (the measures
/// of `agents::kBreakdownMetrics` by age band and language) is a breakdown row.
///
/// The codes are the model's own, so the tables the rows index must list the model's providers
/// in its order, the target groups as `agents::kTargetGroups`, the measures as the model's
/// metrics in `agents::Metric` order (named as `agents::metric_name`), the months from the
/// run's first, the trace events and states (if any) as `agents::trace_kind_name` and
/// `agents::state_name` in their enums' order, and the breakdown groups (if any) as
/// `agents::kBreakdownGroups`: as `kokeilu run` writes them (`model_breakdown_groups()`).
class Recorder {
public:
    /// Rows of scenario code `scenario` and replication `replication`. Throws
    /// `std::logic_error` (a bug) if the tables are not the model's.
    Recorder(const Dimensions& dimensions, std::uint32_t scenario, std::uint32_t replication);

    /// Records the next month's panel. Throws `std::logic_error` for a panel of another shape
    /// or one more than the months of the tables.
    void add(const agents::MonthPanel& panel);

    /// The rows recorded so far, in the order of the months, then providers, target groups
    /// and measures (cohort outcomes in the month they became known).
    [[nodiscard]] const std::vector<MonthlyRow>& monthly() const { return monthly_; }
    /// The trace rows recorded so far, in the order of the panels' events.
    [[nodiscard]] const std::vector<TraceRow>& traces() const { return traces_; }
    /// The breakdown rows recorded so far, in the order of the months, then providers, groups
    /// and measures.
    [[nodiscard]] const std::vector<BreakdownRow>& breakdowns() const { return breakdowns_; }
    /// Hands over the rows, leaving none.
    [[nodiscard]] std::vector<MonthlyRow> take_monthly();
    [[nodiscard]] std::vector<TraceRow> take_traces();
    [[nodiscard]] std::vector<BreakdownRow> take_breakdowns();

private:
    void add_breakdowns(const agents::MonthPanel& panel);

    std::uint32_t scenario_;
    std::uint32_t replication_;
    std::size_t providers_;
    std::size_t months_;
    std::uint32_t month_ = 0; ///< the code of the next panel's month
    bool breakdowns_wanted_ = false;
    std::vector<MonthlyRow> monthly_;
    std::vector<TraceRow> traces_;
    std::vector<BreakdownRow> breakdowns_;
};

/// The model's breakdown groups (`agents::kBreakdownGroups`) as a result file lists them.
[[nodiscard]] std::vector<BreakdownGroup> model_breakdown_groups();

} // namespace kokeilu::output
