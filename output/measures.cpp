// The standard measure catalogue (output/SCHEMA.md, section "Measures").
#include "output/measures.hpp"

#include "agents/jobseeker_model.hpp"

#include <array>
#include <vector>

namespace kokeilu::output {

namespace {

/// What each service kind is, in words (agents::ServiceKind order).
constexpr std::array<const char*, agents::kServiceKindCount> kServiceWords{
    "services of no listed kind",
    "job-search coaching",
    "career guidance",
    "labour-market training",
    "integration training",
    "work trials",
    "pay-subsidised work",
    "start-up grants",
    "rehabilitative work activity",
    "self-motivated study with benefit",
    "work-ability assessment and support",
    "multi-professional joint service (TYP)",
};

std::vector<Measure> build_measures() {
    static const std::array<Measure, 64> kMeasures{{
        {"jobseekers", "persons", "Registered jobseekers at the end of the month."},
        {"unemployed", "persons", "Unemployed jobseekers at the end of the month."},
        {"in_services", "persons",
         "Jobseekers in an employment service other than training (coaching, assessment, "
         "rehabilitative work, work trial) at the end of the month."},
        {"in_training", "persons", "Jobseekers in labour-market training at the end of the month."},
        {"employed_subsidised", "persons",
         "Jobseekers in pay-subsidised work at the end of the month."},
        {"employed_open_market", "persons",
         "Registered jobseekers working in the open labour market (part-time or short jobs) at "
         "the end of the month."},
        {"inflow", "persons/month", "New registrations during the month."},
        {"transfers_in", "persons/month",
         "Jobseekers transferred in from another provider during the month (e.g. TE office to "
         "pilot on 2021-03-01)."},
        {"transfers_out", "persons/month",
         "Jobseekers transferred out to another provider during the month."},
        {"exits_employment", "persons/month",
         "Jobseekers who left the register for employment during the month."},
        {"time_to_first_contact_days_mean", "days",
         "Mean calendar days from registration to the first contact, over first contacts made "
         "during the month."},
        {"interviews_overdue", "persons",
         "Jobseekers whose due interview had not been held by its deadline at the end of the "
         "month."},
        {"caseload_per_counsellor", "jobseekers/counsellor",
         "Jobseekers per full-time counsellor at the end of the month."},
        {"service_starts", "starts/month", "Services started during the month."},
        {"spend_state_eur", "EUR/month",
         "Spending paid by the state during the month: basic allowance, its share of "
         "labour-market subsidy, and service costs (training, pay subsidy, rehabilitative work). "
         "Staff costs are not included."},
        {"spend_municipality_eur", "EUR/month",
         "Spending paid by municipalities during the month: their share of labour-market "
         "subsidy (DOMAIN.md §5.3). Staff costs are not included."},
        {"spend_unemployment_funds_eur", "EUR/month",
         "Earnings-related allowance paid by unemployment funds during the month."},
        {"exits_other", "persons/month",
         "Jobseekers who left the register during the month for education, out of the labour "
         "force or a move."},
        {"unemployed_under_3m", "persons",
         "Unemployed jobseekers whose current spell has lasted under 3 months, at the end of the "
         "month."},
        {"unemployed_3_to_12m", "persons",
         "Unemployed jobseekers whose current spell has lasted 3 to 12 months, at the end of the "
         "month."},
        {"unemployed_12m_plus", "persons",
         "Long-term unemployed: current spell 12 months or more, at the end of the month."},
        {"first_contacts", "persons/month",
         "First contacts (initial interviews) held during the month."},
        {"interviews_held", "interviews/month",
         "Initial and periodic interviews held during the month."},
        {"interviews_late", "interviews/month",
         "Interviews held during the month after their deadline."},
        {"staff_utilisation", "fraction",
         "Staff minutes used on client work over the minutes available during the month."},
        {"service_queue", "persons",
         "Jobseekers waiting for a seat in a service at the end of the month."},
        {"counsellors", "FTE",
         "Full-time-equivalent staff doing client work (not scaled with population.scale)."},
        {"typ_referrals", "persons/month",
         "Jobseekers whose multi-professional (TYP) needs assessment became due during the month "
         "(300 days of labour-market subsidy, or 6 / 12 months unemployed under / over 25)."},
        {"cohort_3m_unemployed", "persons",
         "Of the jobseekers who registered in this month with this provider and target group, "
         "those unemployed at the end of the 3rd month after (cohort outcome)."},
        {"cohort_3m_in_services", "persons",
         "Of the jobseekers who registered in this month with this provider and target group, "
         "those in an employment service at the end of the 3rd month after (cohort outcome)."},
        {"cohort_3m_in_training", "persons",
         "Of the jobseekers who registered in this month with this provider and target group, "
         "those in labour-market training at the end of the 3rd month after (cohort outcome)."},
        {"cohort_3m_employed_subsidised", "persons",
         "Of the jobseekers who registered in this month with this provider and target group, "
         "those in pay-subsidised work at the end of the 3rd month after (cohort outcome)."},
        {"cohort_3m_employed_open_market", "persons",
         "Of the jobseekers who registered in this month with this provider and target group, "
         "those employed on the open market and still registered at the end of the 3rd month after (cohort outcome)."},
        {"cohort_3m_left_employment", "persons",
         "Of the jobseekers who registered in this month with this provider and target group, "
         "those gone from the register into employment at the end of the 3rd month after (cohort outcome)."},
        {"cohort_3m_left_other", "persons",
         "Of the jobseekers who registered in this month with this provider and target group, "
         "those gone from the register for another reason (education, out of the labour force, a move) at the end of the 3rd month after (cohort outcome)."},
        {"cohort_6m_unemployed", "persons",
         "Of the jobseekers who registered in this month with this provider and target group, "
         "those unemployed at the end of the 6th month after (cohort outcome)."},
        {"cohort_6m_in_services", "persons",
         "Of the jobseekers who registered in this month with this provider and target group, "
         "those in an employment service at the end of the 6th month after (cohort outcome)."},
        {"cohort_6m_in_training", "persons",
         "Of the jobseekers who registered in this month with this provider and target group, "
         "those in labour-market training at the end of the 6th month after (cohort outcome)."},
        {"cohort_6m_employed_subsidised", "persons",
         "Of the jobseekers who registered in this month with this provider and target group, "
         "those in pay-subsidised work at the end of the 6th month after (cohort outcome)."},
        {"cohort_6m_employed_open_market", "persons",
         "Of the jobseekers who registered in this month with this provider and target group, "
         "those employed on the open market and still registered at the end of the 6th month after (cohort outcome)."},
        {"cohort_6m_left_employment", "persons",
         "Of the jobseekers who registered in this month with this provider and target group, "
         "those gone from the register into employment at the end of the 6th month after (cohort outcome)."},
        {"cohort_6m_left_other", "persons",
         "Of the jobseekers who registered in this month with this provider and target group, "
         "those gone from the register for another reason (education, out of the labour force, a move) at the end of the 6th month after (cohort outcome)."},
        {"cohort_12m_unemployed", "persons",
         "Of the jobseekers who registered in this month with this provider and target group, "
         "those unemployed at the end of the 12th month after (cohort outcome)."},
        {"cohort_12m_in_services", "persons",
         "Of the jobseekers who registered in this month with this provider and target group, "
         "those in an employment service at the end of the 12th month after (cohort outcome)."},
        {"cohort_12m_in_training", "persons",
         "Of the jobseekers who registered in this month with this provider and target group, "
         "those in labour-market training at the end of the 12th month after (cohort outcome)."},
        {"cohort_12m_employed_subsidised", "persons",
         "Of the jobseekers who registered in this month with this provider and target group, "
         "those in pay-subsidised work at the end of the 12th month after (cohort outcome)."},
        {"cohort_12m_employed_open_market", "persons",
         "Of the jobseekers who registered in this month with this provider and target group, "
         "those employed on the open market and still registered at the end of the 12th month after (cohort outcome)."},
        {"cohort_12m_left_employment", "persons",
         "Of the jobseekers who registered in this month with this provider and target group, "
         "those gone from the register into employment at the end of the 12th month after (cohort outcome)."},
        {"cohort_12m_left_other", "persons",
         "Of the jobseekers who registered in this month with this provider and target group, "
         "those gone from the register for another reason (education, out of the labour force, a move) at the end of the 12th month after (cohort outcome)."},
        {"time_to_first_contact_days_p50", "days",
         "Median calendar days from registration to the first contact, over first contacts "
         "made during the month."},
        {"time_to_first_contact_days_p90", "days",
         "90th percentile of calendar days from registration to the first contact, over first "
         "contacts made during the month."},
        {"first_contacts_on_time_share", "fraction",
         "Share of the month's first contacts (initial interviews) held by their deadline."},
        {"intake_queue", "persons",
         "New jobseekers waiting for their first contact because the provider's caseload cap "
         "is reached, at the end of the month."},
        {"budget_refusals", "persons/month",
         "Referrals refused during the month because the service's yearly budget was spent."},
        {"budget_queue", "persons",
         "Jobseekers waiting for next year's money for a service at the end of the month."},
        {"profiled_intensive", "persons/month",
         "New jobseekers profiled into a risk group with early intensive support during the "
         "month."},
        {"benefit_days", "days/month",
         "Unemployment benefit days paid during the month (earnings-related and basic allowance, "
         "labour-market subsidy; five a week)."},
        {"exits_education", "persons/month",
         "Jobseekers who left the register for education during the month (part of "
         "exits_other)."},
        {"exits_out_of_labour_force", "persons/month",
         "Jobseekers who left the register out of the labour force during the month (part of "
         "exits_other)."},
        {"exits_moved", "persons/month",
         "Jobseekers who left the register by moving away during the month (part of "
         "exits_other)."},
        {"exits_deregistered", "persons/month",
         "Jobseekers deregistered for other reasons during the month (part of exits_other)."},
        {"reregistrations", "persons/month",
         "Registrations during the month of people who had left the register before (part of "
         "inflow)."},
        {"unemployed_laid_off", "persons",
         "Fully laid-off jobseekers (status 03, part of unemployed) at the end of the month."},
        {"recalls", "persons/month",
         "Laid-off jobseekers taken back by their employer during the month (part of "
         "exits_employment)."},
    }};
    std::vector<Measure> out(kMeasures.begin(), kMeasures.end());
    // Per service kind, in the order of agents::ServiceMeasure, named as the model names them.
    struct PerKind {
        agents::ServiceMeasure measure;
        const char* unit;
        const char* before; ///< the description is before + the kind in words + after
        const char* after;
    };
    static constexpr std::array<PerKind, agents::kServiceMeasureCount> kPerKind{{
        {agents::ServiceMeasure::Starts, "starts/month", "Starts of ", " during the month."},
        {agents::ServiceMeasure::Stock, "persons", "Jobseekers in ", " at the end of the month."},
        {agents::ServiceMeasure::Spend, "EUR/month", "State spending on ",
         " during the month (a budget line; part of spend_state_eur)."},
        {agents::ServiceMeasure::Queue, "persons", "Jobseekers waiting for a seat in, or money for, ",
         " at the end of the month."},
        {agents::ServiceMeasure::WaitMean, "days",
         "Mean days from referral to start over the month's starts of ", "."},
    }};
    for (const PerKind& m : kPerKind) {
        for (std::size_t k = 0; k < agents::kServiceKindCount; ++k) {
            const auto metric = agents::service_metric(m.measure, static_cast<agents::ServiceKind>(k));
            out.push_back({std::string(agents::metric_name(metric)), m.unit,
                           m.before + std::string(kServiceWords[k]) + m.after});
        }
    }
    return out;
}

} // namespace

std::span<const Measure> standard_measures() {
    static const std::vector<Measure> kMeasures = build_measures();
    return kMeasures;
}

} // namespace kokeilu::output
