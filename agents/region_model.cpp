// One region's events: the month start (snapshot, new month, registrations), timeline periods,
// the pilots' start and end, and the dispatch of persons' timers to the components.
#include "agents/region_model.hpp"

#include "agents/interviews.hpp"
#include "agents/labour_market.hpp"
#include "agents/law.hpp"
#include "agents/panel.hpp"
#include "agents/params.hpp"
#include "agents/population.hpp"
#include "agents/services.hpp"
#include "agents/staff.hpp"
#include "agents/transitions.hpp"
#include "sim/calendar.hpp"

#include <algorithm>
#include <stdexcept>

namespace kokeilu::agents::region {

bool changes_timing(const ModelParams& a, const ModelParams& b) {
    return timing_differs(a, b); // the rows of agents/params.hpp that say `timing`
}

namespace {

/// Everyone registered is rechecked against the target-group rule (the pilots start or end,
/// or the rule changes).
void recheck_all(Store& s) {
    for (const std::uint32_t i : s.live) {
        if (s.agent(i).state != JobseekerState::Left) {
            recheck(s, i);
        }
    }
}

/// The pilots start: their clients move to them, and the state staff follow the clients.
void pilot_start(Store& s) {
    const double te_clients = clients_by_provider(s)[s.te];
    recheck_all(s);
    share_clients(s, te_clients);
}

/// The month's counters of staff and waits start from zero.
void reset_month(Store& s) {
    std::fill(s.flows.begin(), s.flows.end(), 0.0);
    std::fill(s.breakdown_flows.begin(), s.breakdown_flows.end(), 0.0);
    for (StaffDesk& d : s.desks) {
        d.minutes_used = 0.0;
        d.minutes_available = 0.0;
        d.contact_days_sum = 0.0;
        d.contact_days.clear();
        d.initial_on_time = 0.0;
    }
    for (StageSeats& seats : s.seats) {
        seats.wait_days.fill(0.0);
        seats.wait_starts.fill(0.0);
    }
}

/// TYP assessments that became due by the month end (counted in the new month).
void start_typ_assessments(Store& s, sim::Context& ctx) {
    for (const std::uint32_t i : s.typ_due) {
        Agent& a = s.agent(i);
        if (a.state != JobseekerState::Unemployed || (a.flags & kTypDue) != 0) {
            continue;
        }
        a.flags |= kTypDue;
        s.book(a.provider, rows_of(s, a), Metric::TypReferrals);
        s.trace(i, TraceKind::TypDue, a.state);
        if (const auto typ = s.model_of(a.provider).typ_stage) {
            enter_stage(s, ctx, i, a.provider, *typ, kNoStage, to_i32(s.now));
        }
    }
    s.typ_due.clear();
}

/// The initial stock registers at the start; each month's registrations are spread
/// uniformly over the month, drawn only now so that nobody's registration time is held
/// for the whole run. Local indices follow registration order.
void schedule_registrations(Store& s, sim::Context& ctx, std::uint32_t k) {
    if (k == 0) {
        for (; s.next_to_schedule < s.initial_count; ++s.next_to_schedule) {
            ctx.schedule(SimTime::zero(), s.self, kRegister, s.next_to_schedule, 1);
        }
    }
    if (k < s.month_counts.size() && s.month_counts[k] > 0) {
        sim::RandomStream rs(sim::StreamKey{s.sh->seed, s.sh->replication,
                                            0xFFFF'0000ULL + s.region, (1ULL << 32) | k});
        const double first = static_cast<double>(s.sh->month_starts[k] - s.sh->origin);
        const double len = static_cast<double>(s.sh->month_starts[k + 1] - s.sh->month_starts[k]);
        std::vector<std::int32_t> times(s.month_counts[k]);
        for (auto& t : times) {
            t = static_cast<std::int32_t>((first + rs.uniform01() * len) * SimTime::kMinutesPerDay);
        }
        std::sort(times.begin(), times.end());
        for (const std::int32_t t : times) {
            ctx.schedule(from_i32(t), s.self, kRegister, s.next_to_schedule++, 1);
        }
    }
}

/// At the first month start: the timeline's periods, the pilots' start and end, and the first
/// working day.
void schedule_region_events(Store& s, sim::Context& ctx) {
    for (std::uint32_t pi = 1; pi < s.sh->period_starts.size(); ++pi) {
        if (s.sh->period_starts[pi] < s.sh->horizon) {
            ctx.schedule(s.sh->period_starts[pi], s.self, kPolicy, pi, 1);
        }
    }
    if (s.sh->pilot_start < s.sh->horizon) {
        ctx.schedule(std::max(s.sh->pilot_start, s.now), s.self, kPilotStart, 0, 1);
    }
    if (s.sh->pilot_end < s.sh->horizon) {
        ctx.schedule(s.sh->pilot_end, s.self, kPilotEnd, 0, 1);
    }
    const Date first = sim::FinnishCalendar::add_working_days(s.sh->origin, 0);
    ctx.schedule(sim::days(first - s.sh->origin) + sim::hours(8), s.self, kStaffDay, 0, 1);
}

/// Month k starts (k = 0 at the origin): the month that ended is snapshot, the new month's
/// registrations and events are scheduled, and its own end.
void month_start(Store& s, sim::Context& ctx, std::uint32_t k) {
    s.compact_live();
    s.current_month = static_cast<int>(k);
    if (k > 0) {
        // Every month end books money and re-checks membership and TYP; from
        // scenario.start on it also writes the month's results.
        snapshot(s, static_cast<int>(k) - 1);
    }
    reset_month(s);
    if (k > 0) {
        release_budgets(s, ctx, s.sh->month_starts[k].month() == 1);
    }
    start_typ_assessments(s, ctx);
    if (k + 1 >= s.sh->month_starts.size()) {
        return; // the month after the end: only the snapshot
    }
    schedule_registrations(s, ctx, k);
    if (k > 0 && any_closed_months(s)) {
        ctx.schedule(sim::days(s.sh->month_starts[k] - s.sh->origin), s.self, kOpenStages, 0, 1);
    }
    // The month's books close at its last minute (23:59 on its last day), before anything
    // dated on the next month's first day happens.
    ctx.schedule(sim::days(s.sh->month_starts[k + 1] - s.sh->origin) - sim::minutes(1), s.self,
                 kMonthStart, k + 1, 0);
    if (k == 0) {
        schedule_region_events(s, ctx);
    }
}

/// A [[timeline]] period starts: its parameters apply from now; changes of timing redraw
/// every registered person's timers.
void policy(Store& s, sim::Context& ctx, std::uint32_t period) {
    const ModelParams& before = *s.params;
    s.params = &s.sh->in->periods[period].second;
    s.resize_stage_tables();
    if (before.pilots_serve_everyone != s.params->pilots_serve_everyone) {
        recheck_all(s); // a new target-group rule moves people today
    }
    if (!changes_timing(before, *s.params)) {
        return; // e.g. a new benefit level: money is booked at the new rate from now on
    }
    // New rates and interview rules apply at once, also to jobseekers already registered.
    for (const std::uint32_t i : s.live) {
        Agent& a = s.agent(i);
        if (a.state == JobseekerState::EmployedOpenMarket || a.state == JobseekerState::Left) {
            continue;
        }
        s.cancel_timers(i);
        schedule_spell_end(s, ctx, i);
        if (a.state == JobseekerState::Unemployed) {
            // A jobseeker whose interview already waits in a queue keeps that one.
            if ((a.flags & kFirstContactDone) != 0 && (a.flags & kTaskQueued) == 0) {
                schedule_next_interview(s, ctx, i);
            }
        } else if (from_i32(a.service_end) < s.sh->horizon) {
            s.timer(ctx, std::max(s.now, from_i32(a.service_end)), i, kServiceEnd);
        }
    }
}

} // namespace

void RegionModel::handle(sim::Context& ctx, const sim::Event& ev) {
    Store& s = s_;
    s.now = ctx.now();
    const auto kind = static_cast<std::uint16_t>(ev.kind & kKindMask);
    if (kind >= kJobFound && s.stale_timer(ev)) {
        return; // a person's timer, void since the person left or cancelled it
    }
    switch (kind) {
    case kMonthStart: month_start(s, ctx, ev.data); break;
    case kPolicy: policy(s, ctx, ev.data); break;
    case kPilotStart: pilot_start(s); break;
    case kPilotEnd: recheck_all(s); break;
    case kStaffDay: staff_day(s, ctx); break;
    case kRegister: register_agent(s, ctx, ev.data); break;
    case kOpenStages: open_stages(s, ctx); break;
    case kJobFound: job_found(s, ctx, ev.data); break;
    case kOtherExit: other_exit(s, ctx, ev.data); break;
    case kServiceEnd: service_end(s, ctx, ev.data); break;
    case kInterviewDue: interview_due(s, ev.data); break;
    case kRegisteredJobEnd: registered_job_end(s, ctx, ev.data); break;
    case kRecheck: recheck_due(s, ctx, ev.data); break;
    case kReturn: return_to_register(s, ctx, ev.data); break;
    case kRecall: recall(s, ctx, ev.data); break;
    case kOwnStudy: own_study(s, ctx, ev.data); break;
    default: throw std::logic_error("jobseeker model: unknown event kind");
    }
}

} // namespace kokeilu::agents::region
