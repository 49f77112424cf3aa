// The labour market: job finding as a piecewise-constant hazard over the spell, drawn once
// per state change by integrating the rate month by month (demand changes monthly).
#include "agents/labour_market.hpp"

#include "agents/law.hpp"
#include "sim/distributions.hpp"

#include <algorithm>
#include <limits>

namespace kokeilu::agents::region {

double demand_at(const Store& s, Date d) {
    const RegionSpec& r = s.sh->in->regions[s.region];
    const auto& list = r.demand.empty() ? s.p().demand : r.demand;
    return r.demand_factor * indexed(list, month_offset(s.sh->in->index_start, d));
}

namespace {

/// Job-finding rate per day before demand and duration: the person's education and needs,
/// and the lock-in of the service they are in.
double base_rate(const Store& s, const Agent& a) {
    double base =
        s.p().job_finding_per_month / kDaysPerMonth * s.p().education_factors[education(a)];
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
        const Date month_date = starts[static_cast<std::size_t>(month)];
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
        const double rate = base * demand_at(s, month_date) * dur * aft * obligation;
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

} // namespace

void schedule_spell_end(Store& s, sim::Context& ctx, std::uint32_t i) {
    Agent& a = s.agent(i);
    auto r = s.rng(i, kSpell);
    const double horizon = s.sh->horizon.days();
    const double now = s.now.days();
    const double job_at = job_day(s, a, base_rate(s, a), sim::exponential(r, 1.0));
    const double other_rate = s.p().other_exit_per_month / kDaysPerMonth;
    const double other_at = other_rate > 0.0 ? now + sim::exponential(r, other_rate)
                                             : std::numeric_limits<double>::infinity();
    const double recall_rate = laid_off(a) && a.state == JobseekerState::Unemployed
                                   ? s.p().recall_per_month / kDaysPerMonth
                                   : 0.0;
    const double recall_at = recall_rate > 0.0 ? now + sim::exponential(r, recall_rate)
                                               : std::numeric_limits<double>::infinity();
    const double at = std::min({job_at, other_at, recall_at});
    if (at < horizon) {
        const SimTime when = std::max(s.now, sim::from_days(at));
        s.timer(ctx, when, i,
                at == recall_at      ? kRecall
                : job_at <= other_at ? kJobFound
                                     : kOtherExit);
    }
    schedule_recheck(s, ctx, i, at);
}

} // namespace kokeilu::agents::region
