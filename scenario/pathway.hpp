// Checks and drawings of the pathway graphs of service models (Boost.Graph).
#pragma once

#include "scenario/scenario.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kokeilu::scenario {

/// Checks every service model's pathway graph and appends one diagnostic per problem, naming
/// the model, the stage and the file position of the stage (or of the offending key).
void check_pathways(const Scenario& scenario, std::vector<Diagnostic>& out);

/// The pathway of the service model that `provider` runs, as Graphviz DOT. Throws ConfigError
/// (with a did-you-mean) if there is no such provider.
std::string pathway_dot(const Scenario& scenario, std::string_view provider);

/// The pathway of a service model by its name, as Graphviz DOT.
std::string service_model_dot(const Scenario& scenario, std::string_view model);

} // namespace kokeilu::scenario
