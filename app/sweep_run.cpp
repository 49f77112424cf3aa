// `kokeilu sweep run`: the units of a sweep's shards, each finished shard written atomically
// with a done marker, so that a rerun does only what is missing.
#include "agents/jobseeker_model.hpp"
#include "app/exit_codes.hpp"
#include "app/git_revision.hpp"
#include "app/run_command.hpp"
#include "app/run_loop.hpp"
#include "app/scenario_commands.hpp"
#include "app/sweep_command.hpp"
#include "app/sweep_folder.hpp"
#include "app/sweep_shards.hpp"
#include "output/recorder.hpp"
#include "output/result_file.hpp"
#include "scenario/build.hpp"
#include "sim/sha256.hpp"

#include <fmt/core.h>
#include <fmt/ostream.h>

#include <signal.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>

namespace kokeilu::app {

namespace {

namespace fs = std::filesystem;
using scenario::SweepManifest;
constexpr const char* kCmd = "kokeilu sweep run";

/// A point ready to run: its model input and seed (scenario.seed of its scenario).
struct PointModel {
    agents::ModelInput input;
    std::uint64_t seed = 0;
};

/// One (point, replication) of a shard to run.
struct Job {
    std::size_t shard = 0;
    std::size_t unit = 0;
};

/// What one unit gives.
struct UnitOutput {
    std::vector<output::MonthlyRow> rows;
    std::vector<output::BreakdownRow> breakdowns;
    bool interrupted = false;
};

/// The points of `jobs`, loaded from their scenario texts with every check of `kokeilu run`.
std::map<std::size_t, PointModel> load_points(const fs::path& dir, const SweepManifest& m,
                                              const std::vector<Job>& jobs, std::ostream& err) {
    std::map<std::size_t, PointModel> points;
    for (const Job& job : jobs) {
        const std::size_t p = unit_of(m, job.unit).point;
        if (points.count(p) > 0) {
            continue;
        }
        scenario::LoadOptions lo;
        lo.file = (manifest_path(dir) / ("point " + m.points[p].id)).string();
        lo.text = m.points[p].text;
        try {
            scenario::Checked c = scenario::check_scenario(lo);
            const auto seed = static_cast<std::uint64_t>(c.scenario.integer("scenario.seed"));
            points.emplace(p, PointModel{std::move(c.input), seed});
        } catch (const scenario::ConfigError& e) {
            print_diagnostics(e.diagnostics(), err);
            throw SweepFailure(kUsageError, "point " + m.points[p].id +
                                                " of the manifest does not load (planned by "
                                                "kokeilu " +
                                                m.kokeilu_version + ")");
        }
    }
    return points;
}

/// The shard file being written: a result file whose scenarios are the shard's points (named
/// by their ids), committed with its done marker when its last unit is in.
class ShardWriter {
public:
    ShardWriter(const fs::path& dir, const SweepManifest& m, std::size_t k,
                const output::Dimensions& dims)
            : m_(m), k_(k), first_point_(unit_of(m, m.shards[k].first).point),
              writer_(shards_path(dir) / shard_file_name(k), false) {
        output::Metadata meta;
        const std::size_t last = unit_of(m, m.shards[k].first + m.shards[k].count - 1).point;
        for (std::size_t p = first_point_; p <= last; ++p) {
            meta.scenario_names.push_back(m.points[p].id);
            meta.scenario_texts.push_back(m.points[p].text);
        }
        meta.seed = m.seed;
        meta.replications = static_cast<std::uint32_t>(m.replications);
        meta.kokeilu_version = KOKEILU_VERSION;
        meta.git_revision = git_revision();
        writer_.write(meta, dims);
    }

    void add(const UnitOutput& u) {
        writer_.append_monthly(u.rows);
        writer_.append_breakdowns(u.breakdowns);
    }

    /// Syncs and renames the file into place, then writes its done marker.
    void commit() {
        writer_.commit();
        DoneMarker marker;
        marker.file = writer_.final_path();
        marker.marker = fs::path(marker.file).replace_extension(".done");
        marker.sweep = m_.sha256;
        marker.shard = k_;
        marker.sha256 = sim::sha256_file_hex(marker.file);
        marker.units = shard_unit_keys(m_, k_);
        write_marker(marker);
    }

private:
    const SweepManifest& m_;
    std::size_t k_;
    std::size_t first_point_;
    output::ResultWriter writer_;
};

/// Removes the temporary files (`NAME.HOST-PID.h5.part-PID`) that a killed run of this host
/// left: those whose process is gone. Another live process's file is left alone.
void remove_abandoned(const std::vector<fs::path>& partial, std::ostream& err) {
    const std::string here = "." + host_name_of_this_machine() + "-";
    for (const auto& path : partial) {
        const std::string name = path.filename().string();
        const auto part = name.rfind(".part-");
        const auto host = name.find(here);
        if (part == std::string::npos || host == std::string::npos) {
            continue;
        }
        const long pid = std::strtol(name.c_str() + part + 6, nullptr, 10);
        if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
            std::error_code ec;
            fs::remove(path, ec);
            if (!ec) {
                err << kCmd << ": removed '" << path.string() << "', left by a killed run\n";
            }
        }
    }
}

/// The units of `shards`, in order.
std::vector<Job> jobs_of(const SweepManifest& m, const std::vector<std::size_t>& shards) {
    std::vector<Job> jobs;
    for (const std::size_t k : shards) {
        for (std::size_t u = m.shards[k].first; u < m.shards[k].first + m.shards[k].count; ++u) {
            jobs.push_back({k, u});
        }
    }
    return jobs;
}

/// Runs `jobs` (units on `o.threads` threads, side by side when there are several) and
/// commits each shard when its last unit is in. Returns the number of shards committed;
/// `complete` is false after a stop request.
std::size_t run_jobs(const SweepRunOptions& o, const SweepManifest& m, const std::vector<Job>& jobs,
                     const std::map<std::size_t, PointModel>& points,
                     const output::Dimensions& dims, bool& complete, std::ostream& out,
                     const std::atomic<bool>& stop) {
    const bool side_by_side = runs_side_by_side(jobs.size(), o.threads);
    auto one_run = [&](std::size_t i) {
        const Unit unit = unit_of(m, jobs[i].unit);
        const PointModel& pm = points.at(unit.point);
        // The code is only a label of the rows; the shard's first point is code 0.
        const std::size_t first = unit_of(m, m.shards[jobs[i].shard].first).point;
        output::Recorder recorder(dims, static_cast<std::uint32_t>(unit.point - first),
                                  unit.replication);
        UnitOutput r;
        r.interrupted = agents::run_model(
                            pm.input, pm.seed, unit.replication, side_by_side ? 1 : o.threads,
                            [&](const agents::MonthPanel& panel) { recorder.add(panel); }, &stop)
                            .interrupted;
        r.rows = recorder.take_monthly();
        r.breakdowns = recorder.take_breakdowns();
        return r;
    };
    std::unique_ptr<ShardWriter> writer;
    std::size_t committed = 0;
    bool interrupted = false;
    auto sink = [&](std::size_t i, const UnitOutput& r) {
        interrupted = interrupted || r.interrupted;
        if (interrupted) {
            return;
        }
        const Job& job = jobs[i];
        if (!writer) {
            writer = std::make_unique<ShardWriter>(o.dir, m, job.shard, dims);
        }
        writer->add(r);
        if (job.unit + 1 == m.shards[job.shard].first + m.shards[job.shard].count) {
            writer->commit();
            writer.reset();
            ++committed;
            if (!o.quiet) {
                fmt::print(out, "{}: shard {} done ({} unit(s))\n", kCmd, job.shard,
                           m.shards[job.shard].count);
                out.flush();
            }
        }
    };
    const std::size_t handed = run_in_order(jobs.size(), o.threads, one_run, sink, stop);
    complete = !interrupted && handed == jobs.size();
    return committed; // an unfinished shard's writer removes its temporary file
}

} // namespace

std::vector<std::size_t> pending_shards(const SweepRunOptions& o, const SweepManifest& m,
                                        std::size_t& done_here, std::ostream& err) {
    FolderState state = scan_folder(o.dir, m);
    for (const auto& [path, why] : state.foreign) {
        throw SweepFailure(kUsageError, "'" + path.string() + "': " + why +
                                            "; remove it from the sweep's folder");
    }
    for (const auto& [marker, why] : state.damaged) {
        fs::rename(marker.marker, fs::path(marker.marker).concat(".damaged"));
        err << kCmd << ": warning: shard " << marker.shard << ": '" << marker.marker.string()
            << "': " << why << "; set aside as .damaged, the shard runs again\n";
    }
    remove_abandoned(state.partial, err);
    std::vector<std::size_t> shards;
    done_here = 0;
    for (std::size_t k = 0; k < m.shards.size(); ++k) {
        if (k % o.of != o.shard - 1) {
            continue;
        }
        if (state.done.count(k) > 0) {
            ++done_here;
        } else {
            shards.push_back(k);
        }
    }
    return shards;
}

std::size_t units_of(const SweepManifest& m, const std::vector<std::size_t>& shards) {
    std::size_t n = 0;
    for (const std::size_t k : shards) {
        n += m.shards[k].count;
    }
    return n;
}

ShardsRun run_shards(const SweepRunOptions& o, const SweepManifest& m,
                     const std::vector<std::size_t>& shards, std::ostream& out, std::ostream& err,
                     const std::atomic<bool>& stop) {
    const std::vector<Job> jobs = jobs_of(m, shards);
    ShardsRun r;
    if (jobs.empty()) {
        r.complete = true;
        return r;
    }
    const auto points = load_points(o.dir, m, jobs, err);
    const output::Dimensions dims = dimensions_of(points.begin()->second.input);
    r.committed = run_jobs(o, m, jobs, points, dims, r.complete, out, stop);
    return r;
}

int sweep_run(const SweepRunOptions& o, std::ostream& out, std::ostream& err,
              const std::atomic<bool>& stop) {
    try {
        const SweepManifest m = read_manifest(o.dir);
        std::size_t done_before = 0;
        const std::vector<std::size_t> shards = pending_shards(o, m, done_before, err);
        if (shards.empty()) {
            fmt::print(out, "{}: nothing to do: the {} shard(s) of {}{} are done\n", kCmd,
                       done_before, o.dir,
                       o.of > 1 ? fmt::format(" for --shard {}/{}", o.shard, o.of) : "");
            return kOk;
        }
        const std::size_t units = units_of(m, shards);
        if (!o.quiet) {
            fmt::print(out, "{}: {} unit(s) to run on {} thread(s); {} shard(s) already done\n",
                       kCmd, units, o.threads, done_before);
            out.flush();
        }
        const auto t0 = std::chrono::steady_clock::now();
        const ShardsRun run = run_shards(o, m, shards, out, err, stop);
        const bool complete = run.complete;
        const std::size_t committed = run.committed;
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (!complete) {
            err << kCmd << ": interrupted; the " << committed
                << " shard(s) finished in this run are kept; run the same command again to do "
                   "the rest (nothing half-written is left under a final name)\n";
            return kInterrupted;
        }
        fmt::print(out, "{}: {} shard(s), {} unit(s) in {:.1f} s\n", kCmd, committed, units, wall);
        return kOk;
    } catch (const SweepFailure& e) {
        err << kCmd << ": error: " << e.what() << '\n';
        return e.code();
    }
}

std::optional<std::pair<std::size_t, std::size_t>> parse_shard(const std::string& text) {
    const auto slash = text.find('/');
    if (slash == std::string::npos) {
        return std::nullopt;
    }
    std::size_t i = 0;
    std::size_t n = 0;
    const char* end = text.data() + text.size();
    const auto a = std::from_chars(text.data(), text.data() + slash, i);
    const auto b = std::from_chars(text.data() + slash + 1, end, n);
    if (a.ec != std::errc{} || a.ptr != text.data() + slash || b.ec != std::errc{} ||
        b.ptr != end || i < 1 || n < 1 || i > n) {
        return std::nullopt;
    }
    return std::make_pair(i, n);
}

} // namespace kokeilu::app
