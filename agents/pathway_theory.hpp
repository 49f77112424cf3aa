// The exact steady state of a pathway as an open queueing network (Jackson, Erlang C): the
// answer the queueing validation tests and `kokeilu demo` hold `run_pathway` to.
#pragma once

#include "agents/pathway.hpp"

#include <cstdint>
#include <vector>

namespace kokeilu::agents {

/// Erlang C: the probability that an arrival waits at an M/M/c queue with `servers` servers and
/// offered load a = lambda / mu. Throws std::invalid_argument unless 0 <= a < servers.
double erlang_c(std::uint32_t servers, double offered_load);

/// Jackson's steady state of a pathway, per stage (in the pathway's order). Exit stages and
/// stages without a server limit never queue (wait 0, utilisation 0, as `run_pathway` reports
/// them); the mean number in a stage is Little's law for any duration distribution.
struct PathwayTheory {
    std::vector<double> arrival_rate;   ///< total arrivals per day (from outside and other stages)
    std::vector<double> utilisation;    ///< rho = lambda / (c mu); 0 without a server limit
    std::vector<double> mean_wait_days; ///< Erlang C: P(wait) / (c mu - lambda)
    std::vector<double> mean_in_stage;  ///< lambda x (wait + mean duration); 0 at exits
};

/// Solves the traffic equations lambda = gamma + P^T lambda of the pathway (gamma: its
/// arrivals from outside) and each stage's M/M/c answer. Throws std::invalid_argument if a
/// stage with a server limit has a duration that is not exponential (or none), if a stage is
/// unstable (utilisation >= 1), or if clients never leave.
PathwayTheory pathway_theory(const Pathway& pathway);

} // namespace kokeilu::agents
