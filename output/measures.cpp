// The standard measure catalogue (output/SCHEMA.md, section "Measures").
#include "output/measures.hpp"

#include <array>

namespace kokeilu::output {

std::span<const Measure> standard_measures() {
    static const std::array<Measure, 16> kMeasures{{
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
         "Spending paid by the state during the month: its share of labour-market subsidy, pay "
         "subsidies, start-up grants, training purchases and state staff."},
        {"spend_municipality_eur", "EUR/month",
         "Spending paid by municipalities during the month: their share of labour-market "
         "subsidy and pilot staff."},
    }};
    return kMeasures;
}

} // namespace kokeilu::output
