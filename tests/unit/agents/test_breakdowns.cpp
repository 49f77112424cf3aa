// The breakdowns by age band and language (agents/breakdowns.hpp): a person's flows and
// month-end stocks go to their target group and to their row of every breakdown, and the age
// bands hold everyone of their age whatever the target group.
#include "agents/law.hpp"
#include "agents/panel.hpp"
#include "region_fixture.hpp"

#include <catch2/catch.hpp>

using namespace kokeilu::agents;
using kokeilu::agents::testing::RegionFixture;
using kokeilu::sim::Context;

namespace {

constexpr std::size_t kUnder30 = 1; // kTargetGroups: no_earnings_related, under_30, ...

/// Person i is `years` old today (at the fixture's scale of 1, a person counts 1).
void set_age(region::Store& s, std::uint32_t i, double years) {
    s.agent(i).birth_day = s.today() - static_cast<std::int32_t>(years * 365.25) - 1;
}

double breakdown_value(const std::vector<double>& v, std::uint8_t provider, std::size_t group,
                       Metric m) {
    return v[region::breakdown_index(provider, group, breakdown_slot(m))];
}

} // namespace

TEST_CASE("breakdowns: age bands are cut at 25, 30, 50, 55 and 65 whole years",
          "[unit][components][breakdowns]") {
    CHECK(age_band_group(17) == 0);
    CHECK(age_band_group(24) == 0);
    CHECK(age_band_group(25) == 1);
    CHECK(age_band_group(29) == 1);
    CHECK(age_band_group(30) == 2);
    CHECK(age_band_group(49) == 2);
    CHECK(age_band_group(50) == 3);
    CHECK(age_band_group(55) == 4);
    CHECK(age_band_group(64) == 4);
    CHECK(age_band_group(65) == 5);
    CHECK(age_band_group(80) == 5);
    CHECK(kBreakdownGroups[age_band_group(65)].name == "65_plus");
    CHECK(kBreakdownGroups[kFinnishGroup].name == "finnish");
    CHECK(kBreakdownGroups[kSwedishGroup].name == "swedish");
    CHECK(kBreakdownGroups[kForeignGroup].name == "foreign");
    for (const Metric m : kBreakdownMetrics) {
        CAPTURE(metric_name(m));
        CHECK_FALSE(metric_is_provider_level(m)); // persons only: they partition like groups
        CHECK(kBreakdownMetrics[breakdown_slot(m)] == m);
    }
    CHECK(breakdown_slot(Metric::SpendState) == kBreakdownMetricCount); // not kept
}

TEST_CASE("breakdowns: a booked flow goes to the target group and to one row of each breakdown",
          "[unit][components][breakdowns]") {
    RegionFixture f;
    f.at(10, [&](region::Store& s, Context&) {
        f.place(0, s.now);
        set_age(s, 0, 27.5);
        s.agent(0).flags |= region::kSwedish; // no earnings-related allowance: target group 0
        const region::PersonRows rows = region::rows_of(s, s.agent(0));
        CHECK(rows.group == 0);
        s.book(s.te, rows, Metric::ExitsEmployment);
        s.book(s.te, rows, Metric::SpendState, 12.5); // not a breakdown measure
    });
    const region::Store& s = f.store();
    CHECK(s.flow(s.te, 0, Metric::ExitsEmployment) == 1.0);
    for (std::size_t g = 0; g < kBreakdownGroupCount; ++g) {
        CAPTURE(kBreakdownGroups[g].name);
        const bool mine = g == age_band_group(27) || g == kSwedishGroup;
        CHECK(breakdown_value(s.breakdown_flows, s.te, g, Metric::ExitsEmployment) ==
              (mine ? 1.0 : 0.0));
    }
    CHECK(s.flow(s.te, 0, Metric::SpendState) == 12.5);
}

TEST_CASE("breakdowns: the month-end stocks count every under-30 in the age bands, whatever "
          "their benefit, and each breakdown adds up to the target groups",
          "[unit][components][breakdowns]") {
    RegionFixture f;
    f.at(20, [&](region::Store& s, Context&) {
        for (std::uint32_t i = 0; i < 4; ++i) {
            f.place(i, s.now);
        }
        set_age(s, 0, 22.0); // earnings-related: target group under_30
        s.agent(0).flags |= region::kEarningsRelated;
        set_age(s, 1, 27.0); // basic allowance: target group no_earnings_related
        set_age(s, 2, 40.0); // Swedish, earnings-related: earnings_related_30_plus
        s.agent(2).flags |= region::kEarningsRelated | region::kSwedish;
        set_age(s, 3, 66.0); // foreign-language, earnings-related: foreign_language
        s.agent(3).flags |= region::kEarningsRelated | region::kForeign;
        s.agent(3).state = JobseekerState::InTraining;
        region::snapshot(s, 0);
    });
    const region::Store& s = f.store();
    REQUIRE(s.snapshots.size() == 1);
    REQUIRE(s.breakdown_snapshots.size() == 1);
    const std::vector<double>& v = s.snapshots.front().second;
    const std::vector<double>& b = s.breakdown_snapshots.front();
    const auto value = [&](std::size_t g, Metric m) { return v[region::panel_index(s.te, g, m)]; };
    const auto age = [&](int years, Metric m) {
        return breakdown_value(b, s.te, age_band_group(years), m);
    };
    // The target group under_30 holds only the under-30 with the earnings-related allowance;
    // the age bands hold both under-30s.
    CHECK(value(kUnder30, Metric::Jobseekers) == 1.0);
    CHECK(age(22, Metric::Jobseekers) + age(27, Metric::Jobseekers) == 2.0);
    CHECK(age(22, Metric::Unemployed) == 1.0);
    CHECK(age(27, Metric::Unemployed) == 1.0);
    CHECK(age(40, Metric::Jobseekers) == 1.0);
    CHECK(age(52, Metric::Jobseekers) == 0.0);
    CHECK(age(60, Metric::Jobseekers) == 0.0);
    CHECK(age(66, Metric::Jobseekers) == 1.0);
    CHECK(age(66, Metric::InTraining) == 1.0);
    CHECK(age(66, Metric::Unemployed) == 0.0);
    CHECK(breakdown_value(b, s.te, kFinnishGroup, Metric::Jobseekers) == 2.0);
    CHECK(breakdown_value(b, s.te, kSwedishGroup, Metric::Jobseekers) == 1.0);
    CHECK(breakdown_value(b, s.te, kForeignGroup, Metric::InTraining) == 1.0);
    // Every breakdown partitions the provider's jobseekers as the target groups do.
    for (const Metric m : kBreakdownMetrics) {
        CAPTURE(metric_name(m));
        double groups = 0.0;
        for (std::size_t g = 0; g + 1 < kTargetGroups.size(); ++g) {
            groups += value(g, m);
        }
        double ages = 0.0;
        double languages = 0.0;
        for (std::size_t g = 0; g < kBreakdownGroupCount; ++g) {
            (g < kFirstLanguageGroup ? ages : languages) += breakdown_value(b, s.te, g, m);
        }
        CHECK(ages == groups);
        CHECK(languages == groups);
    }
    CHECK(value(0, Metric::Jobseekers) + value(1, Metric::Jobseekers) +
              value(2, Metric::Jobseekers) + value(3, Metric::Jobseekers) ==
          4.0);
}
