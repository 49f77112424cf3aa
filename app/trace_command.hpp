// `kokeilu trace`: one person's life in a run, event by event, as readable text.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace kokeilu::app {

struct TraceCommandOptions {
    std::string file; ///< empty: the built-in default scenario
    std::vector<std::string> sets;
    std::uint64_t agent = 0; ///< person id (as in traces.csv)
    std::optional<std::uint64_t> seed;
    std::uint64_t replication = 0;
    std::string from; ///< YYYY-MM-DD, inclusive; empty: from the start
    std::string to;   ///< YYYY-MM-DD, inclusive; empty: to the end
    int threads = 0;
};

/// Runs the scenario exactly as `kokeilu run` would (same streams, so the same history) and
/// prints the person's events between `from` and `to`. Returns an exit code.
int trace_command(const TraceCommandOptions& options, std::ostream& out, std::ostream& err,
                  const std::atomic<bool>& stop);

} // namespace kokeilu::app
