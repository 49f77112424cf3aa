// Transitions on a person's timers: jobs, recalls, other exits, returns, rechecks.
#pragma once

#include "agents/region_store.hpp"

namespace kokeilu::agents::region {

/// A proposed job (thinned by the interview effect): a registered short job, or an exit to
/// employment.
void job_found(Store& s, sim::Context& ctx, std::uint32_t i);

/// A person who left registers again as a new spell.
void return_to_register(Store& s, sim::Context& ctx, std::uint32_t i);

/// A registered job ends: unemployed again, or off the register.
void registered_job_end(Store& s, sim::Context& ctx, std::uint32_t i);

/// A laid-off jobseeker goes back to their employer: an exit to employment.
void recall(Store& s, sim::Context& ctx, std::uint32_t i);

/// An exit other than to employment (education, out of the labour force, moved, deregistered).
void other_exit(Store& s, sim::Context& ctx, std::uint32_t i);

/// A recheck timer: book the benefits to today, convert an exhausted allowance and move the
/// person to the provider the rule now gives.
void recheck_due(Store& s, sim::Context& ctx, std::uint32_t i);

} // namespace kokeilu::agents::region
