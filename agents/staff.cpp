// Staff: the counsellors of each provider (FTE by period and by who serves whom), their
// working day through the task queue, and the interviews they hold.
#include "agents/staff.hpp"

#include "agents/breakdowns.hpp"
#include "agents/interviews.hpp"
#include "agents/law.hpp"
#include "agents/params.hpp"
#include "agents/services.hpp"
#include "sim/calendar.hpp"

#include <algorithm>

namespace kokeilu::agents::region {

namespace {

/// fte() before pilot.staff_factor.
double fte_as_set(const Store& s, std::uint8_t local) {
    const auto& in = *s.sh->in;
    const std::uint32_t g = s.global[local];
    const double te_staff = s.p().counsellors[s.global[s.te]];
    if (s.pilots_active() && s.p().pilots_serve_everyone) {
        // TE24: all the region's state staff (those the pilots took included) are split
        // among the areas by where the jobseekers live; municipal staff stay where they are.
        double residents = 0.0;
        for (const std::uint8_t pl : s.pilots) {
            residents += in.providers[s.global[pl]].resident_share;
        }
        return in.providers[g].pilot
                   ? te_staff * in.providers[g].resident_share + s.p().municipal_counsellors[g]
                   : te_staff * std::max(1.0 - residents, 0.0);
    }
    if (!s.pilots_active()) {
        return in.providers[g].pilot ? 0.0 : te_staff;
    }
    if (!s.p().staff_as_listed) {
        // The state staff follow the clients: each provider keeps the TE office's staff per
        // client of the day the pilots started (issue 15 item 6).
        return te_staff * s.client_share[local] + s.p().municipal_counsellors[g];
    }
    if (in.providers[g].pilot) {
        return s.p().counsellors[g] + s.p().municipal_counsellors[g];
    }
    // The state staff the TE office keeps after the pilots took theirs.
    double te_left = te_staff;
    for (const std::uint8_t pl : s.pilots) {
        te_left -= s.p().counsellors[s.global[pl]];
    }
    return std::max(te_left, 0.0);
}

} // namespace

double fte(const Store& s, std::uint8_t local) {
    const double staff = fte_as_set(s, local);
    return s.sh->in->providers[s.global[local]].pilot ? staff * s.p().pilot_staff_factor : staff;
}

std::vector<double> clients_by_provider(const Store& s) {
    std::vector<double> n(s.desks.size(), 0.0);
    for (const std::uint32_t i : s.live) {
        const Agent& a = s.agent(i);
        if ((a.state == JobseekerState::Unemployed || a.state == JobseekerState::InServices ||
             a.state == JobseekerState::InTraining) &&
            a.provider != kNoProvider) {
            n[a.provider] += 1.0;
        }
    }
    return n;
}

void share_clients(Store& s, double te_clients_before) {
    const std::vector<double> after = clients_by_provider(s);
    double taken = 0.0;
    for (const std::uint8_t pl : s.pilots) {
        // With no clients yet (a tiny scale, or pilots from the run's first day), the
        // pilot's share of the region's residents.
        s.client_share[pl] = te_clients_before > 0.0
                                 ? after[pl] / te_clients_before
                                 : s.sh->in->providers[s.global[pl]].resident_share;
        taken += s.client_share[pl];
    }
    s.client_share[s.te] = std::max(1.0 - taken, 0.0);
}

namespace {

/// First contacts held back by a caseload cap go ahead as places free up (all of them when
/// the cap is lifted).
void admit_intake(StaffDesk& ps, double cap) {
    for (double room = cap - ps.caseload; room > 0.0 && !ps.intake.empty(); room -= 1.0) {
        ps.tasks.push(ps.intake.front());
        ps.intake.pop_front();
    }
    if (cap <= 0.0) {
        for (const Task& t : ps.intake) {
            ps.tasks.push(t); // the cap was lifted
        }
        ps.intake.clear();
    }
}

/// With the minutes the due tasks left, provider l meets its unemployed clients again whose
/// last meeting is at least process.followup_min_days old, oldest meeting first.
double follow_ups(Store& s, sim::Context& ctx, std::uint8_t l) {
    StaffDesk& ps = s.desks[l];
    const std::int32_t latest = to_i32(s.now - sim::days(s.p().followup_min_days));
    double used = 0.0;
    while (ps.balance > 0.0 && !ps.met.empty() && ps.met.front().at <= latest) {
        const Met m = ps.met.front();
        ps.met.pop_front();
        const Agent& a = s.agent(m.agent);
        if (a.spell != m.spell || a.state != JobseekerState::Unemployed || a.provider != l ||
            a.last_interview != m.at || (a.flags & kTaskQueued) != 0) {
            continue; // moved on, met since, or a due interview is queued anyway
        }
        const double minutes =
            interview(s, ctx, Task{m.agent, m.spell, to_i32(s.now), false, true});
        ps.balance -= minutes;
        used += minutes;
    }
    return used;
}

/// Provider l's staff work through their tasks, most urgent first, while today's minutes last.
void work_desk(Store& s, sim::Context& ctx, std::uint8_t l, double cap) {
    StaffDesk& ps = s.desks[l];
    const double today_minutes = fte(s, l) * s.scale() * s.p().counsellor_minutes_per_day;
    ps.minutes_available += today_minutes;
    ps.balance = std::min(ps.balance, 0.0) + today_minutes;
    double used = 0.0;
    auto& tasks = ps.tasks;
    while (ps.balance > 0.0 && !tasks.empty()) {
        const Task t = tasks.pop();
        Agent& a = s.agent(t.agent);
        if (a.spell != t.spell || a.state != JobseekerState::Unemployed) {
            continue; // the jobseeker has moved on: nothing to do
        }
        if (a.provider != l) {
            s.desks[a.provider].tasks.push(t); // transferred: the new provider does it
            continue;
        }
        if (t.initial && cap > 0.0 && static_cast<double>(ps.caseload) >= cap) {
            ps.intake.push_back(t); // no place in a counsellor's caseload yet
            continue;
        }
        const double minutes = interview(s, ctx, t);
        ps.balance -= minutes;
        used += minutes;
    }
    if (s.p().followup_min_days > 0) {
        used += follow_ups(s, ctx, l);
    }
    ps.minutes_used += used;
}

/// Books a first contact: the client enters the provider's caseload, and the time from
/// registration counts toward the month's first-contact measures.
void record_first_contact(Store& s, Agent& a, const PersonRows& rows, bool late) {
    a.flags |= kFirstContactDone;
    if ((a.flags & kInCaseload) == 0) {
        a.flags |= kInCaseload;
        ++s.desks[a.provider].caseload;
    }
    s.book(a.provider, rows, Metric::FirstContacts);
    StaffDesk& ps = s.desks[a.provider];
    const double days = (s.now - from_i32(a.spell_start)).days();
    ps.contact_days_sum += days;
    ps.contact_days.push_back(static_cast<float>(days));
    ps.initial_on_time += late ? 0.0 : 1.0;
}

/// The chance that this interview refers the jobseeker to services.
double referral_chance(const Store& s, const Agent& a, const ServiceModel& m, bool initial,
                       bool intensive, double interval_days) {
    const bool needs = (a.flags & (kNeedSkills | kNeedWorkAbility | kNeedSocial)) != 0;
    // Referral rates are per 3 months: interviews held more often than every 91 days (the
    // Nordic model's job-search discussions, follow-ups) refer proportionally less each.
    const double per_quarter = std::min(1.0, interval_days / 91.0);
    const double usual =
        (a.flags & kAssessed) != 0 && needs ? m.referral_assessed : m.referral_other;
    const double age = by_age_band(s.p().referral_age_factors, static_cast<int>(s.age_years(a)));
    // The laid off wait to be recalled: no services (assumption).
    return laid_off(a) ? 0.0
                       : std::min(1.0, (intensive ? std::max(usual, m.referral_intensive) : usual) *
                                           (initial ? 1.0 : per_quarter) * age);
}

/// Days the job-finding rate stays raised by process.interview_effect after a meeting. A
/// meeting less than interview_effect_days after the previous one adds less: the rate is
/// raised for interview_effect_days × (gap / interview_effect_days)², so meetings every `gap`
/// days raise it on average by (interview_effect − 1) × gap / interview_effect_days
/// (diminishing returns of frequent meetings, MODEL.md "Staff"). A spell's first contact has
/// the full effect.
double boost_days(const Store& s, const Agent& a, bool initial) {
    const double full = s.p().interview_effect_days;
    if (initial || full <= 0.0) {
        return full;
    }
    const double share = std::min(1.0, (s.now - from_i32(a.last_interview)).days() / full);
    return full * share * share;
}

} // namespace

void staff_day(Store& s, sim::Context& ctx) {
    for (std::uint8_t l = 0; l < s.provider_count(); ++l) {
        // Minutes carry over: a task that overruns the day is paid back the next day, and
        // an unused day is not banked (staff cannot work ahead of demand). So a provider
        // with less than one task's minutes a day (a small pilot at a small scale) still
        // does the right amount of work on average.
        const double cap = s.model_of(l).caseload_cap * fte(s, l) * s.scale();
        admit_intake(s.desks[l], cap);
        work_desk(s, ctx, l, cap);
    }
    // Next working day, 08:00.
    const Date next = sim::FinnishCalendar::add_working_days(s.date_now() + 1, 0);
    const SimTime at = sim::days(next - s.sh->origin) + sim::hours(8);
    if (at < s.sh->horizon) {
        ctx.schedule(at, s.self, kStaffDay, 0, 1);
    }
}

double interview(Store& s, sim::Context& ctx, const Task& t) {
    const std::uint32_t i = t.agent;
    Agent& a = s.agent(i);
    a.flags = static_cast<std::uint16_t>(a.flags & ~kTaskQueued);
    const ServiceModel& m = s.model_of(a.provider);
    auto r = s.rng(i, kProcess);
    double minutes = t.initial ? m.contact_minutes : m.interview_minutes;
    const PersonRows rows = rows_of(s, a);
    const bool intensive = (a.flags & kIntensive) != 0 && !m.risk_thresholds.empty();
    if ((a.flags & kAssessed) == 0 &&
        (r.uniform01() < (t.initial ? m.assess_at_start : m.assess_at_interview) ||
         (intensive && t.initial))) {
        a.flags |= kAssessed;
        minutes += m.assessment_minutes;
        s.trace(i, TraceKind::Assessment, a.state);
    }
    s.book(a.provider, rows, Metric::InterviewsHeld);
    const bool late = to_i32(s.now) > t.deadline;
    if (late) {
        s.book(a.provider, rows, Metric::InterviewsLate);
    }
    if (t.initial) {
        record_first_contact(s, a, rows, late);
    }
    const double interval = t.followup ? (s.now - from_i32(a.last_interview)).days()
                                       : static_cast<double>(current_interval(s, a));
    const double boost = boost_days(s, a, t.initial);
    a.last_interview = to_i32(s.now);
    a.boost_until = std::max(a.boost_until, to_i32(s.now + sim::from_days(boost)));
    s.trace(i, t.initial ? TraceKind::FirstContact : TraceKind::Interview, a.state);
    if (r.uniform01() < referral_chance(s, a, m, t.initial, intensive, interval) &&
        !m.stages.empty()) {
        enter_stage(s, ctx, i, a.provider, m.entry, kNoStage, to_i32(s.now));
    } else {
        schedule_next_interview(s, ctx, i);
        if (s.p().followup_min_days > 0) {
            s.desks[a.provider].met.push_back(Met{i, a.spell, a.last_interview});
        }
    }
    return minutes;
}

} // namespace kokeilu::agents::region

namespace kokeilu::agents {

namespace {

const Params<ModelParams> kProviderParams{
    {.key = "pilot.state_staff",
     .field = choice<&ModelParams::staff_as_listed>(),
     .def = "by_clients",
     .source = "issue 15 item 6: seed document 001 (the state's resources sized to keep the "
               "target group's service level)",
     .doc = "The state staff a pilot takes from its TE office on pilot.start: "
            "`by_clients`, the TE office's counsellors times the pilot's share of its "
            "clients (the unemployed and those in services) that day, so clients per state "
            "FTE stay as they were; `as_listed`, the pilot's providers.*.counsellors.",
     .choices = {"by_clients", "as_listed"}},
    {.key = "pilot.staff_factor",
     .field = &ModelParams::pilot_staff_factor,
     .def = 1.0,
     .unit = "factor",
     .range = at_least(0.0),
     .source = "1: the staff as set (a what-if lever)",
     .doc = "Multiplies every pilot's counsellors (state and municipal) while the pilots "
            "run; the extra staff are paid like the others (spend_staff_eur) and taken from "
            "no TE office."},
    {.key = "providers.*.counsellors",
     .field = each(&ModelParams::counsellors),
     .def = 0.0,
     .unit = "FTE",
     .range = at_least(0.0),
     .source = "assumption",
     .doc = "State staff (full-time equivalents) doing client work: a TE office's "
            "staff before pilot.start; a pilot's staff moved to it from its "
            "region's TE office on pilot.start (used with pilot.state_staff = "
            "\"as_listed\" only)."},
    {.key = "providers.*.municipal_counsellors",
     .field = each(&ModelParams::municipal_counsellors),
     .def = 0.0,
     .unit = "FTE",
     .range = at_least(0.0),
     .source = "assumption",
     .doc = "Pilots: the municipalities' own staff doing client work, added to the "
            "moved state staff from pilot.start."},
    {.key = "providers.*.service_model",
     .field = each(&ModelParams::service_model),
     .doc = "The service model the provider runs.",
     .timing = true,
     .refers_to = "service_models"},
};

} // namespace

const Params<ModelParams>& provider_params() {
    return kProviderParams;
}

} // namespace kokeilu::agents
