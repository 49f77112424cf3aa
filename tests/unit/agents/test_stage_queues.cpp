// The one executor of stage capacity (agents/stage_queues.hpp): seats, first come first
// served, clients who stopped waiting skipped.
#include "agents/stage_queues.hpp"

#include <catch2/catch.hpp>

using kokeilu::agents::StageQueues;

TEST_CASE("stage queues: seats run out, the line is first come first served", "[unit][stages]") {
    StageQueues<int> q;
    q.grow(2);
    REQUIRE(q.stages() == 2);
    CHECK(q.has_seat(0, 2));
    q.take(0);
    q.take(0);
    CHECK_FALSE(q.has_seat(0, 2));
    CHECK(q.has_seat(0, 0)); // 0 seats: no limit
    CHECK(q.has_seat(1, 1)); // stages are separate
    q.wait(0, 10);
    q.wait(0, 11);
    q.wait(0, 12);
    q.free(0);
    CHECK(q.in_use(0) == 1);
    const auto first = q.next(0, [](int) { return true; });
    REQUIRE(first.has_value());
    CHECK(*first == 10);
    CHECK(q.line(0).size() == 2);
}

TEST_CASE("stage queues: those who no longer wait are dropped on the way to the next",
          "[unit][stages]") {
    StageQueues<int> q;
    q.grow(1);
    for (int k = 1; k <= 4; ++k) {
        q.wait(0, k);
    }
    const auto next = q.next(0, [](int k) { return k % 3 == 0; });
    REQUIRE(next.has_value());
    CHECK(*next == 3);
    REQUIRE(q.line(0).size() == 1);
    CHECK(q.line(0).front() == 4);
    CHECK_FALSE(q.next(0, [](int) { return false; }).has_value());
    CHECK(q.line(0).empty());
}

TEST_CASE("stage queues: freeing an empty stage keeps zero, growing keeps what is there, a line "
          "can be taken whole",
          "[unit][stages]") {
    StageQueues<int> q;
    q.grow(1);
    q.free(0);
    CHECK(q.in_use(0) == 0);
    q.take(0);
    q.wait(0, 7);
    q.grow(3);
    q.grow(2); // never shrinks
    REQUIRE(q.stages() == 3);
    CHECK(q.in_use(0) == 1);
    const auto line = q.take_line(0);
    REQUIRE(line.size() == 1);
    CHECK(line.front() == 7);
    CHECK(q.line(0).empty());
}
