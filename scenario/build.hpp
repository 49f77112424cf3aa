// From a validated scenario to the domain objects the model runs.
#pragma once

#include "agents/jobseeker_model.hpp"
#include "agents/pathway.hpp"
#include "scenario/scenario.hpp"

#include <string_view>

namespace kokeilu::scenario {

/// The pathway of service model `model` (stages in name order). Throws ConfigError if there is
/// no such model. The scenario must have loaded cleanly (load_scenario checks the graph).
agents::Pathway build_pathway(const Scenario& scenario, std::string_view model);

/// The jobseeker model's input: regions, providers and one parameter set per [[timeline]]
/// period. Throws ConfigError (pointing at the file and line where it can) for a scenario the
/// model cannot run: no regions or providers, region shares that do not sum to 1, a region
/// without exactly one TE office, pilots' resident shares above 1, a start that is not the
/// first day of a month or an end that is not the last day of one.
agents::ModelInput build_model_input(const Scenario& scenario);

/// Sanity limits of the model input (not memory estimates: absurd inputs only).
inline constexpr int kMaxProvidersPerRegion = 200; ///< the model numbers them in a byte
inline constexpr double kMaxPersons = 1e9; ///< persons in one run, at its scale (the default
                                           ///< scenario at scale 10 has about 160 million)

/// A scenario that passed every check, the model input built from it, and the warnings found.
struct Checked {
    Scenario scenario;
    agents::ModelInput input;
    std::vector<Diagnostic> warnings;
};

/// The one check path of every command (`run`, `compare`, `trace`, `validate`, `show`,
/// `graph`): loads the scenario with every loader check, builds the model input with every
/// model check, and throws one ConfigError with every diagnostic (errors and warnings, each
/// once, in file and line order) if there is an error. Nothing else may be needed before a run.
Checked check_scenario(const LoadOptions& options);
Checked check_scenario(const std::string& file, const std::vector<std::string>& overrides = {});

} // namespace kokeilu::scenario
