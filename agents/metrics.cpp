// The measure table: one row per Metric, the per-service and cohort rows generated from the
// service kinds and the cohort horizons and outcomes.
#include "agents/metrics.hpp"

#include <deque>
#include <string>
#include <utility>
#include <vector>

namespace kokeilu::agents {

namespace {

constexpr MetricLevel kPerson = MetricLevel::Person;
constexpr MetricLevel kProvider = MetricLevel::Provider;
constexpr bool kScaled = true;
constexpr bool kUnscaled = false;
constexpr bool kAtMonthEnd = true;
constexpr bool kWhenCounted = false;
constexpr Aggregation kStock{AggregationKind::Stock, std::nullopt};
constexpr Aggregation kFlow{AggregationKind::Flow, std::nullopt};

constexpr Aggregation per(AggregationKind kind, Metric denominator) {
    return {kind, denominator};
}

/// The measures before the per-service block, in Metric order: metric, name, unit; level,
/// scaling, booking, aggregation; description.
constexpr std::array<MetricInfo, static_cast<std::size_t>(Metric::ServiceBlock)> kRows{{
    {Metric::Jobseekers, "jobseekers", "persons", kPerson, kScaled, kWhenCounted, kStock,
     "Registered jobseekers at the end of the month."},
    {Metric::Unemployed, "unemployed", "persons", kPerson, kScaled, kWhenCounted, kStock,
     "Unemployed jobseekers at the end of the month (with those in a stage that keeps "
     "the unemployed status, the TYP assessment, who are in no service stock)."},
    {Metric::InServices, "in_services", "persons", kPerson, kScaled, kWhenCounted, kStock,
     "Jobseekers in an employment service other than training (coaching, assessment, "
     "rehabilitative work, work trial) at the end of the month."},
    {Metric::InTraining, "in_training", "persons", kPerson, kScaled, kWhenCounted, kStock,
     "Jobseekers in labour-market training at the end of the month."},
    {Metric::EmployedSubsidised, "employed_subsidised", "persons", kPerson, kScaled, kWhenCounted,
     kStock, "Jobseekers in pay-subsidised work at the end of the month."},
    {Metric::EmployedOpenMarket, "employed_open_market", "persons", kPerson, kScaled, kWhenCounted,
     kStock,
     "Registered jobseekers working in the open labour market (part-time or short jobs) at "
     "the end of the month."},
    {Metric::Inflow, "inflow", "persons/month", kPerson, kScaled, kWhenCounted, kFlow,
     "New registrations during the month."},
    {Metric::TransfersIn, "transfers_in", "persons/month", kPerson, kScaled, kAtMonthEnd, kFlow,
     "Jobseekers transferred in from another provider during the month (e.g. TE office to "
     "pilot on 2021-03-01)."},
    {Metric::TransfersOut, "transfers_out", "persons/month", kPerson, kScaled, kAtMonthEnd, kFlow,
     "Jobseekers transferred out to another provider during the month."},
    {Metric::ExitsEmployment, "exits_employment", "persons/month", kPerson, kScaled, kWhenCounted,
     kFlow, "Jobseekers who left the register for employment during the month."},
    // The first contacts of the provider (summed over its target groups) are exactly the
    // events that the mean, quantiles and on-time share of time to first contact are over.
    {Metric::TimeToFirstContactMean, "time_to_first_contact_days_mean", "days", kProvider,
     kUnscaled, kWhenCounted, per(AggregationKind::Mean, Metric::FirstContacts),
     "Mean calendar days from registration to the first contact, over first contacts made "
     "during the month."},
    {Metric::InterviewsOverdue, "interviews_overdue", "persons", kProvider, kScaled, kWhenCounted,
     kStock,
     "Jobseekers whose due interview had not been held by its deadline at the end of the "
     "month."},
    // Jobseekers over counsellors: weighted by counsellors, means give the pooled ratio.
    {Metric::CaseloadPerCounsellor, "caseload_per_counsellor", "jobseekers/counsellor", kProvider,
     kUnscaled, kWhenCounted, per(AggregationKind::Ratio, Metric::Counsellors),
     "Jobseekers per full-time counsellor at the end of the month."},
    {Metric::ServiceStarts, "service_starts", "starts/month", kPerson, kScaled, kWhenCounted, kFlow,
     "Services started during the month."},
    {Metric::SpendState, "spend_state_eur", "EUR/month", kPerson, kScaled, kAtMonthEnd, kFlow,
     "Spending paid by the state during the month: basic allowance, its share of "
     "labour-market subsidy, and service costs (training, pay subsidy, rehabilitative work). "
     "Staff costs are in spend_staff_eur."},
    {Metric::SpendMunicipality, "spend_municipality_eur", "EUR/month", kPerson, kScaled,
     kAtMonthEnd, kFlow,
     "Spending paid by municipalities during the month: their share of labour-market "
     "subsidy (DOMAIN.md §5.3). Staff costs are in spend_staff_eur."},
    {Metric::SpendUnemploymentFunds, "spend_unemployment_funds_eur", "EUR/month", kPerson, kScaled,
     kAtMonthEnd, kFlow, "Earnings-related allowance paid by unemployment funds during the month."},
    {Metric::ExitsOther, "exits_other", "persons/month", kPerson, kScaled, kWhenCounted, kFlow,
     "Jobseekers who left the register during the month for education, out of the labour "
     "force or a move."},
    {Metric::UnemployedUnder3m, "unemployed_under_3m", "persons", kPerson, kScaled, kWhenCounted,
     kStock,
     "Unemployed jobseekers whose current spell has lasted under 3 months, at the end of the "
     "month."},
    {Metric::Unemployed3to12m, "unemployed_3_to_12m", "persons", kPerson, kScaled, kWhenCounted,
     kStock,
     "Unemployed jobseekers whose current spell has lasted 3 to 12 months, at the end of the "
     "month."},
    {Metric::Unemployed12mPlus, "unemployed_12m_plus", "persons", kPerson, kScaled, kWhenCounted,
     kStock,
     "Long-term unemployed: current spell 12 months or more, at the end of the month (the spell "
     "runs on "
     "through services; see unemployed_12m_continuous)."},
    {Metric::FirstContacts, "first_contacts", "persons/month", kPerson, kScaled, kWhenCounted,
     kFlow, "First contacts (initial interviews) held during the month."},
    {Metric::InterviewsHeld, "interviews_held", "interviews/month", kPerson, kScaled, kWhenCounted,
     kFlow, "Initial and periodic interviews held during the month."},
    {Metric::InterviewsLate, "interviews_late", "interviews/month", kPerson, kScaled, kWhenCounted,
     kFlow, "Interviews held during the month after their deadline."},
    // Assumption: weighted by counsellors, as the minutes available are the counsellors' FTE
    // times the minutes per working day (exact while FTE and minutes stay the same all month).
    {Metric::StaffUtilisation, "staff_utilisation", "fraction", kProvider, kUnscaled, kWhenCounted,
     per(AggregationKind::Share, Metric::Counsellors),
     "Staff minutes used on client work over the minutes available during the month."},
    {Metric::ServiceQueue, "service_queue", "persons", kProvider, kScaled, kWhenCounted, kStock,
     "Jobseekers waiting for a seat in a service at the end of the month."},
    // FTE at the month end: sums over providers; over months, a mean.
    {Metric::Counsellors, "counsellors", "FTE", kProvider, kUnscaled, kWhenCounted, kStock,
     "Full-time-equivalent staff doing client work (not scaled with population.scale)."},
    {Metric::TypReferrals, "typ_referrals", "persons/month", kPerson, kScaled, kWhenCounted, kFlow,
     "Jobseekers whose multi-professional (TYP) needs assessment became due during the month "
     "(300 days of labour-market subsidy, or 6 / 12 months unemployed under / over 25)."},
    {Metric::TimeToFirstContactP50, "time_to_first_contact_days_p50", "days", kProvider, kUnscaled,
     kWhenCounted, per(AggregationKind::Quantile, Metric::FirstContacts),
     "Median calendar days from registration to the first contact, over first contacts "
     "made during the month."},
    {Metric::TimeToFirstContactP90, "time_to_first_contact_days_p90", "days", kProvider, kUnscaled,
     kWhenCounted, per(AggregationKind::Quantile, Metric::FirstContacts),
     "90th percentile of calendar days from registration to the first contact, over first "
     "contacts made during the month."},
    {Metric::FirstContactsOnTimeShare, "first_contacts_on_time_share", "fraction", kProvider,
     kUnscaled, kWhenCounted, per(AggregationKind::Share, Metric::FirstContacts),
     "Share of the month's first contacts (initial interviews) held by their deadline."},
    {Metric::IntakeQueue, "intake_queue", "persons", kProvider, kScaled, kWhenCounted, kStock,
     "New jobseekers waiting for their first contact because the provider's caseload cap "
     "is reached, at the end of the month."},
    {Metric::BudgetRefusals, "budget_refusals", "persons/month", kPerson, kScaled, kWhenCounted,
     kFlow, "Referrals refused during the month because the service's yearly budget was spent."},
    {Metric::BudgetQueue, "budget_queue", "persons", kProvider, kScaled, kWhenCounted, kStock,
     "Jobseekers waiting for next year's money for a service at the end of the month."},
    {Metric::ProfiledIntensive, "profiled_intensive", "persons/month", kPerson, kScaled,
     kWhenCounted, kFlow,
     "New jobseekers profiled into a risk group with early intensive support during the "
     "month."},
    {Metric::BenefitDays, "benefit_days", "days/month", kPerson, kScaled, kAtMonthEnd, kFlow,
     "Unemployment benefit days paid during the month (earnings-related and basic allowance, "
     "labour-market subsidy; five a week)."},
    {Metric::ExitsEducation, "exits_education", "persons/month", kPerson, kScaled, kWhenCounted,
     kFlow,
     "Jobseekers who left the register for education during the month (part of "
     "exits_other)."},
    {Metric::ExitsOutOfLabourForce, "exits_out_of_labour_force", "persons/month", kPerson, kScaled,
     kWhenCounted, kFlow,
     "Jobseekers who left the register out of the labour force during the month (part of "
     "exits_other)."},
    {Metric::ExitsMoved, "exits_moved", "persons/month", kPerson, kScaled, kWhenCounted, kFlow,
     "Jobseekers who left the register by moving away during the month (part of "
     "exits_other)."},
    {Metric::ExitsDeregistered, "exits_deregistered", "persons/month", kPerson, kScaled,
     kWhenCounted, kFlow,
     "Jobseekers deregistered for other reasons during the month (part of exits_other)."},
    {Metric::Reregistrations, "reregistrations", "persons/month", kPerson, kScaled, kWhenCounted,
     kFlow,
     "Registrations during the month of people who had left the register before (part of "
     "inflow)."},
    {Metric::UnemployedLaidOff, "unemployed_laid_off", "persons", kPerson, kScaled, kWhenCounted,
     kStock, "Fully laid-off jobseekers (status 03, part of unemployed) at the end of the month."},
    {Metric::Recalls, "recalls", "persons/month", kPerson, kScaled, kWhenCounted, kFlow,
     "Laid-off jobseekers taken back by their employer during the month (part of "
     "exits_employment)."},
    // The month's counsellors (FTE at the month end, not scaled) times a twelfth of a year's
    // cost: over providers and months, a sum.
    {Metric::SpendStaff, "spend_staff_eur", "EUR/month", kProvider, kUnscaled, kWhenCounted, kFlow,
     "Cost of the provider's client-work staff in the month: counsellors (FTE at the month "
     "end) x process.counsellor_cost_eur_per_year / 12, whoever employs them (the state or the "
     "municipalities). Not part of spend_state_eur or spend_municipality_eur."},
    {Metric::UnemploymentPeriodsStarted, "unemployment_periods_started", "persons/month", kPerson,
     kScaled, kWhenCounted, kFlow,
     "Unemployment periods that started during the month: registrations as unemployed (inflow) "
     "and returns to unemployment from a service or a short job (the register's \"alkaneet "
     "työttömyysjaksot\")."},
    {Metric::Unemployed12mContinuous, "unemployed_12m_continuous", "persons", kPerson, kScaled,
     kWhenCounted, kStock,
     "Long-term unemployed as the register counts them: unemployed for 12 months or more "
     "without a break, at the end of the month (a service or a job breaks it; "
     "unemployed_12m_plus counts the spell through services)."},
    {Metric::SeasonalReturns, "seasonal_returns", "persons/month", kPerson, kScaled, kWhenCounted,
     kFlow,
     "Seasonal registrants (labour_market.seasonal_registrants) who went back to their work or "
     "studies during the month (part of exits_employment)."},
    {Metric::UnemployedInterviewsUpToDate, "unemployed_interviews_up_to_date", "persons", kPerson,
     kScaled, kWhenCounted, kStock,
     "Unemployed whose spell is 3 months old or more and whose last interview (or return to job "
     "search, from which the next is counted) is at most 98 days old (91 and the 5 working "
     "days' grace), at the end of the month; over unemployed_3_to_12m + unemployed_12m_plus, "
     "the share with their 3-month interviews up to date."},
}};

constexpr bool rows_in_metric_order() {
    for (std::size_t i = 0; i < kRows.size(); ++i) {
        if (static_cast<std::size_t>(kRows[i].metric) != i) {
            return false;
        }
    }
    return true;
}
static_assert(rows_in_metric_order(), "kRows must list the metrics in Metric order");

/// What each service kind is, in words (ServiceKind order).
constexpr std::array<std::string_view, kServiceKindCount> kServiceWords{
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

/// A measure per service kind: named prefix + kind + suffix, described as before + the kind in
/// words + after.
struct ServiceRow {
    ServiceMeasure measure;
    std::string_view prefix;
    std::string_view suffix;
    std::string_view unit;
    MetricLevel level;
    bool scaled;
    bool booked_at_month_end;
    AggregationKind aggregation;
    std::optional<ServiceMeasure> denominator; ///< of the same kind
    std::string_view before;
    std::string_view after;
};

/// In ServiceMeasure order.
constexpr std::array<ServiceRow, kServiceMeasureCount> kServiceRows{{
    {ServiceMeasure::Starts, "service_starts_", "", "starts/month", kPerson, kScaled, kWhenCounted,
     AggregationKind::Flow, std::nullopt, "Starts of ", " during the month."},
    {ServiceMeasure::Stock, "in_service_", "", "persons", kPerson, kScaled, kWhenCounted,
     AggregationKind::Stock, std::nullopt, "Jobseekers in ", " at the end of the month."},
    {ServiceMeasure::Spend, "spend_service_", "_eur", "EUR/month", kPerson, kScaled, kAtMonthEnd,
     AggregationKind::Flow, std::nullopt, "State spending on ",
     " during the month (a budget line; part of spend_state_eur)."},
    {ServiceMeasure::Queue, "service_queue_", "", "persons", kProvider, kScaled, kWhenCounted,
     AggregationKind::Stock, std::nullopt, "Jobseekers waiting for a seat in, or money for, ",
     " at the end of the month."},
    // Assumption: weighted by the starts of the kind. The waits are counted at the provider
    // that runs the service and the starts at the jobseeker's own provider; the two differ
    // only for a jobseeker who changed provider while waiting.
    {ServiceMeasure::WaitMean, "service_wait_days_mean_", "", "days", kProvider, kUnscaled,
     kWhenCounted, AggregationKind::Mean, ServiceMeasure::Starts,
     "Mean days from referral to start over the month's starts of ", "."},
}};

/// A cohort outcome (the 5 JobseekerState values other than Left, then the exits): its name
/// in the metric's name and where the jobseekers are, in words.
struct CohortOutcome {
    std::string_view name;
    std::string_view words;
};

constexpr std::array<CohortOutcome, kCohortOutcomes> kCohortOutcomeRows{{
    {"unemployed", "unemployed"},
    {"in_services", "in an employment service"},
    {"in_training", "in labour-market training"},
    {"employed_subsidised", "in pay-subsidised work"},
    {"employed_open_market", "employed on the open market and still registered"},
    {"left_employment", "gone from the register into employment"},
    {"left_other",
     "gone from the register for another reason (education, out of the labour force, a move)"},
}};

/// "3rd", "6th", "12th".
std::string ordinal(int n) {
    const int tens = n % 100;
    const int ones = n % 10;
    const char* suffix = tens >= 11 && tens <= 13 ? "th"
                         : ones == 1              ? "st"
                         : ones == 2              ? "nd"
                         : ones == 3              ? "rd"
                                                  : "th";
    return std::to_string(n) + suffix;
}

struct Table {
    std::deque<std::string> text; ///< generated names and descriptions (addresses stay put)
    std::vector<MetricInfo> rows; ///< Metric order
    std::vector<Metric> schema;   ///< output/SCHEMA.md order

    std::string_view keep(std::string s) { return text.emplace_back(std::move(s)); }
};

void add_service_rows(Table& t) {
    for (const ServiceRow& r : kServiceRows) {
        for (std::size_t k = 0; k < kServiceKindCount; ++k) {
            const auto kind = static_cast<ServiceKind>(k);
            const std::string name(service_kind_name(kind));
            std::optional<Metric> denominator;
            if (r.denominator) {
                denominator = service_metric(*r.denominator, kind);
            }
            t.rows.push_back({service_metric(r.measure, kind),
                              t.keep(std::string(r.prefix) + name + std::string(r.suffix)),
                              r.unit,
                              r.level,
                              r.scaled,
                              r.booked_at_month_end,
                              {r.aggregation, denominator},
                              t.keep(std::string(r.before) + std::string(kServiceWords[k]) +
                                     std::string(r.after))});
        }
    }
}

void add_cohort_rows(Table& t) {
    for (std::size_t h = 0; h < kCohortHorizons.size(); ++h) {
        const int months = kCohortHorizons[h];
        for (std::size_t o = 0; o < kCohortOutcomes; ++o) {
            const CohortOutcome& c = kCohortOutcomeRows[o];
            const auto metric = static_cast<Metric>(kFirstCohortMetric + h * kCohortOutcomes + o);
            t.rows.push_back(
                {metric,
                 t.keep("cohort_" + std::to_string(months) + "m_" + std::string(c.name)),
                 "persons",
                 kPerson,
                 kScaled,
                 kWhenCounted,
                 {AggregationKind::Cohort, std::nullopt},
                 t.keep("Of the jobseekers who registered in this month with this provider and "
                        "target group, those " +
                        std::string(c.words) + " at the end of the " + ordinal(months) +
                        " month after (cohort outcome).")});
        }
    }
}

/// The order of output/SCHEMA.md, as ranges [first, end) of Metric: the cohort outcomes came
/// to the schema after typ_referrals and the per-service measures after recalls; measures
/// added to Metric after Recalls come last.
void add_schema_order(Table& t) {
    constexpr auto index = [](Metric m) { return static_cast<std::size_t>(m); };
    constexpr std::pair<std::size_t, std::size_t> kRanges[] = {
        {index(Metric::Jobseekers), index(Metric::TypReferrals) + 1},
        {kFirstCohortMetric, kMetricCount},
        {index(Metric::TimeToFirstContactP50), index(Metric::Recalls) + 1},
        {index(Metric::ServiceBlock), kFirstCohortMetric},
        {index(Metric::Recalls) + 1, index(Metric::ServiceBlock)},
    };
    for (const auto& [first, end] : kRanges) {
        for (std::size_t m = first; m < end; ++m) {
            t.schema.push_back(static_cast<Metric>(m));
        }
    }
}

Table build_table() {
    Table t;
    t.rows.assign(kRows.begin(), kRows.end());
    add_service_rows(t);
    add_cohort_rows(t);
    add_schema_order(t);
    return t;
}

const Table& table() {
    static const Table t = build_table();
    return t;
}

/// What the functions below answer for a value that is no metric (as the switches did).
constexpr MetricInfo kNoMetric{Metric::Count, "?", "", kPerson, kScaled, kWhenCounted, kStock, ""};

} // namespace

std::span<const MetricInfo> metric_table() {
    return table().rows;
}

const MetricInfo& metric_info(Metric m) {
    const auto& rows = table().rows;
    const auto i = static_cast<std::size_t>(m);
    return i < rows.size() ? rows[i] : kNoMetric;
}

std::span<const Metric> metric_schema_order() {
    return table().schema;
}

std::string_view metric_name(Metric m) {
    return metric_info(m).name;
}

bool metric_is_provider_level(Metric m) {
    return metric_info(m).level == MetricLevel::Provider;
}

bool metric_is_scaled(Metric m) {
    return metric_info(m).scaled;
}

bool metric_booked_at_month_end(Metric m) {
    return metric_info(m).booked_at_month_end;
}

} // namespace kokeilu::agents
