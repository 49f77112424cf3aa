// A one-region jobseeker model built by hand for the component tests: a TE office and one
// pilot, a service model with a one-seat course and an exit, no national scenario. The region
// reads a Shared made as run_model makes it (region::make_shared). Components need a
// sim::Context, which only the engine makes: `at(day, f)` runs f inside an event of a one-LP
// engine at that day, and every event the components schedule is recorded.
#pragma once

#include "agents/region_store.hpp"
#include "sim/engine.hpp"

#include <functional>
#include <memory>
#include <vector>

namespace kokeilu::agents::testing {

/// What a component scheduled: the time, the event kind (without the person's epoch bits) and
/// the person (or region data).
struct Scheduled {
    sim::SimTime at;
    std::uint16_t kind;
    std::uint32_t data;
};

class RegionFixture {
public:
    /// `persons` registrations in the first month (local indices 0..persons-1). `edit` changes
    /// the input before the calendar and the store are made from it (dates, budgets); what the
    /// store reads later (the period's parameters) tests may change through input().
    explicit RegionFixture(std::uint32_t persons = 4,
                           const std::function<void(ModelInput&)>& edit = {});
    RegionFixture(const RegionFixture&) = delete; // the calendar and the store point at input_
    RegionFixture& operator=(const RegionFixture&) = delete;

    /// Runs `f(store, ctx)` at 09:00 on day `day` from the origin (2021-01-01), after
    /// everything scheduled before it; records what it schedules.
    void at(int day, const std::function<void(region::Store&, sim::Context&)>& f);

    region::Store& store() { return *store_; }
    ModelInput& input() { return input_; }
    /// Events scheduled by components so far (delivered ones and pending ones alike).
    [[nodiscard]] const std::vector<Scheduled>& scheduled() const { return scheduled_; }
    /// Gives person i a record as if registered now: unemployed, at the TE office, no benefit
    /// flags, nothing drawn (tests set what they need).
    void place(std::uint32_t i, sim::SimTime now);

private:
    ModelInput input_;
    region::Shared shared_;
    std::unique_ptr<region::Store> store_;
    std::vector<Scheduled> scheduled_;
};

} // namespace kokeilu::agents::testing
