// Staff: counsellors, their working day and the interviews they hold.
#pragma once

#include "agents/region_store.hpp"

namespace kokeilu::agents::region {

/// Counsellor FTE of local provider `local` today: the TE office keeps what the pilots did not
/// take; the pilots have their state and municipal staff while they run; under TE24 the state
/// staff are split among the areas by where the jobseekers live.
[[nodiscard]] double fte(const Store& s, std::uint8_t local);

/// A working day (08:00): every provider works through its task queue, first contacts held
/// back by a caseload cap go ahead as places free up; the next working day is scheduled.
void staff_day(Store& s, sim::Context& ctx);

/// Holds an interview (the first contact and initial interview, or a periodic one): maybe an
/// assessment, maybe a referral to services; returns the staff minutes it took.
double interview(Store& s, sim::Context& ctx, const Task& t);

} // namespace kokeilu::agents::region
