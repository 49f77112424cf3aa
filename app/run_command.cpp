// `kokeilu run`.
#include "app/run_command.hpp"

#include "agents/jobseeker_model.hpp"
#include "app/exit_codes.hpp"
#include "output/csv.hpp"
#include "output/measures.hpp"
#include "output/result_file.hpp"
#include "scenario/build.hpp"
#include "scenario/scenario.hpp"

#include <fmt/core.h>
#include <fmt/ostream.h>

#include <unistd.h>

#include <algorithm>
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

int run_command(const RunOptions& o, std::ostream& out, std::ostream& err,
                const std::atomic<bool>& stop) {
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
    const std::uint64_t seed = o.seed.value_or(static_cast<std::uint64_t>(sc.integer("scenario.seed")));
    const int reps = o.replications.value_or(static_cast<int>(sc.integer("scenario.replications")));

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
    result.metadata.scenario_text = scenario::show_toml(sc);
    result.metadata.scenario_names = {input.name};
    result.metadata.seed = seed;
    result.metadata.replications = static_cast<std::uint32_t>(reps);
    result.metadata.kokeilu_version = KOKEILU_VERSION;
    result.metadata.git_revision = git_revision();
    result.dimensions = dimensions_of(input);
    const auto& dims = result.dimensions;

    const bool progress = !o.quiet && ::isatty(STDERR_FILENO) == 1;
    const auto t0 = std::chrono::steady_clock::now();
    const std::size_t months_total = dims.months.size() * static_cast<std::size_t>(reps);
    std::size_t months_done = 0;
    std::uint64_t events = 0;
    std::uint64_t stale = 0;
    std::uint64_t peak_live = 0;
    std::vector<output::MonthlyRow> rows;
    for (int rep = 0; rep < reps; ++rep) {
        std::vector<output::MonthlyRow> batch;
        std::uint32_t month_index = 0;
        const auto stats = agents::run_model(
            input, seed, static_cast<std::uint64_t>(rep), o.threads,
            [&](const agents::MonthPanel& panel) {
                batch.clear();
                for (std::uint32_t p = 0; p < dims.providers.size(); ++p) {
                    for (std::uint32_t g = 0; g < agents::kTargetGroups.size(); ++g) {
                        const bool all = g + 1 == agents::kTargetGroups.size();
                        for (std::uint32_t m = 0; m < agents::kMetricCount; ++m) {
                            const auto metric = static_cast<Metric>(m);
                            if (agents::metric_is_provider_level(metric) != all) {
                                continue;
                            }
                            if (!agents::metric_is_cohort(metric)) {
                                batch.push_back(output::MonthlyRow{
                                    0, static_cast<std::uint32_t>(rep), month_index, p, g, m,
                                    panel.value(p, g, metric)});
                                continue;
                            }
                            // A cohort outcome is filed under the month of registration.
                            const auto horizon =
                                static_cast<std::uint32_t>(agents::cohort_horizon(metric));
                            if (month_index >= horizon) {
                                batch.push_back(output::MonthlyRow{
                                    0, static_cast<std::uint32_t>(rep), month_index - horizon, p,
                                    g, m, panel.cohort(p, g, metric)});
                            }
                        }
                    }
                }
                rows.insert(rows.end(), batch.begin(), batch.end());
                ++month_index;
                ++months_done;
                if (progress) {
                    const double s = std::chrono::duration<double>(
                                         std::chrono::steady_clock::now() - t0).count();
                    const double eta = s / static_cast<double>(months_done) *
                                       static_cast<double>(months_total - months_done);
                    fmt::print(err, "\r{}  replication {}/{}  {:04}-{:02}  {:.1f} s elapsed, ETA {:.0f} s   ",
                               input.name, rep + 1, reps, panel.year, panel.month, s, eta);
                    err.flush();
                }
            },
            &stop);
        events += stats.events;
        stale += stats.stale_events;
        peak_live = std::max(peak_live, stats.peak_live);
        if (stats.interrupted) {
            if (progress) {
                err << '\n';
            }
            err << "kokeilu run: interrupted; no result file was written"
                << (o.output.empty() ? "" : " (" + o.output + " is unchanged)") << ".\n";
            return kInterrupted;
        }
    }
    if (progress) {
        err << '\n';
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!o.reproducible) {
        result.metadata.wall_time_s = wall;
    }
    if (writer) {
        writer->write(result.metadata, dims);
        writer->append_monthly(rows);
        writer->commit();
    }
    if (!o.csv_dir.empty()) {
        result.monthly = std::move(rows);
        output::export_csv(result, o.csv_dir);
    }
    if (!o.quiet) {
        fmt::print(out, "kokeilu run: {}, {} replication(s), seed {}, scale {}: {} events (and {} "
                        "cancelled) in {:.2f} s ({:.1f} M events/s), peak {} registered "
                        "(simulated)\n",
                   input.name, reps, seed, input.scale, events, stale, wall,
                   static_cast<double>(events) / std::max(wall, 1e-9) / 1e6, peak_live);
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
