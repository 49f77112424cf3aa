// The panel: the month-end snapshot of a region's measures.
#pragma once

#include "agents/region_store.hpp"

namespace kokeilu::agents::region {

/// At the end of month `month` (index into the month starts): books everyone's money,
/// converts exhausted allowances, rechecks providers, finds the TYP assessments due, and
/// (from the first written month on) stores the month's values and cohort outcomes.
void snapshot(Store& s, int month);

} // namespace kokeilu::agents::region
