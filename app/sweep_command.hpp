// `kokeilu sweep plan | run | status | merge | slurm`: parameter sweeps in shards that can be
// run by separate processes (by hand or as SLURM job arrays), resumed after a kill and merged
// into one result file.
#pragma once

#include <atomic>
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace kokeilu::app {

struct SweepPlanOptions {
    std::string file;                  ///< the sweep file
    std::string dir;                   ///< -o DIR
    std::vector<std::string> sets;     ///< --set, applied to every point
    std::optional<std::size_t> shards; ///< --shards (default: about 15 core-minutes each)
    bool yes = false;                  ///< --yes: allow a design of many points
    bool quiet = false;
};

struct SweepRunOptions {
    std::string dir;
    std::size_t shard = 1; ///< --shard I/N: this process runs the plan's shards k with
    std::size_t of = 1;    ///< k % N == I - 1
    int threads = 0;       ///< 0: all cores
    bool quiet = false;
};

struct SweepMergeOptions {
    std::string dir;
    std::string output; ///< -o OUT.h5
    bool force = false;
};

struct SweepSlurmOptions {
    std::string dir;
    std::optional<std::string> partition; ///< --partition P
    std::optional<std::string> time;      ///< --time T (SLURM's formats)
    std::optional<std::size_t> max_array; ///< --max-array N (default: the cluster's
                                          ///< MaxArraySize, else 1001)
    std::optional<std::size_t> throttle;  ///< --throttle K: at most K tasks at once
    int cpus_per_task = 1;                ///< --cpus-per-task: threads of each task
    std::string output;                   ///< -o: the merged file (default DIR/merged.h5)
    bool resume = false;                  ///< only the shards without a done marker
    bool submit = false;                  ///< call sbatch
};

/// Each returns an exit code (app/exit_codes.hpp).
int sweep_plan(const SweepPlanOptions& o, std::ostream& out, std::ostream& err);
int sweep_run(const SweepRunOptions& o, std::ostream& out, std::ostream& err,
              const std::atomic<bool>& stop);
/// `mpirun -n R kokeilu sweep run DIR --mpi` (app/sweep_mpi.cpp; only in a build with MPI,
/// KOKEILU_HAVE_MPI): rank 0 hands out the shards still to do one at a time; every rank's exit
/// code is its own, or the worst of all ranks when its own is 0.
int sweep_run_mpi(const SweepRunOptions& o, std::ostream& out, std::ostream& err,
                  const std::atomic<bool>& stop);
int sweep_status(const std::string& dir, std::ostream& out, std::ostream& err);
int sweep_merge(const SweepMergeOptions& o, std::ostream& out, std::ostream& err);
int sweep_slurm(const SweepSlurmOptions& o, std::ostream& out, std::ostream& err);

/// Parses "I/N" (1 <= I <= N); empty on anything else.
[[nodiscard]] std::optional<std::pair<std::size_t, std::size_t>>
parse_shard(const std::string& text);

} // namespace kokeilu::app
