// Jobseeker statuses and attributes as the employment-service register codes them.
#pragma once

#include <cstdint>
#include <string_view>

namespace kokeilu::agents {

/// A jobseeker's labour-market status, with the TE register's two-digit codes (DOMAIN.md §2.1,
/// [S33]).
enum class LabourStatus : std::uint8_t {
    EmployedSubsidised = 0,  ///< 00 employed with a pay subsidy
    EmployedOpenMarket = 1,  ///< 01 employed on the open market (while still registered)
    Unemployed = 2,          ///< 02 unemployed
    LaidOff = 3,             ///< 03 fully laid off
    ReducedWorkingWeek = 4,  ///< 04 on a reduced working week
    OutsideLabourForce = 5,  ///< 05 outside the labour force
    UnemploymentPension = 6, ///< 06 on unemployment pension
    InService = 7,           ///< 07 in an employment-promoting service
    InTraining = 8,          ///< 08 in (labour-market) training
};

/// Mother tongue as the register groups it.
enum class LanguageGroup : std::uint8_t { Finnish, Swedish, Foreign };

/// The unemployment benefit a jobseeker is entitled to.
enum class BenefitType : std::uint8_t {
    EarningsRelated,     ///< ansiosidonnainen päiväraha, from an unemployment fund
    Basic,               ///< peruspäiväraha, from Kela
    LabourMarketSubsidy, ///< työmarkkinatuki, from Kela
    None,
};

[[nodiscard]] std::string_view to_string(LabourStatus s);
[[nodiscard]] std::string_view to_string(LanguageGroup g);
[[nodiscard]] std::string_view to_string(BenefitType b);

} // namespace kokeilu::agents
