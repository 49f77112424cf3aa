// Money: unemployment benefits and service costs booked to their payers (the state, the
// municipality, the unemployment funds), month by month.
#include "agents/money.hpp"

#include "agents/benefits.hpp"
#include "agents/law.hpp"

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
    const std::size_t g = group_of(s, a);
    double state_eur = 0.0;
    double municipal_eur = 0.0;
    double funds_eur = 0.0;
    const bool unemployed = a.state == JobseekerState::Unemployed;
    const bool paid = a.state != JobseekerState::EmployedOpenMarket &&
                      a.state != JobseekerState::EmployedSubsidised &&
                      (a.traits & kNoBenefitBit) == 0;
    if (paid) {
        const double benefit_days = days * 5.0 / 7.0; // paid five days a week
        s.flow(a.provider, g, Metric::BenefitDays) += benefit_days;
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
        s.flow(a.provider, g,
               service_metric(ServiceMeasure::Spend,
                              s.model_of(a.service_provider).stages[a.stage].kind)) += service_eur;
    }
    s.flow(a.provider, g, Metric::SpendState) += state_eur;
    s.flow(a.provider, g, Metric::SpendMunicipality) += municipal_eur;
    s.flow(a.provider, g, Metric::SpendUnemploymentFunds) += funds_eur;
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
