// Staff: counsellors, their working day and the interviews they hold.
#pragma once

#include "agents/region_store.hpp"

#include <vector>

namespace kokeilu::agents::region {

/// Counsellor FTE of local provider `local` today: while the pilots run, the TE office's state
/// staff are split by the clients each provider took on pilot.start (or the pilots take their
/// listed counsellors: pilot.state_staff), and the pilots add their municipal staff; under
/// TE24 the state staff are split among the areas by where the jobseekers live.
[[nodiscard]] double fte(const Store& s, std::uint8_t local);
/// Clients who take the staff's time (the unemployed and those in services or training) by
/// local provider.
[[nodiscard]] std::vector<double> clients_by_provider(const Store& s);
/// On pilot.start, after the clients moved: each provider's share of the TE office's
/// `te_clients_before` (Store::client_share).
void share_clients(Store& s, double te_clients_before);

/// A working day (08:00): every provider works through its task queue, first contacts held
/// back by a caseload cap go ahead as places free up; the next working day is scheduled.
void staff_day(Store& s, sim::Context& ctx);

/// Holds an interview (the first contact and initial interview, or a periodic one): maybe an
/// assessment, maybe a referral to services; returns the staff minutes it took.
double interview(Store& s, sim::Context& ctx, const Task& t);

} // namespace kokeilu::agents::region
