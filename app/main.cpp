// The kokeilu command line: subcommands and the mapping of errors to exit codes.
#include "analysis/report.hpp"
#include "app/demo.hpp"
#include "app/evidence_command.hpp"
#include "app/exit_codes.hpp"
#include "app/graphviz.hpp"
#include "app/headline_window.hpp"
#include "app/run_command.hpp"
#include "app/scenario_commands.hpp"
#include "app/signals.hpp"
#include "app/sweep_command.hpp"
#include "app/trace_command.hpp"
#include "output/csv.hpp"
#include "output/error.hpp"
#include "output/output_set.hpp"
#include "output/result_file.hpp"
#include "scenario/pathway.hpp"
#include "scenario/reference.hpp"
#include "scenario/scenario.hpp"
#include "scenario/schema.hpp"
#include "sim/error.hpp"
#include "sim/interrupt.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

constexpr const char* kExitCodes = R"(Exit codes:
  0    success
  1    unexpected internal error (a bug: please report it)
  2    bad command line or invalid input; nothing was run or written
  3    a file could not be read or written
  130  interrupted (Ctrl-C or SIGTERM; SIGUSR1 for sweep run))";

/// The range of `--seed`: that of `scenario.seed` (0 to 2^63 - 1). Checked on the text, since
/// CLI11 would clamp a larger number to the largest int64 instead of refusing it.
const CLI::Validator kSeedRange(
    [](std::string& text) -> std::string {
        std::int64_t value = 0;
        const char* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data(), end, value);
        if (ec != std::errc{} || ptr != end || value < 0) {
            return "--seed must be an integer from 0 to 9223372036854775807 (2^63 - 1), got " +
                   text;
        }
        return {};
    },
    "");

/// Edit distance, for the did-you-mean of an unknown command.
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0U : 1U)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

/// An unknown first word gets "unknown command" with a did-you-mean, not CLI11's "A
/// subcommand is required". Returns kOk or kUsageError.
int check_subcommand(const CLI::App& app, int argc, char** argv) {
    if (argc < 2 || argv[1][0] == '-') {
        return kokeilu::app::kOk;
    }
    const std::string word = argv[1];
    std::string best;
    std::size_t best_distance = 3;
    std::string names;
    for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (sub->get_name() == word) {
            return kokeilu::app::kOk;
        }
        names += (names.empty() ? "" : ", ") + sub->get_name();
        const std::size_t d = edit_distance(word, sub->get_name());
        if (d < best_distance) {
            best_distance = d;
            best = sub->get_name();
        }
    }
    std::cerr << "kokeilu: error: unknown command `" << word << "`"
              << (best.empty() ? "" : "; did you mean `" + best + "`?")
              << "\nThe commands: " << names << ". Run `kokeilu --help` for more.\n";
    return kokeilu::app::kUsageError;
}

/// A command that finished while a stop was requested (one that writes nothing and does not
/// poll the flag, e.g. `validate`) still ends with exit code 130. A request that came after
/// the results were renamed into place came too late to stop anything: the results are whole
/// and new, so the exit code is 0 (130 promises that existing results are unchanged).
int after_command(int code) {
    if (code == kokeilu::app::kOk && kokeilu::interrupt_requested()) {
        if (kokeilu::output::results_placed()) {
            std::cerr << "kokeilu: the stop request came after the results were written; "
                         "they are complete.\n";
            return code;
        }
        std::cerr << "kokeilu: interrupted.\n";
        return kokeilu::app::kInterrupted;
    }
    return code;
}

/// Refuses (exit 2) an output path that is the command's input file.
int refuse_input_as_output(const char* cmd, const std::string& input,
                           const std::vector<std::filesystem::path>& outputs) {
    for (const auto& out : outputs) {
        if (kokeilu::output::same_file(out, input)) {
            std::cerr << cmd << ": error: the output '" << out.string() << "' is the input '"
                      << input << "'; choose another output name. Nothing was written.\n";
            return kokeilu::app::kUsageError;
        }
    }
    return kokeilu::app::kOk;
}

/// The options of `kokeilu sweep` and its subcommands.
struct SweepCli {
    CLI::App* sweep = nullptr;
    CLI::App* plan = nullptr;
    CLI::App* run = nullptr;
    CLI::App* status = nullptr;
    CLI::App* merge = nullptr;
    CLI::App* slurm = nullptr;
    kokeilu::app::SweepPlanOptions plan_options;
    kokeilu::app::SweepRunOptions run_options;
    kokeilu::app::SweepMergeOptions merge_options;
    std::string shard;
    std::size_t shards = 0;
    std::string status_dir;
    bool mpi = false;
    kokeilu::app::SweepSlurmOptions slurm_options;
    std::string partition;
    std::string time;
    std::size_t max_array = 0;
    std::size_t throttle = 0;
};

void add_slurm_command(SweepCli& s) {
    s.slurm = s.sweep->add_subcommand(
        "slurm", "Write the sbatch scripts of a sweep: job arrays of one shard per task and a "
                 "merge job after them; --submit submits them");
    auto& o = s.slurm_options;
    s.slurm->add_option("dir", o.dir, "Folder of the sweep (planned with `sweep plan`)")
        ->required();
    s.slurm->add_option("--partition", s.partition, "Partition of every job");
    s.slurm->add_option("--time", s.time, "Time limit of every job (SLURM's formats)");
    s.slurm
        ->add_option("--max-array", s.max_array,
                     "Array size limit (default: MaxArraySize of `scontrol show config`, else "
                     "1001); more shards make several arrays")
        ->check(CLI::Range(std::size_t{1}, std::size_t{4000001}));
    s.slurm->add_option("--throttle", s.throttle, "At most K array tasks running at once (%K)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
    s.slurm->add_option("--cpus-per-task", o.cpus_per_task, "CPUs, and threads, of each task")
        ->check(CLI::Range(1, 1024))
        ->capture_default_str();
    s.slurm->add_option("-o,--output", o.output, "Merged result file (default DIR/merged.h5)");
    s.slurm->add_flag("--resume", o.resume, "Only the shards that are not done yet");
    s.slurm->add_flag("--submit", o.submit, "Submit with sbatch and print the job ids");
}

/// `kokeilu sweep slurm`: its options as given.
int sweep_slurm_command(SweepCli& s) {
    auto& o = s.slurm_options;
    if (s.slurm->count("--partition") > 0) {
        o.partition = s.partition;
    }
    if (s.slurm->count("--time") > 0) {
        o.time = s.time;
    }
    if (s.max_array > 0) {
        o.max_array = s.max_array;
    }
    if (s.throttle > 0) {
        o.throttle = s.throttle;
    }
    return kokeilu::app::sweep_slurm(o, std::cout, std::cerr);
}

void add_sweep_commands(CLI::App& app, SweepCli& s, std::vector<std::string>& sets) {
    s.sweep = app.add_subcommand(
        "sweep", "Parameter sweeps: plan the points of a design, run them in shards (resumable), "
                 "see what is done, merge the shards into one result file (docs/SWEEPS.md)");
    s.sweep->require_subcommand(1);
    s.plan = s.sweep->add_subcommand(
        "plan", "Resolve a sweep file's design into its points and write DIR/manifest");
    s.plan->add_option("file", s.plan_options.file, "Sweep file (a scenario with a [design])")
        ->required();
    s.plan->add_option("-o,--output", s.plan_options.dir, "Folder of the sweep (new or empty)")
        ->required();
    s.plan->add_option("--set", sets, "Override a scenario key in every point (repeatable)");
    s.plan
        ->add_option("--shards", s.shards,
                     "Number of shards (default: about 15 core-minutes "
                     "each)")
        ->check(CLI::Range(1, 1000000));
    s.plan->add_flag("--yes", s.plan_options.yes, "Allow a design of more than 1000 points");
    s.plan->add_flag("--quiet", s.plan_options.quiet, "Print only the file written");
    s.run = s.sweep->add_subcommand(
        "run", "Run what is missing of a sweep's shards (all, or those of --shard I/N)");
    s.run->add_option("dir", s.run_options.dir, "Folder of the sweep")->required();
    s.run->add_option("--shard", s.shard,
                      "Run only the plan's shards k with k % N == I - 1 (I of N processes)");
    s.run->add_option("--threads", s.run_options.threads, "Threads to use (0 = all cores)")
        ->check(CLI::Range(0, 1024))
        ->capture_default_str();
    s.run->add_flag(
        "--mpi", s.mpi,
        "Under mpirun: rank 0 hands out the shards, one at a time, to the rank that asks");
    s.run->add_flag("--quiet", s.run_options.quiet, "No progress lines");
    s.status = s.sweep->add_subcommand("status", "Done and missing shards of a sweep's folder");
    s.status->add_option("dir", s.status_dir, "Folder of the sweep")->required();
    s.merge = s.sweep->add_subcommand(
        "merge", "Merge a finished sweep's shards into one result file with a /points table");
    s.merge->add_option("dir", s.merge_options.dir, "Folder of the sweep")->required();
    s.merge->add_option("-o,--output", s.merge_options.output, "Result file to write (.h5)")
        ->required();
    s.merge->add_flag("--force", s.merge_options.force, "Replace the result file if it exists");
    add_slurm_command(s);
}

/// Runs the chosen `kokeilu sweep` subcommand; returns its exit code.
int sweep_command(SweepCli& s, const std::vector<std::string>& sets,
                  const std::atomic<bool>& stop) {
    using namespace kokeilu::app;
    if (s.mpi && !s.shard.empty()) {
        std::cerr << "kokeilu sweep run: error: --mpi hands out every shard that is not done; "
                     "it does not take --shard\n";
        return kUsageError;
    }
#ifndef KOKEILU_HAVE_MPI
    if (s.mpi) {
        std::cerr << "kokeilu sweep run: error: this kokeilu was built without MPI (install "
                     "libopenmpi-dev, e.g. with tools/install-deps.sh, and configure again); run "
                     "the shards with `kokeilu sweep run DIR --shard I/N` or as SLURM job arrays "
                     "with `kokeilu sweep slurm`. docs/SWEEPS.md\n";
        return kUsageError;
    }
#endif
    if (*s.slurm) {
        return sweep_slurm_command(s);
    }
    if (*s.plan) {
        s.plan_options.sets = sets;
        if (s.shards > 0) {
            s.plan_options.shards = s.shards;
        }
        return sweep_plan(s.plan_options, std::cout, std::cerr);
    }
    if (*s.run) {
        if (!s.shard.empty()) {
            const auto parsed = parse_shard(s.shard);
            if (!parsed) {
                std::cerr << "kokeilu sweep run: error: --shard must be I/N with 1 <= I <= N, got "
                          << s.shard << '\n';
                return kUsageError;
            }
            s.run_options.shard = parsed->first;
            s.run_options.of = parsed->second;
        }
        if (s.run_options.threads == 0) {
            s.run_options.threads = static_cast<int>(std::thread::hardware_concurrency());
        }
#ifdef KOKEILU_HAVE_MPI
        if (s.mpi) {
            return sweep_run_mpi(s.run_options, std::cout, std::cerr, stop);
        }
#endif
        return sweep_run(s.run_options, std::cout, std::cerr, stop);
    }
    if (*s.status) {
        return sweep_status(s.status_dir, std::cout, std::cerr);
    }
    return sweep_merge(s.merge_options, std::cout, std::cerr);
}

} // namespace

/// What the report draws from the scenario texts stored in a result file: each scenario's
/// service pathways laid out by Graphviz, and the settings in which the scenarios differ.
/// A scenario text that does not load (a file from another version) gives a warning and no
/// drawings, not an error: the report is still useful without them.
struct ScenarioExtras {
    std::vector<kokeilu::analysis::ReportFigure> figures;
    std::vector<kokeilu::analysis::KeyDifference> differences;
    /// The reference's (first scenario's) pilot.start and pilot.end, when its text loads.
    std::optional<std::pair<kokeilu::sim::Date, kokeilu::sim::Date>> pilot;
};

ScenarioExtras scenario_extras(const kokeilu::output::ResultFile& file, std::ostream& err) {
    ScenarioExtras extras;
    const std::vector<std::string>& texts = file.metadata.scenario_texts;
    std::vector<std::map<std::string, std::string>> settings;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const std::string& scenario_name = file.metadata.scenario_names[i]; // one per text
        try {
            kokeilu::scenario::LoadOptions options;
            options.text = texts[i];
            const auto sc = kokeilu::scenario::load_scenario(options);
            if (i == 0) {
                extras.pilot = std::make_pair(sc.date("pilot.start"), sc.date("pilot.end"));
            }
            std::map<std::string, std::string> values;
            for (const auto& [key, entry] : sc.values()) {
                values[key] = kokeilu::scenario::to_toml(entry.value);
            }
            for (const auto& change : sc.timeline()) {
                for (const auto& [key, entry] : change.set) {
                    auto& v = values[key + " (from " + change.date.to_string() + ")"];
                    v = kokeilu::scenario::to_toml(entry.value);
                }
            }
            settings.push_back(std::move(values));
            std::vector<std::string> used;
            for (const auto& p : sc.names("providers")) {
                const auto& m = sc.string("providers." + p + ".service_model");
                if (std::find(used.begin(), used.end(), m) == used.end()) {
                    used.push_back(m);
                }
            }
            std::sort(used.begin(), used.end());
            for (const auto& m : used) {
                extras.figures.push_back(
                    {scenario_name + ": service model " + m,
                     kokeilu::app::dot_to_svg(kokeilu::scenario::service_model_dot(sc, m))});
            }
        } catch (const std::exception& e) {
            err << "kokeilu report: warning: no pathway drawings for scenario `" << scenario_name
                << "`: " << e.what() << '\n';
        }
    }
    if (settings.size() >= 2 && settings.size() == texts.size()) {
        std::set<std::string> keys;
        for (const auto& m : settings) {
            for (const auto& [k, v] : m) {
                keys.insert(k);
            }
        }
        for (const auto& k : keys) {
            kokeilu::analysis::KeyDifference d;
            d.key = k;
            bool differs = false;
            for (const auto& m : settings) {
                const auto it = m.find(k);
                d.values.push_back(it == m.end() ? std::string("–") : it->second);
                differs = differs || d.values.back() != d.values.front();
            }
            if (differs) {
                extras.differences.push_back(std::move(d));
            }
        }
    }
    return extras;
}

std::chrono::year_month month_of(kokeilu::sim::Date d) {
    return std::chrono::year{d.year()} / std::chrono::month{static_cast<unsigned>(d.month())};
}

/// What `kokeilu report` shows besides the file: the drawings, the settings that differ, and
/// the headline window as `kokeilu compare` chose it (--window, else the reference's pilot
/// period within the file's months, else all of them). Prints an error and returns nothing
/// for a bad --window.
std::optional<kokeilu::analysis::ReportOptions>
report_options(const kokeilu::output::ResultFile& file, const std::string& window) {
    ScenarioExtras extras = scenario_extras(file, std::cerr);
    kokeilu::analysis::ReportOptions options;
    options.figures = std::move(extras.figures);
    options.differences = std::move(extras.differences);
    const auto& months = file.dimensions.months;
    if (months.empty()) {
        return options;
    }
    const auto pilot_from = extras.pilot ? month_of(extras.pilot->first) : months.front();
    const auto pilot_to = extras.pilot ? month_of(extras.pilot->second) : months.back();
    const auto w = kokeilu::app::headline_window(window, months.front(), months.back(), pilot_from,
                                                 pilot_to, "kokeilu report", std::cerr);
    if (!w) {
        return std::nullopt;
    }
    options.window = kokeilu::analysis::MonthWindow{w->from, w->to};
    return options;
}

constexpr const char* kSetHelp =
    "Override a scenario key, e.g. --set pilot.end=2023-06-30 (repeatable)";

/// Every subcommand and the options CLI11 fills in. Built once in `main` and never moved
/// (CLI11 keeps the addresses of the members).
struct Commands {
    std::vector<std::string> sets; ///< --set of whichever command takes it

    CLI::App* demo = nullptr;
    kokeilu::app::DemoOptions demo_options;

    CLI::App* validate = nullptr;
    std::vector<std::string> validate_files;
    CLI::App* show = nullptr;
    std::string show_file;
    CLI::App* graph = nullptr;
    std::string graph_file;
    std::string graph_provider;
    std::string graph_model;
    CLI::App* keys = nullptr;
    bool keys_markdown = false;

    CLI::App* export_cmd = nullptr;
    std::string export_file;
    std::string export_csv_dir;
    bool export_force = false;
    CLI::App* report = nullptr;
    std::string report_file;
    std::string report_out;
    bool report_force = false;
    std::string report_window;

    CLI::App* run = nullptr;
    CLI::App* compare = nullptr;
    kokeilu::app::RunOptions run_options;
    std::string run_file;
    std::vector<std::string> compare_files;

    CLI::App* evidence = nullptr;
    kokeilu::app::EvidenceOptions evidence_options;

    CLI::App* trace = nullptr;
    kokeilu::app::TraceCommandOptions trace_options;
    std::optional<std::int64_t> trace_seed;

    SweepCli sweep;
};

void add_demo_command(CLI::App& app, Commands& c) {
    auto& o = c.demo_options;
    c.demo = app.add_subcommand(
        "demo", "Run the engine demonstration: an M/M/c queueing network checked against its "
                "exact (Jackson) solution");
    c.demo->add_option("--reps", o.replications, "Replications")
        ->check(CLI::Range(2, 10000))
        ->capture_default_str();
    c.demo->add_option("--threads", o.threads, "Threads to use (0 = all cores)")
        ->check(CLI::Range(0, 1024))
        ->capture_default_str();
    c.demo->add_option("--seed", o.seed, "Random seed")->capture_default_str();
    c.demo->add_option("--days", o.days, "Simulated days per replication")
        ->check(CLI::Range(10.0, 1e6))
        ->capture_default_str();
}

/// validate, show, graph and keys: commands that read scenarios and run nothing.
void add_scenario_tools(CLI::App& app, Commands& c) {
    c.validate = app.add_subcommand(
        "validate", "Check scenario files; print one line per valid file, or every error");
    c.validate->add_option("files", c.validate_files,
                           "Scenario files (none: the built-in default scenario)");
    c.validate->add_option("--set", c.sets, kSetHelp);

    c.show = app.add_subcommand(
        "show", "Print the fully resolved scenario as TOML, each value with where it came from");
    c.show->add_option("file", c.show_file, "Scenario file (default: the built-in scenario)");
    c.show->add_option("--set", c.sets, kSetHelp);

    c.graph = app.add_subcommand("graph", "Print a provider's service pathway as Graphviz DOT");
    c.graph->add_option("file", c.graph_file, "Scenario file (default: the built-in scenario)");
    auto* prov_opt = c.graph->add_option("--provider", c.graph_provider, "Provider name");
    auto* model_opt = c.graph->add_option("--model", c.graph_model, "Service model name");
    prov_opt->excludes(model_opt);
    c.graph->add_option("--set", c.sets, kSetHelp);

    c.keys = app.add_subcommand(
        "keys", "List every scenario key with its type, unit, default, range and source");
    c.keys->add_flag("--markdown", c.keys_markdown,
                     "Print the Markdown reference (configs/README.md)");
}

/// export and report: commands that read a result file.
void add_result_tools(CLI::App& app, Commands& c) {
    c.export_cmd = app.add_subcommand(
        "export", "Export a result file's tables as tidy CSV (monthly.csv, measures.csv)");
    c.export_cmd->add_option("file", c.export_file, "Result file (.h5)")->required();
    c.export_cmd->add_option("--csv", c.export_csv_dir, "Folder to write the CSV files into")
        ->required();
    c.export_cmd->add_flag("--force", c.export_force, "Replace CSV files that exist in the folder");

    c.report = app.add_subcommand(
        "report", "Write a result file's workshop report: one self-contained HTML file with "
                  "charts and paired differences");
    c.report->add_option("file", c.report_file, "Result file (.h5)")->required();
    c.report->add_option("-o,--output", c.report_out, "HTML file to write")->required();
    c.report->add_flag("--force", c.report_force, "Replace the HTML file if it exists");
    c.report->add_option("--window", c.report_window,
                         "Months of the headline panel, FROM..TO (YYYY-MM..YYYY-MM), as given "
                         "to `compare` (default: the first scenario's pilot period)");
}

/// The options `run` and `compare` share.
void add_run_options(CLI::App* cmd, Commands& c) {
    auto& run = c.run_options;
    cmd->add_option("-o,--output", run.output, "Result file to write (HDF5, .h5)");
    cmd->add_option("--csv", run.csv_dir, "Folder to write tidy CSV tables into");
    cmd->add_option("--reps", run.replications, "Replications (default: scenario.replications)")
        ->check(CLI::Range(1, 100000));
    cmd->add_option("--seed", run.seed, "Random seed, 0 to 2^63-1 (default: scenario.seed)")
        ->check(kSeedRange);
    cmd->add_option("--threads", run.threads, "Threads to use (0 = all cores)")
        ->check(CLI::Range(0, 1024))
        ->capture_default_str();
    cmd->add_option("--set", c.sets, kSetHelp);
    cmd->add_option("--trace", run.trace_persons,
                    "Person ids whose every event goes to the file's trace table (repeatable)");
    cmd->add_option("--trace-sample", run.trace_sample,
                    "Trace about N persons spread evenly over everyone who registers")
        ->check(CLI::Range(0, 1000000));
    cmd->add_option("--window", run.window,
                    "Months of the headline outcomes, FROM..TO (YYYY-MM..YYYY-MM), the same "
                    "for every scenario (default: the first scenario's pilot period)");
    auto* provider_opt = cmd->add_option(
        "--provider", run.provider,
        "Print the headline outcomes of this provider (a pilot area or TE office) only");
    cmd->add_option("--region", run.region,
                    "Print the headline outcomes of this TE-office region's providers only")
        ->excludes(provider_opt);
    cmd->add_flag("--quiet", run.quiet, "No progress or summary");
    cmd->add_flag("--reproducible", run.reproducible,
                  "Leave the wall time out of the result file (byte-identical reruns)");
    cmd->add_flag("--force", run.force, "Replace existing result files");
}

void add_run_commands(CLI::App& app, Commands& c) {
    c.run = app.add_subcommand(
        "run", "Run a scenario with the jobseeker model (default: the built-in Finland 2019-2024 "
               "scenario) and write its monthly results");
    c.run->add_option("file", c.run_file, "Scenario file (default: the built-in scenario)");
    add_run_options(c.run, c);
    c.compare = app.add_subcommand(
        "compare", "Run several scenarios with common random numbers (the same seeds and "
                   "replications) into one result file, and print their paired differences");
    c.compare
        ->add_option("files", c.compare_files,
                     "Two or more scenario files (the first is the reference; \"\" is the "
                     "built-in default)")
        ->required()
        ->expected(2, 1000)
        ->type_name("FILE FILE...");
    add_run_options(c.compare, c);
}

void add_evidence_command(CLI::App& app, Commands& c) {
    auto& evidence = c.evidence_options;
    c.evidence = app.add_subcommand(
        "evidence", "Check the model against the evidence (configs/evidence.toml): each expected "
                    "response to a change run as a paired experiment with common random numbers; "
                    "exit code 1 if any check fails");
    c.evidence->add_option("file", evidence.file,
                           "Evidence file (default: the built-in configs/evidence.toml)");
    c.evidence
        ->add_option("--scale", evidence.scale,
                     "population.scale of every run (default: the file's [run] scale, else the "
                     "scenarios')")
        ->check(CLI::Range(1e-9, 10.0));
    c.evidence
        ->add_option("--reps", evidence.replications,
                     "Replications of every scenario (default: the file's [run] reps, else 2)")
        ->check(CLI::Range(2, 100000));
    c.evidence
        ->add_option("--seed", evidence.seed,
                     "Random seed, 0 to 2^63-1 (default: the file's [run] seed, else 1)")
        ->check(kSeedRange);
    c.evidence->add_option("--threads", evidence.threads, "Threads to use (0 = all cores)")
        ->check(CLI::Range(0, 1024))
        ->capture_default_str();
    c.evidence->add_option("--only", evidence.only, "Run only this check (repeatable)");
    c.evidence->add_option("--set", c.sets, "Override a scenario key in every run (repeatable)");
    c.evidence->add_flag("--quiet", evidence.quiet, "No progress on standard error");
    c.evidence->footer("Exit codes of `kokeilu evidence`: 0 every check passes, 1 a check "
                       "fails, 2 bad input (the evidence file or a scenario; nothing was run), "
                       "130 interrupted.\nThe checks, their pass rules and sources: "
                       "docs/VALIDATION.md.");
}

void add_trace_command(CLI::App& app, Commands& c) {
    auto& o = c.trace_options;
    c.trace = app.add_subcommand(
        "trace", "Print one person's life in a run, event by event (the same history as "
                 "`kokeilu run` with the same scenario and seed)");
    c.trace->add_option("file", o.file, "Scenario file (default: the built-in scenario)");
    c.trace->add_option("--agent", o.agent, "Person id (as in traces.csv)")->required();
    c.trace->add_option("--from", o.from, "First day to show, YYYY-MM-DD");
    c.trace->add_option("--to", o.to, "Last day to show, YYYY-MM-DD");
    c.trace->add_option("--seed", c.trace_seed, "Random seed, 0 to 2^63-1 (default: scenario.seed)")
        ->check(kSeedRange);
    c.trace->add_option("--rep", o.replication, "Replication number (0-based)")
        ->capture_default_str();
    c.trace->add_option("--set", c.sets, kSetHelp);
}

/// `kokeilu keys`: every key, or the Markdown reference.
int keys_command(bool markdown) {
    if (markdown) {
        std::cout << kokeilu::scenario::keys_markdown();
        return kokeilu::app::kOk;
    }
    for (const auto& k : kokeilu::scenario::scenario_schema().keys()) {
        std::cout << k.pattern << "  ("
                  << (k.default_value ? "default " + kokeilu::scenario::to_toml(*k.default_value)
                                      : std::string("required"))
                  << (k.unit.empty() ? "" : ", " + k.unit) << ")\n    " << k.doc << '\n';
    }
    return kokeilu::app::kOk;
}

int export_command(const Commands& c) {
    const std::filesystem::path dir(c.export_csv_dir);
    if (const int code = refuse_input_as_output("kokeilu export", c.export_file,
                                                {dir, dir / "monthly.csv", dir / "measures.csv",
                                                 dir / "traces.csv", dir / "summary.csv",
                                                 dir / "breakdowns.csv"});
        code != kokeilu::app::kOk) {
        return code;
    }
    const auto result = kokeilu::output::read_result(c.export_file);
    kokeilu::output::export_csv(result, c.export_csv_dir, c.export_force);
    for (const auto& table : kokeilu::output::csv_tables_in(c.export_csv_dir)) {
        std::cout << "kokeilu export: wrote " << table.string() << '\n';
    }
    return kokeilu::app::kOk;
}

int report_command(const Commands& c) {
    if (const int code = refuse_input_as_output("kokeilu report", c.report_file,
                                                {std::filesystem::path(c.report_out)});
        code != kokeilu::app::kOk) {
        return code;
    }
    kokeilu::output::prepare_target(c.report_out, c.report_force);
    const auto result = kokeilu::output::read_result(c.report_file);
    const auto options = report_options(result, c.report_window);
    if (!options) {
        return kokeilu::app::kUsageError;
    }
    kokeilu::analysis::write_report_file(result, c.report_out, c.report_force, *options);
    std::cout << "kokeilu report: wrote " << c.report_out << '\n';
    return kokeilu::app::kOk;
}

int threads_or_all(int threads) {
    return threads == 0 ? static_cast<int>(std::thread::hardware_concurrency()) : threads;
}

/// The commands that read and write files but run no simulation; -1 if none was chosen.
int dispatch_tools(Commands& c, const std::atomic<bool>& stop) {
    using namespace kokeilu::app;
    if (*c.demo) {
        return run_demo(c.demo_options, std::cout, stop);
    }
    if (*c.validate) {
        return validate_command(c.validate_files, c.sets, std::cout, std::cerr);
    }
    if (*c.show) {
        return show_command(c.show_file, c.sets, std::cout, std::cerr);
    }
    if (*c.graph) {
        if (c.graph_provider.empty() && c.graph_model.empty()) {
            std::cerr << "kokeilu graph: error: give --provider NAME or --model NAME\n";
            return kUsageError;
        }
        return graph_command(c.graph_file, c.sets, c.graph_provider, c.graph_model, std::cout,
                             std::cerr);
    }
    if (*c.keys) {
        return keys_command(c.keys_markdown);
    }
    if (*c.export_cmd) {
        return export_command(c);
    }
    if (*c.report) {
        return report_command(c);
    }
    return -1;
}

/// The commands that simulate: evidence, trace, sweep, run and compare.
int dispatch_runs(Commands& c, const std::atomic<bool>& stop) {
    using namespace kokeilu::app;
    if (*c.evidence) {
        c.evidence_options.sets = c.sets;
        c.evidence_options.threads = threads_or_all(c.evidence_options.threads);
        return evidence_command(c.evidence_options, std::cout, std::cerr, stop);
    }
    if (*c.trace) {
        c.trace_options.sets = c.sets;
        if (c.trace_seed) {
            c.trace_options.seed = static_cast<std::uint64_t>(*c.trace_seed);
        }
        c.trace_options.threads = threads_or_all(0);
        return trace_command(c.trace_options, std::cout, std::cerr, stop);
    }
    if (*c.sweep.sweep) {
        return sweep_command(c.sweep, c.sets, stop);
    }
    auto& run = c.run_options;
    run.sets = c.sets;
    run.compare = c.compare->parsed();
    if (*c.run && !c.run_file.empty()) {
        run.files = {c.run_file};
    }
    if (*c.compare) {
        run.files = c.compare_files;
    }
    run.threads = threads_or_all(run.threads);
    return run_command(run, std::cout, std::cerr, stop);
}

/// Runs the chosen command; the errors it throws become exit codes.
int dispatch(Commands& c, const std::atomic<bool>& stop) {
    using namespace kokeilu::app;
    try {
        const int code = dispatch_tools(c, stop);
        return after_command(code >= 0 ? code : dispatch_runs(c, stop));
    } catch (const kokeilu::Interrupted&) {
        std::cerr << "kokeilu: interrupted; nothing was written under a final name and existing "
                     "results are unchanged.\n";
        std::cout.flush();
        std::cerr.flush();
        std::_Exit(kInterrupted); // as after an output error: HDF5 may still hold a file
    } catch (const kokeilu::output::OutputError& e) {
        std::cerr << "kokeilu: error: " << e.what() << '\n';
        // After a failed write (a full disk) HDF5 may still hold the file it could not close,
        // and its exit handler then crashes closing it again. Our temporary file is already
        // removed, so leave without running exit handlers.
        std::cout.flush();
        std::cerr.flush();
        std::_Exit(kIoError);
    } catch (const kokeilu::Error& e) {
        std::cerr << "kokeilu: error: " << e.what() << '\n';
        return kRuntimeError;
    } catch (const std::exception& e) {
        std::cerr << "kokeilu: internal error: " << e.what() << '\n';
        return kRuntimeError;
    }
}

int main(int argc, char** argv) {
    using namespace kokeilu::app;
    CLI::App app{"Kokeilu: a parallel discrete-event simulator of Finland's employment services\n"
                 "and the municipal employment pilots (2021-2024).",
                 "kokeilu"};
    app.footer(kExitCodes);
    app.require_subcommand(1);
    app.fallthrough();
    app.set_version_flag("--version", std::string("kokeilu ") + KOKEILU_VERSION);

    Commands c;
    add_demo_command(app, c);
    add_scenario_tools(app, c);
    add_result_tools(app, c);
    add_run_commands(app, c);
    add_evidence_command(app, c);
    add_trace_command(app, c);
    add_sweep_commands(app, c.sweep, c.sets);

    // First, so that a Ctrl-C at any moment of any command is seen (exit 130), never the
    // default death half-way through writing.
    const std::atomic<bool>& stop = install_stop_handlers();
    if (const int code = check_subcommand(app, argc, argv); code != kOk) {
        return code;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? kOk : kUsageError;
    }
    return dispatch(c, stop);
}
