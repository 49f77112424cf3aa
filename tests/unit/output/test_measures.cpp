// The standard measure catalogue is the agents' measure table in the schema order.
#include "agents/metrics.hpp"
#include "output/measures.hpp"

#include <catch2/catch.hpp>

using namespace kokeilu;

TEST_CASE("standard_measures() lists every metric once, in the schema order", "[unit][output]") {
    const auto measures = output::standard_measures();
    const auto order = agents::metric_schema_order();
    REQUIRE(measures.size() == agents::kMetricCount);
    REQUIRE(order.size() == agents::kMetricCount);
    for (std::size_t i = 0; i < measures.size(); ++i) {
        const agents::MetricInfo& row = agents::metric_info(order[i]);
        CAPTURE(i, row.name);
        CHECK(measures[i].name == row.name);
        CHECK(measures[i].unit == row.unit);
        CHECK(measures[i].description == row.description);
    }
    // output/SCHEMA.md's order: the cohort outcomes after typ_referrals, not last as in Metric.
    CHECK(measures[27].name == "typ_referrals");
    CHECK(measures[28].name == "cohort_3m_unemployed");
    CHECK(measures[49].name == "time_to_first_contact_days_p50");
    CHECK(measures[measures.size() - 6].name == "service_wait_days_mean_multiprofessional_service");
    CHECK(measures[measures.size() - 5].name == "spend_staff_eur");
    CHECK(measures[measures.size() - 4].name == "unemployment_periods_started");
    CHECK(measures[measures.size() - 3].name == "unemployed_12m_continuous");
    CHECK(measures[measures.size() - 2].name == "seasonal_returns");
    CHECK(measures.back().name == "unemployed_interviews_up_to_date");
}
