// `kokeilu demo`: the engine's demonstration run (an M/M/c network against its exact answer).
#pragma once

#include <atomic>
#include <cstdint>
#include <ostream>

namespace kokeilu::app {

struct DemoOptions {
    int replications = 10;
    int threads = 0;
    std::uint64_t seed = 1;
    double days = 2000.0;
};

/// Runs the demonstration and prints a table to `out`; returns the process exit code
/// (kInterrupted, having printed nothing but a note, if `stop` was set during the run).
int run_demo(const DemoOptions& options, std::ostream& out, const std::atomic<bool>& stop);

} // namespace kokeilu::app
