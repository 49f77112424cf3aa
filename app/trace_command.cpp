// `kokeilu trace`.
#include "app/trace_command.hpp"

#include "agents/jobseeker_model.hpp"
#include "app/exit_codes.hpp"
#include "app/scenario_commands.hpp"
#include "scenario/build.hpp"
#include "scenario/scenario.hpp"
#include "sim/calendar.hpp"

#include <fmt/core.h>
#include <fmt/ostream.h>

#include <optional>
#include <stdexcept>

namespace kokeilu::app {

namespace {

/// "YYYY-MM-DD" as a date, or nullopt.
std::optional<sim::Date> parse_date(const std::string& text) {
    try {
        return sim::Date::parse(text);
    } catch (const std::invalid_argument&) {
        return std::nullopt;
    }
}

} // namespace

int trace_command(const TraceCommandOptions& o, std::ostream& out, std::ostream& err,
                  const std::atomic<bool>& stop) {
    std::optional<sim::Date> from;
    std::optional<sim::Date> to;
    if (!o.from.empty() && !(from = parse_date(o.from))) {
        err << "kokeilu trace: error: --from must be a date YYYY-MM-DD, got `" << o.from << "`\n";
        return kUsageError;
    }
    if (!o.to.empty() && !(to = parse_date(o.to))) {
        err << "kokeilu trace: error: --to must be a date YYYY-MM-DD, got `" << o.to << "`\n";
        return kUsageError;
    }
    scenario::Scenario sc;
    agents::ModelInput input;
    try {
        auto checked = scenario::check_scenario(o.file, o.sets);
        print_diagnostics(checked.warnings, err);
        sc = std::move(checked.scenario);
        input = std::move(checked.input);
    } catch (const scenario::ConfigError& e) {
        print_diagnostics(e.diagnostics(), err);
        return kUsageError;
    }
    const std::uint64_t seed =
        o.seed.value_or(static_cast<std::uint64_t>(sc.integer("scenario.seed")));
    agents::TraceOptions trace;
    trace.persons = {o.agent};
    std::vector<agents::TraceEvent> events;
    const auto stats = agents::run_model(
        input, seed, o.replication, o.threads,
        [&](const agents::MonthPanel& p) {
            events.insert(events.end(), p.traces.begin(), p.traces.end());
        },
        &stop, trace);
    if (stats.interrupted) {
        err << "kokeilu trace: interrupted.\n";
        return kInterrupted;
    }
    if (o.agent == 0 || o.agent >= stats.person_id_end) {
        err << "kokeilu trace: error: there is no person " << o.agent << " in this run; ids run "
            << "from 1 to " << (stats.person_id_end - 1) << " (`kokeilu run --trace-sample N "
            << "--csv DIR` lists some in DIR/traces.csv)\n";
        return kUsageError;
    }
    fmt::print(out, "Person {} in `{}` (seed {}, replication {}, population.scale {}):\n", o.agent,
               input.name, seed, o.replication, input.scale);
    std::size_t shown = 0;
    for (const auto& e : events) {
        const std::int64_t day = e.time >= 0 ? e.time / 1440 : -((-e.time + 1439) / 1440);
        const sim::Date date = sim::Date::from_days_since_epoch(day);
        if ((from && date < *from) || (to && *to < date)) {
            continue;
        }
        const auto minute = static_cast<int>(e.time - day * 1440);
        fmt::print(out, "  {} {:02}:{:02}  {:<18} {:>20} -> {:<20}  {}\n", date.to_string(),
                   minute / 60, minute % 60, agents::trace_kind_name(e.event),
                   agents::state_name(e.from), agents::state_name(e.to),
                   input.providers[e.provider].name);
        ++shown;
    }
    if (shown == 0) {
        fmt::print(out,
                   "  (no events{}: the person registers before the first written month and "
                   "leaves before it, or registers after the end)\n",
                   from || to ? " in the dates asked for" : "");
    }
    return kOk;
}

} // namespace kokeilu::app
