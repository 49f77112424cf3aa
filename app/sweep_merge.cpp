// `kokeilu sweep status` and `kokeilu sweep merge`: what a sweep's folder holds, and its shards
// streamed into one result file with the point as the scenario dimension and a /points table.
#include "app/exit_codes.hpp"
#include "app/git_revision.hpp"
#include "app/sweep_command.hpp"
#include "app/sweep_folder.hpp"
#include "output/output_set.hpp"
#include "output/points_table.hpp"
#include "output/result_file.hpp"
#include "sim/sha256.hpp"

#include <fmt/core.h>
#include <fmt/ostream.h>

#include <map>
#include <optional>
#include <span>

namespace kokeilu::app {

namespace {

namespace fs = std::filesystem;
using scenario::SweepManifest;

/// The units of a stream of rows, in order, each with a SHA-256 of its rows' bytes (rows have
/// no padding: output/result_writer.cpp pins their layout).
class UnitDigests {
public:
    explicit UnitDigests(const SweepManifest& m) : m_(m) {}

    template <class Row>
    void add(std::span<const Row> rows) {
        for (const Row& r : rows) {
            if (!hash_ || r.scenario != point_ || r.replication != replication_) {
                finish();
                point_ = r.scenario;
                replication_ = r.replication;
                units_.push_back(m_.points.at(point_).id + "/" + std::to_string(replication_));
                hash_.emplace();
            }
            hash_->update(&r, sizeof r);
        }
    }
    void finish() {
        if (hash_) {
            digests_.push_back(hash_->hex());
            hash_.reset();
        }
    }
    [[nodiscard]] const std::vector<std::string>& units() const { return units_; }
    [[nodiscard]] const std::vector<std::string>& digests() const { return digests_; }

private:
    const SweepManifest& m_;
    std::optional<sim::Sha256> hash_;
    std::uint32_t point_ = 0;
    std::uint32_t replication_ = 0;
    std::vector<std::string> units_;
    std::vector<std::string> digests_;
};

/// Streams a shard file's rows, a block at a time, with its point codes made the sweep's, to
/// `writer` (none: only read), and returns a digest of each unit's monthly and breakdown
/// rows. SweepFailure if the file's tables differ from `dims` or its units from its marker's.
std::vector<std::string> stream_shard(const DoneMarker& marker, const SweepManifest& m,
                                      const std::map<std::string, std::size_t>& index,
                                      const output::Dimensions& dims,
                                      output::ResultWriter* writer) {
    const std::string where = "'" + marker.file.string() + "'";
    const output::ResultFile head = output::read_result_head(marker.file);
    if (!(head.dimensions == dims)) {
        throw SweepFailure(kUsageError,
                           where + " has other providers, months or measures than shard 0");
    }
    std::vector<std::uint32_t> global;
    for (const auto& id : head.metadata.scenario_names) {
        const auto it = index.find(id);
        if (it == index.end()) {
            std::string message = where;
            message.append(" holds point ").append(id).append(", not in the manifest");
            throw SweepFailure(kUsageError, message);
        }
        global.push_back(static_cast<std::uint32_t>(it->second));
    }
    UnitDigests monthly(m);
    UnitDigests breakdowns(m);
    std::vector<output::MonthlyRow> rows;
    output::read_monthly_blocks(marker.file, [&](std::span<const output::MonthlyRow> block) {
        rows.assign(block.begin(), block.end());
        for (auto& r : rows) {
            r.scenario = global.at(r.scenario);
        }
        monthly.add(std::span<const output::MonthlyRow>(rows));
        if (writer != nullptr) {
            writer->append_monthly(rows);
        }
    });
    std::vector<output::BreakdownRow> groups;
    output::read_breakdown_blocks(marker.file, [&](std::span<const output::BreakdownRow> block) {
        groups.assign(block.begin(), block.end());
        for (auto& r : groups) {
            r.scenario = global.at(r.scenario);
        }
        breakdowns.add(std::span<const output::BreakdownRow>(groups));
        if (writer != nullptr) {
            writer->append_breakdowns(groups);
        }
    });
    monthly.finish();
    breakdowns.finish();
    if (monthly.units() != marker.units ||
        (!breakdowns.units().empty() && breakdowns.units() != marker.units)) {
        throw SweepFailure(kUsageError, where + " does not hold the units its done marker lists");
    }
    std::vector<std::string> digests = monthly.digests();
    digests.insert(digests.end(), breakdowns.digests().begin(), breakdowns.digests().end());
    return digests;
}

/// Every further file of a shard must hold the same bytes as the first (an audit of
/// determinism across processes and machines); the first unit that differs is named.
void check_duplicates(const std::vector<DoneMarker>& markers, const std::vector<std::string>& first,
                      const SweepManifest& m, const std::map<std::string, std::size_t>& index,
                      const output::Dimensions& dims) {
    for (std::size_t j = 1; j < markers.size(); ++j) {
        const std::vector<std::string> other = stream_shard(markers[j], m, index, dims, nullptr);
        for (std::size_t u = 0; u < first.size(); ++u) {
            if (u >= other.size() || other[u] != first[u]) {
                const std::string& unit = markers[j].units[u % markers[j].units.size()];
                throw SweepFailure(
                    kUsageError,
                    "shard " + std::to_string(markers[j].shard) + " was run twice ('" +
                        markers[0].file.filename().string() + "' and '" +
                        markers[j].file.filename().string() +
                        "') with different results, first in unit " + unit +
                        " (point/replication); a unit must give identical rows wherever it "
                        "runs. Nothing was written.");
            }
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
        throw SweepFailure(kUsageError, "the sweep is not finished: shard(s) " +
                                            shard_ranges(missing) + " of " +
                                            std::to_string(m.shards.size()) +
                                            " missing; run `kokeilu sweep run " + o.dir + "`");
    }
    return state;
}

} // namespace

int sweep_merge(const SweepMergeOptions& o, std::ostream& out, std::ostream& err) {
    constexpr const char* kCmd = "kokeilu sweep merge";
    try {
        SweepManifest m = read_manifest(o.dir);
        const FolderState state = finished_state(o, m);
        std::map<std::string, std::size_t> index;
        std::vector<output::PointRow> points;
        output::Metadata meta;
        for (std::size_t p = 0; p < m.points.size(); ++p) {
            index.emplace(m.points[p].id, p);
            points.push_back({m.points[p].id, m.points[p].name, m.points[p].values});
            meta.scenario_names.push_back(m.points[p].id);
            // The texts are the manifest's largest part: one copy in memory, not two.
            meta.scenario_texts.push_back(std::move(m.points[p].text));
        }
        meta.seed = m.seed;
        meta.replications = static_cast<std::uint32_t>(m.replications);
        meta.kokeilu_version = KOKEILU_VERSION;
        meta.git_revision = git_revision();
        output::prepare_target(o.output, o.force, {manifest_path(o.dir)});
        const output::Dimensions dims =
            output::read_result_head(state.done.begin()->second.front().file).dimensions;
        output::ResultWriter writer(o.output, o.force);
        writer.write(meta, dims);
        // Rows stream through a block at a time, shard after shard, in unit order.
        for (const auto& [k, markers] : state.done) {
            const auto digests = stream_shard(markers.front(), m, index, dims, &writer);
            check_duplicates(markers, digests, m, index, dims);
        }
        output::OutputSet set(o.force); // removes the temporary file unless committed
        const fs::path temporary = writer.finish();
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
                   done.empty() ? "" : " (" + shard_ranges(done) + ")", done_units);
        fmt::print(out, "  missing: {} shard(s){}, {} unit(s)\n", missing.size(),
                   missing.empty() ? "" : " (" + shard_ranges(missing) + ")",
                   m.units() - done_units);
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
