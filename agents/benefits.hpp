// Who pays the labour-market subsidy: the municipal share by days of unemployment-based subsidy.
#pragma once

#include "sim/calendar.hpp"

#include <vector>

namespace kokeilu::agents {

/// One dated row of the municipal share of labour-market subsidy (`law.municipal_lms_share.NAME`
/// in configs/law.toml): shares[k] once the jobseeker has from_days[k] days (ascending), in
/// force from `from` until the next row's date.
struct LmsShareRule {
    sim::Date from;
    std::vector<double> from_days;
    std::vector<double> shares;

    friend bool operator==(const LmsShareRule&, const LmsShareRule&) = default;
};

/// The municipality's share of labour-market subsidy (LMS) paid on the basis of unemployment,
/// for a jobseeker who has received `lms_days` such days before this one, on `date`
/// (DOMAIN.md §5.3, [S67]), under the row of `rules` in force on `date` (the latest `from` on
/// or before it); 0 before the first row (no municipal share was paid before the 2006 rule
/// [S70]). The law counts "to the end of the payment period in which 300 days are reached";
/// we step at the day itself (payment periods are not modelled; assumption). LMS paid during
/// employment-promoting services is never co-financed by municipalities: callers pass only
/// unemployment-based days. The rule ended on 2024-12-31 (TE24's financing applies then:
/// municipal_share_te24; the scenario checks refuse the old rule in 2025). Throws
/// std::out_of_range for negative day counts.
[[nodiscard]] double municipal_share_of_lms(int lms_days, sim::Date date,
                                            const std::vector<LmsShareRule>& rules);

/// The rows of configs/law.toml (`law.municipal_lms_share`), for models built without a
/// scenario (tests; a scenario test checks that the two agree): from 2006-01-01, 0.5 after 500
/// days [S70]; from 2015-01-01, 0 up to 300 days, 0.5 from 300 to 1,000 days and 0.7 after
/// 1,000 days [S67].
[[nodiscard]] std::vector<LmsShareRule> default_lms_share_rules();

/// The municipality's share of the basic amount of an unemployment benefit under TE24's
/// financing model (from 2025-01-01, DOMAIN.md §6): shares[k] once the jobseeker has
/// `benefit_days` >= from_days[k] (ascending); 0 before the first step.
[[nodiscard]] double municipal_share_te24(double benefit_days, const std::vector<double>& from_days,
                                          const std::vector<double>& shares);

} // namespace kokeilu::agents
