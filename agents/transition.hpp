// The one way a person's state changes: every change (a job, an exit, a service starting or
// ending, the return to job search) takes the same steps in the same order, so money is always
// booked under the state it was earned in and no stale timer survives a change.
#pragma once

#include "agents/money.hpp"
#include "agents/region_store.hpp"
#include "agents/services.hpp"

#include <utility>

namespace kokeilu::agents::region {

/// What a change does besides changing the record.
struct Change {
    TraceKind trace = TraceKind::Count; ///< recorded after the change (Count: nothing)
    bool free_seat = true;              ///< the seat of the service the person is in goes on
    bool cancel_timers = true;          ///< the person's pending timers become void
};

/// Changes person i's state in the order every change takes:
///  1. book: benefits and service costs to now, under the old state (money);
///  2. free the seat: the service seat the person leaves goes to the next in line (services);
///  3. cancel: the person's pending timers become void;
///  4. apply: `apply(Agent&)` changes the record (state, stage, counters, flows);
///  5. trace: the change is recorded from the old state to the new one;
///  6. then: `then()` schedules what follows (timers, the next stage, a return).
/// It never draws random numbers itself: decisions are drawn before (or in `then`), so the
/// random streams do not depend on which steps a change takes.
template <class Apply, class Then>
void transition(Store& s, sim::Context& ctx, std::uint32_t i, Change c, Apply&& apply,
                Then&& then) {
    accrue(s, i);
    if (c.free_seat) {
        release_seat(s, ctx, i);
    }
    if (c.cancel_timers) {
        s.cancel_timers(i);
    }
    const JobseekerState before = s.agent(i).state;
    std::forward<Apply>(apply)(s.agent(i));
    if (c.trace != TraceKind::Count) {
        s.trace(i, c.trace, before);
    }
    std::forward<Then>(then)();
}

} // namespace kokeilu::agents::region
