// Interviews: the first contact after registration and the periodic interviews of the
// unemployed, queued at the provider's staff desk with their deadlines.
#include "agents/interviews.hpp"

#include "agents/labour_market.hpp"
#include "agents/params.hpp"
#include "agents/services_rules.hpp"
#include "sim/calendar.hpp"

#include <algorithm>

namespace kokeilu::agents::region {

void start_unemployment(Store& s, sim::Context& ctx, std::uint32_t i, bool new_registration) {
    Agent& a = s.agent(i);
    ++a.spell;
    a.flags = static_cast<std::uint16_t>(a.flags & ~kTaskQueued); // its queued tasks are void
    if (new_registration) {
        const int own = s.model_of(a.provider).initial_interview_working_days;
        const Date deadline_day =
            contact_deadline(s.date_now(), own > 0 ? own : s.p().initial_interview_working_days);
        const std::int32_t deadline =
            static_cast<std::int32_t>((deadline_day - s.sh->origin + 1) * SimTime::kMinutesPerDay);
        s.desks[a.provider].tasks.push(Task{i, a.spell, deadline, true});
        a.flags |= kTaskQueued;
    } else {
        schedule_next_interview(s, ctx, i);
    }
    schedule_spell_end(s, ctx, i);
}

int current_interval(const Store& s, const Agent& a) {
    const bool intensive = s.p().intensive_interval_days > 0 &&
                           s.now < from_i32(a.spell_start) + sim::days(s.p().intensive_period_days);
    if (intensive) {
        return s.p().intensive_interval_days;
    }
    const int own = s.model_of(a.provider).interview_interval_days;
    return own > 0 ? own : s.p().interview_interval_days;
}

void schedule_next_interview(Store& s, sim::Context& ctx, std::uint32_t i) {
    const Agent& a = s.agent(i);
    const int interval = current_interval(s, a);
    SimTime due = from_i32(a.last_interview) + sim::days(interval);
    // Due at 07:00 on its day, before the day's staff work (08:00).
    due = sim::days(std::max(due, s.now).day_index()) + sim::hours(7);
    if (due < s.now) {
        due += sim::days(1);
    }
    if (due < s.sh->horizon) {
        s.timer(ctx, due, i, kInterviewDue);
    }
}

void interview_due(Store& s, std::uint32_t i) {
    Agent& a = s.agent(i);
    if (a.state != JobseekerState::Unemployed) {
        return;
    }
    if (s.p().followup_min_days > 0 &&
        from_i32(a.last_interview) + sim::days(current_interval(s, a)) > s.now + sim::hours(12)) {
        return; // a follow-up meeting since has scheduled the next interview later
    }
    const Date deadline_day =
        sim::FinnishCalendar::add_working_days(s.date_now(), kInterviewGraceWorkingDays);
    const std::int32_t deadline =
        static_cast<std::int32_t>((deadline_day - s.sh->origin + 1) * SimTime::kMinutesPerDay);
    s.desks[a.provider].tasks.push(Task{i, a.spell, deadline, false});
    a.flags |= kTaskQueued;
}

} // namespace kokeilu::agents::region

namespace kokeilu::agents {

namespace {

const Params<ModelParams> kProcessParams{
    {.key = "process.initial_interview_working_days",
     .field = &ModelParams::initial_interview_working_days,
     .def = std::int64_t{10},
     .unit = "working days",
     .range = between(1.0, 250.0),
     .source = "DOMAIN.md §3.1: within 2 weeks until 1.5.2022, 5 working days from "
               "2.5.2022 [S44][S45]",
     .doc = "Deadline for the initial interview after registration."},
    {.key = "process.interview_interval_days",
     .field = &ModelParams::interview_interval_days,
     .def = std::int64_t{91},
     .unit = "days",
     .range = between(1.0, 730.0),
     .source = "DOMAIN.md §3.1: every 3 months [S44]",
     .doc = "Interval of periodic interviews while unemployed.",
     .timing = true},
    {.key = "process.intensive_interval_days",
     .field = &ModelParams::intensive_interval_days,
     .def = std::int64_t{0},
     .unit = "days",
     .range = between(0.0, 365.0),
     .source = "DOMAIN.md §3.1: every 2 weeks in the first 3 months under the "
               "Nordic model from 2.5.2022 [S46]",
     .doc = "Interval of job-search discussions early in a spell; 0 = none.",
     .timing = true},
    {.key = "process.intensive_period_days",
     .field = &ModelParams::intensive_period_days,
     .def = std::int64_t{91},
     .unit = "days",
     .range = between(0.0, 730.0),
     .source = "DOMAIN.md §3.1 [S46]",
     .doc = "How long the intensive interval applies after registration.",
     .timing = true},
    {.key = "process.interview_effect",
     .field = &ModelParams::interview_effect,
     .def = 1.4,
     .range = at_least(0.0),
     .source = "sized to DOMAIN.md §10: a meeting missed through a caseworker's absence "
               "makes unemployment about 5 % longer, 10-12 days of a typical spell "
               "[S102]; losing 30 days at 1.4 times the rate costs about 12 days of "
               "job search (assumption: the effect lasts interview_effect_days); the "
               "2017 interview reform had small positive effects [S82]",
     .doc = "Multiplier of the job-finding rate after an interview (advice, a "
            "checked job-search plan).",
     .timing = true},
    {.key = "process.interview_other_exit_effect",
     .field = &ModelParams::interview_other_exit_effect,
     .def = 1.0,
     .range = at_least(0.0),
     .source = "assumption, sized to DOMAIN.md §10/§12: in the Austrian caseload trial lower "
               "caseloads meant more meetings and sanctions, +16 days employed and +20 days "
               "out of the labour force per jobseeker over 2 years [S101]; 1 = none",
     .doc = "Multiplier of the rate of other exits (out of the labour force, "
            "deregistration, education) for interview_effect_days after an interview, as "
            "interview_effect is of job finding: monitoring makes some leave the register.",
     .timing = true},
    {.key = "process.interview_effect_days",
     .field = &ModelParams::interview_effect_days,
     .def = 30.0,
     .unit = "days",
     .range = at_least(0.0),
     .source = "assumption",
     .doc = "How long the effect of an interview lasts; a meeting g < this many days "
            "after the previous one raises the rate for this x (g / this)^2 days (frequent "
            "meetings add less each; MODEL.md \"Staff\").",
     .timing = true},
    {.key = "process.job_search_effect",
     .field = &ModelParams::job_search_effect,
     .def = 1.0,
     .range = at_least(0.0),
     .source = "assumption; DOMAIN.md §3.1: the Nordic model's 4 applications a month "
               "from 2.5.2022, expected +9,500-10,000 employed with its other parts "
               "[S46][S83]",
     .doc = "Multiplier of the job-finding rate from a job-search obligation (the "
            "laid off only from the 4th month of their spell). 1: none.",
     .timing = true},
    {.key = "process.referral_age_factors",
     .field = &ModelParams::referral_age_factors,
     .def = Numbers{1.0, 1.0, 1.0, 1.0, 1.0},
     .range = at_least(0.0),
     .source = "analysis/fit_structure.py (the share aged 55-64 of the register's long-term "
               "unemployed, data/geography-population.md §4.1); 1 = no age term",
     .doc = "Multipliers of an interview's referral chance (referral_assessed, "
            "referral_other, referral_intensive; at most 1) by age band: under 25, 25-29, "
            "30-49, 50-54, 55 and over."},
    {.key = "process.followup_min_days",
     .field = &ModelParams::followup_min_days,
     .def = std::int64_t{0},
     .unit = "days",
     .range = between(0.0, 365.0),
     .source = "assumption; DOMAIN.md §10: with lower caseloads counsellors met their "
               "clients more often, and unemployment was shorter (Austria [S101], Germany "
               "[S100])",
     .doc = "Staff use the minutes a working day leaves after the due tasks for extra "
            "meetings with their unemployed clients whose last meeting is at least this "
            "many days old, oldest first (each like a periodic interview, with its "
            "interview effect; referrals pro rata to the days since the last meeting). "
            "0: no follow-ups."},
    {.key = "process.counsellor_minutes_per_day",
     .field = &ModelParams::counsellor_minutes_per_day,
     .def = 220.0,
     .unit = "minutes",
     .range = between(0.0, 1440.0),
     .source = "assumption (7.25 h days, about half on client work)",
     .doc = "Client-work minutes of one full-time counsellor per working day."},
    {.key = "process.counsellor_cost_eur_per_year",
     .field = &ModelParams::counsellor_cost_eur_per_year,
     .def = 58300.0,
     .unit = "EUR/year",
     .range = at_least(0.0),
     .source = "DOMAIN.md §3.1: the Nordic model's +70 M EUR a year for about 1,200 new "
               "specialists [S83][S46]",
     .doc = "What one full-time counsellor costs a year (pay and overheads); booked as "
            "spend_staff_eur."},
};

} // namespace

const Params<ModelParams>& process_params() {
    return kProcessParams;
}

} // namespace kokeilu::agents
