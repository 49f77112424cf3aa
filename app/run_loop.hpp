// The runs of a command (scenarios x replications), handed over in run order.
#pragma once

#include "sim/replications.hpp"

#include <atomic>
#include <cstddef>

namespace kokeilu::app {

/// Several runs and several threads: the runs go side by side, one thread each. Otherwise they
/// go one after another, each run using the threads itself.
[[nodiscard]] inline bool runs_side_by_side(std::size_t runs, int threads) {
    return runs > 1 && threads > 1;
}

/// Runs `one_run(i)` for i = 0..runs-1 and hands each result to `sink(i, result)` in order,
/// side by side on `threads` threads or one after another (`runs_side_by_side`). Returns how
/// many were handed over: fewer than `runs` after a stop request.
template <class OneRun, class Sink>
std::size_t run_in_order(std::size_t runs, int threads, OneRun&& one_run, Sink&& sink,
                         const std::atomic<bool>& stop) {
    if (runs_side_by_side(runs, threads)) {
        return sim::run_replications_in_order(runs, threads, one_run, sink, &stop);
    }
    std::size_t handed = 0;
    for (; handed < runs && !stop.load(); ++handed) {
        sink(handed, one_run(handed));
    }
    return handed;
}

} // namespace kokeilu::app
