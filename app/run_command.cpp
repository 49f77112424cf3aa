// `kokeilu run`.
#include "app/run_command.hpp"
#include "app/git_revision.hpp"

#include "agents/jobseeker_model.hpp"
#include "analysis/areas.hpp"
#include "analysis/headlines.hpp"
#include "app/exit_codes.hpp"
#include "app/headline_window.hpp"
#include "app/headlines.hpp"
#include "app/progress.hpp"
#include "app/run_estimate.hpp"
#include "app/run_loop.hpp"
#include "app/run_outputs.hpp"
#include "app/scenario_commands.hpp"
#include "output/csv.hpp"
#include "output/measures.hpp"
#include "output/output_set.hpp"
#include "output/recorder.hpp"
#include "output/result_file.hpp"
#include "scenario/build.hpp"
#include "scenario/scenario.hpp"
#include "sim/interrupt.hpp"

#include <fmt/core.h>
#include <fmt/ostream.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>

namespace kokeilu::app {

namespace {

namespace fs = std::filesystem;
using agents::Metric;

/// One scenario of a run or comparison, loaded and resolved.
struct Loaded {
    std::string label; ///< name in the result file
    scenario::Scenario scenario;
    agents::ModelInput input;
};

/// The scenario files a run reads (not the built-in configs): no output may replace them.
std::vector<fs::path> input_files(const std::vector<Loaded>& scenarios) {
    std::vector<fs::path> out;
    for (const auto& l : scenarios) {
        for (const auto& source : l.scenario.sources()) {
            std::error_code ec;
            if (fs::is_regular_file(source.name, ec)) {
                out.emplace_back(source.name);
            }
        }
    }
    return out;
}

/// The command line's --seed and --reps as scenario overrides, so that the stored scenario
/// text is the effective one and enough to repeat the run.
std::vector<std::string> effective_sets(const RunOptions& o) {
    std::vector<std::string> sets = o.sets;
    if (o.seed) {
        sets.push_back("scenario.seed=" + std::to_string(*o.seed));
    }
    if (o.replications) {
        sets.push_back("scenario.replications=" + std::to_string(*o.replications));
    }
    return sets;
}

/// Labels must be unique in the file: a repeated scenario.name falls back to the file name.
void make_labels_unique(std::vector<Loaded>& scenarios, const std::vector<std::string>& files) {
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (scenarios[j].label == scenarios[i].label) {
                scenarios[i].label = files[i].empty() ? std::string("built-in default")
                                                      : fs::path(files[i]).stem().string();
                if (scenarios[j].label == scenarios[i].label) {
                    scenarios[i].label += " (" + std::to_string(i + 1) + ")";
                }
            }
        }
    }
}

/// The scenarios of the command line (none: the built-in default), checked, each label
/// unique, with --seed and --reps applied. Prints every error (and warnings) and returns
/// nothing if any file has errors or compared scenarios differ in providers or months.
std::optional<std::vector<Loaded>> load_scenarios(const RunOptions& o, const char* cmd,
                                                  std::ostream& err) {
    const std::vector<std::string> sets = effective_sets(o);
    const std::vector<std::string> files = o.files.empty() ? std::vector<std::string>{""} : o.files;
    std::vector<Loaded> scenarios;
    std::vector<scenario::Diagnostic> errors;
    for (const auto& f : files) {
        try {
            auto checked = scenario::check_scenario(f, sets);
            print_diagnostics(checked.warnings, err);
            const std::string label = checked.input.name;
            scenarios.push_back({label, std::move(checked.scenario), std::move(checked.input)});
        } catch (const scenario::ConfigError& e) {
            errors.insert(errors.end(), e.diagnostics().begin(), e.diagnostics().end());
        }
    }
    if (!errors.empty()) {
        print_diagnostics(errors, err);
        return std::nullopt;
    }
    make_labels_unique(scenarios, files);
    const output::Dimensions dims = dimensions_of(scenarios.front().input);
    for (std::size_t i = 1; i < scenarios.size(); ++i) {
        if (!(dimensions_of(scenarios[i].input) == dims)) {
            err << cmd << ": error: `" << scenarios[i].label << "` has other providers or months "
                << "than `" << scenarios.front().label
                << "`; compared scenarios must share them.\n";
            return std::nullopt;
        }
    }
    return scenarios;
}

/// The description of the result: the effective scenarios (with --seed and --reps applied),
/// the seed, replications, version and the dimension tables.
output::ResultFile describe(const std::vector<Loaded>& scenarios, std::uint64_t seed, int reps,
                            bool tracing) {
    output::ResultFile result;
    for (const auto& l : scenarios) {
        result.metadata.scenario_texts.push_back(scenario::show_toml(l.scenario));
        result.metadata.scenario_names.push_back(l.label);
    }
    result.metadata.seed = seed;
    result.metadata.replications = static_cast<std::uint32_t>(reps);
    result.metadata.kokeilu_version = KOKEILU_VERSION;
    result.metadata.git_revision = git_revision();
    result.dimensions = dimensions_of(scenarios.front().input, scenarios.front().scenario);
    if (tracing) {
        for (std::size_t k = 0; k < static_cast<std::size_t>(agents::TraceKind::Count); ++k) {
            result.dimensions.trace_events.emplace_back(
                agents::trace_kind_name(static_cast<agents::TraceKind>(k)));
        }
        for (std::size_t k = 0; k <= static_cast<std::size_t>(agents::JobseekerState::Left); ++k) {
            result.dimensions.states.emplace_back(
                agents::state_name(static_cast<agents::JobseekerState>(k)));
        }
    }
    return result;
}

/// Everything one (replication, scenario) run produces.
struct RunOutput {
    std::vector<output::MonthlyRow> rows;
    std::vector<output::TraceRow> traces;
    std::vector<output::BreakdownRow> breakdowns;
    analysis::Headline headline;
    agents::ModelRunStats stats;
};

/// What the runs add up to, for the printed summary.
struct Totals {
    std::uint64_t events = 0;
    std::uint64_t stale = 0;
    std::uint64_t peak_live = 0;
    std::vector<std::vector<analysis::Headline>> headlines; ///< [scenario][replication]
};

std::chrono::year_month month_of(sim::Date d) {
    return std::chrono::year{d.year()} / std::chrono::month{static_cast<unsigned>(d.month())};
}

/// --window, else the reference's pilot period within the run, else the whole run
/// (app/headline_window.hpp).
std::optional<HeadlineWindow> headline_window(const RunOptions& o,
                                              const agents::ModelInput& reference, const char* cmd,
                                              std::ostream& err) {
    return app::headline_window(o.window, month_of(reference.start), month_of(reference.end),
                                month_of(reference.pilot_start), month_of(reference.pilot_end), cmd,
                                err);
}

/// The words after the headline's period: "provider NAME", "region NAME (N providers)".
std::string area_words(const RunOptions& o, const analysis::Area& area) {
    if (!o.provider.empty()) {
        return "provider " + area.name;
    }
    return fmt::format("region {} ({} providers)", area.name, area.providers.size());
}

/// --provider or --region as an area of `dims` (nothing without either). Prints an error
/// naming every valid choice to `err` and sets `failed` for a name the run does not have.
std::optional<analysis::Area> area_of(const RunOptions& o, const output::Dimensions& dims,
                                      const char* cmd, std::ostream& err, bool& failed) {
    failed = false;
    if (o.provider.empty() && o.region.empty()) {
        return std::nullopt;
    }
    auto area = o.provider.empty() ? analysis::region_area(dims, o.region)
                                   : analysis::provider_area(dims, o.provider);
    if (area) {
        return area;
    }
    failed = true;
    std::vector<std::string> names = analysis::region_names(dims);
    if (!o.provider.empty()) {
        names.clear();
        for (const auto& p : dims.providers) {
            names.push_back(fmt::format("{} ({}, {})", p.name, output::to_string(p.kind),
                                        p.region.empty() ? "no region" : p.region));
        }
    }
    err << cmd << ": error: " << (o.provider.empty() ? "--region" : "--provider") << " `"
        << (o.provider.empty() ? o.region : o.provider) << "` is not "
        << (o.provider.empty() ? "a region" : "a provider") << " of the scenario; the "
        << (o.provider.empty() ? "regions" : "providers") << " are:\n";
    for (const auto& n : names) {
        err << "  " << n << '\n';
    }
    return std::nullopt;
}

/// One (replication, scenario) run of the model: its rows, traces and headline outcomes (of
/// `area` when given, else national).
RunOutput run_one(const Loaded& scenario, const output::Dimensions& dims,
                  const analysis::Area* area, const HeadlineWindow& window, std::uint32_t sc,
                  std::uint32_t rep, std::uint64_t seed, int threads,
                  const agents::TraceOptions& trace, Progress& progress,
                  const std::atomic<bool>& stop) {
    output::Recorder recorder(dims, sc, rep);
    std::uint64_t events_before = 0;
    RunOutput r;
    r.stats = agents::run_model(
        scenario.input, seed, rep, threads,
        [&](const agents::MonthPanel& panel) {
            recorder.add(panel);
            progress.month_done(panel.events - events_before);
            events_before = panel.events;
        },
        &stop, trace);
    r.rows = recorder.take_monthly();
    r.traces = recorder.take_traces();
    r.breakdowns = recorder.take_breakdowns();
    r.headline = area != nullptr
                     ? analysis::headline_of_area(r.rows, dims, *area, window.from, window.to)
                     : analysis::headline_of_run(r.rows, dims, window.from, window.to);
    return r;
}

/// Runs every (replication, scenario) pair and streams each finished one, in run order, to
/// `files`. Several runs go side by side, one thread each, when there are several; one run
/// uses all threads. Either way each run's results depend only on (seed, replication,
/// scenario). Throws `Interrupted` on a stop request.
Totals simulate_all(const RunOptions& o, const std::vector<Loaded>& scenarios,
                    const output::Dimensions& dims, const analysis::Area* area,
                    const HeadlineWindow& window, std::uint64_t seed, int reps, Outputs& files,
                    const char* cmd, std::ostream& err, const std::atomic<bool>& stop) {
    agents::TraceOptions trace;
    trace.persons = o.trace_persons;
    trace.sample = o.trace_sample;
    const std::size_t runs = static_cast<std::size_t>(reps) * scenarios.size();
    Progress progress(err, !o.quiet && ::isatty(STDERR_FILENO) == 1, cmd, runs,
                      dims.months.size() * runs);
    const bool side_by_side = runs_side_by_side(runs, o.threads);
    auto one_run = [&](std::size_t run) {
        const auto sc = static_cast<std::uint32_t>(run % scenarios.size());
        return run_one(scenarios[sc], dims, area, window, sc,
                       static_cast<std::uint32_t>(run / scenarios.size()), seed,
                       side_by_side ? 1 : o.threads, trace, progress, stop);
    };
    Totals totals;
    totals.headlines.resize(scenarios.size());
    bool interrupted = false;
    auto sink = [&](std::size_t run, RunOutput r) {
        interrupted = interrupted || r.stats.interrupted;
        if (interrupted) {
            return;
        }
        files.add(r.rows, r.traces, r.breakdowns);
        totals.events += r.stats.events;
        totals.stale += r.stats.stale_events;
        totals.peak_live = std::max(totals.peak_live, r.stats.peak_live);
        totals.headlines[run % scenarios.size()].push_back(r.headline);
        progress.run_done();
    };
    const std::size_t handed = run_in_order(runs, o.threads, one_run, sink, stop);
    progress.finish();
    if (interrupted || handed < runs) {
        throw Interrupted();
    }
    return totals;
}

/// The summary line, the headline table and the files written, on stdout.
void print_outcome(const RunOptions& o, const std::vector<Loaded>& scenarios, const Totals& totals,
                   const std::optional<analysis::Area>& area, const HeadlineWindow& window,
                   std::uint64_t seed, int reps, double wall, const char* cmd, std::ostream& out) {
    const auto& first = scenarios.front().input;
    fmt::print(out,
               "{}: {} scenario(s) x {} replication(s), seed {}, scale {}: {} events "
               "(and {} cancelled) in {:.2f} s ({:.1f} M events/s), peak {} registered "
               "(simulated)\n",
               cmd, scenarios.size(), reps, seed, first.scale, totals.events, totals.stale, wall,
               static_cast<double>(totals.events) / std::max(wall, 1e-9) / 1e6, totals.peak_live);
    std::string period =
        fmt::format("{:04}-{:02} to {:04}-{:02}", static_cast<int>(window.from.year()),
                    static_cast<unsigned>(window.from.month()), static_cast<int>(window.to.year()),
                    static_cast<unsigned>(window.to.month()));
    if (area) {
        period += ", " + area_words(o, *area);
    }
    std::vector<std::string> labels;
    for (const auto& l : scenarios) {
        labels.push_back(l.label);
    }
    print_headlines(out, labels, analysis::summarise_headlines(totals.headlines), period);
    if (!o.output.empty()) {
        fmt::print(out, "wrote {}\n", o.output);
    }
    if (!o.csv_dir.empty()) {
        for (const auto& table : output::csv_tables_in(o.csv_dir)) {
            fmt::print(out, "wrote {}\n", table.string());
        }
    }
    if (o.output.empty() && o.csv_dir.empty()) {
        fmt::print(out, "no files written: give -o FILE.h5 and/or --csv DIR\n");
    }
}

} // namespace

output::Dimensions dimensions_of(const agents::ModelInput& in) {
    output::Dimensions d;
    for (const auto& p : in.providers) {
        d.providers.emplace_back(
            p.name, p.pilot ? output::ProviderKind::Pilot : output::ProviderKind::TeOffice,
            p.region < in.regions.size() ? in.regions[p.region].name : std::string());
    }
    for (const agents::MetricInfo& m : agents::metric_table()) { // in Metric order
        d.measures.push_back(
            {std::string(m.name), std::string(m.unit), std::string(m.description)});
    }
    for (const auto g : agents::kTargetGroups) {
        d.target_groups.emplace_back(g);
    }
    d.breakdown_groups = output::model_breakdown_groups();
    for (sim::Date m(in.start.year(), in.start.month(), 1); m <= in.end;) {
        d.months.emplace_back(std::chrono::year{m.year()},
                              std::chrono::month{static_cast<unsigned>(m.month())});
        m = m.month() == 12 ? sim::Date(m.year() + 1, 1, 1) : sim::Date(m.year(), m.month() + 1, 1);
    }
    return d;
}

output::Dimensions dimensions_of(const agents::ModelInput& input,
                                 const scenario::Scenario& scenario) {
    output::Dimensions d = dimensions_of(input);
    for (output::Provider& p : d.providers) {
        const std::string key = "providers." + p.name + ".municipalities";
        if (scenario.find(key) != nullptr) {
            p.municipalities = scenario.strings(key);
        }
    }
    return d;
}

int run_command(const RunOptions& o, std::ostream& out, std::ostream& err,
                const std::atomic<bool>& stop) {
    const char* cmd = o.compare ? "kokeilu compare" : "kokeilu run";
    const std::optional<std::vector<Loaded>> loaded = load_scenarios(o, cmd, err);
    if (!loaded) {
        return kUsageError;
    }
    const std::vector<Loaded>& scenarios = *loaded;
    const auto& first = scenarios.front().scenario;
    const auto seed = static_cast<std::uint64_t>(first.integer("scenario.seed"));
    const auto reps = static_cast<int>(first.integer("scenario.replications"));
    const auto window = headline_window(o, scenarios.front().input, cmd, err);
    if (!window) {
        return kUsageError;
    }

    bool unknown_area = false;
    const auto area = area_of(o, dimensions_of(scenarios.front().input), cmd, err, unknown_area);
    if (unknown_area) {
        return kUsageError;
    }

    // Everything that can fail before the run fails now: output paths, memory, disk.
    if (const int code = check_targets(o, input_files(scenarios), cmd, err); code != kOk) {
        return code;
    }
    std::vector<const agents::ModelInput*> inputs;
    for (const auto& l : scenarios) {
        inputs.push_back(&l.input);
    }
    if (const int code = check_estimate(o, inputs, reps, cmd, err); code != kOk) {
        return code;
    }
    const bool tracing = o.trace_sample > 0 || !o.trace_persons.empty();
    const output::ResultFile description = describe(scenarios, seed, reps, tracing);
    Outputs files(o, description, reps);
    const auto t0 = std::chrono::steady_clock::now();
    const Totals totals =
        simulate_all(o, scenarios, description.dimensions, area ? &*area : nullptr, *window, seed,
                     reps, files, cmd, err, stop);
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    files.commit(o.force, o.reproducible ? std::nullopt : std::optional<double>(wall));
    if (!o.quiet) {
        print_outcome(o, scenarios, totals, area, *window, seed, reps, wall, cmd, out);
    }
    return kOk;
}

} // namespace kokeilu::app
