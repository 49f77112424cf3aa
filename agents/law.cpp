// The law: membership of the pilots' target group (law 1269/2020, DOMAIN.md §2.1), which
// provider serves a jobseeker, and when membership can next change.
#include "agents/law.hpp"

#include "agents/params.hpp"
#include "agents/target_group.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kokeilu::agents::region {

namespace {

[[nodiscard]] TargetGroupFacts facts(const Store& s, const Agent& a) {
    TargetGroupFacts f;
    f.status = LabourStatus::Unemployed;
    f.age_years = static_cast<int>(s.age_years(a));
    f.language = (a.flags & kForeign) != 0   ? LanguageGroup::Foreign
                 : (a.flags & kSwedish) != 0 ? LanguageGroup::Swedish
                                             : LanguageGroup::Finnish;
    f.immigrant = (a.flags & kForeign) != 0;
    f.benefit = (a.flags & kEarningsRelated) != 0       ? BenefitType::EarningsRelated
                : (a.flags & kLabourMarketSubsidy) != 0 ? BenefitType::LabourMarketSubsidy
                : (a.traits & kNoBenefitBit) != 0       ? BenefitType::None
                                                        : BenefitType::Basic;
    f.lives_in_pilot_municipality = true;
    return f;
}

[[nodiscard]] LabourStatus register_status(JobseekerState state) {
    switch (state) {
    case JobseekerState::Unemployed: return LabourStatus::Unemployed;
    case JobseekerState::InServices: return LabourStatus::InService;
    case JobseekerState::InTraining: return LabourStatus::InTraining;
    case JobseekerState::EmployedSubsidised: return LabourStatus::EmployedSubsidised;
    case JobseekerState::EmployedOpenMarket: return LabourStatus::EmployedOpenMarket;
    case JobseekerState::Left: break;
    }
    return LabourStatus::OutsideLabourForce;
}

/// The output's target group: the rule's reason judged as if the person were unemployed
/// and lived in a pilot municipality (so the groups partition everyone, whatever their state).

} // namespace

std::size_t group_of(const Store& s, const Agent& a) {
    switch (classify_target_group(facts(s, a))) {
    case TargetGroupReason::NoEarningsRelatedAllowance: return 0;
    case TargetGroupReason::UnderThirty: return 1;
    case TargetGroupReason::ImmigrantOrForeignLanguage: return 2;
    default: return 3;
    }
}

PersonRows rows_of(const Store& s, const Agent& a) {
    PersonRows r;
    r.group = static_cast<std::uint8_t>(group_of(s, a));
    r.breakdown[static_cast<std::size_t>(Breakdown::AgeBand)] =
        static_cast<std::uint8_t>(age_band_group(static_cast<int>(s.age_years(a))));
    r.breakdown[static_cast<std::size_t>(Breakdown::Language)] =
        static_cast<std::uint8_t>((a.flags & kForeign) != 0   ? kForeignGroup
                                  : (a.flags & kSwedish) != 0 ? kSwedishGroup
                                                              : kFinnishGroup);
    return r;
}

std::uint8_t desired_provider(const Store& s, const Agent& a) {
    if (a.home_pilot == kNoProvider || !s.pilots_active()) {
        return s.te;
    }
    if (s.p().pilots_serve_everyone) {
        return a.home_pilot;
    }
    if (a.state == JobseekerState::EmployedOpenMarket) {
        // Status 01 is not in the target group, but a client who finds such a job stays
        // with the provider they have ([S33]; the pilots' statistics count them).
        return a.provider != kNoProvider ? a.provider : s.te;
    }
    // The law's rule with the person's real status (rule 3 covers the unemployed and those
    // in services, not subsidised employees).
    TargetGroupFacts f = facts(s, a);
    f.status = register_status(a.state);
    return in_pilot_target_group(f) ? a.home_pilot : s.te;
}

void recheck(Store& s, std::uint32_t i) {
    Agent& a = s.agent(i);
    const std::uint8_t want = desired_provider(s, a);
    if (want != a.provider) {
        const PersonRows rows = rows_of(s, a);
        s.book(a.provider, rows, Metric::TransfersOut);
        s.book(want, rows, Metric::TransfersIn);
        s.move_caseload(a, a.provider, want);
        a.provider = want;
        s.trace(i, TraceKind::Transfer, a.state);
    }
}

void schedule_recheck(Store& s, sim::Context& ctx, std::uint32_t i, double next_change) {
    const Agent& a = s.agent(i);
    if (a.home_pilot == kNoProvider || s.now >= s.sh->pilot_end) {
        return; // membership cannot change: no pilot at home, or the pilots are over
    }
    double due = std::numeric_limits<double>::infinity();
    const double birthday30 = a.birth_day + std::ceil(30.0 * 365.25);
    if (birthday30 > s.now.days()) {
        due = birthday30;
    }
    if ((a.flags & kEarningsRelated) != 0 && a.state != JobseekerState::EmployedOpenMarket &&
        a.state != JobseekerState::EmployedSubsidised) {
        // Benefit days accrue five a week from accrued_until.
        const double left =
            static_cast<double>(s.p().earnings_related_max_days) - static_cast<double>(a.era_days);
        const double from = static_cast<double>(a.accrued_until) / SimTime::kMinutesPerDay;
        due = std::min(due, from + std::max(left, 0.0) * 7.0 / 5.0);
    }
    // Before the pilots start, the pilot.start event re-checks everyone.
    due = std::max(due, s.sh->pilot_start.days());
    if (due < next_change && due < s.sh->horizon.days() && due < s.sh->pilot_end.days()) {
        // At least a minute on, so a recheck always moves the booking forward.
        s.timer(ctx, std::max(s.now + sim::minutes(1), sim::from_days(due)), i, kRecheck);
    }
}

} // namespace kokeilu::agents::region

namespace kokeilu::agents {

namespace {

const Params<ModelParams> kTargetGroupParams{
    {.key = "pilot.target_group",
     .field = choice<&ModelParams::pilots_serve_everyone>(),
     .def = "law_1269_2020",
     .source = "DOMAIN.md §2.1 (law 1269/2020); §6 (TE24: all jobseekers to the "
               "municipal employment areas from 1.1.2025) [S86]",
     .doc = "Who the pilots serve: `law_1269_2020`, the unemployed and those in "
            "services without earnings-related allowance, under 30 or immigrants; "
            "`everyone`, all jobseekers living in the area (TE24), with the region's "
            "state staff (the TE office's counsellors, those the pilots took "
            "included) split among the areas by resident share.",
     .choices = {"law_1269_2020", "everyone"}},
};

} // namespace

const Params<ModelParams>& target_group_params() {
    return kTargetGroupParams;
}

} // namespace kokeilu::agents
