// `mpirun -n R kokeilu sweep run DIR --mpi`: the shards of a sweep handed out by rank 0 one at a
// time to whichever rank asks next, so a slow shard does not hold the others. Each rank writes
// the shards it runs exactly as a local `sweep run` does (a temporary name, synced, renamed, a
// done marker), so the merged file is the same bytes whoever ran what.
//
// Rank 0 runs shards too; a thread of its own answers the other ranks' requests. It is the only
// thread of rank 0 that calls MPI while shards run (MPI_THREAD_SERIALIZED), and it polls with a
// short sleep rather than a blocking receive, which in Open MPI spins a core.
#include "app/exit_codes.hpp"
#include "app/sweep_command.hpp"
#include "app/sweep_folder.hpp"
#include "app/sweep_shards.hpp"
#include "sim/interrupt.hpp"

#include <fmt/core.h>
#include <fmt/ostream.h>
#include <mpi.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <exception>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace kokeilu::app {

namespace {

constexpr const char* kCmd = "kokeilu sweep run --mpi";
constexpr int kAsk = 1;   ///< a rank asks for a shard (no payload)
constexpr int kLeave = 2; ///< a rank stops asking (stopped or failed)
constexpr int kGive = 3;  ///< rank 0's answer: a shard number, or -1 for "no more"

/// Rank 0's list of shards still to run, taken in order by its own loop and by the thread that
/// answers the other ranks.
class Handout {
public:
    Handout(std::vector<std::size_t> shards, const std::atomic<bool>& stop)
            : shards_(std::move(shards)), stop_(stop) {}

    /// The next shard, or -1 when all are handed out or a stop was requested.
    std::int64_t take() {
        if (stop_.load()) {
            return -1;
        }
        const std::size_t i = next_.fetch_add(1);
        return i < shards_.size() ? static_cast<std::int64_t>(shards_[i]) : -1;
    }

private:
    std::vector<std::size_t> shards_;
    const std::atomic<bool>& stop_;
    std::atomic<std::size_t> next_{0};
};

/// Rank 0's answering thread: until every other rank has been told "no more" or has left.
void answer_requests(Handout& handout, int ranks) {
    int open = ranks - 1;
    while (open > 0) {
        std::int64_t unused_payload = 0; // a request's tag (kAsk, kLeave) is all it says
        MPI_Request request = MPI_REQUEST_NULL;
        MPI_Irecv(&unused_payload, 1, MPI_INT64_T, MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD,
                  &request);
        int arrived = 0;
        MPI_Status status{};
        while (true) {
            MPI_Test(&request, &arrived, &status);
            if (arrived != 0) {
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        if (status.MPI_TAG == kLeave) {
            --open;
            continue;
        }
        std::int64_t shard = handout.take();
        MPI_Send(&shard, 1, MPI_INT64_T, status.MPI_SOURCE, kGive, MPI_COMM_WORLD);
        if (shard < 0) {
            --open;
        }
    }
}

/// A rank other than 0 asks rank 0 for its next shard; -1: no more.
std::int64_t ask_rank0() {
    std::int64_t shard = 0;
    MPI_Send(&shard, 1, MPI_INT64_T, 0, kAsk, MPI_COMM_WORLD);
    MPI_Recv(&shard, 1, MPI_INT64_T, 0, kGive, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    return shard;
}

/// What one rank did.
struct RankResult {
    std::size_t shards = 0;
    std::size_t units = 0;
    int code = kOk; ///< kOk, kInterrupted, or the exit code of a failure
};

/// Runs shards as `next` hands them out until it says no more, a stop is requested or a shard
/// fails. A rank other than 0 that stops early tells rank 0 it leaves.
RankResult run_handed_out(const SweepRunOptions& o, const scenario::SweepManifest& m, int rank,
                          Handout* handout, std::ostream& out, std::ostream& err,
                          const std::atomic<bool>& stop) {
    RankResult r;
    while (true) {
        const std::int64_t k = handout != nullptr ? handout->take() : ask_rank0();
        if (k < 0) {
            return r; // rank 0 has counted this rank out
        }
        const std::vector<std::size_t> one{static_cast<std::size_t>(k)};
        try {
            const ShardsRun run = run_shards(o, m, one, out, err, stop);
            r.shards += run.committed;
            r.units += run.committed > 0 ? units_of(m, one) : 0;
            if (!run.complete) {
                r.code = kInterrupted;
            }
        } catch (const SweepFailure& e) {
            err << kCmd << ": rank " << rank << ": error: " << e.what() << '\n';
            r.code = e.code();
        } catch (const Interrupted&) {
            r.code = kInterrupted; // stopped while a shard was being written: nothing kept of it
        } catch (const std::exception& e) {
            err << kCmd << ": rank " << rank << ": error in shard " << k << ": " << e.what()
                << '\n';
            r.code = kRuntimeError;
        }
        if (r.code != kOk) {
            if (handout == nullptr) {
                std::int64_t none = -1;
                MPI_Send(&none, 1, MPI_INT64_T, 0, kLeave, MPI_COMM_WORLD);
            }
            return r;
        }
    }
}

/// Rank 0's part before the run: the shards still to do (the folder is scanned by rank 0
/// only, so that no rank removes another's temporary file). -1 in `count` on an error.
std::vector<std::size_t> plan_on_rank0(const SweepRunOptions& o, const scenario::SweepManifest& m,
                                       std::int64_t& count, std::ostream& out, std::ostream& err,
                                       int ranks) {
    std::size_t done_before = 0;
    std::vector<std::size_t> shards = pending_shards(o, m, done_before, err);
    count = static_cast<std::int64_t>(shards.size());
    if (!o.quiet || shards.empty()) {
        fmt::print(out,
                   "{}: {} shard(s), {} unit(s) to run on {} rank(s) x {} thread(s); {} "
                   "shard(s) already done\n",
                   kCmd, shards.size(), units_of(m, shards), ranks, o.threads, done_before);
        out.flush();
    }
    return shards;
}

/// The sweep on every rank; returns this rank's exit code.
int run_ranks(const SweepRunOptions& o, int rank, int ranks, std::ostream& out, std::ostream& err,
              const std::atomic<bool>& stop) {
    std::int64_t count = -1;
    std::vector<std::size_t> shards;
    const auto t0 = std::chrono::steady_clock::now();
    std::optional<scenario::SweepManifest> m;
    int code = kOk;
    try {
        m = read_manifest(o.dir);
        if (rank == 0) {
            shards = plan_on_rank0(o, *m, count, out, err, ranks);
        }
    } catch (const SweepFailure& e) {
        err << kCmd << ": rank " << rank << ": error: " << e.what() << '\n';
        code = e.code();
    }
    // Everyone learns whether rank 0 could plan; a rank that could not read the manifest
    // says so in the reduction below and asks for nothing.
    MPI_Bcast(&count, 1, MPI_INT64_T, 0, MPI_COMM_WORLD);
    RankResult mine;
    mine.code = code;
    if (count >= 0) {
        if (rank == 0) {
            Handout handout(std::move(shards), stop);
            std::thread answering;
            if (ranks > 1) {
                answering = std::thread([&] { answer_requests(handout, ranks); });
            }
            mine = run_handed_out(o, *m, rank, &handout, out, err, stop);
            if (answering.joinable()) {
                answering.join();
            }
        } else if (m) {
            mine = run_handed_out(o, *m, rank, nullptr, out, err, stop);
        } else {
            std::int64_t none = -1;
            MPI_Send(&none, 1, MPI_INT64_T, 0, kLeave, MPI_COMM_WORLD);
        }
    }
    std::array<std::uint64_t, 2> done{mine.shards, mine.units};
    std::array<std::uint64_t, 2> total{};
    MPI_Reduce(done.data(), total.data(), 2, MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD);
    int worst = mine.code;
    int worst_all = kOk;
    MPI_Allreduce(&worst, &worst_all, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    if (rank == 0 && count >= 0) {
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (worst_all == kOk) {
            fmt::print(out, "{}: {} shard(s), {} unit(s) on {} rank(s) in {:.1f} s\n", kCmd,
                       total[0], total[1], ranks, wall);
        } else {
            err << kCmd << ": not complete: the " << total[0]
                << " shard(s) finished are kept; run the same command again (with or without "
                   "MPI) to do the rest\n";
        }
    }
    return mine.code != kOk ? mine.code : worst_all;
}

} // namespace

int sweep_run_mpi(const SweepRunOptions& o, std::ostream& out, std::ostream& err,
                  const std::atomic<bool>& stop) {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided);
    int rank = 0;
    int ranks = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks);
    int code = kOk;
    if (provided < MPI_THREAD_SERIALIZED && ranks > 1) {
        if (rank == 0) {
            err << kCmd
                << ": error: this MPI library gives no MPI_THREAD_SERIALIZED, which rank "
                   "0's answering thread needs; run the shards with --shard I/N instead\n";
        }
        code = kRuntimeError;
    } else {
        code = run_ranks(o, rank, ranks, out, err, stop);
    }
    MPI_Finalize();
    return code;
}

} // namespace kokeilu::app
