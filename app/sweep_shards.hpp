// The shard-level steps of `kokeilu sweep run`, shared by the local run (app/sweep_run.cpp)
// and the MPI run (app/sweep_mpi.cpp): which shards are still to do, and running some.
#pragma once

#include "app/sweep_command.hpp"
#include "scenario/sweep_manifest.hpp"

#include <atomic>
#include <cstddef>
#include <ostream>
#include <vector>

namespace kokeilu::app {

/// The shards of `m` that `o.shard`/`o.of` selects (k % N == I - 1) and that have no done
/// marker yet, in order; `done_here` counts those that have one. Sets damaged markers aside
/// (renamed `.damaged`, with a warning) and removes temporary files that killed runs of this
/// host left. Throws SweepFailure for a file of another sweep in the folder.
[[nodiscard]] std::vector<std::size_t> pending_shards(const SweepRunOptions& o,
                                                      const scenario::SweepManifest& m,
                                                      std::size_t& done_here, std::ostream& err);

/// The number of (point, replication) units in `shards`.
[[nodiscard]] std::size_t units_of(const scenario::SweepManifest& m,
                                   const std::vector<std::size_t>& shards);

struct ShardsRun {
    std::size_t committed = 0; ///< shards written with their done markers
    bool complete = false;     ///< false after a stop request
};

/// Runs the units of `shards` on `o.threads` threads and commits each shard (file and done
/// marker) when its last unit is in; an unfinished shard leaves nothing. Throws SweepFailure
/// when a point of the manifest does not load.
ShardsRun run_shards(const SweepRunOptions& o, const scenario::SweepManifest& m,
                     const std::vector<std::size_t>& shards, std::ostream& out, std::ostream& err,
                     const std::atomic<bool>& stop);

} // namespace kokeilu::app
