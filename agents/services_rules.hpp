// The law's rules on multi-professional joint service (TYP) and pay subsidy, as pure functions.
#pragma once

#include "sim/calendar.hpp"

#include <vector>

namespace kokeilu::agents {

/// True if a jobseeker must be assessed for multi-professional joint service (TYP, law
/// 1369/2014, DOMAIN.md §3.2 [S50]): at least 300 days of labour-market subsidy paid on the
/// basis of unemployment, or continuously unemployed for at least 6 months under 25 or 12
/// months at 25 or older. `months_unemployed` is the current spell's length in months.
[[nodiscard]] bool typ_assessment_required(double lms_days, int age_years,
                                           double months_unemployed);

/// What a pay subsidy pays and for how long.
struct PaySubsidyTerms {
    double rate = 0.0;          ///< share of the wage cost paid
    double months = 0.0;        ///< length of the subsidy
    double cap_eur_month = 0.0; ///< most the subsidy pays a month
};

/// One dated row of the pay-subsidy rules (`law.pay_subsidy.NAME` in configs/law.toml): tiers
/// by months of unemployment, in force from `from` until the next row's date.
struct PaySubsidyRule {
    sim::Date from;
    std::vector<double> from_months; ///< tier k from from_months[k] months (ascending, from 0)
    std::vector<double> rates;       ///< share of the wage cost paid, per tier
    std::vector<double> months;      ///< length of the subsidy, per tier
    double cap_eur_month = 0.0;      ///< most the subsidy pays a month
    /// With reduced work ability, this rate and cap instead of the tier's (0: the tier's).
    double reduced_work_ability_rate = 0.0;
    double reduced_work_ability_cap_eur_month = 0.0;

    friend bool operator==(const PaySubsidyRule&, const PaySubsidyRule&) = default;
};

/// The pay-subsidy terms of a subsidy starting on `start` under `rules` (DOMAIN.md §3.2
/// [S54][S55]): the row in force on `start` (the latest `from` on or before it), and in it the
/// last tier whose from_months `months_unemployed` has reached (the first tier below all).
/// The law's unemployment history is approximated by the current spell (it counts 12 of the
/// last 14 and 24 of the last 28 months). Throws std::out_of_range if no row is in force on
/// `start` (the scenario checks make this unreachable for a run).
[[nodiscard]] PaySubsidyTerms pay_subsidy_terms(double months_unemployed, bool reduced_work_ability,
                                                sim::Date start,
                                                const std::vector<PaySubsidyRule>& rules);

/// The rows of configs/law.toml (`law.pay_subsidy`), for models built without a scenario
/// (tests; a scenario test checks that the two agree): until 2023-06-30, 30 % for 6 months
/// (unemployed under 12 months), 40 % for 12 months (12 or more), 50 % for 24 months (24 or
/// more), at most 1,400 EUR a month; from 2023-07-01, 50 % (70 % with reduced work ability),
/// at most 1,260 (1,770) EUR a month, for 5 months, or 10 months after 12 months or more of
/// unemployment (the "typical periods"; assumption as to who gets which).
[[nodiscard]] std::vector<PaySubsidyRule> default_pay_subsidy_rules();

/// The last day for an initial interview `working_days` working days after registering on
/// `registered` (Finnish working days: weekends and public holidays do not count; DOMAIN.md
/// §3.1). The interview is on time if held by the end of that day.
[[nodiscard]] sim::Date contact_deadline(sim::Date registered, int working_days);

} // namespace kokeilu::agents
