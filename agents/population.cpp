// Population: who registers (age, language, benefit, education, needs, home area, a lay-off),
// the initial stock's elapsed spells, registration itself and profiling.
#include "agents/population.hpp"

#include "agents/interviews.hpp"
#include "agents/labour_market.hpp"
#include "agents/law.hpp"
#include "agents/money.hpp"
#include "agents/params.hpp"
#include "sim/distributions.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace kokeilu::agents::region {

namespace {

/// Age band (index into age_shares) and birth day.
std::size_t draw_age(const Store& s, Agent& a, sim::RandomStream& r) {
    const auto& q = s.p();
    std::size_t band = 0;
    {
        double total = 0.0;
        for (const double w : q.age_shares) {
            total += w;
        }
        double u = r.uniform01() * total;
        while (band + 1 < q.age_shares.size() && u >= q.age_shares[band]) {
            u -= q.age_shares[band];
            ++band;
        }
    }
    static constexpr std::array<double, 5> kBandEdges{17.0, 25.0, 30.0, 50.0, 65.0};
    const double age = sim::uniform(r, kBandEdges[band], kBandEdges[band + 1]);
    a.birth_day = s.today() - static_cast<std::int32_t>(age * 365.25);
    return band;
}

/// Language, a lay-off and the benefit the person registers with.
void draw_language_and_benefit(const Store& s, Agent& a, sim::RandomStream& r, std::size_t band) {
    const auto& q = s.p();
    const double lang = r.uniform01();
    if (lang < q.foreign_language_share) {
        a.flags |= kForeign;
    } else if (lang < q.foreign_language_share + q.swedish_share) {
        a.flags |= kSwedish;
    }
    const bool lay_off =
        r.uniform01() <
        share_at(q.laid_off_share, month_offset(s.sh->in->index_start, s.date_now()));
    if (lay_off) {
        a.traits = static_cast<std::uint8_t>(a.traits | kLaidOffBit);
    }
    if (r.uniform01() < (lay_off ? q.laid_off_earnings_related : q.earnings_related_shares[band])) {
        a.flags |= kEarningsRelated;
    } else if (r.uniform01() < q.no_benefit_share) {
        a.traits = static_cast<std::uint8_t>(a.traits | kNoBenefitBit);
    } else if (r.uniform01() < q.labour_market_subsidy_share) {
        a.flags |= kLabourMarketSubsidy;
    }
}

/// Education and the needs an assessment can find.
void draw_education_and_needs(const Store& s, Agent& a, sim::RandomStream& r) {
    const auto& q = s.p();
    {
        const double u =
            r.uniform01() * (q.education_shares[0] + q.education_shares[1] + q.education_shares[2]);
        const unsigned level = u < q.education_shares[0]                           ? 0U
                               : u < q.education_shares[0] + q.education_shares[1] ? 1U
                                                                                   : 2U;
        a.traits = static_cast<std::uint8_t>((a.traits & (kLaidOffBit | kNoBenefitBit)) | level);
    }
    if (r.uniform01() < q.need_shares[0]) {
        a.flags |= kNeedSkills;
    }
    if (r.uniform01() < q.need_shares[1]) {
        a.flags |= kNeedWorkAbility;
    }
    if (r.uniform01() < q.need_shares[2]) {
        a.flags |= kNeedSocial;
    }
}

/// Home municipality: one of the region's pilot areas, or the rest of the region.
void draw_home(const Store& s, Agent& a, sim::RandomStream& r) {
    double u = r.uniform01();
    for (const std::uint8_t pl : s.pilots) {
        const double share = s.sh->in->providers[s.global[pl]].resident_share;
        if (u < share) {
            a.home_pilot = pl;
            break;
        }
        u -= share;
    }
}

/// The initial stock's elapsed spell and benefit days, and earlier subsidy days.
void draw_history(const Store& s, Agent& a, sim::RandomStream& r) {
    const auto& q = s.p();
    if ((a.flags & kInitialStock) != 0) {
        // Already unemployed when the warm-up starts: elapsed duration with a mean of 8.4
        // months gives a long-term share of exp(-12/8.4) = 0.24, as in Dec 2019 (DOMAIN §5.1).
        const double elapsed = sim::exponential(r, 1.0 / (8.4 * kDaysPerMonth));
        a.spell_start =
            to_i32(s.now) - static_cast<std::int32_t>(elapsed * SimTime::kMinutesPerDay);
        const double benefit_days = elapsed * 5.0 / 7.0;
        if ((a.flags & kEarningsRelated) != 0) {
            a.era_days = static_cast<float>(benefit_days);
        } else if ((a.flags & kLabourMarketSubsidy) != 0) {
            a.lms_days = static_cast<float>(benefit_days);
        }
        a.last_interview = to_i32(s.now) -
                           static_cast<std::int32_t>(r.uniform01() * s.p().interview_interval_days *
                                                     SimTime::kMinutesPerDay);
        a.flags |= kFirstContactDone;
    }
    if ((a.flags & kLabourMarketSubsidy) != 0 && q.prior_lms_share > 0.0 &&
        r.uniform01() < q.prior_lms_share) {
        // Labour-market subsidy received in earlier spells: it counts towards the municipal
        // share and the TYP trigger. Someone who already had 300 days was assessed for TYP
        // in an earlier spell (assumption).
        a.lms_days += static_cast<float>(sim::exponential(r, 1.0 / q.prior_lms_days_mean));
        if (a.lms_days >= 300.0F) {
            a.flags |= kTypDue;
        }
    }
}

/// A new registrant (not the initial stock) is a seasonal one with the month's share of
/// seasonal registrants in all registrations (no draw in months without any).
void draw_season(const Store& s, Agent& a, sim::RandomStream& r) {
    const auto& q = s.p();
    const Date today = s.date_now();
    const auto moy = static_cast<std::size_t>(today.month() - 1);
    if ((a.flags & kInitialStock) != 0 || q.seasonal_registrants[moy] <= 0.0) {
        return;
    }
    const double extra = q.seasonal_registrants[moy];
    const double regular =
        q.inflow_per_month * indexed(q.inflow_index, month_offset(s.sh->in->index_start, today));
    if (r.uniform01() * (regular + extra) < extra) {
        a.traits = static_cast<std::uint8_t>(a.traits | kSeasonalBit);
    }
}

void draw_attributes(Store& s, std::uint32_t i) {
    Agent& a = s.agent(i);
    auto r = s.rng(i, kAttributes);
    const std::size_t band = draw_age(s, a, r);
    draw_language_and_benefit(s, a, r, band);
    draw_education_and_needs(s, a, r);
    draw_home(s, a, r);
    draw_history(s, a, r);
    draw_season(s, a, r);
}

} // namespace

void register_agent(Store& s, sim::Context& ctx, std::uint32_t i) {
    std::uint32_t slot = 0;
    if (s.free.empty()) {
        slot = static_cast<std::uint32_t>(s.slots.size());
        s.slots.emplace_back();
    } else {
        slot = s.free.back();
        s.free.pop_back();
        s.slots[slot] = Agent{};
    }
    s.slot_of[i] = slot;
    Agent& a = s.slots[slot];
    if (i < s.initial_count) {
        a.flags = kInitialStock;
    }
    if (!s.traced.empty() && std::binary_search(s.traced.begin(), s.traced.end(), i)) {
        a.flags |= kTraced;
    }
    draw_attributes(s, i);
    a.state = JobseekerState::Unemployed;
    if ((a.flags & kInitialStock) == 0) {
        a.spell_start = to_i32(s.now);
    }
    a.period_start = a.spell_start;
    a.accrued_until = to_i32(s.now);
    convert_exhausted_allowance(s, a);
    a.provider = kNoProvider;
    a.provider = desired_provider(s, a);
    s.live.push_back(i);
    a.reg_provider = a.provider;
    a.reg_group = static_cast<std::uint8_t>(group_of(s, a));
    if ((a.flags & kFirstContactDone) != 0) {
        a.flags |= kInCaseload; // the initial stock is already some counsellor's client
        ++s.desks[a.provider].caseload;
    } else {
        profile(s, a);
    }
    a.reg_month = static_cast<std::uint16_t>(s.current_month);
    s.book(a.provider, rows_of(s, a), Metric::Inflow, (a.flags & kInitialStock) != 0 ? 0.0 : 1.0);
    s.book(a.provider, rows_of(s, a), Metric::UnemploymentPeriodsStarted,
           (a.flags & kInitialStock) != 0 ? 0.0 : 1.0);
    s.trace(i, TraceKind::Register, JobseekerState::Left);
    start_unemployment(s, ctx, i, (a.flags & kInitialStock) == 0);
}

void profile(Store& s, Agent& a) {
    const ServiceModel& m = s.model_of(a.provider);
    if (m.risk_thresholds.empty()) {
        return;
    }
    double base = s.p().job_finding_per_month * s.p().education_factors[education(a)] *
                  demand_at(s, s.date_now());
    for (std::size_t k = 0; k < 3; ++k) {
        if ((a.flags & (kNeedSkills << k)) != 0) {
            base *= s.p().need_factors[k];
        }
    }
    const double months_exposed = 3.0 * s.p().duration_factors[0] + 9.0 * s.p().duration_factors[1];
    const double risk = std::exp(-(base * months_exposed + 12.0 * s.p().other_exit_per_month));
    std::uint32_t group = 0;
    while (group < m.risk_thresholds.size() && risk >= m.risk_thresholds[group]) {
        ++group;
    }
    if (group >= m.intensive_from_group) {
        a.flags |= kIntensive;
        s.book(a.provider, rows_of(s, a), Metric::ProfiledIntensive);
    }
}

} // namespace kokeilu::agents::region

namespace kokeilu::agents {

namespace {

const Params<ModelParams> kPopulationParams{
    {.key = "population.inflow_per_month",
     .field = &ModelParams::inflow_per_month,
     .def = 40000.0,
     .unit = "persons/month",
     .range = between(0.0, 1e6),
     .source = "assumption",
     .doc = "New unemployment spells per month in the whole country before scaling, "
            "multiplied by labour_market.inflow_index (at most 1 million: a sanity "
            "limit)."},
    {.key = "population.age_shares",
     .field = &ModelParams::age_shares,
     .def = Numbers{0.122, 0.10, 0.42, 0.358},
     .range = between(0.0, 1.0),
     .source = "data/geography-population.md §4.1 (Dec 2020: <25 12.2 %, 50+ 35.6 %); "
               "the 25-29 / 30-49 split is an assumption",
     .doc = "Shares of new jobseekers aged 17-24, 25-29, 30-49 and 50-64."},
    {.key = "population.earnings_related_shares",
     .field = &ModelParams::earnings_related_shares,
     .def = Numbers{0.05, 0.32, 0.36, 0.44},
     .range = between(0.0, 1.0),
     .source = "assumption, guided by Kela's age profile (data/geography-population.md "
               "§4.5) and an overall share of about 0.45 (Dec 2021) with the laid off "
               "(labour_market.laid_off_earnings_related) included",
     .doc = "Share entitled to the earnings-related allowance, per age band of "
            "population.age_shares."},
    {.key = "population.foreign_language_share",
     .field = &ModelParams::foreign_language_share,
     .def = 0.151,
     .range = between(0.0, 1.0),
     .source = "data/geography-population.md §4.3 (Apr 2021: 47,975 of 318,400)",
     .doc = "Share of foreign-language speakers among new jobseekers."},
    {.key = "population.swedish_share",
     .field = &ModelParams::swedish_share,
     .def = 0.05,
     .range = between(0.0, 1.0),
     .source = "assumption",
     .doc = "Share of Swedish speakers among new jobseekers."},
    {.key = "population.no_benefit_share",
     .field = &ModelParams::no_benefit_share,
     .def = 0.05,
     .range = between(0.0, 1.0),
     .source = "assumption (waiting periods, sanctions, students and others "
               "registered without a benefit; not found, DOMAIN.md §7)",
     .doc = "Of those without earnings-related allowance, the share with no "
            "unemployment benefit at all (nothing is paid for them; they count as "
            "not entitled to the earnings-related allowance)."},
    {.key = "population.prior_lms_share",
     .field = &ModelParams::prior_lms_share,
     .def = 0.0,
     .range = between(0.0, 1.0),
     .source = "assumption, set in configs/default.toml",
     .doc = "Share of new jobseekers on labour-market subsidy who bring subsidy days "
            "from earlier spells (they count for the municipal share, TE24's steps "
            "and the TYP trigger; 300 or more: TYP assessed before)."},
    {.key = "population.prior_lms_days_mean",
     .field = &ModelParams::prior_lms_days_mean,
     .def = 500.0,
     .unit = "days",
     .range = above(0.0),
     .source = "assumption, set in configs/default.toml",
     .doc = "Mean of those earlier subsidy days (exponential)."},
    {.key = "population.labour_market_subsidy_share",
     .field = &ModelParams::labour_market_subsidy_share,
     .def = 0.7,
     .range = between(0.0, 1.0),
     .source = "assumption (the LMS / basic allowance split was not found, "
               "DOMAIN.md §7)",
     .doc = "Of those without earnings-related allowance and with a benefit, the share "
            "on labour-market subsidy (the rest get basic allowance)."},
    {.key = "population.need_shares",
     .field = &ModelParams::need_shares,
     .def = Numbers{0.4, 0.15, 0.12},
     .range = between(0.0, 1.0),
     .source = "assumption",
     .doc = "Shares of jobseekers with a skills/training need, a work-ability need "
            "and a social/health need (independent draws)."},
    {.key = "population.education_shares",
     .field = &ModelParams::education_shares,
     .def = Numbers{0.25, 0.55, 0.2},
     .range = between(0.0, 1.0),
     .source = "Statistics Finland, unemployed jobseekers at the end of 2018 (about "
               "25 % no post-basic qualification or unknown, about half upper "
               "secondary, about 20 % tertiary; stat.fi 17.12.2019); rounded",
     .doc = "Shares of new jobseekers with basic (or unknown), upper secondary and "
            "tertiary education."},
};

} // namespace

const Params<ModelParams>& population_params() {
    return kPopulationParams;
}

} // namespace kokeilu::agents
