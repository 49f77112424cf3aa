// Recorder: the model's monthly panels as result rows.
#include "output/recorder.hpp"

#include "agents/jobseeker_model.hpp"

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace kokeilu::output {

namespace {

using agents::Metric;

/// Throws `std::logic_error` unless a table's `names` are the model's `count` names,
/// `model_name(i)`.
template <typename ModelName>
void check_table(const char* table, const std::vector<std::string>& names, std::size_t count,
                 ModelName model_name) {
    if (names.size() != count) {
        throw std::logic_error("Recorder: the " + std::string(table) + " table has " +
                               std::to_string(names.size()) + " rows, but the model has " +
                               std::to_string(count));
    }
    for (std::size_t i = 0; i < count; ++i) {
        if (names[i] != model_name(i)) {
            throw std::logic_error("Recorder: " + std::string(table) + " " + std::to_string(i) +
                                   " is `" + names[i] + "`, the model's `" +
                                   std::string(model_name(i)) + "`");
        }
    }
}

} // namespace

std::vector<BreakdownGroup> model_breakdown_groups() {
    std::vector<BreakdownGroup> groups;
    for (const auto& g : agents::kBreakdownGroups) {
        groups.push_back(
            {std::string(agents::kBreakdownNames[static_cast<std::size_t>(g.breakdown)]),
             std::string(g.name)});
    }
    return groups;
}

Recorder::Recorder(const Dimensions& dimensions, std::uint32_t scenario, std::uint32_t replication)
        : scenario_(scenario), replication_(replication), providers_(dimensions.providers.size()),
          months_(dimensions.months.size()) {
    std::vector<std::string> measures;
    for (const Measure& m : dimensions.measures) {
        measures.push_back(m.name);
    }
    check_table("measure", measures, agents::kMetricCount,
                [](std::size_t m) { return agents::metric_name(static_cast<Metric>(m)); });
    check_table("target group", dimensions.target_groups, agents::kTargetGroups.size(),
                [](std::size_t g) { return agents::kTargetGroups[g]; });
    if (!dimensions.trace_events.empty()) {
        check_table("trace event", dimensions.trace_events,
                    static_cast<std::size_t>(agents::TraceKind::Count), [](std::size_t k) {
                        return agents::trace_kind_name(static_cast<agents::TraceKind>(k));
                    });
    }
    if (!dimensions.breakdown_groups.empty()) {
        if (dimensions.breakdown_groups != model_breakdown_groups()) {
            throw std::logic_error("Recorder: the breakdown groups are not the model's");
        }
        breakdowns_wanted_ = true;
    }
    if (!dimensions.states.empty()) {
        check_table("state", dimensions.states,
                    static_cast<std::size_t>(agents::JobseekerState::Left) + 1, [](std::size_t k) {
                        return agents::state_name(static_cast<agents::JobseekerState>(k));
                    });
    }
}

void Recorder::add(const agents::MonthPanel& panel) {
    const std::size_t groups = agents::kTargetGroups.size();
    if (month_ >= months_ || panel.values.size() != providers_ * groups * agents::kMetricCount ||
        panel.cohorts.size() != providers_ * groups * agents::kCohortMetricCount) {
        throw std::logic_error("Recorder: panel " + std::to_string(month_) +
                               " does not fit the tables (" + std::to_string(months_) +
                               " months, " + std::to_string(providers_) + " providers)");
    }
    if (breakdowns_wanted_ && panel.breakdowns.size() != providers_ * agents::kBreakdownGroupCount *
                                                             agents::kBreakdownMetricCount) {
        throw std::logic_error("Recorder: the breakdowns of panel " + std::to_string(month_) +
                               " do not fit the tables (" + std::to_string(providers_) +
                               " providers)");
    }
    for (std::uint32_t p = 0; p < providers_; ++p) {
        for (std::uint32_t g = 0; g < groups; ++g) {
            const bool all = g + 1 == groups;
            for (std::uint32_t m = 0; m < agents::kMetricCount; ++m) {
                const auto metric = static_cast<Metric>(m);
                if (agents::metric_is_provider_level(metric) != all) {
                    continue;
                }
                if (!agents::metric_is_cohort(metric)) {
                    monthly_.push_back(
                        {scenario_, replication_, month_, p, g, m, panel.value(p, g, metric)});
                    continue;
                }
                const auto horizon = static_cast<std::uint32_t>(agents::cohort_horizon(metric));
                if (month_ >= horizon) {
                    monthly_.push_back({scenario_, replication_, month_ - horizon, p, g, m,
                                        panel.cohort(p, g, metric)});
                }
            }
        }
    }
    if (breakdowns_wanted_) {
        add_breakdowns(panel);
    }
    for (const auto& e : panel.traces) {
        traces_.push_back(TraceRow{
            scenario_, replication_, e.person, e.time, static_cast<std::uint32_t>(e.event),
            static_cast<std::uint32_t>(e.from), static_cast<std::uint32_t>(e.to), e.provider});
    }
    ++month_;
}

std::vector<MonthlyRow> Recorder::take_monthly() {
    return std::exchange(monthly_, {});
}

std::vector<TraceRow> Recorder::take_traces() {
    return std::exchange(traces_, {});
}

std::vector<BreakdownRow> Recorder::take_breakdowns() {
    return std::exchange(breakdowns_, {});
}

void Recorder::add_breakdowns(const agents::MonthPanel& panel) {
    for (std::uint32_t p = 0; p < providers_; ++p) {
        for (std::uint32_t g = 0; g < agents::kBreakdownGroupCount; ++g) {
            for (const Metric m : agents::kBreakdownMetrics) {
                breakdowns_.push_back({scenario_, replication_, month_, p, g,
                                       static_cast<std::uint32_t>(m), panel.breakdown(p, g, m)});
            }
        }
    }
}

} // namespace kokeilu::output
