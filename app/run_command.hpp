// `kokeilu run`: the jobseeker model on a scenario, written to HDF5 and/or CSV.
#pragma once

#include "agents/jobseeker_model.hpp"
#include "output/result_file.hpp"
#include "scenario/scenario.hpp"

#include <atomic>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace kokeilu::app {

struct RunOptions {
    std::vector<std::string> files;   ///< none: the built-in default scenario; compare: 2 or more
    bool compare = false;             ///< `kokeilu compare`: several scenarios, paired
    std::vector<std::string> sets;    ///< --set key=value
    std::string output;               ///< -o FILE (.h5); empty: none
    std::string csv_dir;              ///< --csv DIR; empty: none
    std::optional<int> replications;  ///< --reps (default: scenario.replications)
    std::optional<std::int64_t> seed; ///< --seed (default: scenario.seed), 0 .. 2^63 - 1
    int threads = 0;                  ///< 0: all cores
    bool quiet = false;
    bool reproducible = false;                ///< leave the wall time out of the file
    bool force = false;                       ///< replace existing results
    std::vector<std::uint64_t> trace_persons; ///< --trace: person ids to trace
    std::uint32_t trace_sample = 0; ///< --trace-sample: about N persons spread over everyone
    /// --window FROM..TO: the months of the headline outcomes, the same for every scenario
    /// (empty: the reference's pilot period, pilot.start to pilot.end within the run)
    std::string window;
    /// --provider NAME / --region NAME: print the headline outcomes of that provider or of that
    /// region's providers instead of the national ones (empty: national)
    std::string provider;
    std::string region;
};

/// The tables of a run's result: the providers (each with its region), measures, target groups
/// and months of `input`.
[[nodiscard]] output::Dimensions dimensions_of(const agents::ModelInput& input);
/// The same with each pilot area's member municipalities from `scenario`
/// (`providers.*.municipalities`), for the result file of `kokeilu run` and `compare`.
[[nodiscard]] output::Dimensions dimensions_of(const agents::ModelInput& input,
                                               const scenario::Scenario& scenario);

/// Runs the scenario (or, for a comparison, every scenario with the same seeds and replication
/// numbers: common random numbers) and writes the results; returns an exit code
/// (app/exit_codes.hpp).
/// Output files are checked before the run starts, written under temporary names and renamed
/// when complete; an interrupted run leaves no result under the final names.
int run_command(const RunOptions& options, std::ostream& out, std::ostream& err,
                const std::atomic<bool>& stop);

} // namespace kokeilu::app
