// The one order of a change of state (agents/transition.hpp).
#include "agents/services.hpp"
#include "agents/transition.hpp"
#include "region_fixture.hpp"

#include <catch2/catch.hpp>

using namespace kokeilu::agents;
using kokeilu::agents::testing::RegionFixture;
using kokeilu::sim::Context;

TEST_CASE("transition: money is booked under the old state, the seat handed on and timers "
          "cancelled before the change, which is traced from the old state",
          "[unit][components][transition]") {
    RegionFixture f;
    f.store().traced = {0};
    f.at(0, [&](region::Store& s, Context& ctx) {
        f.place(0, s.now);
        f.place(1, s.now);
        s.agent(0).flags |= region::kTraced;
        region::enter_stage(s, ctx, 0, s.te, 0, region::kNoStage, region::to_i32(s.now));
        region::enter_stage(s, ctx, 1, s.te, 0, region::kNoStage, region::to_i32(s.now));
    });
    f.at(7, [&](region::Store& s, Context& ctx) {
        const std::uint16_t epoch = s.agent(0).epoch;
        s.trace_buffer.clear();
        bool applied = false;
        region::transition(
            s, ctx, 0, {TraceKind::ExitOther, true, true},
            [&](region::Agent& a) {
                // Booked under the old state: a week of the course's cost.
                CHECK(a.accrued_until == region::to_i32(s.now));
                CHECK(s.flow(a.provider, 3, Metric::SpendState) +
                          s.flow(a.provider, 0, Metric::SpendState) +
                          s.flow(a.provider, 1, Metric::SpendState) +
                          s.flow(a.provider, 2, Metric::SpendState) >=
                      7.0 * 50.0);
                CHECK(s.agent(1).state == JobseekerState::InTraining); // the seat went on
                CHECK(a.epoch == epoch + 1);                           // timers cancelled
                CHECK(s.trace_buffer.empty());                         // not traced yet
                a.state = JobseekerState::Left;
                applied = true;
            },
            [&] {
                REQUIRE(s.trace_buffer.size() == 1);
                CHECK(s.trace_buffer.front().from == JobseekerState::InTraining);
                CHECK(s.trace_buffer.front().to == JobseekerState::Left);
            });
        CHECK(applied);
    });
}

TEST_CASE("transition: a change without a seat or cancellation leaves both alone",
          "[unit][components][transition]") {
    RegionFixture f;
    f.at(0, [&](region::Store& s, Context& ctx) {
        f.place(0, s.now);
        f.place(1, s.now);
        region::enter_stage(s, ctx, 0, s.te, 0, region::kNoStage, region::to_i32(s.now));
        region::enter_stage(s, ctx, 1, s.te, 0, region::kNoStage, region::to_i32(s.now));
        const std::uint16_t epoch = s.agent(0).epoch;
        region::transition(
            s, ctx, 0, {TraceKind::Count, false, false}, [](region::Agent&) {}, [] {});
        CHECK(s.agent(0).epoch == epoch);
        CHECK(s.agent(0).state == JobseekerState::InTraining);
        CHECK(s.agent(1).state == JobseekerState::Unemployed);
    });
}
