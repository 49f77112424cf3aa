// Replications side by side on a TBB arena with a thread limit.
#pragma once

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <atomic>
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

/// Runs `fn(i)` for i in [0, count) in parallel on at most `threads` threads and hands each
/// result to `sink(i, result)` in index order, one call at a time, on the calling thread: in
/// batches of `threads` (0 = all cores) replications run with `run_replications`, so at most
/// one batch of results exists at once and memory does not grow with `count`. What `sink`
/// sees never depends on the thread count. Stops starting new batches when `stop` (if given)
/// becomes true; returns the number of results handed to `sink`. The first exception (from
/// `fn` or `sink`) is rethrown.
template <class Fn, class Sink>
std::size_t run_replications_in_order(std::size_t count, int threads, Fn&& fn, Sink&& sink,
                                      const std::atomic<bool>* stop = nullptr) {
    if (threads < 0) {
        throw std::invalid_argument("replications: threads must be >= 0 (0 = all cores)");
    }
    const auto batch =
        static_cast<std::size_t>(threads == 0 ? tbb::this_task_arena::max_concurrency() : threads);
    std::size_t handed = 0;
    while (handed < count && (stop == nullptr || !stop->load(std::memory_order_relaxed))) {
        const std::size_t first = handed;
        const std::size_t n = std::min(batch, count - first);
        auto results = run_replications(n, threads, [&](std::size_t k) { return fn(first + k); });
        for (std::size_t k = 0; k < n; ++k) {
            sink(first + k, std::move(results[k]));
            ++handed;
        }
    }
    return handed;
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
