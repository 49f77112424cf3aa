// `kokeilu evidence`: the model's responses to changes against what the evidence expects
// (configs/evidence.toml), each check a paired experiment with common random numbers.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace kokeilu::app {

struct EvidenceOptions {
    std::string file;                 ///< empty: the built-in configs/evidence.toml
    std::vector<std::string> sets;    ///< --set, applied to every run
    std::optional<double> scale;      ///< --scale (population.scale)
    std::optional<int> replications;  ///< --reps
    std::optional<std::int64_t> seed; ///< --seed
    int threads = 1;
    std::vector<std::string> only; ///< --only NAME: run these checks only
    bool quiet = false;            ///< no progress on stderr
};

/// Reads the evidence file, runs every enabled check's base and variant with the same seed and
/// replications (each distinct scenario once) and prints the table of expected and simulated
/// differences on `out`. Returns 0 if every check passes, 1 if any fails, 2 for bad input
/// (printed as file:line:column); throws `Interrupted` on a stop request.
int evidence_command(const EvidenceOptions& options, std::ostream& out, std::ostream& err,
                     const std::atomic<bool>& stop);

} // namespace kokeilu::app
