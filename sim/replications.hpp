// Replications side by side on a TBB arena with a thread limit.
#pragma once

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

namespace kokeilu::sim {

/// Runs `fn(i)` for i in [0, count) in parallel on at most `threads` threads (0 = all cores)
/// and returns the results in replication order, so the output never depends on which
/// replication finished first. `fn` must derive all randomness from its replication index
/// (RandomStream keys do this). Each replication may itself use tbb::parallel_for: it runs
/// nested in the same arena and shares its thread limit. The first exception is rethrown.
template <class Fn>
auto run_replications(std::size_t count, int threads, Fn&& fn)
    -> std::vector<std::invoke_result_t<Fn&, std::size_t>> {
    using Result = std::invoke_result_t<Fn&, std::size_t>;
    if (threads < 0) {
        throw std::invalid_argument("replications: threads must be >= 0 (0 = all cores)");
    }
    std::vector<std::optional<Result>> slots(count);
    tbb::task_arena arena(threads == 0 ? tbb::task_arena::automatic : threads);
    arena.execute([&] {
        tbb::parallel_for(std::size_t{0}, count, [&](std::size_t i) { slots[i].emplace(fn(i)); });
    });
    std::vector<Result> out;
    out.reserve(count);
    for (auto& s : slots) {
        out.push_back(std::move(*s));
    }
    return out;
}

/// Runs `fn()` on at most `threads` threads (0 = all cores), e.g. one engine run.
template <class Fn>
decltype(auto) with_threads(int threads, Fn&& fn) {
    if (threads < 0) {
        throw std::invalid_argument("threads must be >= 0 (0 = all cores)");
    }
    tbb::task_arena arena(threads == 0 ? tbb::task_arena::automatic : threads);
    return arena.execute(std::forward<Fn>(fn));
}

} // namespace kokeilu::sim
