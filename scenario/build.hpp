// From a validated scenario to the domain objects the model runs.
#pragma once

#include "agents/pathway.hpp"
#include "scenario/scenario.hpp"

#include <string_view>

namespace kokeilu::scenario {

/// The pathway of service model `model` (stages in name order). Throws ConfigError if there is
/// no such model. The scenario must have loaded cleanly (load_scenario checks the graph).
agents::Pathway build_pathway(const Scenario& scenario, std::string_view model);

} // namespace kokeilu::scenario
