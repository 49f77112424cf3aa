// The region store (agents/region_store.hpp): timers voided by cancellation, random streams per
// person and purpose, traces of traced persons only, caseload moves.
#include "agents/region_store.hpp"
#include "region_fixture.hpp"

#include <catch2/catch.hpp>

using namespace kokeilu::agents;
using kokeilu::agents::testing::RegionFixture;
using kokeilu::sim::Context;

TEST_CASE("store: a cancelled timer comes up stale and is counted; a fresh one does not",
          "[unit][components][store]") {
    RegionFixture f;
    f.at(0, [&](region::Store& s, Context& ctx) {
        f.place(0, s.now);
        s.timer(ctx, s.now + kokeilu::sim::days(1), 0, region::kJobFound);
        kokeilu::sim::Event ev{};
        ev.kind = static_cast<std::uint16_t>(
            region::kJobFound | ((s.agent(0).epoch & region::kEpochMask) << region::kKindBits));
        ev.data = 0;
        CHECK_FALSE(s.stale_timer(ev));
        s.cancel_timers(0);
        CHECK(s.stale_timer(ev));
        CHECK(s.stale == 1);
    });
    REQUIRE(f.scheduled().size() == 1);
    CHECK(f.scheduled().front().kind == region::kJobFound);
}

TEST_CASE("store: a timer of someone who has left the register (slot freed) is stale",
          "[unit][components][store]") {
    RegionFixture f;
    f.at(0, [&](region::Store& s, Context& ctx) {
        f.place(0, s.now);
        s.timer(ctx, s.now + kokeilu::sim::days(1), 0, region::kOtherExit);
        kokeilu::sim::Event ev{};
        ev.kind = static_cast<std::uint16_t>(
            region::kOtherExit | ((s.agent(0).epoch & region::kEpochMask) << region::kKindBits));
        ev.data = 0;
        s.agent(0).state = JobseekerState::Left;
        s.compact_live();
        REQUIRE(s.slot_of[0] == region::Store::kNoSlot);
        CHECK(s.stale_timer(ev));
        CHECK(s.stale == 1);
    });
}

TEST_CASE("store: random streams differ by person and purpose, advance per draw and repeat for "
          "the same seed",
          "[unit][components][store]") {
    RegionFixture f;
    RegionFixture g;
    f.at(0, [&](region::Store& s, Context&) {
        f.place(0, s.now);
        f.place(1, s.now);
    });
    g.at(0, [&](region::Store& s, Context&) { g.place(0, s.now); });
    region::Store& s = f.store();
    const double a0 = s.rng(0, region::kSpell).uniform01();
    const double a1 = s.rng(0, region::kSpell).uniform01();
    const double b0 = s.rng(1, region::kSpell).uniform01();
    const double c0 = s.rng(0, region::kService).uniform01();
    CHECK(a0 != a1);
    CHECK(a0 != b0);
    CHECK(a0 != c0);
    CHECK(g.store().rng(0, region::kSpell).uniform01() == a0);
}

TEST_CASE("store: only traced persons are traced; caseload places move with the client",
          "[unit][components][store]") {
    RegionFixture f;
    f.at(0, [&](region::Store& s, Context&) {
        f.place(0, s.now);
        f.place(1, s.now);
        s.agent(1).flags |= region::kTraced;
        s.trace(0, TraceKind::Interview, JobseekerState::Unemployed);
        s.trace(1, TraceKind::Interview, JobseekerState::Unemployed);
        REQUIRE(s.trace_buffer.size() == 1);
        CHECK(s.trace_buffer.front().person == s.person_key(1));
        region::Agent& a = s.agent(0);
        s.move_caseload(a, s.te, s.pilots.front()); // not in a caseload: nothing moves
        CHECK(s.desks[s.pilots.front()].caseload == 0);
        a.flags |= region::kInCaseload;
        s.desks[s.te].caseload = 1;
        s.move_caseload(a, s.te, s.pilots.front());
        CHECK(s.desks[s.te].caseload == 0);
        CHECK(s.desks[s.pilots.front()].caseload == 1);
    });
}
