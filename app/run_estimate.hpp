// What a run will need before it starts: memory, disk and time, and whether they fit.
#pragma once

#include "agents/jobseeker_model.hpp"
#include "app/run_command.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace kokeilu::app {

/// The figures behind the estimate (bench/RESULTS.md records how they were measured).
struct EstimateFactors {
    /// Persons registered at the peak per initial unemployed person (58,058 at scale 0.1 of
    /// the default scenario, 25,140 initial: 2.31), with a margin.
    double peak_per_initial = 2.5;
    /// Bytes of model memory per person registered at the peak (bench/RESULTS.md: 360-364),
    /// with a margin.
    double bytes_per_person = 450.0;
    /// Memory of the process before any run (binary, tables, HDF5 and TBB).
    double base_bytes = 80e6;
    /// Seconds of one core per person at the peak per simulated month (2.56 s for 58,058
    /// persons over 72 months on one core of the 2-core CI machine), with a margin.
    double core_seconds_per_person_month = 7e-7;
    /// Bytes on disk per monthly row: HDF5 (compressed: 1.2 measured on the default scenario,
    /// 1.3 MB for 1.1 million rows; 8 allows for data that compress less) and a line of
    /// monthly.csv (about 90).
    double h5_bytes_per_row = 8.0;
    double csv_bytes_per_row = 90.0;
};

struct RunEstimate {
    std::size_t runs = 0;           ///< scenarios x replications
    std::size_t side_by_side = 1;   ///< runs in memory at once
    std::uint64_t rows_per_run = 0; ///< monthly and breakdown rows of one (replication, scenario)
    double peak_persons = 0.0;      ///< of the largest scenario
    double memory_bytes = 0.0;      ///< peak resident memory
    double h5_bytes = 0.0;          ///< the result file (and the summary's scratch file)
    double csv_bytes = 0.0;         ///< the CSV tables
    double seconds = 0.0;           ///< wall time, roughly
};

/// Monthly and breakdown rows one run writes for `input` (the same rule as
/// `output::Recorder`'s; a breakdown row is as large as a monthly row).
[[nodiscard]] std::uint64_t monthly_rows_per_run(const agents::ModelInput& input);

/// Estimates a run of `inputs` (one per scenario) with `replications` on `threads` threads;
/// `summary`: a summary over replications is built; `h5`, `csv`: which files are written.
[[nodiscard]] RunEstimate estimate_run(const std::vector<const agents::ModelInput*>& inputs,
                                       int replications, int threads, bool summary, bool h5,
                                       bool csv, const EstimateFactors& factors = {});

/// Memory this process may still use: /proc/meminfo's MemAvailable, lowered by a cgroup v2
/// limit if one applies. Empty if neither can be read.
[[nodiscard]] std::optional<double> available_memory_bytes();

/// Bytes as "1.2 GB" / "340 MB".
[[nodiscard]] std::string format_bytes(double bytes);

/// Prints the estimate of a run of `inputs` (one per scenario) to `err` unless `o.quiet`, and
/// refuses with a message a run that cannot fit in memory or on disk. Returns kOk or
/// kUsageError.
[[nodiscard]] int check_estimate(const RunOptions& o,
                                 const std::vector<const agents::ModelInput*>& inputs, int reps,
                                 const char* cmd, std::ostream& err);

} // namespace kokeilu::app
