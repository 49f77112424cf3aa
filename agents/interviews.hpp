// Interviews: when a jobseeker's first contact and periodic interviews fall due.
#pragma once

#include "agents/region_store.hpp"

namespace kokeilu::agents::region {

/// Grace after a periodic interview's due day before it counts as late (assumption).
inline constexpr int kInterviewGraceWorkingDays = 5;

/// Starts (or restarts) person i's unemployment: a new registration queues its first contact
/// with a deadline, anyone else gets the next periodic interview; then the spell's end is drawn.
void start_unemployment(Store& s, sim::Context& ctx, std::uint32_t i, bool new_registration);

/// Days between interviews for this jobseeker now (the intensive interval early in a spell).
[[nodiscard]] int current_interval(const Store& s, const Agent& a);

/// Schedules the timer of person i's next periodic interview (07:00 on its due day).
void schedule_next_interview(Store& s, sim::Context& ctx, std::uint32_t i);

/// The interview timer: the interview goes to the provider's task queue with its deadline.
void interview_due(Store& s, std::uint32_t i);

} // namespace kokeilu::agents::region
