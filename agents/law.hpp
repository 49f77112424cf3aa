// The law: the pilots' target group and which provider serves a jobseeker.
#pragma once

#include "agents/region_store.hpp"

namespace kokeilu::agents::region {

/// The output's target group: the rule's reason judged as if the person were unemployed
/// and lived in a pilot municipality (so the groups partition everyone, whatever their state).
[[nodiscard]] std::size_t group_of(const Store& s, const Agent& a);

/// Every row of the output a person's measures go to now (Store::book): their target group,
/// their age band (age in whole years today) and their language.
[[nodiscard]] PersonRows rows_of(const Store& s, const Agent& a);

/// The provider that serves the person now: the home pilot while the pilots run and the
/// person is in its target group (or TE24 serves everyone), otherwise the TE office.
[[nodiscard]] std::uint8_t desired_provider(const Store& s, const Agent& a);

/// Moves person i to the provider the rule gives now (a transfer, counted and traced).
void recheck(Store& s, std::uint32_t i);

/// The day membership of the pilots' target group can next change while nothing else
/// happens to the person: the earnings-related allowance runs out, or the 30th birthday
/// (DOMAIN.md §2.1). Scheduled only if it comes before `next_change` (days), the person's
/// next drawn state change, which reschedules it.
void schedule_recheck(Store& s, sim::Context& ctx, std::uint32_t i, double next_change);

} // namespace kokeilu::agents::region
