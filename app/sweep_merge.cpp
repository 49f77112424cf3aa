// `kokeilu sweep status` and `kokeilu sweep merge`: what a sweep's folder holds, and its shards
// streamed into one result file with the point as the scenario dimension and a /points table.
#include "app/exit_codes.hpp"
#include "app/sweep_command.hpp"
#include "app/sweep_folder.hpp"
#include "output/output_set.hpp"
#include "output/points_table.hpp"
#include "output/result_file.hpp"

#include <fmt/core.h>
#include <fmt/ostream.h>

#include <cstring>
#include <map>
#include <set>

namespace kokeilu::app {

namespace {

namespace fs = std::filesystem;
using scenario::SweepManifest;

std::string git_revision() {
#ifdef KOKEILU_GIT_REVISION
    return KOKEILU_GIT_REVISION;
#else
    return "";
#endif
}

/// "0, 3-5, 9".
std::string ranges(const std::vector<std::size_t>& ks) {
    std::string out;
    for (std::size_t i = 0; i < ks.size();) {
        std::size_t j = i;
        while (j + 1 < ks.size() && ks[j + 1] == ks[j] + 1) {
            ++j;
        }
        out += (out.empty() ? "" : ", ") + std::to_string(ks[i]) +
               (j > i ? "-" + std::to_string(ks[j]) : "");
        i = j + 1;
    }
    return out;
}

std::vector<std::size_t> missing_shards(const SweepManifest& m, const FolderState& state) {
    std::vector<std::size_t> missing;
    for (std::size_t k = 0; k < m.shards.size(); ++k) {
        if (state.done.count(k) == 0) {
            missing.push_back(k);
        }
    }
    return missing;
}

/// A shard file read back with its rows' point codes turned into the sweep's point indexes;
/// SweepFailure if it does not hold exactly the units of its marker.
output::ResultFile read_shard(const DoneMarker& marker, const SweepManifest& m,
                              const std::map<std::string, std::size_t>& index) {
    output::ResultFile f = output::read_result(marker.file);
    const std::string where = "'" + marker.file.string() + "'";
    std::vector<std::uint32_t> global;
    for (const auto& id : f.metadata.scenario_names) {
        const auto it = index.find(id);
        if (it == index.end()) {
            throw SweepFailure(kUsageError, where + " holds point " + id + ", not in the manifest");
        }
        global.push_back(static_cast<std::uint32_t>(it->second));
    }
    std::vector<std::string> units;
    for (auto& r : f.monthly) {
        r.scenario = global.at(r.scenario);
        const std::string key = m.points[r.scenario].id + "/" + std::to_string(r.replication);
        if (units.empty() || units.back() != key) {
            units.push_back(key);
        }
    }
    for (auto& r : f.breakdowns) {
        r.scenario = global.at(r.scenario);
    }
    if (units != marker.units) {
        throw SweepFailure(kUsageError, where + " does not hold the units its done marker lists");
    }
    return f;
}

template <class Row>
bool same_bytes(const std::vector<Row>& a, const std::vector<Row>& b) {
    return a.size() == b.size() &&
           (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(Row)) == 0);
}

/// Every further file of a shard must hold the same bytes as the first (an audit of
/// determinism across processes and machines).
void check_duplicates(const std::vector<DoneMarker>& markers, const output::ResultFile& first,
                      const SweepManifest& m, const std::map<std::string, std::size_t>& index) {
    for (std::size_t j = 1; j < markers.size(); ++j) {
        const output::ResultFile other = read_shard(markers[j], m, index);
        if (!same_bytes(first.monthly, other.monthly) ||
            !same_bytes(first.breakdowns, other.breakdowns)) {
            throw SweepFailure(kUsageError,
                               "shard " + std::to_string(markers[j].shard) + " was run twice ('" +
                                   markers[0].file.filename().string() + "' and '" +
                                   markers[j].file.filename().string() +
                                   "') with different results; a unit must give identical rows "
                                   "wherever it runs. Nothing was written.");
        }
    }
}

/// The shards of a finished sweep, or SweepFailure naming what is missing or damaged.
FolderState finished_state(const SweepMergeOptions& o, const SweepManifest& m) {
    FolderState state = scan_folder(o.dir, m);
    for (const auto& [path, why] : state.foreign) {
        throw SweepFailure(kUsageError, "'" + path.string() + "': " + why +
                                            "; remove it from the sweep's folder");
    }
    for (const auto& [marker, why] : state.damaged) {
        throw SweepFailure(kIoError, "shard " + std::to_string(marker.shard) + ": '" +
                                         marker.marker.string() + "': " + why +
                                         "; `kokeilu sweep run " + o.dir +
                                         "` sets it aside and runs the shard again");
    }
    if (const auto missing = missing_shards(m, state); !missing.empty()) {
        throw SweepFailure(kUsageError, "the sweep is not finished: shard(s) " + ranges(missing) +
                                            " of " + std::to_string(m.shards.size()) +
                                            " missing; run `kokeilu sweep run " + o.dir + "`");
    }
    return state;
}

} // namespace

int sweep_merge(const SweepMergeOptions& o, std::ostream& out, std::ostream& err) {
    constexpr const char* kCmd = "kokeilu sweep merge";
    try {
        const SweepManifest m = read_manifest(o.dir);
        const FolderState state = finished_state(o, m);
        std::map<std::string, std::size_t> index;
        std::vector<output::PointRow> points;
        output::Metadata meta;
        for (std::size_t p = 0; p < m.points.size(); ++p) {
            index.emplace(m.points[p].id, p);
            points.push_back({m.points[p].id, m.points[p].name, m.points[p].values});
            meta.scenario_names.push_back(m.points[p].id);
            meta.scenario_texts.push_back(m.points[p].text);
        }
        meta.seed = m.seed;
        meta.replications = static_cast<std::uint32_t>(m.replications);
        meta.kokeilu_version = KOKEILU_VERSION;
        meta.git_revision = git_revision();
        output::prepare_target(o.output, o.force, {manifest_path(o.dir)});
        std::optional<output::ResultWriter> writer;
        std::optional<output::Dimensions> dims;
        // One shard in memory at a time (two while its duplicates are compared).
        for (const auto& [k, markers] : state.done) {
            const output::ResultFile shard = read_shard(markers.front(), m, index);
            if (!dims) {
                dims = shard.dimensions;
                writer.emplace(o.output, o.force);
                writer->write(meta, *dims);
            } else if (!(shard.dimensions == *dims)) {
                throw SweepFailure(kUsageError, "'" + markers.front().file.string() +
                                                    "' has other providers, months or measures "
                                                    "than shard 0");
            }
            check_duplicates(markers, shard, m, index);
            writer->append_monthly(shard.monthly);
            writer->append_breakdowns(shard.breakdowns);
        }
        output::OutputSet set(o.force); // removes the temporary file unless committed
        const fs::path temporary = writer->finish();
        set.adopt(temporary, o.output);
        output::add_points_table(temporary, m.keys, points);
        set.commit();
        fmt::print(out, "{}: {} shard(s), {} point(s) x {} replication(s) into {}\n", kCmd,
                   m.shards.size(), m.points.size(), m.replications, o.output);
        return kOk;
    } catch (const SweepFailure& e) {
        err << kCmd << ": error: " << e.what() << '\n';
        return e.code();
    }
}

int sweep_status(const std::string& dir, std::ostream& out, std::ostream& err) {
    constexpr const char* kCmd = "kokeilu sweep status";
    try {
        const SweepManifest m = read_manifest(dir);
        const FolderState state = scan_folder(dir, m);
        fmt::print(out, "{}: {}: {} point(s) x {} replication(s) = {} unit(s) in {} shard(s)\n",
                   kCmd, dir, m.points.size(), m.replications, m.units(), m.shards.size());
        std::size_t done_units = 0;
        std::vector<std::size_t> done;
        for (const auto& [k, markers] : state.done) {
            done.push_back(k);
            done_units += m.shards[k].count;
            if (markers.size() > 1) {
                fmt::print(out, "  shard {} was run {} times (merge checks the files agree)\n", k,
                           markers.size());
            }
        }
        const auto missing = missing_shards(m, state);
        fmt::print(out, "  done: {} shard(s){}, {} unit(s)\n", done.size(),
                   done.empty() ? "" : " (" + ranges(done) + ")", done_units);
        fmt::print(out, "  missing: {} shard(s){}, {} unit(s)\n", missing.size(),
                   missing.empty() ? "" : " (" + ranges(missing) + ")", m.units() - done_units);
        for (const auto& p : state.partial) {
            fmt::print(out, "  being written, or left by a killed run: {}\n", p.string());
        }
        for (const auto& [marker, why] : state.damaged) {
            fmt::print(out, "  damaged: {}: {}\n", marker.marker.string(), why);
        }
        for (const auto& [path, why] : state.foreign) {
            fmt::print(out, "  not of this sweep: {}: {}\n", path.string(), why);
        }
        if (missing.empty()) {
            fmt::print(out, "  complete: merge with `kokeilu sweep merge {} -o OUT.h5`\n", dir);
        } else {
            fmt::print(out, "  not complete: `kokeilu sweep run {}` runs what is missing\n", dir);
        }
        return kOk;
    } catch (const SweepFailure& e) {
        err << kCmd << ": error: " << e.what() << '\n';
        return e.code();
    }
}

} // namespace kokeilu::app
