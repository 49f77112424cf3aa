// The pilots' target-group rule and register codes.
#include "agents/target_group.hpp"

namespace kokeilu::agents {

std::string_view to_string(LabourStatus s) {
    switch (s) {
    case LabourStatus::EmployedSubsidised: return "employed_subsidised";
    case LabourStatus::EmployedOpenMarket: return "employed_open_market";
    case LabourStatus::Unemployed: return "unemployed";
    case LabourStatus::LaidOff: return "laid_off";
    case LabourStatus::ReducedWorkingWeek: return "reduced_working_week";
    case LabourStatus::OutsideLabourForce: return "outside_labour_force";
    case LabourStatus::UnemploymentPension: return "unemployment_pension";
    case LabourStatus::InService: return "in_service";
    case LabourStatus::InTraining: return "in_training";
    }
    return "?";
}

std::string_view to_string(LanguageGroup g) {
    switch (g) {
    case LanguageGroup::Finnish: return "finnish";
    case LanguageGroup::Swedish: return "swedish";
    case LanguageGroup::Foreign: return "foreign";
    }
    return "?";
}

std::string_view to_string(BenefitType b) {
    switch (b) {
    case BenefitType::EarningsRelated: return "earnings_related";
    case BenefitType::Basic: return "basic";
    case BenefitType::LabourMarketSubsidy: return "labour_market_subsidy";
    case BenefitType::None: return "none";
    }
    return "?";
}

std::string_view to_string(TargetGroupReason r) {
    switch (r) {
    case TargetGroupReason::NoEarningsRelatedAllowance: return "no_earnings_related_allowance";
    case TargetGroupReason::UnderThirty: return "under_30";
    case TargetGroupReason::ImmigrantOrForeignLanguage: return "immigrant_or_foreign_language";
    case TargetGroupReason::NotInPilotArea: return "not_in_pilot_area";
    case TargetGroupReason::StatusNotCovered: return "status_not_covered";
    case TargetGroupReason::EarningsRelatedAged30Plus: return "earnings_related_aged_30_plus";
    }
    return "?";
}

bool status_covered_by_pilots(LabourStatus s) {
    switch (s) {
    case LabourStatus::EmployedSubsidised:
    case LabourStatus::Unemployed:
    case LabourStatus::LaidOff:
    case LabourStatus::InService:
    case LabourStatus::InTraining: return true;
    case LabourStatus::EmployedOpenMarket:
    case LabourStatus::ReducedWorkingWeek:
    case LabourStatus::OutsideLabourForce:
    case LabourStatus::UnemploymentPension: return false;
    }
    return false;
}

TargetGroupReason classify_target_group(const TargetGroupFacts& f) {
    if (!f.lives_in_pilot_municipality) {
        return TargetGroupReason::NotInPilotArea;
    }
    if (!status_covered_by_pilots(f.status)) {
        return TargetGroupReason::StatusNotCovered;
    }
    if (f.benefit != BenefitType::EarningsRelated) {
        return TargetGroupReason::NoEarningsRelatedAllowance;
    }
    if (f.age_years < 30) {
        return TargetGroupReason::UnderThirty;
    }
    // Rule 3 names the unemployed and those in services; subsidised employment (00) with an
    // earnings-related allowance and age 30+ is not in any rule. (DOMAIN.md §2.1)
    const bool unemployed_or_in_services =
        f.status == LabourStatus::Unemployed || f.status == LabourStatus::LaidOff ||
        f.status == LabourStatus::InService || f.status == LabourStatus::InTraining;
    if ((f.immigrant || f.language == LanguageGroup::Foreign) && unemployed_or_in_services) {
        return TargetGroupReason::ImmigrantOrForeignLanguage;
    }
    return TargetGroupReason::EarningsRelatedAged30Plus;
}

} // namespace kokeilu::agents
