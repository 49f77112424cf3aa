// Money: unemployment benefits and service costs booked to their payers (the state, the
// municipality, the unemployment funds), month by month.
#include "agents/money.hpp"

#include "agents/benefits.hpp"
#include "agents/law.hpp"
#include "agents/params.hpp"

namespace kokeilu::agents::region {

void accrue(Store& s, std::uint32_t i) {
    Agent& a = s.agent(i);
    const std::int32_t now = to_i32(s.now);
    const double days = static_cast<double>(now - a.accrued_until) / SimTime::kMinutesPerDay;
    // The day the booked period starts (shares and rates of that day apply to all of it).
    const Date from = s.sh->origin + static_cast<int>(from_i32(a.accrued_until).day_index());
    a.accrued_until = now;
    if (days <= 0.0 || a.state == JobseekerState::Left || a.provider == kNoProvider) {
        return;
    }
    const PersonRows rows = rows_of(s, a);
    double state_eur = 0.0;
    double municipal_eur = 0.0;
    double funds_eur = 0.0;
    const bool unemployed = a.state == JobseekerState::Unemployed;
    const bool paid = a.state != JobseekerState::EmployedOpenMarket &&
                      a.state != JobseekerState::EmployedSubsidised &&
                      (a.traits & kNoBenefitBit) == 0;
    if (paid) {
        const double benefit_days = days * 5.0 / 7.0; // paid five days a week
        s.book(a.provider, rows, Metric::BenefitDays, benefit_days);
        const bool earnings_related = (a.flags & kEarningsRelated) != 0;
        const bool subsidy = (a.flags & kLabourMarketSubsidy) != 0;
        const double basic = benefit_days * s.p().basic_daily_eur;
        // The municipality's share of the basic amount. TE24 (from 2025): of every
        // unemployment benefit, also during services, stepping up with the benefit days
        // (earnings-related and basic allowance days plus labour-market subsidy days paid on
        // the basis of unemployment; assumption: days in services do not advance it). The
        // 2015 rule: of labour-market subsidy paid on the basis of unemployment only.
        double share = 0.0;
        if (s.p().te24_financing) {
            share = municipal_share_te24(static_cast<double>(a.era_days) +
                                             static_cast<double>(a.lms_days),
                                         s.p().te24_share_from_days, s.p().te24_shares);
        } else if (subsidy && unemployed) {
            share =
                municipal_share_of_lms(static_cast<int>(a.lms_days), from, s.p().lms_share_rules);
        }
        municipal_eur += basic * share;
        if (earnings_related) {
            // The municipal part comes out of the funds' payment.
            funds_eur += benefit_days * s.p().earnings_related_daily_eur - basic * share;
            a.era_days += static_cast<float>(benefit_days);
        } else {
            state_eur += basic * (1.0 - share);
            if (subsidy && unemployed) {
                a.lms_days += static_cast<float>(benefit_days);
            } else if (!subsidy && s.p().te24_financing) {
                a.era_days += static_cast<float>(benefit_days); // basic allowance days
            }
        }
    }
    if (!unemployed && a.stage != kNoStage && a.service_provider != kNoProvider) {
        const double service_eur = days * static_cast<double>(a.service_cost);
        state_eur += service_eur;
        s.book(a.provider, rows,
               service_metric(ServiceMeasure::Spend,
                              s.model_of(a.service_provider).stages[a.stage].kind),
               service_eur);
    }
    s.book(a.provider, rows, Metric::SpendState, state_eur);
    s.book(a.provider, rows, Metric::SpendMunicipality, municipal_eur);
    s.book(a.provider, rows, Metric::SpendUnemploymentFunds, funds_eur);
}

bool convert_exhausted_allowance(const Store& s, Agent& a) {
    if ((a.flags & kEarningsRelated) != 0 &&
        a.era_days >= static_cast<float>(s.p().earnings_related_max_days)) {
        a.flags = static_cast<std::uint16_t>((a.flags & ~kEarningsRelated) | kLabourMarketSubsidy);
        a.lms_days = a.era_days - static_cast<float>(s.p().earnings_related_max_days);
        return true;
    }
    return false;
}

} // namespace kokeilu::agents::region

namespace kokeilu::agents {

namespace {

const Params<ModelParams> kBenefitsParams{
    {.key = "benefits.basic_daily_eur",
     .field = &ModelParams::basic_daily_eur,
     .def = 33.78,
     .unit = "EUR/day",
     .range = at_least(0.0),
     .source = "DOMAIN.md §5.2: 33.78 (2021), 34.50 (1-7/2022), 35.72 (8-12/2022) [S64]",
     .doc = "Basic daily allowance, also the full labour-market subsidy."},
    {.key = "benefits.earnings_related_daily_eur",
     .field = &ModelParams::earnings_related_daily_eur,
     .def = 60.0,
     .unit = "EUR/day",
     .range = at_least(0.0),
     .source = "assumption, from an average wage basis of about 2,621 EUR/month "
               "(DOMAIN.md §5.2 [S65])",
     .doc = "Mean earnings-related daily allowance."},
    {.key = "benefits.earnings_related_max_days",
     .field = &ModelParams::earnings_related_max_days,
     .def = std::int64_t{400},
     .unit = "benefit days",
     .range = between(1.0, 1000.0),
     .source = "assumption: the usual maximum (300 with a short work history, 500 at "
               "58+ are not modelled)",
     .doc = "Days of earnings-related allowance before the jobseeker moves to "
            "labour-market subsidy.",
     .timing = true},
    {.key = "benefits.pay_subsidy_wage_cost_eur_month",
     .field = &ModelParams::pay_subsidy_wage_cost_eur_month,
     .def = 2600.0,
     .unit = "EUR/month",
     .range = at_least(0.0),
     .source = "assumption, near the average wage basis of the earnings-related "
               "allowance, about 2,621 EUR/month (DOMAIN.md §5.2 [S65])",
     .doc = "Employer's wage cost of a pay-subsidised job, to which the subsidy "
            "rate applies (up to the rule's cap)."},
    {.key = "benefits.municipal_financing",
     .field = choice<&ModelParams::te24_financing>(),
     .def = "lms_2015",
     .source = "DOMAIN.md §5.3 (2015-2024) [S67]; §6 (TE24 from 1.1.2025) [S86][S87]",
     .doc = "Who pays for long unemployment: `lms_2015`, municipalities pay a "
            "share of labour-market subsidy paid on the basis of unemployment by the "
            "rows of law.municipal_lms_share (from 2015: 50 % from 300 days and "
            "70 % from 1,000 days; invalid from 2025-01-01); `te24`, "
            "municipalities pay benefits.te24_shares of the basic allowance, the "
            "labour-market subsidy and the basic part of the earnings-related "
            "allowance, also during services, by the jobseeker's benefit days.",
     .choices = {"lms_2015", "te24"}},
    {.key = "benefits.te24_share_from_days",
     .field = &ModelParams::te24_share_from_days,
     .def = Numbers{100, 200, 300, 400, 500, 700},
     .unit = "benefit days",
     .range = between(0.0, 5000.0),
     .source = "Kela 29.5.2024: billing from day 101; City of Turku 15.4.2024: six "
               "steps, 50 % after 700 days; the other steps are an assumption "
               "(DOMAIN.md §7 item 7)",
     .doc = "Under `te24`: benefit days after which each step of te24_shares "
            "applies (ascending)."},
    {.key = "benefits.te24_shares",
     .field = &ModelParams::te24_shares,
     .def = Numbers{0.1, 0.2, 0.3, 0.4, 0.45, 0.5},
     .range = between(0.0, 1.0),
     .source = "DOMAIN.md §6 (10/20/30 % believed, not verified); 50 % after 700 days "
               "(City of Turku 15.4.2024); the rest an assumption",
     .doc = "Under `te24`: the municipal share from each te24_share_from_days."},
};

} // namespace

const Params<ModelParams>& benefits_params() {
    return kBenefitsParams;
}

} // namespace kokeilu::agents
