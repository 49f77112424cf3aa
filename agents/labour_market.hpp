// The labour market: when a registered person finds a job, is recalled or leaves otherwise.
#pragma once

#include "agents/region_store.hpp"

namespace kokeilu::agents::region {

/// The region's labour-demand index on date d (its own list, or the national one).
[[nodiscard]] double demand_at(const Store& s, Date d);
/// The same for month `month` of the run (an index into Shared::month_starts), without
/// calendar arithmetic: the job-finding loop asks for it once per month segment.
[[nodiscard]] double demand_in_month(const Store& s, std::size_t month);

/// Whether the person has reached labour_market.retirement_age (when it is set).
[[nodiscard]] bool retired(const Store& s, const Agent& a);

/// Draws the time of person i's next job, recall, other exit or own-initiative study under the
/// current state (the rates change with the spell's duration, demand, services and interviews)
/// and schedules it, with the next target-group recheck if that comes first.
void schedule_spell_end(Store& s, sim::Context& ctx, std::uint32_t i);

/// Thinning of a rate that a meeting multiplies by `effect` (process.interview_effect for job
/// finding, interview_other_exit_effect for other exits): schedule_spell_end proposes at
/// max(1, effect) times the rate, and a proposal stands with probability (the multiplier now) /
/// max(1, effect), the multiplier being `effect` before the person's boost_until and 1 after.
/// `u` is a uniform draw from [0, 1).
[[nodiscard]] bool meeting_proposal_stands(const Store& s, const Agent& a, double effect, double u);

/// When a short job that starts now ends (the horizon if not before it): `months` drawn from
/// the exponential distribution of mean registered_job_months, stretched or shortened month by
/// month by labour_market.job_end_seasons (exactly now + months when all are 1).
[[nodiscard]] SimTime registered_job_end(const Store& s, double months);

} // namespace kokeilu::agents::region
