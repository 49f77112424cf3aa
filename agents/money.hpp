// Money: benefits and service costs, booked to their payers as time passes.
#pragma once

#include "agents/region_store.hpp"

namespace kokeilu::agents::region {

/// Books person i's benefits and service costs from a.accrued_until to now, to this month's
/// flows (the rates and shares of the first booked day apply to the whole period).
void accrue(Store& s, std::uint32_t i);

/// True if the earnings-related allowance has just run out (labour-market subsidy now).
bool convert_exhausted_allowance(const Store& s, Agent& a);

} // namespace kokeilu::agents::region
