// The measure table: complete, consistent, and saying what the model has always done.
#include "agents/metrics.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <string_view>

using namespace kokeilu::agents;

namespace {

/// [a-z][a-z0-9]*(_[a-z0-9]+)*, by hand: std::regex trips GCC 12's -Wmaybe-uninitialized
/// in the sanitizer builds.
bool is_snake_case(std::string_view name) {
    if (name.empty() || name.front() < 'a' || name.front() > 'z' || name.back() == '_') {
        return false;
    }
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool ok =
            (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '_' && name[i - 1] != '_');
        if (!ok) {
            return false;
        }
    }
    return true;
}

/// metric_is_provider_level() as the switch in agents/jobseeker_model.cpp said before the table.
bool old_provider_level(Metric m) {
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

/// metric_is_scaled() as the switch said.
bool old_scaled(Metric m) {
    switch (m) {
    case Metric::TimeToFirstContactMean:
    case Metric::TimeToFirstContactP50:
    case Metric::TimeToFirstContactP90:
    case Metric::FirstContactsOnTimeShare:
    case Metric::CaseloadPerCounsellor:
    case Metric::StaffUtilisation:
    case Metric::Counsellors: return false;
    default: return !(metric_is_service(m) && service_measure_of(m) == ServiceMeasure::WaitMean);
    }
}

/// The month-end list of JobseekerModel::snapshot().
bool old_booked_at_month_end(Metric m) {
    return m == Metric::SpendState || m == Metric::SpendMunicipality ||
           m == Metric::SpendUnemploymentFunds || m == Metric::TransfersIn ||
           m == Metric::TransfersOut || m == Metric::BenefitDays ||
           (metric_is_service(m) && service_measure_of(m) == ServiceMeasure::Spend);
}

bool weighted(AggregationKind k) {
    return k == AggregationKind::Mean || k == AggregationKind::Quantile ||
           k == AggregationKind::Share || k == AggregationKind::Ratio;
}

} // namespace

TEST_CASE("every metric has one row with a unique snake_case name, a unit and a description",
          "[unit][agents][metrics]") {
    const auto table = metric_table();
    REQUIRE(table.size() == kMetricCount);
    std::set<std::string_view> names;
    for (std::size_t i = 0; i < table.size(); ++i) {
        const MetricInfo& row = table[i];
        CAPTURE(i, row.name);
        CHECK(static_cast<std::size_t>(row.metric) == i);
        CHECK(&metric_info(row.metric) == &row);
        CHECK(is_snake_case(row.name));
        CHECK(names.insert(row.name).second);
        CHECK(!row.unit.empty());
        CHECK(!row.description.empty());
        CHECK(metric_name(row.metric) == row.name);
    }
    CHECK(metric_name(Metric::Count) == "?");
    CHECK(!is_snake_case("Unemployed"));
    CHECK(!is_snake_case("exits__other"));
    CHECK(!is_snake_case("_x"));
    CHECK(!is_snake_case("x_"));
}

TEST_CASE("the table says what the switches it replaces said", "[unit][agents][metrics]") {
    for (std::size_t i = 0; i < kMetricCount; ++i) {
        const auto m = static_cast<Metric>(i);
        if (m == Metric::SpendStaff) {
            continue; // added after the switches were replaced (issue 15)
        }
        CAPTURE(metric_name(m));
        CHECK(metric_is_provider_level(m) == old_provider_level(m));
        CHECK(metric_is_scaled(m) == old_scaled(m));
        CHECK(metric_booked_at_month_end(m) == old_booked_at_month_end(m));
    }
}

TEST_CASE("named metrics have their names and properties", "[unit][agents][metrics]") {
    CHECK(metric_name(Metric::CaseloadPerCounsellor) == "caseload_per_counsellor");
    CHECK(metric_is_provider_level(Metric::CaseloadPerCounsellor));
    CHECK_FALSE(metric_is_scaled(Metric::CaseloadPerCounsellor));
    CHECK_FALSE(metric_booked_at_month_end(Metric::CaseloadPerCounsellor));
    CHECK(metric_info(Metric::CaseloadPerCounsellor).aggregation.denominator ==
          Metric::Counsellors);

    CHECK(metric_name(Metric::SpendState) == "spend_state_eur");
    CHECK(metric_info(Metric::SpendState).unit == "EUR/month");
    CHECK_FALSE(metric_is_provider_level(Metric::SpendState));
    CHECK(metric_is_scaled(Metric::SpendState));
    CHECK(metric_booked_at_month_end(Metric::SpendState));
    CHECK(metric_info(Metric::SpendState).aggregation.kind == AggregationKind::Flow);

    const Metric wait = service_metric(ServiceMeasure::WaitMean, ServiceKind::WorkTrial);
    CHECK(metric_name(wait) == "service_wait_days_mean_work_trial");
    CHECK(metric_is_provider_level(wait));
    CHECK_FALSE(metric_is_scaled(wait));
    CHECK(metric_info(wait).aggregation.denominator ==
          service_metric(ServiceMeasure::Starts, ServiceKind::WorkTrial));
    CHECK(metric_info(wait).description ==
          "Mean days from referral to start over the month's starts of work trials.");

    const Metric spend = service_metric(ServiceMeasure::Spend, ServiceKind::PaySubsidy);
    CHECK(metric_name(spend) == "spend_service_pay_subsidy_eur");
    CHECK(metric_booked_at_month_end(spend));

    CHECK(metric_info(Metric::TimeToFirstContactMean).aggregation.kind == AggregationKind::Mean);
    CHECK(metric_info(Metric::TimeToFirstContactMean).aggregation.denominator ==
          Metric::FirstContacts);
    CHECK(metric_info(Metric::Jobseekers).aggregation.kind == AggregationKind::Stock);
    CHECK(metric_info(Metric::Inflow).aggregation.kind == AggregationKind::Flow);
}

TEST_CASE("cohort metrics are named by horizon and outcome", "[unit][agents][metrics]") {
    CHECK(metric_name(Metric::Cohort3mUnemployed) == "cohort_3m_unemployed");
    CHECK(metric_name(Metric::Cohort6mEmployedOpenMarket) == "cohort_6m_employed_open_market");
    CHECK(metric_name(Metric::Cohort12mLeftOther) == "cohort_12m_left_other");
    CHECK(metric_info(Metric::Cohort12mLeftOther).description ==
          "Of the jobseekers who registered in this month with this provider and target group, "
          "those gone from the register for another reason (education, out of the labour force, "
          "a move) at the end of the 12th month after (cohort outcome).");
    for (std::size_t i = kFirstCohortMetric; i < kMetricCount; ++i) {
        const MetricInfo& row = metric_table()[i];
        CAPTURE(row.name);
        const std::string prefix = "cohort_" + std::to_string(cohort_horizon(row.metric)) + "m_";
        CHECK(row.name.substr(0, prefix.size()) == prefix);
        CHECK(row.level == MetricLevel::Person);
        CHECK(row.scaled);
        CHECK(row.aggregation.kind == AggregationKind::Cohort);
    }
}

TEST_CASE("means, quantiles, shares and ratios name a denominator kept at least as finely",
          "[unit][agents][metrics]") {
    for (const MetricInfo& row : metric_table()) {
        CAPTURE(row.name);
        const auto& denominator = row.aggregation.denominator;
        CHECK(weighted(row.aggregation.kind) == denominator.has_value());
        if (denominator) {
            const MetricInfo& d = metric_info(*denominator);
            CHECK(!weighted(d.aggregation.kind));
            // A provider's value cannot be weighted by a measure kept per target group.
            CHECK((row.level == MetricLevel::Provider || d.level == MetricLevel::Person));
        }
    }
}

TEST_CASE("the schema order lists every metric once, in the order of output/SCHEMA.md",
          "[unit][agents][metrics]") {
    const auto order = metric_schema_order();
    REQUIRE(order.size() == kMetricCount);
    std::set<Metric> seen(order.begin(), order.end());
    CHECK(seen.size() == kMetricCount);
    // The order of output/SCHEMA.md: cohorts after typ_referrals, services after recalls.
    CHECK(metric_name(order[0]) == "jobseekers");
    CHECK(metric_name(order[27]) == "typ_referrals");
    CHECK(metric_name(order[28]) == "cohort_3m_unemployed");
    CHECK(metric_name(order[48]) == "cohort_12m_left_other");
    CHECK(metric_name(order[49]) == "time_to_first_contact_days_p50");
    CHECK(metric_name(order[63]) == "recalls");
    CHECK(metric_name(order[64]) == "service_starts_other");
    CHECK(metric_name(order[order.size() - 6]) ==
          "service_wait_days_mean_multiprofessional_service");
    // Measures added after recalls come last, in the order they were added.
    CHECK(metric_name(order[order.size() - 5]) == "spend_staff_eur");
    CHECK(metric_name(order[order.size() - 4]) == "unemployment_periods_started");
    CHECK(metric_name(order[order.size() - 3]) == "unemployed_12m_continuous");
    CHECK(metric_name(order[order.size() - 2]) == "seasonal_returns");
    CHECK(metric_name(order.back()) == "unemployed_interviews_up_to_date");
}
