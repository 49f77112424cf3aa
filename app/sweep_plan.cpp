// `kokeilu sweep plan`: a sweep file resolved into its points and written as DIR/manifest.
#include "app/exit_codes.hpp"
#include "app/run_estimate.hpp"
#include "app/scenario_commands.hpp"
#include "app/sweep_command.hpp"
#include "app/sweep_folder.hpp"
#include "output/output_set.hpp"
#include "scenario/sweep_manifest.hpp"

#include <fmt/core.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace kokeilu::app {

namespace {

namespace fs = std::filesystem;
constexpr const char* kCmd = "kokeilu sweep plan";

/// Core-seconds of one unit a shard should hold about (the 15 to 60 minutes a task).
constexpr double kShardCoreSeconds = 15 * 60.0;

/// Whether `dir` may take this plan: true if it already holds exactly this manifest (nothing
/// to do). Throws SweepFailure for a folder holding another sweep, a non-empty folder without
/// one, or a path that is not a folder.
bool already_planned(const fs::path& dir, const std::string& text) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) {
        return false;
    }
    if (!fs::is_directory(dir, ec)) {
        throw SweepFailure(kUsageError, "'" + dir.string() +
                                            "' is not a folder; give -o a new folder for the "
                                            "sweep. Nothing was written.");
    }
    const fs::path manifest = manifest_path(dir);
    if (fs::exists(manifest, ec)) {
        std::ifstream in(manifest, std::ios::binary);
        std::ostringstream old;
        old << in.rdbuf();
        if (old.str() == text) {
            return true;
        }
        throw SweepFailure(kUsageError,
                           "'" + dir.string() + "' already holds another sweep (" +
                               manifest.string() +
                               " differs from this plan); plan into a new folder, or remove "
                               "that one. Nothing was written.");
    }
    if (!fs::is_empty(dir, ec)) {
        throw SweepFailure(kUsageError, "'" + dir.string() +
                                            "' is not empty and holds no sweep; give -o a new "
                                            "or empty folder. Nothing was written.");
    }
    return false;
}

/// Per unit (one point, one replication, run alone on one core): the largest estimate of
/// any point, and the core-seconds of every unit.
struct UnitEstimate {
    RunEstimate largest;
    double core_seconds = 0.0;

    void add(const agents::ModelInput& input, int replications) {
        const RunEstimate e = estimate_run({&input}, 1, 1, false, true, false);
        core_seconds += e.seconds * replications;
        largest.seconds = std::max(largest.seconds, e.seconds);
        largest.memory_bytes = std::max(largest.memory_bytes, e.memory_bytes);
        largest.h5_bytes = std::max(largest.h5_bytes, e.h5_bytes);
    }
};

void print_plan(const SweepPlanOptions& o, const scenario::Sweep& sweep,
                const scenario::SweepManifest& m, const RunEstimate& unit, double core_seconds,
                std::ostream& out) {
    const int threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    fmt::print(out, "{}: {}: {} point(s) ({} in the design), {} replication(s): {} unit(s)\n", kCmd,
               o.file, m.points.size(), sweep.design_points, m.replications, m.units());
    std::string keys;
    for (const auto& k : m.keys) {
        keys += (keys.empty() ? "" : ", ") + k;
    }
    fmt::print(out, "  swept: {}\n", keys);
    fmt::print(out,
               "  per point and replication: about {:.0f} s of one core, {} of memory and {} of "
               "file (a rough estimate, the largest point)\n",
               std::max(1.0, unit.seconds), format_bytes(unit.memory_bytes),
               format_bytes(unit.h5_bytes));
    fmt::print(out, "  all units: about {:.0f} core-seconds, {:.0f} s on {} thread(s)\n",
               std::max(1.0, core_seconds), std::max(1.0, core_seconds / (0.85 * threads)),
               threads);
    const std::size_t small = m.shards.back().count;
    const std::size_t large = m.shards.front().count;
    fmt::print(out,
               "  shards: {} of {} unit(s); run them with `kokeilu sweep run {}` (or in N "
               "processes, each with --shard I/N)\n",
               m.shards.size(),
               small == large ? std::to_string(small) : fmt::format("{}-{}", small, large), o.dir);
}

} // namespace

int sweep_plan(const SweepPlanOptions& o, std::ostream& out, std::ostream& err) {
    scenario::Sweep sweep;
    UnitEstimate estimate; // per replication: multiplied by the replications below
    try {
        sweep = scenario::load_sweep(
            {o.file, o.sets, o.yes, [&](const agents::ModelInput& in) { estimate.add(in, 1); }});
    } catch (const scenario::ConfigError& e) {
        print_diagnostics(e.diagnostics(), err);
        return kUsageError;
    }
    print_diagnostics(sweep.warnings, err);
    scenario::SweepManifest m;
    m.sweep_file = o.file;
    m.kokeilu_version = KOKEILU_VERSION;
    m.replications = sweep.replications;
    m.seed = sweep.seed;
    m.keys = sweep.keys;
    m.points = sweep.points;
    const RunEstimate unit = estimate.largest;
    const double core_seconds = estimate.core_seconds * sweep.replications;
    const std::size_t shards =
        o.shards.value_or(static_cast<std::size_t>(std::ceil(core_seconds / kShardCoreSeconds)));
    m.shards = scenario::plan_shards(m.units(), shards);
    const std::string text = scenario::manifest_text(m);
    try {
        if (already_planned(o.dir, text)) {
            fmt::print(out, "{}: '{}' already holds this plan; nothing changed\n", kCmd, o.dir);
            return kOk;
        }
        fs::create_directories(shards_path(o.dir));
        output::write_file_atomically(manifest_path(o.dir), text, false);
    } catch (const SweepFailure& e) {
        err << kCmd << ": error: " << e.what() << '\n';
        return e.code();
    } catch (const fs::filesystem_error& e) {
        err << kCmd << ": error: cannot create '" << o.dir << "': " << e.code().message() << '\n';
        return kIoError;
    }
    if (!o.quiet) {
        print_plan(o, sweep, m, unit, core_seconds, out);
    }
    fmt::print(out, "wrote {}\n", manifest_path(o.dir).string());
    return kOk;
}

} // namespace kokeilu::app
