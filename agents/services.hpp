// Services: a provider's service model as a pathway of stages with seats, queues and budgets.
#pragma once

#include "agents/region_store.hpp"

namespace kokeilu::agents::region {

/// At 00:00 on a month's first day: the jobseekers waiting for a stage that was closed
/// and is open now are referred again, first come first served (seats and budgets apply).
void open_stages(Store& s, sim::Context& ctx);

/// Enters stage `stage` of the model of provider `prov`: starts it, waits for a seat or for
/// money, or routes on at once (a stage without duration); an exit stage returns to job
/// search. `since` is when the jobseeker was referred (for the waits per service).
void enter_stage(Store& s, sim::Context& ctx, std::uint32_t i, std::uint8_t prov,
                 std::uint32_t stage, std::uint32_t from_stage, std::int32_t since);

/// Person i starts self-motivated study on their own initiative (the kOwnStudy timer): enters
/// the provider's own_study_stage like a referral, without a meeting. Someone no longer free
/// to (laid off, in or waiting for a service) gets their spell end drawn again.
void own_study(Store& s, sim::Context& ctx, std::uint32_t i);

/// Starts a seat of `stage` at provider `prov` for person i: its length and cost by the
/// rules of its kind, the budget committed, the end and the next spell end scheduled.
void start_stage(Store& s, sim::Context& ctx, std::uint32_t i, std::uint8_t prov,
                 std::uint8_t stage, std::int32_t since);

/// Frees person i's seat (if any); the next valid jobseeker waiting for it starts.
void release_seat(Store& s, sim::Context& ctx, std::uint32_t i);

/// The service-end timer: on to the next stage the pathway routes to, or back to job search.
void service_end(Store& s, sim::Context& ctx, std::uint32_t i);

/// Person i is unemployed and searching again, with the after-effect of `from_stage` (if
/// they come out of a service) and a new interview schedule.
void return_to_job_search(Store& s, sim::Context& ctx, std::uint32_t i, std::uint8_t prov,
                          std::uint32_t from_stage);

/// Money released on the first of a month: on 1 January every budget starts again with its
/// first instalment (what was left or overspent is not carried into the new year); on other
/// months a monthly budget adds a twelfth of the year's money to what is left. Then those
/// waiting for money are referred again, first come first served, while it lasts.
void release_budgets(Store& s, sim::Context& ctx, bool new_year);

/// True if any period's service model closes a stage in some month.
[[nodiscard]] bool any_closed_months(const Store& s);

} // namespace kokeilu::agents::region
