// The store of one region's logical process: every person's record, the providers' desks and
// seats, the budgets, the timers, the month's flows and the trace. The components of the
// jobseeker model (docs/ARCHITECTURE.md, "The jobseeker model") are free functions over a
// Store; they hold no state of their own and no pointer into another region.
//
// Internal to agents/: nothing outside agents/ includes this header.
#pragma once

#include "agents/jobseeker_model.hpp"
#include "agents/region_types.hpp"
#include "sim/engine.hpp"
#include "sim/random.hpp"

#include <cstdint>
#include <limits>
#include <map>
#include <utility>
#include <vector>

namespace kokeilu::agents::region {

/// One region: its providers (local index l = 0..; global index global[l]), the persons who
/// register there (local index i; only the registered hold an Agent, in a slot reused after
/// they leave) and what the month has counted so far.
struct Store {
    Store(const Shared* shared, std::uint32_t region, sim::EntityId self,
          std::uint64_t first_person, std::vector<std::uint32_t> month_counts,
          std::uint32_t initial_count);

    // ---- identity and time --------------------------------------------------------------------
    const Shared* sh;
    std::uint32_t region;
    sim::EntityId self;
    std::uint64_t first_person; ///< person ids of this region start here
    const ModelParams* params;  ///< the [[timeline]] period in force
    SimTime now;                ///< time of the event being handled
    int current_month = 0;      ///< index into sh->month_starts

    // ---- providers ----------------------------------------------------------------------------
    std::vector<std::uint32_t> global; ///< local provider -> global provider index
    std::uint8_t te = kNoProvider;     ///< the TE office
    std::vector<std::uint8_t> pilots;
    /// Per local provider: its share of the TE office's clients at pilot.start (the TE office
    /// 1 until then); the state staff follow it when pilot.state_staff is `by_clients`.
    std::vector<double> client_share;
    std::vector<StaffDesk> desks;     ///< per local provider
    std::vector<StageSeats> seats;    ///< per local provider
    std::vector<BudgetState> budgets; ///< the quotas that apply in this region

    // ---- persons ------------------------------------------------------------------------------
    static constexpr std::uint32_t kNoSlot = 0xFFFF'FFFFu;
    std::vector<std::uint32_t> month_counts; ///< new registrations per month (from the origin)
    std::uint32_t initial_count = 0;
    std::vector<std::uint32_t> slot_of; ///< person -> slot, or kNoSlot
    std::vector<Agent> slots;
    std::vector<std::uint32_t> free;
    Agent gone; ///< what a person who has left looks like
    /// The registered in increasing index (registration order), so month-end passes walk
    /// memory forwards. Leavers are dropped lazily, at the next month end.
    std::vector<std::uint32_t> live;
    std::int32_t last_compaction = std::numeric_limits<std::int32_t>::min(); ///< of live
    std::uint32_t next_to_schedule = 0; ///< local index of the next registration to schedule
    std::vector<std::uint32_t> typ_due; ///< found at the last month end, handled after it

    // ---- what is recorded ---------------------------------------------------------------------
    std::uint64_t stale = 0;           ///< cancelled timers dropped
    std::vector<std::uint32_t> traced; ///< persons (local indices) to trace, sorted
    std::vector<TraceEvent> trace_buffer;
    std::vector<double> flows; ///< this month's flows, [local provider][group][metric]
    /// This month's flows by breakdown, [local provider][breakdown group][breakdown slot].
    std::vector<double> breakdown_flows;
    std::vector<std::pair<int, std::vector<double>>> snapshots;
    /// Per snapshot: its values by breakdown (as breakdown_flows).
    std::vector<std::vector<double>> breakdown_snapshots;
    /// Per snapshot: the cohort outcomes checked at that month end, [local provider][group][c].
    std::vector<std::vector<double>> cohort_snapshots;
    /// Leavers counted ahead into the cohort checkpoints that fall after their exit, by
    /// checkpoint month.
    std::map<int, std::vector<double>> pending_cohorts;

    // ---- access -------------------------------------------------------------------------------
    Agent& agent(std::uint32_t i) {
        const std::uint32_t s = slot_of[i];
        return s == kNoSlot ? gone : slots[s];
    }
    [[nodiscard]] const Agent& agent(std::uint32_t i) const {
        const std::uint32_t s = slot_of[i];
        return s == kNoSlot ? gone : slots[s];
    }
    [[nodiscard]] const ModelParams& p() const { return *params; }
    [[nodiscard]] double scale() const { return sh->in->scale; }
    /// The person's identity in random-stream keys (unique over all regions).
    [[nodiscard]] std::uint64_t person_key(std::uint32_t i) const { return first_person + i; }
    [[nodiscard]] std::int32_t today() const { return static_cast<std::int32_t>(now.day_index()); }
    [[nodiscard]] Date date_now() const { return sh->origin + static_cast<int>(now.day_index()); }
    [[nodiscard]] bool pilots_active() const {
        return now >= sh->pilot_start && now < sh->pilot_end;
    }
    /// Number of providers in the region (at most 200, checked at construction).
    [[nodiscard]] std::uint8_t provider_count() const {
        return static_cast<std::uint8_t>(desks.size());
    }
    [[nodiscard]] const ServiceModel& model_of(std::uint8_t local) const {
        return p().models[p().service_model[global[local]]];
    }
    [[nodiscard]] double age_years(const Agent& a) const {
        return (static_cast<double>(today()) - a.birth_day) / 365.25;
    }

    /// This month's flow of one measure of one provider and target group so far.
    [[nodiscard]] double flow(std::uint8_t provider, std::size_t group, Metric m) const {
        return flows[panel_index(provider, group, m)];
    }
    /// Books `amount` of a person measure during the month: to the provider's row of the
    /// person's target group and, for the measures the breakdowns keep, to the person's row
    /// of every breakdown. Every flow of the model is booked here (month-end stocks are
    /// counted the same way in agents/panel.cpp), so no row can be forgotten.
    void book(std::uint8_t provider, const PersonRows& rows, Metric m, double amount = 1.0) {
        flows[panel_index(provider, rows.group, m)] += amount;
        if (const std::size_t slot = breakdown_slot(m); slot < kBreakdownMetricCount) {
            for (const std::uint8_t g : rows.breakdown) {
                breakdown_flows[breakdown_index(provider, g, slot)] += amount;
            }
        }
    }
    /// A person's next decision stream for `purpose`: each draw counter advances by one, so a
    /// person's decisions do not depend on anyone else's.
    sim::RandomStream rng(std::uint32_t i, Purpose purpose);

    /// Schedules one of person i's timers. Persons are not engine entities (that would cost
    /// 16 bytes of engine bookkeeping for everyone who will ever register): their events are
    /// the region's, with the person in `data` and the person's epoch (12 bits) in the kind's
    /// high bits, so cancel_timers() voids them. A stale timer could only pass for a fresh one
    /// after 4,096 cancellations of the same person while it waits.
    void timer(sim::Context& ctx, SimTime at, std::uint32_t i, Kind kind);
    void cancel_timers(std::uint32_t i) { ++agent(i).epoch; }
    /// True (and counted) if a person's timer was cancelled or the person has left.
    bool stale_timer(const sim::Event& ev);

    /// Records an event of a traced person (a no-op for everyone else).
    void trace(std::uint32_t i, TraceKind kind, JobseekerState from);

    /// Moves person i's caseload place (if any) from one provider to another.
    void move_caseload(const Agent& a, std::uint8_t from, std::uint8_t to);
    /// Grows each provider's stage tables to its current service model.
    void resize_stage_tables();
    /// Drops the leavers from `live` (and frees the slots of those who will not return).
    void compact_live();

    /// Bytes held for agents (the slots of the registered and the per-person arrays).
    [[nodiscard]] std::size_t agent_bytes() const {
        return slots.capacity() * sizeof(Agent) + slot_of.capacity() * sizeof(std::uint32_t) +
               live.capacity() * sizeof(std::uint32_t);
    }
};

} // namespace kokeilu::agents::region
