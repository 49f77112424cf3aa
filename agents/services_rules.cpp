// TYP and pay-subsidy rules.
#include "agents/services_rules.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace kokeilu::agents {

bool typ_assessment_required(double lms_days, int age_years, double months_unemployed) {
    if (lms_days >= 300.0) {
        return true;
    }
    return months_unemployed >= (age_years < 25 ? 6.0 : 12.0);
}

PaySubsidyTerms pay_subsidy_terms(double months_unemployed, bool reduced_work_ability,
                                  sim::Date start, const std::vector<PaySubsidyRule>& rules) {
    const PaySubsidyRule* rule = nullptr;
    for (const PaySubsidyRule& r : rules) {
        if (r.from <= start && (rule == nullptr || r.from >= rule->from)) {
            rule = &r;
        }
    }
    if (rule == nullptr || rule->rates.empty() || rule->months.empty()) {
        throw std::out_of_range("pay_subsidy_terms: no pay-subsidy rule in force on " +
                                start.to_string());
    }
    std::size_t tier = 0;
    const std::size_t tiers =
        std::min({rule->from_months.size(), rule->rates.size(), rule->months.size()});
    for (std::size_t k = 1; k < tiers; ++k) {
        if (months_unemployed >= rule->from_months[k]) {
            tier = k;
        }
    }
    PaySubsidyTerms terms{rule->rates[tier], rule->months[tier], rule->cap_eur_month};
    if (reduced_work_ability && rule->reduced_work_ability_rate > 0.0) {
        terms.rate = rule->reduced_work_ability_rate;
    }
    if (reduced_work_ability && rule->reduced_work_ability_cap_eur_month > 0.0) {
        terms.cap_eur_month = rule->reduced_work_ability_cap_eur_month;
    }
    return terms;
}

std::vector<PaySubsidyRule> default_pay_subsidy_rules() {
    return {
        {sim::Date(2000, 1, 1),
         {0.0, 12.0, 24.0},
         {0.3, 0.4, 0.5},
         {6.0, 12.0, 24.0},
         1400.0,
         0.0,
         0.0},
        {sim::Date(2023, 7, 1), {0.0, 12.0}, {0.5, 0.5}, {5.0, 10.0}, 1260.0, 0.7, 1770.0},
    };
}

sim::Date contact_deadline(sim::Date registered, int working_days) {
    return sim::FinnishCalendar::add_working_days(registered, working_days);
}

} // namespace kokeilu::agents
