// The kinds of employment service: what a stage is, for the output and for the rules.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace kokeilu::agents {

/// The employment services of Finnish law (DOMAIN.md §3.2): what a stage is, for the output
/// (starts, stock, waits and spending per service) and for the rules that belong to a service.
enum class ServiceKind : std::uint8_t {
    Other,
    JobSearchCoaching,
    CareerGuidance,
    LabourMarketTraining,
    IntegrationTraining,
    WorkTrial,
    PaySubsidy,
    StartUpGrant,
    RehabilitativeWorkActivity,
    SelfMotivatedStudy,
    WorkAbilityAssessment,
    MultiprofessionalService,
    Count
};
inline constexpr std::size_t kServiceKindCount = static_cast<std::size_t>(ServiceKind::Count);
/// snake_case names of ServiceKind (the values of `stages.*.kind`).
[[nodiscard]] std::string_view service_kind_name(ServiceKind k);
/// The kind with this name, if any.
[[nodiscard]] std::optional<ServiceKind> parse_service_kind(std::string_view name);

} // namespace kokeilu::agents
