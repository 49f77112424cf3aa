// TYP and pay-subsidy rules.
#include "agents/services_rules.hpp"

namespace kokeilu::agents {

bool typ_assessment_required(double lms_days, int age_years, double months_unemployed) {
    if (lms_days >= 300.0) {
        return true;
    }
    return months_unemployed >= (age_years < 25 ? 6.0 : 12.0);
}

PaySubsidyTerms pay_subsidy_terms(double months_unemployed, bool reduced_work_ability,
                                  sim::Date start) {
    if (start < sim::Date(2023, 7, 1)) {
        if (months_unemployed >= 24.0) {
            return {0.5, 24.0, 1400.0};
        }
        if (months_unemployed >= 12.0) {
            return {0.4, 12.0, 1400.0};
        }
        return {0.3, 6.0, 1400.0};
    }
    const double months = months_unemployed >= 12.0 ? 10.0 : 5.0;
    return reduced_work_ability ? PaySubsidyTerms{0.7, months, 1770.0}
                                : PaySubsidyTerms{0.5, months, 1260.0};
}

sim::Date contact_deadline(sim::Date registered, int working_days) {
    return sim::FinnishCalendar::add_working_days(registered, working_days);
}

} // namespace kokeilu::agents
