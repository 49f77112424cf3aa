// snake_case names of the model's enumerations: service kinds, trace events and states.
#include "agents/jobseeker_model.hpp"
#include "agents/service_kind.hpp"

namespace kokeilu::agents {

std::string_view service_kind_name(ServiceKind k) {
    switch (k) {
    case ServiceKind::Other: return "other";
    case ServiceKind::JobSearchCoaching: return "job_search_coaching";
    case ServiceKind::CareerGuidance: return "career_guidance";
    case ServiceKind::LabourMarketTraining: return "labour_market_training";
    case ServiceKind::IntegrationTraining: return "integration_training";
    case ServiceKind::WorkTrial: return "work_trial";
    case ServiceKind::PaySubsidy: return "pay_subsidy";
    case ServiceKind::StartUpGrant: return "start_up_grant";
    case ServiceKind::RehabilitativeWorkActivity: return "rehabilitative_work_activity";
    case ServiceKind::SelfMotivatedStudy: return "self_motivated_study";
    case ServiceKind::WorkAbilityAssessment: return "work_ability_assessment";
    case ServiceKind::MultiprofessionalService: return "multiprofessional_service";
    case ServiceKind::Count: break;
    }
    return "?";
}

std::optional<ServiceKind> parse_service_kind(std::string_view name) {
    for (std::size_t k = 0; k < kServiceKindCount; ++k) {
        if (service_kind_name(static_cast<ServiceKind>(k)) == name) {
            return static_cast<ServiceKind>(k);
        }
    }
    return std::nullopt;
}

std::string_view trace_kind_name(TraceKind k) {
    switch (k) {
    case TraceKind::Register: return "register";
    case TraceKind::FirstContact: return "first_contact";
    case TraceKind::Interview: return "interview";
    case TraceKind::Assessment: return "assessment";
    case TraceKind::WaitForService: return "wait_for_service";
    case TraceKind::ServiceStart: return "service_start";
    case TraceKind::ServiceEnd: return "service_end";
    case TraceKind::RegisteredJob: return "registered_job";
    case TraceKind::JobEnds: return "job_ends";
    case TraceKind::ExitEmployment: return "exit_employment";
    case TraceKind::ExitOther: return "exit_other";
    case TraceKind::Transfer: return "transfer";
    case TraceKind::AllowanceEnds: return "allowance_ends";
    case TraceKind::TypDue: return "typ_due";
    case TraceKind::WaitForBudget: return "wait_for_budget";
    case TraceKind::BudgetRefused: return "budget_refused";
    case TraceKind::OwnStudy: return "own_study";
    case TraceKind::Count: break;
    }
    return "?";
}

std::string_view state_name(JobseekerState s) {
    switch (s) {
    case JobseekerState::Unemployed: return "unemployed";
    case JobseekerState::InServices: return "in_services";
    case JobseekerState::InTraining: return "in_training";
    case JobseekerState::EmployedSubsidised: return "employed_subsidised";
    case JobseekerState::EmployedOpenMarket: return "employed_open_market";
    case JobseekerState::Left: return "not_registered";
    }
    return "?";
}

} // namespace kokeilu::agents
