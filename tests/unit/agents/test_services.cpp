// Services (agents/services.cpp): seats and their line, and the rules of a stage as data.
#include "agents/params.hpp"
#include "agents/services.hpp"
#include "region_fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <utility>

using namespace kokeilu::agents;
using kokeilu::agents::testing::RegionFixture;
using kokeilu::sim::Context;

namespace {

/// Person 0 starts the fixture's course (fixed 30 days, 50 EUR a day) on day 0 under `rule`;
/// returns the length in days and the daily cost. The run goes on to the end of 2022, so no
/// stage is cut at the horizon (a stage's end is, as the run ends).
std::pair<double, double> course_with(const std::function<void(ServiceStage&)>& rule) {
    RegionFixture f(4, [](ModelInput& in) { in.end = kokeilu::sim::Date(2022, 12, 31); });
    rule(f.input().periods.front().second.models[0].stages[0]);
    std::pair<double, double> out;
    f.at(0, [&](region::Store& s, Context& ctx) {
        f.place(0, s.now);
        s.agent(0).spell_start = region::to_i32(s.now) - region::to_i32(kokeilu::sim::days(100));
        region::enter_stage(s, ctx, 0, s.te, 0, region::kNoStage, region::to_i32(s.now));
        const region::Agent& a = s.agent(0);
        out = {(region::from_i32(a.service_end) - s.now).days(), a.service_cost};
    });
    return out;
}

} // namespace

TEST_CASE("services: the one seat goes to the first referral, the second waits and starts when "
          "the seat is freed",
          "[unit][components][services]") {
    RegionFixture f;
    f.at(0, [&](region::Store& s, Context& ctx) {
        f.place(0, s.now);
        f.place(1, s.now);
        region::enter_stage(s, ctx, 0, s.te, 0, region::kNoStage, region::to_i32(s.now));
        region::enter_stage(s, ctx, 1, s.te, 0, region::kNoStage, region::to_i32(s.now));
        CHECK(s.agent(0).state == JobseekerState::InTraining);
        CHECK(s.agent(1).state == JobseekerState::Unemployed);
        CHECK(s.agent(1).stage == 0); // waits for stage 0
        CHECK(s.seats[s.te].queues.in_use(0) == 1);
        CHECK(s.seats[s.te].queues.line(0).size() == 1);
    });
    f.at(10, [&](region::Store& s, Context& ctx) {
        region::release_seat(s, ctx, 0);
        CHECK(s.agent(1).state == JobseekerState::InTraining);
        CHECK(s.seats[s.te].queues.in_use(0) == 1);
        CHECK(s.seats[s.te].queues.line(0).empty());
        // The ten days waited count toward the month's mean wait for training.
        CHECK(
            s.seats[s.te].wait_days[static_cast<std::size_t>(ServiceKind::LabourMarketTraining)] ==
            Approx(10.0));
    });
}

TEST_CASE("services: a stage's limits and payment are its own keys, not its kind",
          "[unit][components][services]") {
    const auto plain = course_with([](ServiceStage&) {});
    CHECK(plain.first == Approx(30.0));
    CHECK(plain.second == Approx(50.0));
    const auto cut = course_with([](ServiceStage& st) { st.max_days = 10.0; });
    CHECK(cut.first == Approx(10.0));
    const auto lengthened = course_with([](ServiceStage& st) { st.min_days = 45.0; });
    CHECK(lengthened.first == Approx(45.0));
    const auto grant = course_with([](ServiceStage& st) {
        st.paid_as = StagePayment::BasicAllowance;
        st.kind = ServiceKind::Other; // the kind does not matter
    });
    const double basic = default_model_params().basic_daily_eur;
    CHECK(grant.second == Approx(basic * 5.0 / 7.0));
    // Pay subsidy after 100 days (3 months) of unemployment in January 2021: 30 % of the wage
    // cost (at most 1,400 EUR a month) for 6 months under the rules before 2023-07-01
    // (DOMAIN.md §3.2 [S54]), whatever the drawn duration.
    const auto subsidy =
        course_with([](ServiceStage& st) { st.paid_as = StagePayment::PaySubsidy; });
    const double wage = default_model_params().pay_subsidy_wage_cost_eur_month;
    CHECK(subsidy.first == Approx(6.0 * 365.25 / 12.0).epsilon(1e-5));
    CHECK(subsidy.second == Approx(std::min(0.3 * wage, 1400.0) / (365.25 / 12.0)).epsilon(1e-5));
}

TEST_CASE("services: the work trial and the start-up grant under the rules the TE office's model "
          "gives them",
          "[unit][components][services]") {
    // configs/service_models/te_office.toml: a work trial lasts at most 6 months (DOMAIN.md §3.2
    // [S53]); a start-up grant at most 12 months, paid as the basic daily allowance five days a
    // week ([S57]). Draws longer than the limits (a fixed 300 or 400 days) are cut.
    const double six_months = 6.0 * 365.25 / 12.0;
    const auto trial = course_with([&](ServiceStage& st) {
        st.kind = ServiceKind::WorkTrial;
        st.max_days = 182.625;
        st.stage.duration.mean_days = 300.0;
    });
    CHECK(trial.first == Approx(six_months));
    CHECK(trial.second == Approx(50.0));
    const auto grant = course_with([](ServiceStage& st) {
        st.kind = ServiceKind::StartUpGrant;
        st.paid_as = StagePayment::BasicAllowance;
        st.max_days = 365.0;
        st.stage.duration.mean_days = 400.0;
    });
    CHECK(grant.first == Approx(365.0));
    CHECK(grant.second == Approx(default_model_params().basic_daily_eur * 5.0 / 7.0));
}

TEST_CASE("services: a start takes the seat, counts the start and schedules the stage's end",
          "[unit][components][services]") {
    RegionFixture f;
    f.at(3, [&](region::Store& s, Context& ctx) {
        f.place(0, s.now);
        region::start_stage(s, ctx, 0, s.te, 0, region::to_i32(s.now));
        const region::Agent& a = s.agent(0);
        CHECK(a.state == JobseekerState::InTraining);
        CHECK(a.stage == 0);
        CHECK(a.service_provider == s.te);
        CHECK(s.seats[s.te].queues.in_use(0) == 1);
        CHECK(s.flow(s.te, 0, Metric::ServiceStarts) == 1.0);
    });
    const auto end = std::find_if(f.scheduled().begin(), f.scheduled().end(),
                                  [](const auto& e) { return e.kind == region::kServiceEnd; });
    REQUIRE(end != f.scheduled().end());
    CHECK(end->data == 0);
    CHECK(end->at == kokeilu::sim::days(3 + 30) + kokeilu::sim::hours(9));
}

TEST_CASE("services: a freed seat skips those in the line who have moved on",
          "[unit][components][services]") {
    RegionFixture f;
    f.at(0, [&](region::Store& s, Context& ctx) {
        for (const std::uint32_t i : {0U, 1U, 2U}) {
            f.place(i, s.now);
            region::enter_stage(s, ctx, i, s.te, 0, region::kNoStage, region::to_i32(s.now));
        }
        CHECK(s.seats[s.te].queues.line(0).size() == 2);
    });
    f.at(5, [&](region::Store& s, Context& ctx) {
        ++s.agent(1).spell; // e.g. found a registered job and came back: a new spell
        region::release_seat(s, ctx, 0);
        CHECK(s.agent(1).state == JobseekerState::Unemployed);
        CHECK(s.agent(2).state == JobseekerState::InTraining);
        CHECK(s.seats[s.te].queues.line(0).empty());
    });
}

namespace {

/// A region whose training has `eur` a year (queueing or refusing when spent) and no seat limit.
void with_training_budget(ModelInput& in, double eur, bool queue, bool monthly = false) {
    BudgetQuota q;
    q.monthly = monthly;
    q.name = "training";
    q.region = 0;
    q.services = {ServiceKind::LabourMarketTraining};
    q.eur_per_year = eur;
    q.queue = queue;
    in.quotas.push_back(q);
    in.periods.front().second.models[0].stages[0].stage.servers = 0;
}

} // namespace

TEST_CASE("services: a start commits its whole cost; when the year's money is spent a "
          "referral is refused, or waits for next year's money",
          "[unit][components][services]") {
    for (const bool queue : {false, true}) {
        CAPTURE(queue);
        RegionFixture f(4, [&](ModelInput& in) { with_training_budget(in, 1000.0, queue); });
        f.at(0, [&](region::Store& s, Context& ctx) {
            f.place(0, s.now);
            f.place(1, s.now);
            region::enter_stage(s, ctx, 0, s.te, 0, region::kNoStage, region::to_i32(s.now));
            CHECK(s.budgets.front().left == Approx(1000.0 - 30.0 * 50.0));
            region::enter_stage(s, ctx, 1, s.te, 0, region::kNoStage, region::to_i32(s.now));
            CHECK(s.agent(1).state == JobseekerState::Unemployed);
            CHECK(s.flow(s.te, 0, Metric::BudgetRefusals) == (queue ? 0.0 : 1.0));
            CHECK(s.budgets.front().waiting.size() == (queue ? 1U : 0U));
        });
        f.at(40, [&](region::Store& s, Context& ctx) {
            region::release_budgets(s, ctx, true);
            CHECK(s.agent(1).state ==
                  (queue ? JobseekerState::InTraining : JobseekerState::Unemployed));
        });
    }
}

TEST_CASE("services: a monthly budget releases a twelfth each month, carried within the year and "
          "not into the next; a yearly one only on 1 January",
          "[unit][components][services]") {
    RegionFixture f(4, [&](ModelInput& in) {
        with_training_budget(in, 12000.0, true, true);
        with_training_budget(in, 5000.0, true, false);
    });
    f.at(0, [&](region::Store& s, Context& ctx) {
        REQUIRE(s.budgets.size() == 2);
        CHECK(s.budgets[0].left == Approx(1000.0));
        CHECK(s.budgets[1].left == Approx(5000.0));
        // Spend the month's money and more: the first start (1,500 EUR) overspends it.
        f.place(0, s.now);
        f.place(1, s.now);
        region::enter_stage(s, ctx, 0, s.te, 0, region::kNoStage, region::to_i32(s.now));
        CHECK(s.budgets[0].left == Approx(1000.0 - 1500.0));
        region::enter_stage(s, ctx, 1, s.te, 0, region::kNoStage, region::to_i32(s.now));
        CHECK(s.budgets[0].waiting.size() == 1U);
        // Next month: a twelfth more, after the overspending (-500 + 1,000 = 500), so the one
        // waiting starts and commits 1,500; the yearly budget gets nothing.
        region::release_budgets(s, ctx, false);
        CHECK(s.agent(1).state == JobseekerState::InTraining);
        CHECK(s.budgets[0].left == Approx(500.0 - 1500.0));
        CHECK(s.budgets[1].left == Approx(5000.0));
        region::release_budgets(s, ctx, true); // 1 January: a fresh start for both
        CHECK(s.budgets[0].left == Approx(1000.0));
        CHECK(s.budgets[1].left == Approx(5000.0));
    });
}
