// Money (agents/money.cpp): benefits and service costs booked to their payers.
#include "agents/law.hpp"
#include "agents/money.hpp"
#include "agents/services.hpp"
#include "region_fixture.hpp"

#include <catch2/catch.hpp>

using namespace kokeilu::agents;
using kokeilu::agents::testing::RegionFixture;

namespace {

double booked(region::Store& s, std::uint32_t i, Metric m) {
    const region::Agent& a = s.agent(i);
    return s.flow(a.provider, region::group_of(s, a), m);
}

} // namespace

TEST_CASE("money: a week of earnings-related allowance is five paid days, all from the funds",
          "[unit][components][money]") {
    RegionFixture f;
    f.at(0, [&](region::Store& s, kokeilu::sim::Context&) {
        f.place(0, s.now);
        s.agent(0).flags |= region::kEarningsRelated;
    });
    f.at(7, [&](region::Store& s, kokeilu::sim::Context&) { region::accrue(s, 0); });
    region::Store& s = f.store();
    const ModelParams& q = f.input().periods.front().second;
    CHECK(booked(s, 0, Metric::BenefitDays) == Approx(5.0));
    CHECK(booked(s, 0, Metric::SpendUnemploymentFunds) ==
          Approx(5.0 * q.earnings_related_daily_eur));
    CHECK(booked(s, 0, Metric::SpendState) == 0.0);
    CHECK(booked(s, 0, Metric::SpendMunicipality) == 0.0);
    CHECK(s.agent(0).era_days == Approx(5.0F));
}

TEST_CASE("money: labour-market subsidy past 300 days is half the municipality's (2015 rule)",
          "[unit][components][money]") {
    RegionFixture f;
    f.at(0, [&](region::Store& s, kokeilu::sim::Context&) {
        f.place(0, s.now);
        s.agent(0).flags |= region::kLabourMarketSubsidy;
        s.agent(0).lms_days = 400.0F;
    });
    f.at(14, [&](region::Store& s, kokeilu::sim::Context&) { region::accrue(s, 0); });
    region::Store& s = f.store();
    const double basic = 10.0 * f.input().periods.front().second.basic_daily_eur;
    CHECK(booked(s, 0, Metric::SpendMunicipality) == Approx(0.5 * basic));
    CHECK(booked(s, 0, Metric::SpendState) == Approx(0.5 * basic));
    CHECK(s.agent(0).lms_days == Approx(410.0F));
}

TEST_CASE("money: nothing is paid to a person in open-market work, and booking twice adds "
          "nothing",
          "[unit][components][money]") {
    RegionFixture f;
    f.at(0, [&](region::Store& s, kokeilu::sim::Context&) {
        f.place(0, s.now);
        s.agent(0).flags |= region::kEarningsRelated;
        s.agent(0).state = JobseekerState::EmployedOpenMarket;
    });
    f.at(30, [&](region::Store& s, kokeilu::sim::Context&) {
        region::accrue(s, 0);
        region::accrue(s, 0);
    });
    region::Store& s = f.store();
    CHECK(booked(s, 0, Metric::BenefitDays) == 0.0);
    CHECK(booked(s, 0, Metric::SpendUnemploymentFunds) == 0.0);
    CHECK(s.agent(0).accrued_until ==
          region::to_i32(kokeilu::sim::days(30) + kokeilu::sim::hours(9)));
}

TEST_CASE("money: an earnings-related allowance runs out at its maximum days",
          "[unit][components][money]") {
    RegionFixture f;
    f.at(0, [&](region::Store& s, kokeilu::sim::Context&) {
        f.place(0, s.now);
        region::Agent& a = s.agent(0);
        a.flags |= region::kEarningsRelated;
        a.era_days = 399.0F;
        CHECK_FALSE(region::convert_exhausted_allowance(s, a));
        a.era_days = 400.0F; // exactly the maximum: runs out
        CHECK(region::convert_exhausted_allowance(s, a));
        CHECK(a.lms_days == 0.0F);
        a.flags = static_cast<std::uint16_t>((a.flags & ~region::kLabourMarketSubsidy) |
                                             region::kEarningsRelated);
        a.era_days = 402.0F;
        CHECK(region::convert_exhausted_allowance(s, a));
        CHECK((a.flags & region::kEarningsRelated) == 0);
        CHECK((a.flags & region::kLabourMarketSubsidy) != 0);
        CHECK(a.lms_days == Approx(2.0F));
    });
}

namespace {

/// Person 0 starts the fixture's course (30 days, 50 EUR a day, at the TE office) on day 0 with
/// benefit `flags` and `lms_days`; its money is booked on day 10.
void ten_days_in_the_course(RegionFixture& f, std::uint16_t flags, float lms_days) {
    f.at(0, [&](region::Store& s, kokeilu::sim::Context& ctx) {
        f.place(0, s.now);
        s.agent(0).flags |= flags;
        s.agent(0).lms_days = lms_days;
        region::enter_stage(s, ctx, 0, s.te, 0, region::kNoStage, region::to_i32(s.now));
        REQUIRE(s.agent(0).state == JobseekerState::InTraining);
    });
    f.at(10, [&](region::Store& s, kokeilu::sim::Context&) { region::accrue(s, 0); });
}

} // namespace

TEST_CASE("money: ten days in a course are 50/7 benefit days and the course's cost a day, all "
          "from the state",
          "[unit][components][money]") {
    RegionFixture f;
    ten_days_in_the_course(f, 0, 0.0F); // basic allowance
    region::Store& s = f.store();
    const double basic = f.input().periods.front().second.basic_daily_eur;
    const double benefit_days = 10.0 * 5.0 / 7.0;
    CHECK(booked(s, 0, Metric::BenefitDays) == Approx(benefit_days));
    CHECK(booked(s, 0, Metric::SpendState) == Approx(benefit_days * basic + 10.0 * 50.0));
    CHECK(booked(s, 0, service_metric(ServiceMeasure::Spend, ServiceKind::LabourMarketTraining)) ==
          Approx(10.0 * 50.0));
    CHECK(booked(s, 0, Metric::SpendMunicipality) == 0.0);
    CHECK(booked(s, 0, Metric::SpendUnemploymentFunds) == 0.0);
}

TEST_CASE("money: labour-market subsidy in a service is the state's alone and its days do not "
          "count toward the municipal share",
          "[unit][components][money]") {
    RegionFixture f;
    ten_days_in_the_course(f, region::kLabourMarketSubsidy, 400.0F);
    region::Store& s = f.store();
    const double basic = f.input().periods.front().second.basic_daily_eur;
    CHECK(booked(s, 0, Metric::SpendMunicipality) == 0.0);
    CHECK(booked(s, 0, Metric::SpendState) == Approx(10.0 * 5.0 / 7.0 * basic + 10.0 * 50.0));
    CHECK(s.agent(0).lms_days == 400.0F);
}
