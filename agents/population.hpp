// Population: registration of the initial stock and each month's new jobseekers.
#pragma once

#include "agents/region_store.hpp"

namespace kokeilu::agents::region {

/// Person i registers: a slot, their attributes, their provider, first contact or interview
/// schedule and spell end.
void register_agent(Store& s, sim::Context& ctx, std::uint32_t i);

/// Profiling at registration: the risk of still being unemployed 12 months on, from the
/// model's own rates for the person's attributes and today's demand (a perfectly informed
/// tool, an assumption: real profiling tools see less), sorted into the provider's risk
/// groups; the high-risk groups get early intensive support.
void profile(Store& s, Agent& a);

} // namespace kokeilu::agents::region
