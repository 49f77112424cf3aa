// Names of the jobseeker model's enums and the properties of its measures (the model itself
// is in run_model.cpp and the components it calls; docs/ARCHITECTURE.md).
#include "agents/jobseeker_model.hpp"

#include <array>
#include <string>

namespace kokeilu::agents {

std::string_view metric_name(Metric m) {
    switch (m) {
    case Metric::Jobseekers: return "jobseekers";
    case Metric::Unemployed: return "unemployed";
    case Metric::InServices: return "in_services";
    case Metric::InTraining: return "in_training";
    case Metric::EmployedSubsidised: return "employed_subsidised";
    case Metric::EmployedOpenMarket: return "employed_open_market";
    case Metric::Inflow: return "inflow";
    case Metric::TransfersIn: return "transfers_in";
    case Metric::TransfersOut: return "transfers_out";
    case Metric::ExitsEmployment: return "exits_employment";
    case Metric::TimeToFirstContactMean: return "time_to_first_contact_days_mean";
    case Metric::InterviewsOverdue: return "interviews_overdue";
    case Metric::CaseloadPerCounsellor: return "caseload_per_counsellor";
    case Metric::ServiceStarts: return "service_starts";
    case Metric::SpendState: return "spend_state_eur";
    case Metric::SpendMunicipality: return "spend_municipality_eur";
    case Metric::SpendUnemploymentFunds: return "spend_unemployment_funds_eur";
    case Metric::ExitsOther: return "exits_other";
    case Metric::UnemployedUnder3m: return "unemployed_under_3m";
    case Metric::Unemployed3to12m: return "unemployed_3_to_12m";
    case Metric::Unemployed12mPlus: return "unemployed_12m_plus";
    case Metric::FirstContacts: return "first_contacts";
    case Metric::InterviewsHeld: return "interviews_held";
    case Metric::InterviewsLate: return "interviews_late";
    case Metric::StaffUtilisation: return "staff_utilisation";
    case Metric::ServiceQueue: return "service_queue";
    case Metric::Counsellors: return "counsellors";
    case Metric::TypReferrals: return "typ_referrals";
    case Metric::TimeToFirstContactP50: return "time_to_first_contact_days_p50";
    case Metric::TimeToFirstContactP90: return "time_to_first_contact_days_p90";
    case Metric::FirstContactsOnTimeShare: return "first_contacts_on_time_share";
    case Metric::IntakeQueue: return "intake_queue";
    case Metric::BudgetRefusals: return "budget_refusals";
    case Metric::BudgetQueue: return "budget_queue";
    case Metric::ProfiledIntensive: return "profiled_intensive";
    case Metric::BenefitDays: return "benefit_days";
    case Metric::ExitsEducation: return "exits_education";
    case Metric::ExitsOutOfLabourForce: return "exits_out_of_labour_force";
    case Metric::ExitsMoved: return "exits_moved";
    case Metric::ExitsDeregistered: return "exits_deregistered";
    case Metric::Reregistrations: return "reregistrations";
    case Metric::UnemployedLaidOff: return "unemployed_laid_off";
    case Metric::Recalls: return "recalls";
    case Metric::Count: break;
    default: {
        if (metric_is_service(m)) {
            static const std::array<std::string, kServiceMeasureCount * kServiceKindCount> kService =
                [] {
                    std::array<std::string, kServiceMeasureCount * kServiceKindCount> names;
                    for (std::size_t k = 0; k < kServiceKindCount; ++k) {
                        const std::string kind(service_kind_name(static_cast<ServiceKind>(k)));
                        names[k] = "service_starts_" + kind;
                        names[kServiceKindCount + k] = "in_service_" + kind;
                        names[2 * kServiceKindCount + k] = "spend_service_" + kind + "_eur";
                        names[3 * kServiceKindCount + k] = "service_queue_" + kind;
                        names[4 * kServiceKindCount + k] = "service_wait_days_mean_" + kind;
                    }
                    return names;
                }();
            return kService[static_cast<std::size_t>(m) -
                            static_cast<std::size_t>(Metric::ServiceBlock)];
        }
        static constexpr std::array<std::string_view, kCohortMetricCount> kNames{
            "cohort_3m_unemployed",
            "cohort_3m_in_services",
            "cohort_3m_in_training",
            "cohort_3m_employed_subsidised",
            "cohort_3m_employed_open_market",
            "cohort_3m_left_employment",
            "cohort_3m_left_other",
            "cohort_6m_unemployed",
            "cohort_6m_in_services",
            "cohort_6m_in_training",
            "cohort_6m_employed_subsidised",
            "cohort_6m_employed_open_market",
            "cohort_6m_left_employment",
            "cohort_6m_left_other",
            "cohort_12m_unemployed",
            "cohort_12m_in_services",
            "cohort_12m_in_training",
            "cohort_12m_employed_subsidised",
            "cohort_12m_employed_open_market",
            "cohort_12m_left_employment",
            "cohort_12m_left_other",
        };
        if (metric_is_cohort(m) && m != Metric::Count) {
            return kNames[static_cast<std::size_t>(m) - kFirstCohortMetric];
        }
        break;
    }
    }
    return "?";
}

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

bool metric_is_provider_level(Metric m) {
    switch (m) {
    case Metric::TimeToFirstContactMean:
    case Metric::InterviewsOverdue:
    case Metric::CaseloadPerCounsellor:
    case Metric::StaffUtilisation:
    case Metric::ServiceQueue:
    case Metric::Counsellors:
    case Metric::TimeToFirstContactP50:
    case Metric::TimeToFirstContactP90:
    case Metric::FirstContactsOnTimeShare:
    case Metric::IntakeQueue:
    case Metric::BudgetQueue: return true;
    default:
        return metric_is_service(m) && (service_measure_of(m) == ServiceMeasure::Queue ||
                                        service_measure_of(m) == ServiceMeasure::WaitMean);
    }
}

bool metric_is_scaled(Metric m) {
    switch (m) {
    case Metric::TimeToFirstContactMean:
    case Metric::TimeToFirstContactP50:
    case Metric::TimeToFirstContactP90:
    case Metric::FirstContactsOnTimeShare:
    case Metric::CaseloadPerCounsellor:
    case Metric::StaffUtilisation:
    case Metric::Counsellors: return false;
    default:
        return !(metric_is_service(m) && service_measure_of(m) == ServiceMeasure::WaitMean);
    }
}
} // namespace kokeilu::agents
