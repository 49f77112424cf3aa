// Transitions on a person's timers: a job found, a registered job ending, a recall, another
// exit, a return to the register, and the target-group recheck.
#include "agents/transitions.hpp"

#include "agents/interviews.hpp"
#include "agents/labour_market.hpp"
#include "agents/law.hpp"
#include "agents/money.hpp"
#include "agents/population.hpp"
#include "agents/services.hpp"
#include "agents/transition.hpp"
#include "sim/distributions.hpp"

#include <array>
#include <limits>

namespace kokeilu::agents::region {

namespace {

/// A leaver who registered in a written month is gone for good: this is their state at every
/// later cohort checkpoint, counted ahead.
void count_exit_in_cohorts(Store& s, const Agent& a, Metric exit_metric) {
    const std::size_t outcome = exit_metric == Metric::ExitsEmployment ? 5 : 6;
    for (std::size_t h = 0; h < kCohortHorizons.size(); ++h) {
        const int checkpoint = a.reg_month + kCohortHorizons[h];
        if (checkpoint >= s.current_month &&
            checkpoint >= s.sh->first_written_month + kCohortHorizons[h] &&
            static_cast<std::size_t>(checkpoint) + 1 < s.sh->month_starts.size()) {
            auto& v = s.pending_cohorts[checkpoint];
            v.resize(s.desks.size() * kGroups * kCohortMetricCount, 0.0);
            v[cohort_index(a.reg_provider, a.reg_group, h, outcome)] += 1.0;
        }
    }
}

/// The record of a person leaving the register: the exit counted, the caseload place freed,
/// the cohort checkpoints still to come counted ahead, the state Left.
void leave(Store& s, Agent& a, Metric exit_metric) {
    s.book(a.provider, rows_of(s, a), exit_metric);
    s.move_caseload(a, a.provider, kNoProvider);
    a.flags = static_cast<std::uint16_t>(a.flags & ~kInCaseload);
    if ((a.flags & kInitialStock) == 0) {
        count_exit_in_cohorts(s, a, exit_metric);
    }
    a.state = JobseekerState::Left;
    a.stage = kNoStage;
    end_season(a);
}

/// The change of leaving the register (for employment or another reason).
Change exit_change(Metric exit_metric, bool from_service) {
    return {exit_metric == Metric::ExitsEmployment ? TraceKind::ExitEmployment
                                                   : TraceKind::ExitOther,
            from_service, from_service};
}

/// After an exit (other than a move away) the person registers again, as a new spell,
/// with probability `reregister_share`, after an exponential time of mean
/// `reregister_months` (assumption); the slot is kept meanwhile.
void maybe_return(Store& s, sim::Context& ctx, std::uint32_t i) {
    if (s.p().reregister_share <= 0.0) {
        return;
    }
    Agent& a = s.agent(i);
    auto r = s.rng(i, kSpell);
    if (r.uniform01() >= s.p().reregister_share) {
        return;
    }
    const double months = sim::exponential(r, 1.0 / s.p().reregister_months);
    const SimTime at = s.now + sim::from_days(months * kDaysPerMonth);
    if (at < s.sh->horizon) {
        a.flags |= kReturning;
        s.timer(ctx, at, i, kReturn);
    }
}

} // namespace

void job_found(Store& s, sim::Context& ctx, std::uint32_t i) {
    Agent& a = s.agent(i);
    if (a.state == JobseekerState::Left || a.state == JobseekerState::EmployedOpenMarket) {
        return;
    }
    auto r = s.rng(i, kSpell);
    if (!meeting_proposal_stands(s, a, s.p().interview_effect, r.uniform01())) {
        schedule_spell_end(s, ctx, i); // thinned away: the interview effect has ended
        return;
    }
    if (r.uniform01() >= s.p().registered_job_share) {
        transition(
            s, ctx, i, exit_change(Metric::ExitsEmployment, true),
            [&](Agent& b) {
                end_lay_off(b); // a new job ends the lay-off
                leave(s, b, Metric::ExitsEmployment);
            },
            [&] { maybe_return(s, ctx, i); });
        return;
    }
    // A short or part-time job: still registered, off the unemployed.
    transition(
        s, ctx, i, {TraceKind::RegisteredJob, true, true},
        [](Agent& b) {
            end_lay_off(b);
            b.state = JobseekerState::EmployedOpenMarket;
            b.stage = kNoStage;
            ++b.spell;
            b.flags = static_cast<std::uint16_t>(b.flags & ~kTaskQueued); // tasks void
        },
        [&] {
            const double months = sim::exponential(r, 1.0 / s.p().registered_job_months);
            const SimTime end = registered_job_end(s, months);
            if (end < s.sh->horizon) {
                s.timer(ctx, end, i, kRegisteredJobEnd);
            }
        });
}

void return_to_register(Store& s, sim::Context& ctx, std::uint32_t i) {
    Agent& a = s.agent(i);
    if ((a.flags & kReturning) == 0 || a.state != JobseekerState::Left) {
        return;
    }
    a.flags = static_cast<std::uint16_t>(
        a.flags & ~(kReturning | kInitialStock | kTypDue | kIntensive | kAssessed | kTaskQueued));
    if (a.accrued_until < s.last_compaction) {
        s.live.push_back(i); // dropped from `live` at the last month start
    }
    a.state = JobseekerState::Unemployed;
    a.stage = kNoStage;
    a.service_provider = kNoProvider;
    a.spell_start = to_i32(s.now);
    a.period_start = a.spell_start;
    a.accrued_until = to_i32(s.now);
    a.last_interview = to_i32(s.now);
    a.after_stage = kNoStage;
    end_lay_off(a);
    convert_exhausted_allowance(s, a);
    a.provider = kNoProvider;
    a.provider = desired_provider(s, a);
    a.reg_provider = a.provider;
    a.reg_group = static_cast<std::uint8_t>(group_of(s, a));
    a.reg_month = static_cast<std::uint16_t>(s.current_month);
    s.book(a.provider, rows_of(s, a), Metric::Inflow);
    s.book(a.provider, rows_of(s, a), Metric::Reregistrations);
    s.book(a.provider, rows_of(s, a), Metric::UnemploymentPeriodsStarted);
    profile(s, a);
    s.trace(i, TraceKind::Register, JobseekerState::Left);
    start_unemployment(s, ctx, i, true);
}

void registered_job_end(Store& s, sim::Context& ctx, std::uint32_t i) {
    if (s.agent(i).state != JobseekerState::EmployedOpenMarket) {
        return;
    }
    // The job's end is this timer: nothing else is pending, no seat is held.
    if (s.rng(i, kSpell).uniform01() >= s.p().return_after_job_share) {
        transition(
            s, ctx, i, exit_change(Metric::ExitsEmployment, false),
            [&](Agent& b) { leave(s, b, Metric::ExitsEmployment); },
            [&] { maybe_return(s, ctx, i); });
        return;
    }
    transition(
        s, ctx, i, {TraceKind::JobEnds, false, false},
        [&](Agent& b) {
            b.state = JobseekerState::Unemployed;
            b.spell_start = to_i32(s.now);
            b.period_start = b.spell_start;
            b.last_interview = to_i32(s.now);
        },
        [&] {
            recheck(s, i);
            s.book(s.agent(i).provider, rows_of(s, s.agent(i)), Metric::UnemploymentPeriodsStarted);
            start_unemployment(s, ctx, i, false);
        });
}

void recall(Store& s, sim::Context& ctx, std::uint32_t i) {
    const Agent& a = s.agent(i);
    if (a.state != JobseekerState::Unemployed || (!laid_off(a) && !seasonal(a))) {
        return;
    }
    transition(
        s, ctx, i, exit_change(Metric::ExitsEmployment, true),
        [&](Agent& b) {
            if (laid_off(b)) {
                s.book(b.provider, rows_of(s, b), Metric::Recalls);
            } else {
                s.book(b.provider, rows_of(s, b), Metric::SeasonalReturns);
            }
            end_lay_off(b);
            leave(s, b, Metric::ExitsEmployment);
        },
        [&] { maybe_return(s, ctx, i); });
}

void other_exit(Store& s, sim::Context& ctx, std::uint32_t i) {
    const Agent& a = s.agent(i);
    if (a.state == JobseekerState::Left || a.state == JobseekerState::EmployedOpenMarket) {
        return;
    }
    // Where to (assumption: DOMAIN.md has no split of exits by destination).
    static constexpr std::array<Metric, 4> kDestinations{
        Metric::ExitsEducation, Metric::ExitsOutOfLabourForce, Metric::ExitsMoved,
        Metric::ExitsDeregistered};
    const auto& shares = s.p().other_exit_shares;
    double u = s.rng(i, kSpell).uniform01() * (shares[0] + shares[1] + shares[2] + shares[3]);
    std::size_t d = 0;
    while (d + 1 < shares.size() && u >= shares[d]) {
        u -= shares[d];
        ++d;
    }
    const bool pension = retired(s, a); // out of the labour force for good
    if (pension) {
        d = 1;
    } else if (const double effect = s.p().interview_other_exit_effect;
               effect != 1.0 && // no draw without the effect: the random streams stay as before
               !meeting_proposal_stands(s, a, effect, s.rng(i, kSpell).uniform01())) {
        schedule_spell_end(s, ctx, i);
        return;
    }
    transition(
        s, ctx, i, exit_change(Metric::ExitsOther, true),
        [&](Agent& b) {
            s.book(b.provider, rows_of(s, b), kDestinations[d]);
            leave(s, b, Metric::ExitsOther);
        },
        [&] {
            if (kDestinations[d] != Metric::ExitsMoved && !pension) {
                maybe_return(s, ctx, i); // a move away is to another region
            }
        });
}

void recheck_due(Store& s, sim::Context& ctx, std::uint32_t i) {
    Agent& a = s.agent(i);
    if (a.state == JobseekerState::Left || a.state == JobseekerState::EmployedOpenMarket) {
        return;
    }
    accrue(s, i);
    if (convert_exhausted_allowance(s, a)) {
        s.trace(i, TraceKind::AllowanceEnds, a.state);
    }
    recheck(s, i);
    schedule_recheck(s, ctx, i, std::numeric_limits<double>::infinity());
}

} // namespace kokeilu::agents::region
