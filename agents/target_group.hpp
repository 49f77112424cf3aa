// Who the municipal pilots served: the target-group rule of law 1269/2020 (DOMAIN.md §2.1).
#pragma once

#include "agents/jobseeker_status.hpp"

#include <cstdint>
#include <string_view>

namespace kokeilu::agents {

/// What the rule looks at.
struct TargetGroupFacts {
    LabourStatus status = LabourStatus::Unemployed;
    int age_years = 0;
    LanguageGroup language = LanguageGroup::Finnish;
    bool immigrant = false;
    BenefitType benefit = BenefitType::None;
    bool lives_in_pilot_municipality = false;
};

/// Why a jobseeker is, or is not, a pilot client. Values after `NotInPilotArea` are exclusions.
enum class TargetGroupReason : std::uint8_t {
    NoEarningsRelatedAllowance, ///< rule 1: not entitled to the earnings-related allowance
    UnderThirty,                ///< rule 2: all under-30s
    ImmigrantOrForeignLanguage, ///< rule 3: immigrants and foreign-language speakers
    NotInPilotArea,             ///< lives outside the pilot municipalities
    StatusNotCovered,           ///< status 01, 04, 05 or 06: stays with the TE office
    EarningsRelatedAged30Plus,  ///< 30+, native language, earnings-related allowance
};

/// True for the register statuses the pilots took over: 00, 02, 03, 07, 08 ([S33]).
[[nodiscard]] bool status_covered_by_pilots(LabourStatus s);

/// The rule, with its reason. Rules are checked in the law's order, so a 25-year-old on basic
/// allowance is reported under rule 1. The date is not part of the rule: callers apply it
/// only while the pilots run (pilot.start to pilot.end).
[[nodiscard]] TargetGroupReason classify_target_group(const TargetGroupFacts& f);

/// True if the jobseeker belongs to the pilot of their municipality (DOMAIN.md §2.1): a
/// resident of a pilot municipality, in a covered status, AND (not entitled to the
/// earnings-related allowance OR under 30 OR an immigrant / foreign-language speaker).
[[nodiscard]] inline bool in_pilot_target_group(const TargetGroupFacts& f) {
    return classify_target_group(f) < TargetGroupReason::NotInPilotArea;
}

[[nodiscard]] std::string_view to_string(TargetGroupReason r);

} // namespace kokeilu::agents
