// Replications side by side on a TBB arena with a thread limit.
#pragma once

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

#include <atomic>
#include <cstddef>
#include <memory>
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
/// result to `sink(i, result)` in index order, one call at a time, as soon as all earlier
/// results were handed over: so results can be written out while later ones are computed,
/// and at most `threads` results (finished or not) exist at once: memory does not grow with
/// `count`. What `sink` sees never depends on the thread count. Stops starting new work when
/// `stop` (if given) becomes true; returns the number of results handed to `sink`. The first
/// exception (from `fn` or `sink`) is rethrown.
template <class Fn, class Sink>
std::size_t run_replications_in_order(std::size_t count, int threads, Fn&& fn, Sink&& sink,
                                      const std::atomic<bool>* stop = nullptr) {
    using Result = std::invoke_result_t<Fn&, std::size_t>;
    struct Item {
        std::size_t index;
        Result result;
    };
    if (threads < 0) {
        throw std::invalid_argument("replications: threads must be >= 0 (0 = all cores)");
    }
    tbb::task_arena arena(threads == 0 ? tbb::task_arena::automatic : threads);
    const auto tokens = static_cast<std::size_t>(arena.max_concurrency());
    std::size_t next = 0;
    std::size_t handed = 0;
    arena.execute([&] {
        tbb::parallel_pipeline(
            tokens,
            tbb::make_filter<void, std::size_t>(
                tbb::filter_mode::serial_in_order,
                [&](tbb::flow_control& control) -> std::size_t {
                    if (next == count ||
                        (stop != nullptr && stop->load(std::memory_order_relaxed))) {
                        control.stop();
                        return 0;
                    }
                    return next++;
                }) &
                tbb::make_filter<std::size_t, std::shared_ptr<Item>>(
                    tbb::filter_mode::parallel,
                    [&](std::size_t i) { return std::make_shared<Item>(Item{i, fn(i)}); }) &
                tbb::make_filter<std::shared_ptr<Item>, void>(
                    tbb::filter_mode::serial_in_order, [&](std::shared_ptr<Item> item) {
                        sink(item->index, std::move(item->result));
                        ++handed;
                    }));
    });
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
