// A sweep's manifest (DIR/manifest): its points, each with its resolved scenario, and the
// shard plan, as TOML with a SHA-256 of its own content so that hand edits are detected.
#pragma once

#include "scenario/sweep.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace kokeilu::scenario {

/// Units `first` .. `first + count - 1` of a sweep. Unit u is replication u % R of point
/// u / R (R replications): a shard is a run of whole units in point-then-replication order.
struct SweepShard {
    std::size_t first = 0;
    std::size_t count = 0;

    bool operator==(const SweepShard&) const = default;
};

/// What DIR/manifest holds.
struct SweepManifest {
    std::string sweep_file;      ///< the sweep file, as named when planned
    std::string kokeilu_version; ///< of the `kokeilu` that planned it
    int replications = 0;
    std::uint64_t seed = 0;        ///< the base scenario's scenario.seed (each point's own is in
                                   ///< its scenario; they differ only if the design sweeps it)
    std::vector<std::string> keys; ///< swept keys
    std::vector<SweepPoint> points;
    std::vector<SweepShard> shards;
    std::string sha256; ///< of the manifest's text above its last line (its id)

    [[nodiscard]] std::size_t units() const {
        return points.size() * static_cast<std::size_t>(replications);
    }
};

/// `units` split into `shards` runs of nearly equal size (the first ones one unit longer),
/// at most one shard per unit.
[[nodiscard]] std::vector<SweepShard> plan_shards(std::size_t units, std::size_t shards);

/// The manifest's text, ending with the line `# sha256 = HEX` (HEX: the SHA-256 of
/// everything above it); sets `manifest.sha256`.
[[nodiscard]] std::string manifest_text(SweepManifest& manifest);

/// Reads a manifest written by `manifest_text`, named `display` in messages. Throws
/// ConfigError if it is not one, if its content differs from its hash (edited by hand), if a
/// point's id is not the hash of its scenario or if the shards do not cover every unit once.
[[nodiscard]] SweepManifest parse_manifest(const std::string& text, const std::string& display);

} // namespace kokeilu::scenario
