// A service model's pathway: stages, their capacity and durations, and the routing between them.
#pragma once

#include "sim/distributions.hpp"
#include "sim/random.hpp"
#include "sim/time.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kokeilu::agents {

/// How long a client stays in a stage.
struct Duration {
    enum class Kind : std::uint8_t { None, Fixed, Exponential, Lognormal, Gamma };
    Kind kind = Kind::None;
    double mean_days = 0.0;
    double cv = 1.0; ///< lognormal and gamma only

    /// "none", "fixed", "exponential", "lognormal" or "gamma"; throws std::invalid_argument.
    static Kind parse_kind(std::string_view word);

    /// One draw, rounded to whole minutes (one word for none, fixed, exponential and
    /// lognormal; gamma is a rejection method and may take more).
    [[nodiscard]] sim::SimTime draw(sim::RandomStream& rng) const;
};

/// One stage of a pathway.
struct Stage {
    std::string name;
    bool exit = false;
    std::uint32_t servers = 0; ///< clients served at once; 0 = no limit
    Duration duration;
    double arrivals_per_day = 0.0;        ///< Poisson arrivals from outside
    std::vector<std::uint32_t> next;      ///< indices of the stages a client may move on to
    std::vector<double> next_probability; ///< same order as `next`, summing to 1
};

/// A validated pathway graph (the scenario module checks it with Boost.Graph before building
/// one). Stages are in name order; `entry` is where new clients start.
struct Pathway {
    std::string name;
    std::uint32_t entry = 0;
    std::vector<Stage> stages;

    [[nodiscard]] std::optional<std::uint32_t> find(std::string_view stage) const;
};

/// Per-stage measurements of a run, over [warm-up, end).
struct StageStats {
    std::uint64_t arrivals = 0;      ///< clients arriving after the warm-up
    std::uint64_t waits_counted = 0; ///< of those, clients who started service before the end
    double mean_wait_days = 0.0;     ///< mean time queued before service
    double utilisation = 0.0;        ///< busy server time / (servers x time); 0 without a limit
    double mean_in_stage = 0.0;      ///< time-average number of clients in the stage
};

/// The result of one replication of a pathway run on its own.
struct PathwayRunResult {
    std::vector<StageStats> stages;
    std::uint64_t clients = 0; ///< clients who arrived from outside
    std::uint64_t events = 0;
    std::uint64_t digest = 0; ///< of every stage's ordered event history
    bool interrupted = false; ///< `stop` ended the run early (the statistics are partial)
};

/// Runs clients through a pathway on the engine (one logical process, stages and their arrival
/// sources as entities) for `end` simulated time, measuring from `warmup`. Random streams are
/// keyed by (seed, replication, stage, purpose), so runs are reproducible and replications
/// independent. The stages' seats and lines are `StageQueues`, the executor the jobseeker
/// model's services use; alone a pathway is an open queueing network (pathway_theory.hpp gives
/// its exact answer). If `stop` becomes true the run ends early with `interrupted` set.
PathwayRunResult run_pathway(const Pathway& pathway, sim::SimTime warmup, sim::SimTime end,
                             std::uint64_t seed, std::uint64_t replication,
                             const std::atomic<bool>* stop = nullptr);

/// Replications 0 .. `replications` - 1 of `run_pathway`, side by side on at most `threads`
/// threads (0 = all cores), in replication order: the results do not depend on `threads`.
std::vector<PathwayRunResult> run_pathway_replications(const Pathway& pathway, sim::SimTime warmup,
                                                       sim::SimTime end, std::uint64_t seed,
                                                       std::size_t replications, int threads,
                                                       const std::atomic<bool>* stop = nullptr);

} // namespace kokeilu::agents
