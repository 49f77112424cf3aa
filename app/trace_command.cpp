// `kokeilu trace`.
#include "app/trace_command.hpp"

#include "agents/jobseeker_model.hpp"
#include "app/exit_codes.hpp"
#include "scenario/build.hpp"
#include "scenario/scenario.hpp"
#include "sim/calendar.hpp"

#include <fmt/core.h>
#include <fmt/ostream.h>

#include <charconv>
#include <optional>

namespace kokeilu::app {

namespace {

/// "YYYY-MM-DD" as a date, or nullopt.
std::optional<sim::Date> parse_date(const std::string& text) {
    int y = 0;
    int m = 0;
    int d = 0;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    const char* b = text.data();
    if (std::from_chars(b, b + 4, y).ec != std::errc() ||
        std::from_chars(b + 5, b + 7, m).ec != std::errc() ||
        std::from_chars(b + 8, b + 10, d).ec != std::errc()) {
        return std::nullopt;
    }
    try {
        return sim::Date(y, m, d);
    } catch (const std::exception&) {
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
        sc = scenario::load_scenario(o.file, o.sets);
        input = scenario::build_model_input(sc);
    } catch (const scenario::ConfigError& e) {
        for (const auto& d : e.diagnostics()) {
            err << d.format() << '\n';
        }
        err << e.diagnostics().size() << (e.diagnostics().size() == 1 ? " error" : " errors")
            << "; nothing was run.\n";
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
        fmt::print(out, "  (no events{}: the person registers before the first written month and "
                        "leaves before it, or registers after the end)\n",
                   from || to ? " in the dates asked for" : "");
    }
    return kOk;
}

} // namespace kokeilu::app
