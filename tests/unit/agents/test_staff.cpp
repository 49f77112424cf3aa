// Staff (agents/staff.cpp): the task queue's order, the working day's minutes and what it
// skips or hands on, and the counsellors of each provider before, during and after the pilots.
#include "agents/staff.hpp"
#include "region_fixture.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <vector>

using namespace kokeilu::agents;
using kokeilu::agents::testing::RegionFixture;
using kokeilu::sim::Context;

namespace {

constexpr double kInterviewMinutes = 40.0; // the fixture model's periodic interview (default)

/// One TE counsellor with `minutes` of client work a day before the pilots (half a counsellor
/// moves to the pilot while it runs), and interviews that take exactly the model's minutes:
/// no assessment, no referral.
void plain_interviews(RegionFixture& f, double minutes) {
    ModelParams& q = f.input().periods.front().second;
    q.counsellors = {1.0, 0.5};
    q.counsellor_minutes_per_day = minutes;
    ServiceModel& m = q.models[0];
    m.assess_at_start = 0.0;
    m.assess_at_interview = 0.0;
    m.referral_assessed = 0.0;
    m.referral_other = 0.0;
    REQUIRE(m.interview_minutes == kInterviewMinutes);
}

/// Queues a periodic interview of person i (current spell) at `desk`, due by day `due`.
void queue(region::Store& s, std::uint8_t desk, std::uint32_t i, int due) {
    s.desks[desk].tasks.push(
        region::Task{i, s.agent(i).spell, region::to_i32(kokeilu::sim::days(due)), false});
}

/// Interviews held at provider l this month (every target group).
double held(region::Store& s, std::uint8_t l) {
    double n = 0.0;
    for (std::size_t g = 0; g < region::kGroups; ++g) {
        n += s.flow(l, g, Metric::InterviewsHeld);
    }
    return n;
}

/// The persons among `persons` interviewed at this very moment.
std::vector<std::uint32_t> seen_now(const region::Store& s, std::vector<std::uint32_t> persons) {
    std::erase_if(persons, [&](std::uint32_t i) {
        return s.agent(i).last_interview != region::to_i32(s.now);
    });
    return persons;
}

} // namespace

TEST_CASE("staff: the task queue serves the earliest deadline first, ties first come first "
          "served",
          "[unit][components][staff]") {
    region::TaskQueue q;
    q.push(region::Task{0, 0, 300, false});
    q.push(region::Task{1, 0, 100, false});
    q.push(region::Task{2, 0, 200, true});
    q.push(region::Task{3, 0, 100, true});
    q.push(region::Task{4, 0, 100, false});
    CHECK(q.pop().agent == 1);
    CHECK(q.pop().agent == 3);
    q.push(region::Task{5, 0, 100, false}); // a later arrival with the same deadline
    q.push(region::Task{6, 0, 50, false});  // a later arrival with an earlier one
    std::vector<std::uint32_t> order;
    while (!q.empty()) {
        order.push_back(q.pop().agent);
    }
    CHECK(order == std::vector<std::uint32_t>{6, 4, 5, 2, 0});
}

TEST_CASE("staff: a working day spends its minutes on the most urgent tasks; an overrun is "
          "paid back the next day and unused minutes are not banked",
          "[unit][components][staff]") {
    RegionFixture f(6);
    plain_interviews(f, 100.0); // 100 minutes a day: two and a half interviews
    const std::vector<std::uint32_t> all{0, 1, 2, 3, 4, 5};
    f.at(4, [&](region::Store& s, Context& ctx) { // Tuesday 2021-01-05
        const std::array<int, 6> due{30, 10, 25, 15, 20, 17};
        for (const std::uint32_t i : all) {
            f.place(i, s.now);
            queue(s, s.te, i, due[i]);
        }
        region::staff_day(s, ctx);
        // 40 + 40 + 40 minutes: the third interview overruns the day by 20.
        CHECK(seen_now(s, all) == std::vector<std::uint32_t>{1, 3, 5});
        CHECK(s.desks[s.te].balance == Approx(-20.0));
        CHECK(s.desks[s.te].minutes_used == Approx(3 * kInterviewMinutes));
        CHECK(s.desks[s.te].minutes_available == Approx(100.0));
    });
    f.at(6, [&](region::Store& s, Context& ctx) {
        region::staff_day(s, ctx); // 100 - 20 = 80 minutes: two interviews
        CHECK(seen_now(s, all) == std::vector<std::uint32_t>{2, 4});
        CHECK(s.desks[s.te].tasks.all().size() == 1);
    });
    f.at(7, [&](region::Store& s, Context& ctx) {
        region::staff_day(s, ctx); // the last task; 60 minutes go unused
        CHECK(seen_now(s, all) == std::vector<std::uint32_t>{0});
        CHECK(s.desks[s.te].balance == Approx(60.0));
        for (const std::uint32_t i : {0U, 1U, 2U, 3U}) {
            queue(s, s.te, i, 40);
        }
    });
    f.at(8, [&](region::Store& s, Context& ctx) {
        region::staff_day(s, ctx); // 100 minutes again, not 160: three of the four
        CHECK(seen_now(s, all).size() == 3);
        CHECK(held(s, s.te) == 9.0);
        CHECK(s.desks[s.te].minutes_used == Approx(9 * kInterviewMinutes));
        CHECK(s.desks[s.te].minutes_available == Approx(400.0));
    });
}

TEST_CASE("staff: the next working day is scheduled at 08:00, past weekends and holidays",
          "[unit][components][staff]") {
    RegionFixture f;
    f.at(4, [&](region::Store& s, Context& ctx) { region::staff_day(s, ctx); });
    REQUIRE(f.scheduled().size() == 1);
    // Tuesday 2021-01-05 -> Thursday 2021-01-07 (Wednesday is Epiphany).
    CHECK(f.scheduled().front().kind == region::kStaffDay);
    CHECK(f.scheduled().front().at == kokeilu::sim::days(6) + kokeilu::sim::hours(8));
}

TEST_CASE("staff: tasks of someone in a newer spell or no longer unemployed take no time",
          "[unit][components][staff]") {
    RegionFixture f(3);
    plain_interviews(f, 50.0); // time for one interview only
    f.at(4, [&](region::Store& s, Context& ctx) {
        for (const std::uint32_t i : {0U, 1U, 2U}) {
            f.place(i, s.now);
            queue(s, s.te, i, 10 + static_cast<int>(i));
        }
        ++s.agent(0).spell; // a new spell since the task was queued
        s.agent(1).state = JobseekerState::InTraining;
        region::staff_day(s, ctx);
        CHECK(seen_now(s, {0, 1, 2}) == std::vector<std::uint32_t>{2});
        CHECK(s.desks[s.te].minutes_used == Approx(kInterviewMinutes));
        CHECK(held(s, s.te) == 1.0);
        CHECK(s.desks[s.te].tasks.empty());
    });
}

TEST_CASE("staff: a transferred client's task goes to the new provider, whose staff hold it",
          "[unit][components][staff]") {
    RegionFixture f(1);
    plain_interviews(f, 100.0);
    f.at(100, [&](region::Store& s, Context& ctx) { // the pilots run
        f.place(0, s.now);
        queue(s, s.te, 0, 105);
        s.agent(0).provider = s.pilots.front(); // moved after the task was queued
        region::staff_day(s, ctx);
        const std::uint8_t pilot = s.pilots.front();
        CHECK(seen_now(s, {0}).size() == 1);
        CHECK(held(s, pilot) == 1.0);
        CHECK(held(s, s.te) == 0.0);
        CHECK(s.desks[s.te].minutes_used == 0.0);
        CHECK(s.desks[pilot].minutes_used == Approx(kInterviewMinutes));
        CHECK(s.desks[s.te].tasks.empty());
        CHECK(s.desks[pilot].tasks.empty());
    });
}

TEST_CASE("staff: counsellors of the TE office and the pilot before, during and after the "
          "pilots with listed staff, and under TE24",
          "[unit][components][staff]") {
    // The fixture: TE 10 state FTE, the pilot takes 4 of them and has 2 municipal FTE; its
    // residents are half the region's jobseekers. The pilots run 2021-03-01 to 2021-06-30 here.
    RegionFixture f(1, [](ModelInput& in) { in.pilot_end = kokeilu::sim::Date(2021, 6, 30); });
    f.input().periods.front().second.staff_as_listed = true; // pilot.state_staff = "as_listed"
    region::Store& s = f.store();
    const std::uint8_t pilot = s.pilots.front();
    s.now = kokeilu::sim::days(58); // 2021-02-28
    CHECK(region::fte(s, s.te) == Approx(10.0));
    CHECK(region::fte(s, pilot) == 0.0);
    s.now = kokeilu::sim::days(59); // 2021-03-01
    CHECK(region::fte(s, s.te) == Approx(10.0 - 4.0));
    CHECK(region::fte(s, pilot) == Approx(4.0 + 2.0));
    s.now = kokeilu::sim::days(181); // 2021-07-01
    CHECK(region::fte(s, s.te) == Approx(10.0));
    CHECK(region::fte(s, pilot) == 0.0);
    // TE24: all 10 state FTE are split by residence; municipal staff stay with the pilot.
    f.input().periods.front().second.pilots_serve_everyone = true;
    s.now = kokeilu::sim::days(100);
    CHECK(region::fte(s, s.te) == Approx(10.0 * 0.5));
    CHECK(region::fte(s, pilot) == Approx(10.0 * 0.5 + 2.0));
}

TEST_CASE("staff: by clients, the pilot takes the TE office's state staff in proportion to "
          "the clients it took on pilot.start; pilot.staff_factor scales the pilot's staff",
          "[unit][components][staff]") {
    // TE 10 state FTE; the pilot has 2 municipal FTE. Of 8 clients, 3 move to the pilot.
    RegionFixture f(8);
    region::Store& s = f.store();
    const std::uint8_t pilot = s.pilots.front();
    s.now = kokeilu::sim::days(59); // 2021-03-01: the pilots run
    for (std::uint32_t i = 0; i < 8; ++i) {
        f.place(i, s.now);
    }
    s.agent(7).state = JobseekerState::EmployedOpenMarket; // not a client who takes staff time
    const double before = region::clients_by_provider(s)[s.te];
    CHECK(before == 7.0);
    for (const std::uint32_t i : {0u, 1u, 2u}) {
        s.agent(i).provider = pilot;
    }
    region::share_clients(s, before);
    CHECK(region::fte(s, pilot) == Approx(10.0 * 3.0 / 7.0 + 2.0));
    CHECK(region::fte(s, s.te) == Approx(10.0 * 4.0 / 7.0));
    // Clients per state FTE as before the move: 7 / 10 at the TE office and in the pilot.
    CHECK(3.0 / (region::fte(s, pilot) - 2.0) == Approx(7.0 / 10.0));
    // The listed staff are not used.
    f.input().periods.front().second.counsellors = {10.0, 9.0};
    CHECK(region::fte(s, pilot) == Approx(10.0 * 3.0 / 7.0 + 2.0));
    f.input().periods.front().second.pilot_staff_factor = 1.5;
    CHECK(region::fte(s, pilot) == Approx(1.5 * (10.0 * 3.0 / 7.0 + 2.0)));
    CHECK(region::fte(s, s.te) == Approx(10.0 * 4.0 / 7.0));
}

TEST_CASE("staff: with process.followup_min_days, minutes left after the due tasks go to "
          "meetings with clients last met at least that long ago, oldest first",
          "[unit][components][staff]") {
    RegionFixture f(4);
    plain_interviews(f, 100.0); // two and a half interviews a day
    f.input().periods.front().second.followup_min_days = 30;
    const std::vector<std::uint32_t> all{0, 1, 2, 3};
    f.at(4, [&](region::Store& s, Context& ctx) { // 2021-01-05: persons 0, 1 and 2 are met
        for (const std::uint32_t i : all) {
            f.place(i, s.now);
        }
        for (const std::uint32_t i : {2U, 0U, 1U}) {
            queue(s, s.te, i, 10 + static_cast<int>(i));
        }
        region::staff_day(s, ctx);
        CHECK(seen_now(s, all) == std::vector<std::uint32_t>{0, 1, 2});
        CHECK(s.desks[s.te].met.size() == 3); // in the order met: 0, 1, 2
    });
    f.at(20, [&](region::Store& s, Context& ctx) { // 16 days later: too soon for a follow-up
        region::staff_day(s, ctx);
        CHECK(seen_now(s, all).empty());
        CHECK(s.desks[s.te].minutes_used == Approx(3 * kInterviewMinutes));
    });
    f.at(35, [&](region::Store& s, Context& ctx) {     // 31 days on: a due task, then follow-ups
        s.agent(1).state = JobseekerState::InTraining; // moved on: no follow-up
        queue(s, s.te, 3, 40);
        region::staff_day(s, ctx);
        // 100 minutes: person 3's due interview, then the oldest meetings (0, then 2; 1 has
        // moved on), the last overrunning the day by 20 minutes.
        CHECK(seen_now(s, all) == std::vector<std::uint32_t>{0, 2, 3});
        CHECK(s.desks[s.te].balance == Approx(-20.0));
        CHECK(s.desks[s.te].met.size() == 3); // 3, 0 and 2 again, in the order met
    });
    f.at(36, [&](region::Store& s, Context& ctx) {
        region::staff_day(s, ctx); // 80 minutes, but everyone was met yesterday
        CHECK(seen_now(s, all).empty());
        CHECK(held(s, s.te) == 6.0);
    });
}

TEST_CASE("staff: without process.followup_min_days spare minutes hold no meetings",
          "[unit][components][staff]") {
    RegionFixture f(2);
    plain_interviews(f, 100.0);
    f.at(4, [&](region::Store& s, Context& ctx) {
        f.place(0, s.now);
        queue(s, s.te, 0, 10);
        region::staff_day(s, ctx);
        CHECK(s.desks[s.te].met.empty());
    });
    f.at(60, [&](region::Store& s, Context& ctx) {
        region::staff_day(s, ctx);
        CHECK(seen_now(s, {0}).empty());
    });
}

TEST_CASE("staff: a meeting soon after the previous one raises the job-finding rate for "
          "interview_effect_days x (gap / interview_effect_days) squared; a first contact in full",
          "[unit][components][staff]") {
    RegionFixture f(4);
    plain_interviews(f, 400.0);
    f.input().periods.front().second.interview_effect_days = 30.0;
    f.at(100, [&](region::Store& s, Context& ctx) {
        using kokeilu::sim::days;
        // Days the rate stays raised after person i's meeting, `gap` days after the last one.
        const auto raised_days = [&](std::uint32_t i, int gap, bool initial) {
            f.place(i, s.now - days(200));
            s.agent(i).last_interview = region::to_i32(s.now - days(gap));
            region::interview(
                s, ctx,
                region::Task{i, s.agent(i).spell, region::to_i32(s.now + days(5)), initial});
            return (region::from_i32(s.agent(i).boost_until) - s.now).days();
        };
        CHECK(raised_days(0, 91, false) == Approx(30.0)); // every 3 months: the full effect
        CHECK(raised_days(1, 30, false) == Approx(30.0));
        CHECK(raised_days(2, 15, false) == Approx(7.5)); // every 15 days: 15/30 on average
        CHECK(raised_days(3, 15, true) == Approx(30.0));
    });
}
