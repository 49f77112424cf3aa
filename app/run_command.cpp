// `kokeilu run`.
#include "app/run_command.hpp"

#include "agents/jobseeker_model.hpp"
#include "app/exit_codes.hpp"
#include "app/scenario_commands.hpp"
#include "output/csv.hpp"
#include "output/measures.hpp"
#include "output/result_file.hpp"
#include "scenario/build.hpp"
#include "scenario/scenario.hpp"
#include "sim/replications.hpp"
#include "sim/summary.hpp"

#include <fmt/core.h>
#include <fmt/ostream.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <array>
#include <limits>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

namespace kokeilu::app {

namespace {

namespace fs = std::filesystem;
using agents::Metric;

output::Dimensions dimensions_of(const agents::ModelInput& in) {
    output::Dimensions d;
    for (const auto& p : in.providers) {
        d.providers.push_back(
            {p.name, p.pilot ? output::ProviderKind::Pilot : output::ProviderKind::TeOffice});
    }
    const auto catalogue = output::standard_measures();
    for (std::size_t m = 0; m < agents::kMetricCount; ++m) {
        const auto name = agents::metric_name(static_cast<Metric>(m));
        const auto it = std::find_if(catalogue.begin(), catalogue.end(),
                                     [&](const output::Measure& x) { return x.name == name; });
        if (it == catalogue.end()) {
            throw std::logic_error("measure `" + std::string(name) +
                                   "` is missing from output::standard_measures()");
        }
        d.measures.push_back(*it);
    }
    for (const auto g : agents::kTargetGroups) {
        d.target_groups.emplace_back(g);
    }
    for (sim::Date m(in.start.year(), in.start.month(), 1); m <= in.end;) {
        d.months.emplace_back(std::chrono::year{m.year()},
                              std::chrono::month{static_cast<unsigned>(m.month())});
        m = m.month() == 12 ? sim::Date(m.year() + 1, 1, 1) : sim::Date(m.year(), m.month() + 1, 1);
    }
    return d;
}

/// Fails early, before any work, if the CSV folder cannot be created or written.
void check_csv_dir(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir)) {
        throw output::OutputError("cannot create the CSV folder '" + dir.string() +
                                  "': " + (ec ? ec.message() : "not a directory"));
    }
    const fs::path probe = dir / (".kokeilu-write-test-" + std::to_string(::getpid()));
    {
        std::ofstream f(probe);
        if (!(f << "x") || !f.flush()) {
            throw output::OutputError("cannot write into the CSV folder '" + dir.string() + "'");
        }
    }
    fs::remove(probe, ec);
}

std::string git_revision() {
#ifdef KOKEILU_GIT_REVISION
    return KOKEILU_GIT_REVISION;
#else
    return ""; // output/SCHEMA.md: empty when the build did not know its commit
#endif
}

} // namespace

namespace {

/// One scenario of a run or comparison, loaded and resolved.
struct Loaded {
    std::string label; ///< name in the result file
    scenario::Scenario scenario;
    agents::ModelInput input;
};

/// Headline outcomes of one replication of one scenario, over the written months from
/// pilot.start on (or all months if the pilots start later).
struct Headline {
    double unemployed_mean = 0.0;        ///< persons, mean month-end stock
    double long_term_mean = 0.0;         ///< persons, unemployed 12 months or more
    double exits_employment = 0.0;       ///< persons, sum
    double first_contact_days = 0.0;     ///< days, mean weighted by first contacts
    double overdue_mean = 0.0;           ///< interviews overdue at month ends, mean
    double service_starts = 0.0;         ///< sum
    double spend_meur = 0.0;             ///< EUR million, all payers
};

struct HeadlineAccumulator {
    std::size_t months = 0;
    double contacts = 0.0;
    double contact_days = 0.0;
    Headline h;

    void add(const agents::MonthPanel& p, std::size_t providers, bool counts) {
        if (!counts) {
            return;
        }
        ++months;
        const std::size_t groups = agents::kTargetGroups.size();
        for (std::size_t pr = 0; pr < providers; ++pr) {
            for (std::size_t g = 0; g + 1 < groups; ++g) {
                h.unemployed_mean += p.value(pr, g, Metric::Unemployed);
                h.long_term_mean += p.value(pr, g, Metric::Unemployed12mPlus);
                h.exits_employment += p.value(pr, g, Metric::ExitsEmployment);
                h.service_starts += p.value(pr, g, Metric::ServiceStarts);
                h.spend_meur += (p.value(pr, g, Metric::SpendState) +
                                 p.value(pr, g, Metric::SpendMunicipality) +
                                 p.value(pr, g, Metric::SpendUnemploymentFunds)) / 1e6;
                const double fc = p.value(pr, g, Metric::FirstContacts);
                contacts += fc;
                contact_days += fc * p.value(pr, groups - 1, Metric::TimeToFirstContactMean);
            }
            h.overdue_mean += p.value(pr, groups - 1, Metric::InterviewsOverdue);
        }
    }
    [[nodiscard]] Headline result() const {
        Headline r = h;
        const double n = months > 0 ? static_cast<double>(months) : 1.0;
        r.unemployed_mean /= n;
        r.long_term_mean /= n;
        r.overdue_mean /= n;
        r.first_contact_days = contacts > 0.0 ? contact_days / contacts : 0.0;
        return r;
    }
};

struct HeadlineField {
    const char* name;
    double Headline::*field;
    int decimals;
};
constexpr std::array<HeadlineField, 7> kHeadlines{{
    {"unemployed, mean stock", &Headline::unemployed_mean, 0},
    {"long-term unemployed, mean", &Headline::long_term_mean, 0},
    {"exits to employment, total", &Headline::exits_employment, 0},
    {"days to first contact, mean", &Headline::first_contact_days, 2},
    {"interviews overdue, mean", &Headline::overdue_mean, 0},
    {"service starts, total", &Headline::service_starts, 0},
    {"spending, EUR million", &Headline::spend_meur, 1},
}};

double mean_of(const std::vector<double>& x) {
    double s = 0.0;
    for (const double v : x) {
        s += v;
    }
    return x.empty() ? 0.0 : s / static_cast<double>(x.size());
}

double variance_of(const std::vector<double>& x) {
    if (x.size() < 2) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    const double m = mean_of(x);
    double s = 0.0;
    for (const double v : x) {
        s += (v - m) * (v - m);
    }
    return s / static_cast<double>(x.size() - 1);
}

/// Prints each scenario's headline means and, for a comparison, the paired differences to the
/// first scenario with their 95 % intervals and the variance ratio of common random numbers.
void print_headlines(std::ostream& out, const std::vector<Loaded>& scenarios,
                     const std::vector<std::vector<Headline>>& by_scenario, const char* period) {
    fmt::print(out, "\nHeadline outcomes ({}), mean over replications:\n", period);
    // Columns as wide as the longest scenario name (at least 22, at most 40 characters).
    std::size_t width = 22;
    for (const auto& sc : scenarios) {
        width = std::max(width, std::min<std::size_t>(sc.label.size(), 40));
    }
    fmt::print(out, "{:<30}", "");
    for (const auto& sc : scenarios) {
        fmt::print(out, " {:>{}}", sc.label.substr(0, width), width);
    }
    fmt::print(out, "\n");
    for (const auto& f : kHeadlines) {
        fmt::print(out, "{:<30}", f.name);
        for (const auto& reps : by_scenario) {
            std::vector<double> x;
            for (const auto& h : reps) {
                x.push_back(h.*(f.field));
            }
            fmt::print(out, " {:>{}.{}f}", mean_of(x), width, f.decimals);
        }
        fmt::print(out, "\n");
    }
    if (scenarios.size() < 2) {
        return;
    }
    const std::size_t n = by_scenario.front().size();
    fmt::print(out, "\nDifferences to `{}`, paired by replication (common random numbers), with "
                    "95 % intervals{}:\n",
               scenarios.front().label, n < 2 ? " (need --reps 2 or more)" : "");
    for (std::size_t s = 1; s < scenarios.size(); ++s) {
        fmt::print(out, "  {}\n", scenarios[s].label);
        for (const auto& f : kHeadlines) {
            std::vector<double> d;
            std::vector<double> a;
            std::vector<double> b;
            for (std::size_t r = 0; r < n; ++r) {
                a.push_back(by_scenario[s][r].*(f.field));
                b.push_back(by_scenario[0][r].*(f.field));
                d.push_back(a.back() - b.back());
            }
            const double var_d = variance_of(d);
            if (n < 2) {
                fmt::print(out, "    {:<30} {:>+14.{}f}\n", f.name, mean_of(d), f.decimals);
                continue;
            }
            const auto summary = sim::summarise(d);
            const double independent = variance_of(a) + variance_of(b);
            const double ratio = independent > 0.0 ? var_d / independent
                                                   : std::numeric_limits<double>::quiet_NaN();
            fmt::print(out, "    {:<30} {:>+14.{}f} ± {:<12.{}f} variance ratio {:.3f}\n", f.name,
                       summary.mean, f.decimals, summary.half_width, f.decimals, ratio);
        }
    }
    fmt::print(out, "(variance ratio: variance of the paired differences over that of independent "
                    "runs; below 1 means common random numbers sharpen the comparison)\n");
}

} // namespace

int run_command(const RunOptions& o, std::ostream& out, std::ostream& err,
                const std::atomic<bool>& stop) {
    const char* cmd = o.compare ? "kokeilu compare" : "kokeilu run";
    std::vector<Loaded> scenarios;
    {
        std::vector<scenario::Diagnostic> all;
        const std::vector<std::string> files = o.files.empty() ? std::vector<std::string>{""}
                                                               : o.files;
        for (const auto& f : files) {
            try {
                Loaded l;
                auto checked = scenario::check_scenario(f, o.sets);
                print_diagnostics(checked.warnings, err);
                l.scenario = std::move(checked.scenario);
                l.input = std::move(checked.input);
                l.label = l.input.name;
                scenarios.push_back(std::move(l));
            } catch (const scenario::ConfigError& e) {
                all.insert(all.end(), e.diagnostics().begin(), e.diagnostics().end());
            }
        }
        if (!all.empty()) {
            print_diagnostics(all, err);
            return kUsageError;
        }
    }
    // Labels must be unique in the file: a repeated scenario.name falls back to the file name.
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (scenarios[j].label == scenarios[i].label) {
                scenarios[i].label = o.files[i].empty() ? std::string("built-in default")
                                                        : fs::path(o.files[i]).stem().string();
                if (scenarios[j].label == scenarios[i].label) {
                    scenarios[i].label += " (" + std::to_string(i + 1) + ")";
                }
            }
        }
    }
    const auto& first = scenarios.front();
    const output::Dimensions dims = dimensions_of(first.input);
    for (std::size_t i = 1; i < scenarios.size(); ++i) {
        if (!(dimensions_of(scenarios[i].input) == dims)) {
            err << cmd << ": error: `" << scenarios[i].label << "` has other providers or months "
                << "than `" << first.label << "`; compared scenarios must share them.\n";
            return kUsageError;
        }
    }
    const std::uint64_t seed =
        o.seed.value_or(static_cast<std::uint64_t>(first.scenario.integer("scenario.seed")));
    const int reps =
        o.replications.value_or(static_cast<int>(first.scenario.integer("scenario.replications")));

    // Everything that can fail on the output side fails now, not after the run.
    std::unique_ptr<output::ResultWriter> writer;
    if (!o.output.empty()) {
        // A missing folder is made (results/ in a fresh clone); an unwritable one fails here.
        const fs::path parent = fs::path(o.output).parent_path();
        std::error_code ec;
        if (!parent.empty() && !fs::exists(parent, ec)) {
            fs::create_directories(parent, ec);
        }
        writer = std::make_unique<output::ResultWriter>(o.output, o.force);
    }
    if (!o.csv_dir.empty()) {
        if (!o.force && fs::exists(fs::path(o.csv_dir) / "monthly.csv")) {
            throw output::OutputError("'" + (fs::path(o.csv_dir) / "monthly.csv").string() +
                                      "' exists; use --force to replace it");
        }
        check_csv_dir(o.csv_dir);
    }

    output::ResultFile result;
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        if (scenarios.size() > 1) {
            result.metadata.scenario_text += std::string(kScenarioHeading) + std::to_string(i) +
                                             ": " + scenarios[i].label + " ====\n";
        }
        result.metadata.scenario_text += scenario::show_toml(scenarios[i].scenario);
        result.metadata.scenario_names.push_back(scenarios[i].label);
    }
    result.metadata.seed = seed;
    result.metadata.replications = static_cast<std::uint32_t>(reps);
    result.metadata.kokeilu_version = KOKEILU_VERSION;
    result.metadata.git_revision = git_revision();
    result.dimensions = dims;
    const bool tracing = o.trace_sample > 0 || !o.trace_persons.empty();
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
    agents::TraceOptions trace;
    trace.persons = o.trace_persons;
    trace.sample = o.trace_sample;

    const bool progress = !o.quiet && ::isatty(STDERR_FILENO) == 1;
    const auto t0 = std::chrono::steady_clock::now();
    const std::size_t runs = static_cast<std::size_t>(reps) * scenarios.size();
    const std::size_t months_total = dims.months.size() * runs;
    std::atomic<std::size_t> months_done{0};
    std::atomic<std::uint64_t> events_done{0};
    std::mutex progress_mutex;

    /// Everything one (replication, scenario) run produces; runs fill their own.
    struct RunOutput {
        std::vector<output::MonthlyRow> rows;
        std::vector<output::TraceRow> traces;
        Headline headline;
        agents::ModelRunStats stats;
    };
    // Several runs side by side, one thread each, when there are several; one run uses all
    // threads. Either way each run's results depend only on (seed, replication, scenario).
    const bool side_by_side = runs > 1 && o.threads > 1;
    auto one_run = [&](std::size_t run) {
        const auto rep = static_cast<std::uint32_t>(run / scenarios.size());
        const auto sc = static_cast<std::uint32_t>(run % scenarios.size());
        const auto& input = scenarios[sc].input;
        const sim::Date headline_from = std::max(input.pilot_start, input.start);
        RunOutput r;
        HeadlineAccumulator acc;
        std::uint32_t month_index = 0;
        std::uint64_t events_before = 0;
        r.stats = agents::run_model(
            input, seed, rep, side_by_side ? 1 : o.threads,
            [&](const agents::MonthPanel& panel) {
                for (std::uint32_t p = 0; p < dims.providers.size(); ++p) {
                    for (std::uint32_t g = 0; g < agents::kTargetGroups.size(); ++g) {
                        const bool all = g + 1 == agents::kTargetGroups.size();
                        for (std::uint32_t m = 0; m < agents::kMetricCount; ++m) {
                            const auto metric = static_cast<Metric>(m);
                            if (agents::metric_is_provider_level(metric) != all) {
                                continue;
                            }
                            if (!agents::metric_is_cohort(metric)) {
                                r.rows.push_back(output::MonthlyRow{sc, rep, month_index, p, g, m,
                                                                    panel.value(p, g, metric)});
                                continue;
                            }
                            // A cohort outcome is filed under the month of registration.
                            const auto horizon =
                                static_cast<std::uint32_t>(agents::cohort_horizon(metric));
                            if (month_index >= horizon) {
                                r.rows.push_back(output::MonthlyRow{sc, rep, month_index - horizon,
                                                                    p, g, m,
                                                                    panel.cohort(p, g, metric)});
                            }
                        }
                    }
                }
                for (const auto& e : panel.traces) {
                    r.traces.push_back(output::TraceRow{
                        sc, rep, e.person, e.time, static_cast<std::uint32_t>(e.event),
                        static_cast<std::uint32_t>(e.from), static_cast<std::uint32_t>(e.to),
                        e.provider});
                }
                acc.add(panel, dims.providers.size(),
                        sim::Date(panel.year, panel.month, 1) >=
                            sim::Date(headline_from.year(), headline_from.month(), 1));
                ++month_index;
                events_done += panel.events - events_before;
                events_before = panel.events;
                const std::size_t done = ++months_done;
                if (progress) {
                    const std::lock_guard lock(progress_mutex);
                    const double secs = std::chrono::duration<double>(
                                            std::chrono::steady_clock::now() - t0).count();
                    const double eta = secs / static_cast<double>(done) *
                                       static_cast<double>(months_total - done);
                    fmt::print(err, "\r{}  replication {}/{}  {:04}-{:02}  {:.1f} M events/s, "
                                    "{:.0f} s elapsed, ETA {:.0f} s   ",
                               scenarios[sc].label, rep + 1, reps, panel.year, panel.month,
                               static_cast<double>(events_done.load()) / std::max(secs, 1e-9) / 1e6,
                               secs, eta);
                    err.flush();
                }
            },
            &stop, trace);
        r.headline = acc.result();
        return r;
    };
    std::vector<RunOutput> outputs;
    if (side_by_side) {
        outputs = sim::run_replications(runs, o.threads, one_run);
    } else {
        for (std::size_t run = 0; run < runs && !stop.load(); ++run) {
            outputs.push_back(one_run(run));
        }
    }
    std::uint64_t events = 0;
    std::uint64_t stale = 0;
    std::uint64_t peak_live = 0;
    std::vector<output::MonthlyRow> rows;
    std::vector<output::TraceRow> traces;
    std::vector<std::vector<Headline>> headlines(scenarios.size());
    bool interrupted = outputs.size() < runs;
    for (std::size_t run = 0; run < outputs.size(); ++run) {
        auto& r = outputs[run];
        interrupted = interrupted || r.stats.interrupted;
        events += r.stats.events;
        stale += r.stats.stale_events;
        peak_live = std::max(peak_live, r.stats.peak_live);
        if (rows.empty()) {
            rows = std::move(r.rows); // one run: no copy of its rows at the memory peak
        } else {
            rows.insert(rows.end(), r.rows.begin(), r.rows.end());
        }
        traces.insert(traces.end(), r.traces.begin(), r.traces.end());
        headlines[run % scenarios.size()].push_back(r.headline);
        r = RunOutput{};
    }
    if (interrupted) {
        if (progress) {
            err << '\n';
        }
        err << cmd << ": interrupted; no result file was written"
            << (o.output.empty() ? "" : " (" + o.output + " is unchanged)") << ".\n";
        return kInterrupted;
    }
    if (progress) {
        err << '\n';
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!o.reproducible) {
        result.metadata.wall_time_s = wall;
    }
    // With two or more replications the file also holds every cell's mean, standard error
    // and 95 % Student-t interval over them.
    std::vector<output::SummaryRow> summary;
    if (reps >= 2) {
        summary = output::summarise_monthly(rows);
    }
    if (writer) {
        writer->write(result.metadata, result.dimensions);
        writer->append_monthly(rows);
        if (!traces.empty()) {
            writer->append_traces(traces);
        }
        if (!summary.empty()) {
            writer->append_summary(summary);
        }
        writer->commit();
    }
    if (!o.csv_dir.empty()) {
        result.monthly = std::move(rows);
        result.traces = std::move(traces);
        result.summary = std::move(summary);
        output::export_csv(result, o.csv_dir);
    }
    if (!o.quiet) {
        fmt::print(out, "{}: {} scenario(s) x {} replication(s), seed {}, scale {}: {} events "
                        "(and {} cancelled) in {:.2f} s ({:.1f} M events/s), peak {} registered "
                        "(simulated)\n",
                   cmd, scenarios.size(), reps, seed, first.input.scale, events, stale, wall,
                   static_cast<double>(events) / std::max(wall, 1e-9) / 1e6, peak_live);
        const sim::Date from = std::max(first.input.pilot_start, first.input.start);
        const std::string period =
            fmt::format("{:04}-{:02} to {:04}-{:02}", from.year(), from.month(),
                        first.input.end.year(), first.input.end.month());
        print_headlines(out, scenarios, headlines, period.c_str());
        if (!o.output.empty()) {
            fmt::print(out, "wrote {}\n", o.output);
        }
        if (!o.csv_dir.empty()) {
            fmt::print(out, "wrote {}\n", (fs::path(o.csv_dir) / "monthly.csv").string());
        }
        if (o.output.empty() && o.csv_dir.empty()) {
            fmt::print(out, "no files written: give -o FILE.h5 and/or --csv DIR\n");
        }
    }
    return kOk;
}

} // namespace kokeilu::app
