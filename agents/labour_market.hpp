// The labour market: when a registered person finds a job, is recalled or leaves otherwise.
#pragma once

#include "agents/region_store.hpp"

namespace kokeilu::agents::region {

/// The region's labour-demand index on date d (its own list, or the national one).
[[nodiscard]] double demand_at(const Store& s, Date d);

/// Draws the time of person i's next job, recall or other exit under the current state (the
/// rates change with the spell's duration, demand, services and interviews) and schedules it,
/// with the next target-group recheck if that comes first.
void schedule_spell_end(Store& s, sim::Context& ctx, std::uint32_t i);

} // namespace kokeilu::agents::region
