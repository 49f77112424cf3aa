// The labour market: job finding as a piecewise-constant hazard over the spell, drawn once
// per state change by integrating the rate month by month (demand changes monthly).
#include "agents/labour_market.hpp"

#include "agents/breakdowns.hpp"
#include "agents/law.hpp"
#include "agents/params.hpp"
#include "sim/distributions.hpp"

#include <algorithm>
#include <limits>

namespace kokeilu::agents::region {

double demand_at(const Store& s, Date d) {
    const RegionSpec& r = s.sh->in->regions[s.region];
    const auto& list = r.demand.empty() ? s.p().demand : r.demand;
    return r.demand_factor * indexed(list, month_offset(s.sh->in->index_start, d));
}

double demand_in_month(const Store& s, std::size_t month) {
    const RegionSpec& r = s.sh->in->regions[s.region];
    const auto& list = r.demand.empty() ? s.p().demand : r.demand;
    return r.demand_factor * indexed(list, s.sh->list_index[month]);
}

namespace {

/// The job-finding multiplier of the person's age band (age in whole years today; 65 and over
/// as 55-64).
double age_factor(const Store& s, const Agent& a) {
    return by_age_band(s.p().age_factors, static_cast<int>(s.age_years(a)));
}

/// Job-finding rate per day before demand and duration: the person's age, education and
/// needs, and the lock-in of the service they are in.
double base_rate(const Store& s, const Agent& a) {
    double base =
        s.p().job_finding_per_month / kDaysPerMonth * s.p().education_factors[education(a)];
    base *= age_factor(s, a);
    if ((a.flags & kNeedSkills) != 0) {
        base *= s.p().need_factors[0];
    }
    if ((a.flags & kNeedWorkAbility) != 0) {
        base *= s.p().need_factors[1];
    }
    if ((a.flags & kNeedSocial) != 0) {
        base *= s.p().need_factors[2];
    }
    if (a.state != JobseekerState::Unemployed && a.stage != kNoStage &&
        a.service_provider != kNoProvider) {
        base *= s.model_of(a.service_provider).stages[a.stage].lock_in;
    }
    return base;
}

/// The job-finding multiplier after the person's last service, while it lasts.
double after_effect(const Store& s, const Agent& a) {
    if (a.after_stage != kNoStage && a.after_model < s.p().models.size() &&
        a.after_stage < s.p().models[a.after_model].stages.size()) {
        return s.p().models[a.after_model].stages[a.after_stage].after_effect;
    }
    return 1.0;
}

/// The day (from the origin) the integrated job-finding rate first reaches `e`, or infinity
/// before the horizon. The rate is constant on segments cut at month starts, at 3 and 12
/// months of the spell and at the end of the after-effect.
double job_day(const Store& s, const Agent& a, double base, double e) {
    const double horizon = s.sh->horizon.days();
    const double after = after_effect(s, a);
    const double after_until = static_cast<double>(a.after_until) / SimTime::kMinutesPerDay;
    const double boost = std::max(1.0, s.p().interview_effect);
    const double spell0 = static_cast<double>(a.spell_start) / SimTime::kMinutesPerDay;
    const double t3 = spell0 + 3.0 * kDaysPerMonth;
    const double t12 = spell0 + 12.0 * kDaysPerMonth;
    const auto& starts = s.sh->month_starts;
    double t = s.now.days();
    int month = static_cast<int>(std::upper_bound(starts.begin(), starts.end(), s.date_now()) -
                                 starts.begin()) -
                1;
    while (t < horizon && base > 0.0) {
        const double month_end =
            static_cast<std::size_t>(month) + 1 < starts.size()
                ? static_cast<double>(starts[static_cast<std::size_t>(month) + 1] - s.sh->origin)
                : horizon;
        double seg_end = std::min(month_end, horizon);
        double dur = s.p().duration_factors[2];
        if (t < t3) {
            dur = s.p().duration_factors[0];
            seg_end = std::min(seg_end, t3);
        } else if (t < t12) {
            dur = s.p().duration_factors[1];
            seg_end = std::min(seg_end, t12);
        }
        double aft = 1.0;
        if (t < after_until) {
            aft = after;
            seg_end = std::min(seg_end, after_until);
        }
        // The interview effect is handled by thinning: proposals at the boosted rate,
        // accepted in job_found() with probability (actual factor / boost).
        aft *= boost;
        // The job-search obligation (the laid off only from 3 months on).
        const double obligation = laid_off(a) && t < t3 ? 1.0 : s.p().job_search_effect;
        const double rate =
            base * demand_in_month(s, static_cast<std::size_t>(month)) * dur * aft * obligation;
        const double mass = rate * (seg_end - t);
        if (mass >= e && rate > 0.0) {
            return t + e / rate;
        }
        e -= mass;
        t = seg_end;
        if (t >= month_end) {
            ++month;
            if (static_cast<std::size_t>(month) + 1 > starts.size()) {
                break;
            }
        }
    }
    return std::numeric_limits<double>::infinity();
}

/// The day (from the origin) a seasonal registrant goes back to work or studies, or infinity:
/// seasonal_return_months after the start of the month of registration, spread over +-15 days
/// by the person's number. Only while unemployed, and not once a month past that day (a spell
/// that outlasted its season through a service goes on as any other).
double season_day(const Store& s, const Agent& a, std::uint32_t i) {
    const auto& starts = s.sh->month_starts;
    if (!seasonal(a) || a.state != JobseekerState::Unemployed || a.reg_month >= starts.size()) {
        return std::numeric_limits<double>::infinity();
    }
    const Date reg = starts[a.reg_month];
    const auto moy = static_cast<std::size_t>(reg.month() - 1);
    const auto& back = s.p().seasonal_return_months;
    const double spread = static_cast<double>((i * 2654435761U) % 31U) - 15.0;
    const double day = static_cast<double>(reg - s.sh->origin) + back[moy] * kDaysPerMonth + spread;
    const double now = s.now.days();
    return day + kDaysPerMonth < now ? std::numeric_limits<double>::infinity() : std::max(day, now);
}

/// The day (from the origin) the person reaches labour_market.retirement_age and leaves the
/// register for a pension, or infinity when no one retires.
double retirement_day(const Store& s, const Agent& a) {
    if (s.p().retirement_age <= 0.0) {
        return std::numeric_limits<double>::infinity();
    }
    return std::max(s.now.days(), a.birth_day + s.p().retirement_age * 365.25);
}

/// The day person i starts self-motivated study on their own initiative (labour_market.
/// own_study_per_month), or infinity: only for those free to (free_to_study) whose provider's
/// model has such a stage. Draws only then, so the random streams are as before at rate 0.
double own_study_day(const Store& s, const Agent& a, sim::RandomStream& r) {
    const double rate = s.p().own_study_per_month / kDaysPerMonth;
    if (rate <= 0.0 || !free_to_study(a) ||
        own_study_stage(s.model_of(a.provider)) >= s.model_of(a.provider).stages.size()) {
        return std::numeric_limits<double>::infinity();
    }
    return s.now.days() + sim::exponential(r, rate);
}

} // namespace

bool retired(const Store& s, const Agent& a) {
    // In days, with a margin for the timer's rounding to whole minutes.
    return s.p().retirement_age > 0.0 &&
           s.now.days() - a.birth_day >= s.p().retirement_age * 365.25 - 0.001;
}

bool meeting_proposal_stands(const Store& s, const Agent& a, double effect, double u) {
    const double now = to_i32(s.now) < a.boost_until ? effect : 1.0;
    return u * std::max(1.0, effect) < now;
}

void schedule_spell_end(Store& s, sim::Context& ctx, std::uint32_t i) {
    Agent& a = s.agent(i);
    auto r = s.rng(i, kSpell);
    const double horizon = s.sh->horizon.days();
    const double now = s.now.days();
    const double job_at = job_day(s, a, base_rate(s, a), sim::exponential(r, 1.0));
    // Proposed at the highest rate a meeting can give; other_exit thins (as job_found does).
    const double other_rate = s.p().other_exit_per_month *
                              std::max(1.0, s.p().interview_other_exit_effect) / kDaysPerMonth;
    const double other_at = std::min(other_rate > 0.0 ? now + sim::exponential(r, other_rate)
                                                      : std::numeric_limits<double>::infinity(),
                                     retirement_day(s, a));
    const double recall_rate = laid_off(a) && a.state == JobseekerState::Unemployed
                                   ? s.p().recall_per_month / kDaysPerMonth
                                   : 0.0;
    const double recall_at = std::min(recall_rate > 0.0 ? now + sim::exponential(r, recall_rate)
                                                        : std::numeric_limits<double>::infinity(),
                                      season_day(s, a, i));
    const double study_at = own_study_day(s, a, r);
    const double at = std::min({job_at, other_at, recall_at, study_at});
    if (at < horizon) {
        const SimTime when = std::max(s.now, sim::from_days(at));
        s.timer(ctx, when, i,
                at == recall_at      ? kRecall
                : at == study_at     ? kOwnStudy
                : job_at <= other_at ? kJobFound
                                     : kOtherExit);
    }
    schedule_recheck(s, ctx, i, at);
}

SimTime registered_job_end(const Store& s, double months) {
    const auto& seasons = s.p().job_end_seasons;
    if (std::all_of(seasons.begin(), seasons.end(), [](double x) { return x == 1.0; })) {
        return s.now + sim::from_days(months * kDaysPerMonth);
    }
    // The ending rate is 1 / mean in a month of factor 1: the drawn months are its integral.
    double e = months / s.p().registered_job_months;
    const double rate = 1.0 / (s.p().registered_job_months * kDaysPerMonth);
    const auto& starts = s.sh->month_starts;
    auto k = static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), s.date_now()) -
                                      starts.begin() - 1);
    double t = s.now.days();
    for (; k + 1 < starts.size(); ++k) {
        const double month_end = static_cast<double>(starts[k + 1] - s.sh->origin);
        const double r = rate * seasons[static_cast<std::size_t>(starts[k].month() - 1)];
        const double mass = r * (month_end - t);
        if (r > 0.0 && mass >= e) {
            return std::max(s.now, sim::from_days(t + e / r));
        }
        e -= mass;
        t = month_end;
    }
    return s.sh->horizon;
}

} // namespace kokeilu::agents::region

namespace kokeilu::agents {

namespace {

const Params<ModelParams> kLabourMarketParams{
    {.key = "labour_market.demand",
     .field = &ModelParams::demand,
     .def = Numbers{1.0},
     .range = at_least(0.0),
     .source = "analysis/fit_labour_market.py (fitted to data/observed_monthly.csv)",
     .doc = "Monthly labour-demand index: multiplies the job-finding rate. One "
            "value per month from index_start; a list shorter than the run "
            "repeats its last value.",
     .timing = true},
    {.key = "labour_market.inflow_index",
     .field = &ModelParams::inflow_index,
     .def = Numbers{1.0},
     .range = at_least(0.0),
     .source = "analysis/fit_labour_market.py (fitted to data/observed_monthly.csv)",
     .doc = "Monthly multiplier of population.inflow_per_month, from index_start; "
            "a list shorter than the run repeats its last value."},
    {.key = "labour_market.job_finding_per_month",
     .field = &ModelParams::job_finding_per_month,
     .def = 0.2,
     .unit = "1/month",
     .range = at_least(0.0),
     .source = "assumption; mean spell about 5.4 months (DOMAIN.md §5.1)",
     .doc = "Job-finding rate of an unemployed jobseeker at demand 1.",
     .timing = true},
    {.key = "labour_market.duration_factors",
     .field = &ModelParams::duration_factors,
     .def = Numbers{1.3, 1.0, 0.5},
     .range = at_least(0.0),
     .source = "assumption; about half of spells end within 3 months "
               "(data/geography-population.md §4.2)",
     .doc = "Multipliers of the job-finding rate for unemployment durations under "
            "3 months, 3-12 months and 12 months or more.",
     .timing = true},
    {.key = "labour_market.age_factors",
     .field = &ModelParams::age_factors,
     .def = Numbers{1.0, 1.0, 1.0, 1.0, 1.0},
     .range = at_least(0.0),
     .source = "analysis/fit_structure.py: the register's stock by age (under 25, 55 and "
               "over) and the share aged 55-64 of the long-term unemployed at the end of 2021 "
               "(39 %; data/geography-population.md §4.1); 1 = no age term",
     .doc = "Multipliers of the job-finding rate by age band: under 25, 25-29, 30-49, "
            "50-54, 55 and over (age in whole years when the rate is drawn).",
     .timing = true},
    {.key = "labour_market.need_factors",
     .field = &ModelParams::need_factors,
     .def = Numbers{0.9, 0.5, 0.6},
     .range = at_least(0.0),
     .source = "assumption",
     .doc = "Multipliers of the job-finding rate for a skills, work-ability and "
            "social/health need (multiplied together).",
     .timing = true},
    {.key = "labour_market.education_factors",
     .field = &ModelParams::education_factors,
     .def = Numbers{0.8, 1.0, 1.2},
     .range = at_least(0.0),
     .source = "assumption (DOMAIN.md §3.1: the less educated gain most from "
               "interviews [S82], i.e. find work more slowly on their own)",
     .doc = "Multipliers of the job-finding rate for basic, upper secondary and "
            "tertiary education.",
     .timing = true},
    {.key = "labour_market.other_exit_per_month",
     .field = &ModelParams::other_exit_per_month,
     .def = 0.03,
     .unit = "1/month",
     .range = at_least(0.0),
     .source = "assumption",
     .doc = "Rate of leaving the register for education, out of the labour force or "
            "a move abroad.",
     .timing = true},
    {.key = "labour_market.own_study_per_month",
     .field = &ModelParams::own_study_per_month,
     .def = 0.0,
     .unit = "1/month",
     .range = between(0.0, 1.0),
     .source = "configs/default.toml: 0.022, fitted to the mean of the register's six stocks "
               "in self-motivated study with benefit, Oct 2019-Oct 2022 (32,600; "
               "data/services.md §1.2 R1a-R1c); 0 = off (no one studies on benefit)",
     .doc = "Rate at which an unemployed jobseeker (not laid off, not waiting for a "
            "service) starts self-motivated study on their own initiative, without a "
            "meeting: the first stage of kind self_motivated_study of their provider's "
            "service model. The jobseeker applies; the office's decision takes no staff "
            "time (assumption).",
     .timing = true},
    {.key = "labour_market.retirement_age",
     .field = &ModelParams::retirement_age,
     .def = 0.0,
     .unit = "years",
     .range = between(0.0, 80.0),
     .source = "the lowest old-age pension age, 63-64 for those born 1954-1961 and 64 "
               "years 3-9 months for 1962-1964 (Finnish Centre for Pensions, the 2017 "
               "pension reform); 0 = off (the jobseekers age on, the 65_plus band)",
     .doc = "Age at which a jobseeker who is unemployed or in a service leaves the "
            "register for a pension (an exit out of the labour force, no return). 0: no "
            "one retires.",
     .timing = true},
    {.key = "labour_market.other_exit_shares",
     .field = &ModelParams::other_exit_shares,
     .def = Numbers{0.25, 0.35, 0.1, 0.3},
     .range = between(0.0, 1.0),
     .source = "assumption (DOMAIN.md has no split of exits by destination)",
     .doc = "How other exits divide: education, out of the labour force, moved "
            "away, deregistered (weights)."},
    {.key = "labour_market.registered_job_share",
     .field = &ModelParams::registered_job_share,
     .def = 0.3,
     .range = between(0.0, 1.0),
     .source = "assumption; about 108,000 employed jobseekers on the open market "
               "(Dec 2022, DOMAIN.md §5.1)",
     .doc = "Share of jobs found that are short or part-time, so the jobseeker stays "
            "registered as employed on the open market."},
    {.key = "labour_market.registered_job_months",
     .field = &ModelParams::registered_job_months,
     .def = 4.0,
     .unit = "months",
     .range = above(0.0),
     .source = "assumption",
     .doc = "Mean length of such a job."},
    {.key = "labour_market.job_end_seasons",
     .field = &ModelParams::job_end_seasons,
     .def = Numbers(12, 1.0),
     .range = at_least(0.0),
     .source = "assumption; fixed-term contracts end with the year and the school year "
               "(docs/VALIDATION.md: December's periods started rise, its registrations do not)",
     .doc = "Month-of-year multipliers of the rate at which short jobs "
            "(labour_market.registered_job_months) end, January first (exactly 12 values; "
            "the mean length is kept for factors of 1)."},
    {.key = "labour_market.return_after_job_share",
     .field = &ModelParams::return_after_job_share,
     .def = 0.5,
     .range = between(0.0, 1.0),
     .source = "assumption",
     .doc = "Share of jobseekers who become unemployed again when such a job ends "
            "(the rest leave the register)."},
    {.key = "labour_market.reregister_share",
     .field = &ModelParams::reregister_share,
     .def = 0.2,
     .range = between(0.0, 1.0),
     .source = "assumption (re-registrations are not in DOMAIN.md or data/)",
     .doc = "Share of those who leave the register (for work or another reason "
            "other than a move away) who register again later, as a new spell."},
    {.key = "labour_market.reregister_months",
     .field = &ModelParams::reregister_months,
     .def = 6.0,
     .unit = "months",
     .range = above(0.0),
     .source = "assumption",
     .doc = "Mean time out of the register before registering again "
            "(exponential)."},
    {.key = "labour_market.laid_off_share",
     .field = &ModelParams::laid_off_share,
     .def = Numbers{},
     .range = between(0.0, 1.0),
     .source = "analysis/fit_laid_off.py (fitted to the fully_laid_off series of "
               "data/observed_monthly.csv)",
     .doc = "Monthly share of new jobseekers who are fully laid off (status 03), "
            "from index_start (same rules as labour_market.demand); empty: none."},
    {.key = "labour_market.recall_per_month",
     .field = &ModelParams::recall_per_month,
     .def = 0.3,
     .unit = "1/month",
     .range = at_least(0.0),
     .source = "assumption (the laid-off stock fell from 163,700 in April 2020 to "
               "82,000 in July 2020, data/observed_monthly.csv)",
     .doc = "Rate at which a laid-off jobseeker is taken back by the employer (on "
            "top of the job-finding rate).",
     .timing = true},
    {.key = "labour_market.vacancy_elasticity",
     .field = &ModelParams::vacancy_elasticity,
     .def = 0.0,
     .range = between(0.0, 5.0),
     .source = "assumption; fitted in configs/default.toml (docs/MODEL.md)",
     .doc = "Elasticity of the job-finding rate with respect to the vacancies open during "
            "the month (configs/data/vacancies.csv, log-linear between observations, the "
            "reference level before the first): "
            "labour_market.demand is multiplied by (vacancies / vacancy_reference) to this "
            "power. 0: demand follows labour_market.demand alone.",
     .timing = true},
    {.key = "labour_market.vacancy_reference",
     .field = &ModelParams::vacancy_reference,
     .def = 128000.0,
     .unit = "vacancies",
     .range = above(0.0),
     .source = "mean of the eight 2019 observations of configs/data/vacancies.csv (127,875)",
     .doc = "Vacancies at which the vacancy factor of the demand index is 1.",
     .timing = true},
    {.key = "labour_market.inflow_seasons",
     .field = &ModelParams::inflow_seasons,
     .def = Numbers(12, 1.0),
     .range = at_least(0.0),
     .source = "assumption; fitted in configs/default.toml (docs/MODEL.md)",
     .doc = "Month-of-year multipliers of population.inflow_per_month, January first "
            "(exactly 12 values; on top of labour_market.inflow_index)."},
    {.key = "labour_market.seasonal_registrants",
     .field = &ModelParams::seasonal_registrants,
     .def = Numbers(12, 0.0),
     .unit = "persons/month",
     .range = between(0.0, 1e6),
     .source = "assumption; fitted in configs/default.toml (docs/MODEL.md)",
     .doc = "Registrations by month of year (January first, exactly 12 values) of people "
            "whose work or studies resume on a known date (school staff and students over "
            "the summer, seasonal work over the winter), on top of the inflow and before "
            "scaling. They go back after labour_market.seasonal_return_months unless they "
            "leave earlier."},
    {.key = "labour_market.seasonal_return_months",
     .field = &ModelParams::seasonal_return_months,
     .def = Numbers(12, 2.0),
     .unit = "months",
     .range = between(0.0, 12.0),
     .source = "assumption (the school year starts in mid-August)",
     .doc = "When seasonal registrants go back, by month of registration (January first, "
            "exactly 12 values): months from the first day of that month (spread over +-15 "
            "days); the return counts as an exit to employment.",
     .timing = true},
    {.key = "labour_market.laid_off_earnings_related",
     .field = &ModelParams::laid_off_earnings_related,
     .def = 0.95,
     .range = between(0.0, 1.0),
     .source = "assumption (the laid off have a work history); with it the pilots have "
               "6,700 of the laid off in Dec 2021, as observed (DOMAIN.md §2.1)",
     .doc = "Share of the laid off entitled to the earnings-related allowance."},
};

} // namespace

const Params<ModelParams>& labour_market_params() {
    return kLabourMarketParams;
}

} // namespace kokeilu::agents
