// The jobseeker model on the default scenario, small scale: staff capacity, contact deadlines,
// the Nordic model's cadence, caseload caps, budgets, profiling and the TYP assessment act in
// the direction of the evidence.
#include "model_run.hpp"
#include "sim/summary.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <map>
#include <string>
#include <vector>

using namespace kokeilu;
using namespace kokeilu::model_test;
using agents::Metric;

TEST_CASE("50 % more counsellors at one TE office: fewer overdue interviews, faster first "
          "contact, shorter unemployment (common random numbers)",
          "[unit][model]") {
    // No pilots, and staff short enough that work queues.
    const std::vector<std::string> common{"scenario.end=2020-12-31", "pilot.start=2030-01-01",
                                          "pilot.end=2030-12-31",
                                          "process.counsellor_minutes_per_day=35"};
    const Run base = run(common);
    auto more = common;
    more.push_back(
        "providers.te_uusimaa.counsellors=" +
        std::to_string(1.5 *
                       base.input.periods.front().second.counsellors[base.provider("te_uusimaa")]));
    const Run plus = run(more);
    const std::size_t p = base.provider("te_uusimaa");
    double overdue0 = 0.0;
    double overdue1 = 0.0;
    double contact0 = 0.0;
    double contact1 = 0.0;
    double unemployed0 = 0.0;
    double unemployed1 = 0.0;
    for (std::size_t k = 3; k < base.months.size(); ++k) {
        overdue0 += base.of(k, p, Metric::InterviewsOverdue);
        overdue1 += plus.of(k, p, Metric::InterviewsOverdue);
        contact0 += base.of(k, p, Metric::TimeToFirstContactMean);
        contact1 += plus.of(k, p, Metric::TimeToFirstContactMean);
        unemployed0 += base.of(k, p, Metric::Unemployed);
        unemployed1 += plus.of(k, p, Metric::Unemployed);
    }
    INFO("overdue " << overdue0 << " -> " << overdue1 << ", first contact (days, summed) "
                    << contact0 << " -> " << contact1 << ", unemployed (summed) " << unemployed0
                    << " -> " << unemployed1);
    CHECK(overdue0 > 0.0);
    CHECK(overdue1 < 0.8 * overdue0);
    CHECK(contact1 < contact0);
    CHECK(unemployed1 < unemployed0);
    // Other regions are untouched: they do not share staff or random numbers with Uusimaa.
    const std::size_t other = base.provider("te_pirkanmaa");
    for (std::size_t k = 0; k < base.months.size(); ++k) {
        CHECK(base.of(k, other, Metric::Unemployed) == plus.of(k, other, Metric::Unemployed));
    }
}

TEST_CASE("the unemployed with their 3-month interviews up to date: nearly all with staff to "
          "spare, fewer with staff short",
          "[unit][model]") {
    const std::vector<std::string> common{"scenario.end=2019-12-31", "pilot.start=2030-01-01",
                                          "pilot.end=2030-12-31"};
    auto share = [&](const char* minutes) {
        auto sets = common;
        sets.push_back(std::string("process.counsellor_minutes_per_day=") + minutes);
        const Run r = run(sets);
        double up_to_date = 0.0;
        double three_plus = 0.0;
        for (std::size_t k = r.month(2019, 6); k < r.months.size(); ++k) {
            up_to_date += r.total(k, Metric::UnemployedInterviewsUpToDate);
            three_plus +=
                r.total(k, Metric::Unemployed3to12m) + r.total(k, Metric::Unemployed12mPlus);
        }
        REQUIRE(three_plus > 0.0);
        return up_to_date / three_plus;
    };
    const double ample = share("1000");
    const double short_staffed = share("35");
    INFO("share up to date, June-December 2019: " << ample << " with 1,000 minutes a day, "
                                                  << short_staffed << " with 35");
    CHECK(ample > 0.9);
    CHECK(ample <= 1.0);
    CHECK(short_staffed < ample - 0.2);
}

TEST_CASE("a quicker first contact in one service model shows in that model's output",
          "[unit][model]") {
    const std::vector<std::string> common{"scenario.end=2021-12-31"};
    const Run base = run(common);
    auto quick = common;
    quick.push_back("service_models.pilot_personal_coach.contact_minutes=20");
    quick.push_back("service_models.pilot_personal_coach.assessment_minutes=20");
    const Run fast = run(quick);
    const std::size_t p = base.provider("pilot_helsinki");
    double t0 = 0.0;
    double t1 = 0.0;
    for (std::size_t k = base.month(2021, 4); k < base.months.size(); ++k) {
        t0 += base.of(k, p, Metric::TimeToFirstContactMean);
        t1 += fast.of(k, p, Metric::TimeToFirstContactMean);
    }
    INFO("mean days to first contact, summed over months: " << t0 << " -> " << t1);
    CHECK(t1 < t0);
    // The TE offices run another model: before the pilots nothing differs at all.
    const std::size_t before = base.month(2021, 2);
    for (std::size_t k = 0; k <= before; ++k) {
        CHECK(std::memcmp(base.months[k].values.data(), fast.months[k].values.data(),
                          base.months[k].values.size() * sizeof(double)) == 0);
    }
}

TEST_CASE("a service model's own first-contact deadline and interview interval apply to its "
          "providers only",
          "[unit][model]") {
    const std::vector<std::string> common{"scenario.end=2021-12-31"};
    const Run base = run(common);
    auto sooner = common;
    sooner.push_back("service_models.pilot_personal_coach.initial_interview_working_days=3");
    const Run deadline = run(sooner);
    auto monthly = common;
    monthly.push_back("service_models.pilot_personal_coach.interview_interval_days=30");
    const Run interval = run(monthly);
    const std::size_t p = base.provider("pilot_helsinki");
    double days[2] = {0.0, 0.0};
    double held[2] = {0.0, 0.0};
    for (std::size_t k = base.month(2021, 4); k < base.months.size(); ++k) {
        days[0] += base.of(k, p, Metric::TimeToFirstContactMean);
        days[1] += deadline.of(k, p, Metric::TimeToFirstContactMean);
        held[0] += base.of(k, p, Metric::InterviewsHeld);
        held[1] += interval.of(k, p, Metric::InterviewsHeld);
    }
    INFO("days to first contact, summed over months: "
         << days[0] << " -> " << days[1] << "; interviews held: " << held[0] << " -> " << held[1]);
    // A first contact due in 3 working days goes ahead of periodic interviews in the queue.
    CHECK(days[1] < days[0]);
    // Interviews every 30 days instead of 91: more of them.
    CHECK(held[1] > 1.1 * held[0]);
    // The TE offices run another model: before the pilots nothing differs at all.
    for (std::size_t k = 0; k <= base.month(2021, 2); ++k) {
        for (const Run* r : {&deadline, &interval}) {
            CHECK(std::memcmp(base.months[k].values.data(), r->months[k].values.data(),
                              base.months[k].values.size() * sizeof(double)) == 0);
        }
    }
}

TEST_CASE("the Nordic model's two-week cadence switches on on its date, also for jobseekers "
          "already registered",
          "[unit][model]") {
    const Run r = run({"scenario.end=2022-12-31"});
    // Staff time to spare in every period, the Nordic model's own included (its [[timeline]]
    // entry sets the minutes, so --set cannot).
    agents::ModelInput plenty = default_input({"scenario.end=2022-12-31"});
    for (auto& period : plenty.periods) {
        period.second.counsellor_minutes_per_day = 1000.0;
    }
    const Run ample = run_input(std::move(plenty));
    const std::size_t apr = ample.month(2022, 4);
    const std::size_t jun = ample.month(2022, 6);
    const double before =
        ample.total(apr, Metric::InterviewsHeld) / ample.total(apr, Metric::Unemployed);
    const double after =
        ample.total(jun, Metric::InterviewsHeld) / ample.total(jun, Metric::Unemployed);
    INFO("interviews per unemployed jobseeker: April 2022 " << before << ", June 2022 " << after);
    // About 1.45x: every unemployed person in the first 3 months of a spell now meets a
    // counsellor every 2 weeks instead of every 3 months (the rest keep the 3-month cadence).
    CHECK(after > 1.3 * before);
    // With the default staff, the extra meetings make queues.
    CHECK(r.total(jun, Metric::InterviewsLate) > r.total(apr, Metric::InterviewsLate));
}

TEST_CASE("a shorter first-contact deadline shortens the time to first contact, with a paired "
          "95 % interval that excludes zero at 4 replications",
          "[unit][model]") {
    const auto base_input = scenario::build_model_input(
        scenario::load_scenario("", {"population.scale=0.01", "scenario.end=2021-12-31"}));
    const auto fast_input = scenario::build_model_input(
        scenario::load_scenario("", {"population.scale=0.01", "scenario.end=2021-12-31",
                                     "process.initial_interview_working_days=3"}));
    auto mean_days = [](const agents::ModelInput& in, std::uint64_t rep) {
        double contacts = 0.0;
        double days = 0.0;
        (void)agents::run_model(in, 1, rep, 2, [&](const agents::MonthPanel& p) {
            for (std::size_t pr = 0; pr < in.providers.size(); ++pr) {
                double fc = 0.0;
                for (std::size_t g = 0; g + 1 < kGroups; ++g) {
                    fc += p.value(pr, g, Metric::FirstContacts);
                }
                contacts += fc;
                days += fc * p.value(pr, kAll, Metric::TimeToFirstContactMean);
            }
        });
        return days / contacts;
    };
    std::vector<double> diff;
    for (std::uint64_t rep = 0; rep < 4; ++rep) {
        diff.push_back(mean_days(fast_input, rep) - mean_days(base_input, rep));
    }
    const auto s = sim::summarise(diff);
    INFO("difference in mean days to first contact: " << s.mean << " ± " << s.half_width);
    CHECK(s.mean < 0.0);
    CHECK(s.upper() < 0.0);
}

TEST_CASE("a caseload cap makes new jobseekers queue for their first contact", "[unit][model]") {
    // Staff with time to spare (200 minutes a day), so only the cap makes people wait.
    const std::vector<std::string> common{"scenario.end=2019-12-31", "pilot.start=2030-01-01",
                                          "pilot.end=2030-12-31",
                                          "process.counsellor_minutes_per_day=200"};
    const Run base = run(common);
    const std::size_t p = base.provider("te_uusimaa");
    const std::size_t last = base.months.size() - 1;
    const double caseload = base.of(last, p, Metric::CaseloadPerCounsellor);
    REQUIRE(caseload > 0.0);
    auto capped_sets = common;
    capped_sets.push_back("service_models.te_office.caseload_cap_per_counsellor=" +
                          std::to_string(0.9 * caseload));
    const Run capped = run(capped_sets);
    double queue0 = 0.0;
    double queue1 = 0.0;
    double contact0 = 0.0;
    double contact1 = 0.0;
    double on_time0 = 0.0;
    double on_time1 = 0.0;
    for (std::size_t k = 0; k < base.months.size(); ++k) {
        queue0 += base.of(k, p, Metric::IntakeQueue);
        queue1 += capped.of(k, p, Metric::IntakeQueue);
        contact0 += base.of(k, p, Metric::TimeToFirstContactMean);
        contact1 += capped.of(k, p, Metric::TimeToFirstContactMean);
        on_time0 += base.of(k, p, Metric::FirstContactsOnTimeShare);
        on_time1 += capped.of(k, p, Metric::FirstContactsOnTimeShare);
    }
    INFO("intake queue " << queue0 << " -> " << queue1 << ", first contact " << contact0 << " -> "
                         << contact1 << ", on time " << on_time0 << " -> " << on_time1);
    CHECK(queue0 == 0.0);
    CHECK(queue1 > 0.0);
    CHECK(contact1 > 1.5 * contact0);
    CHECK(on_time1 < on_time0);
}

TEST_CASE("a spent training budget refuses or queues referrals until the next year",
          "[unit][model]") {
    using agents::ServiceKind;
    using agents::ServiceMeasure;
    const std::vector<std::string> common{"scenario.end=2021-12-31", "pilot.start=2030-01-01",
                                          "pilot.end=2030-12-31"};
    const Run base = run(common);
    const std::uint32_t uusimaa = base.input.providers[base.provider("te_uusimaa")].region;
    const std::size_t jan20 = base.month(2020, 1);
    const Metric starts = service(ServiceMeasure::Starts, ServiceKind::LabourMarketTraining);
    const Metric spend = service(ServiceMeasure::Spend, ServiceKind::LabourMarketTraining);
    double spend_2020 = 0.0;
    double starts_2020 = 0.0;
    for (std::size_t k = jan20; k < jan20 + 12; ++k) {
        spend_2020 += region_total(base, k, spend, uusimaa);
        starts_2020 += region_total(base, k, starts, uusimaa);
    }
    REQUIRE(starts_2020 > 0.0);
    // A quarter of what the region spent (as whole-country euros at scale 1).
    const std::string budget = std::to_string(0.25 * spend_2020);
    auto with_budget = [&](const std::string& rule) {
        auto sets = common;
        // Uusimaa's training money (configs/budgets.toml), smaller and all on 1 January.
        sets.push_back("budgets.training_uusimaa.eur_per_year=" + budget);
        sets.push_back("budgets.training_uusimaa.released=yearly");
        sets.push_back("budgets.training_uusimaa.when_exhausted=" + rule);
        return run(sets);
    };
    const Run refuse = with_budget("refuse");
    const Run queue = with_budget("queue");
    double refused = 0.0;
    double refuse_starts = 0.0;
    double queue_starts = 0.0;
    for (std::size_t k = jan20; k < jan20 + 12; ++k) {
        refused += region_total(refuse, k, Metric::BudgetRefusals, uusimaa);
        refuse_starts += region_total(refuse, k, starts, uusimaa);
        queue_starts += region_total(queue, k, starts, uusimaa);
        CHECK(region_total(refuse, k, Metric::BudgetQueue, uusimaa) == 0.0);
    }
    INFO("training starts in Uusimaa 2020: " << starts_2020 << " unlimited, " << refuse_starts
                                             << " refused when spent, " << queue_starts
                                             << " queued when spent; refusals " << refused);
    CHECK(refused > 0.0);
    CHECK(refuse_starts < 0.6 * starts_2020);
    CHECK(queue_starts < 0.6 * starts_2020);
    // Queued referrals wait to the year end and start with the new year's money.
    const std::size_t dec20 = base.month(2020, 12);
    const std::size_t jan21 = base.month(2021, 1);
    CHECK(region_total(queue, dec20, Metric::BudgetQueue, uusimaa) > 0.0);
    // The budget pays for labour-market and integration training: its queue is theirs.
    CHECK(region_total(queue, dec20,
                       service(ServiceMeasure::Queue, ServiceKind::LabourMarketTraining), uusimaa) +
              region_total(queue, dec20,
                           service(ServiceMeasure::Queue, ServiceKind::IntegrationTraining),
                           uusimaa) ==
          region_total(queue, dec20, Metric::BudgetQueue, uusimaa));
    CHECK(region_total(queue, jan21, starts, uusimaa) >
          2.0 * region_total(queue, dec20, starts, uusimaa));
    CHECK(region_total(queue, jan21,
                       service(ServiceMeasure::WaitMean, ServiceKind::LabourMarketTraining),
                       uusimaa) > 30.0);
    // Other regions have their own money and their own random numbers.
    const std::size_t other = base.provider("te_pirkanmaa");
    for (std::size_t k = 0; k < base.months.size(); ++k) {
        CHECK(refuse.of(k, other, Metric::Unemployed) == base.of(k, other, Metric::Unemployed));
    }
}

TEST_CASE("profiling puts high-risk registrations into early intensive support", "[unit][model]") {
    const std::vector<std::string> common{"scenario.end=2019-12-31", "pilot.start=2030-01-01",
                                          "pilot.end=2030-12-31"};
    const Run base = run(common);
    auto sets = common;
    sets.push_back("service_models.te_office.risk_thresholds=[0.25, 0.4]");
    sets.push_back("service_models.te_office.intensive_from_group=1");
    sets.push_back("service_models.te_office.referral_intensive=0.9");
    const Run profiled = run(sets);
    double intensive = 0.0;
    double inflow = 0.0;
    double starts0 = 0.0;
    double starts1 = 0.0;
    for (std::size_t k = 0; k < base.months.size(); ++k) {
        CHECK(base.total(k, Metric::ProfiledIntensive) == 0.0);
        intensive += profiled.total(k, Metric::ProfiledIntensive);
        inflow += profiled.total(k, Metric::Inflow);
        starts0 += base.total(k, Metric::ServiceStarts);
        starts1 += profiled.total(k, Metric::ServiceStarts);
    }
    INFO("intensive " << intensive << " of " << inflow << " registrations; service starts "
                      << starts0 << " -> " << starts1);
    CHECK(intensive > 0.05 * inflow);
    CHECK(intensive < 0.6 * inflow);
    CHECK(starts1 > starts0);
}

TEST_CASE("the TYP assessment becomes due for the long-term unemployed and leads into the "
          "model's typ_stage",
          "[unit][model]") {
    const std::vector<std::string> common{"scenario.end=2020-12-31", "pilot.start=2030-01-01",
                                          "pilot.end=2030-12-31"};
    const Run base = run(common);
    // Mark the TE office's TYP assessment stage with another register status to see who is in it.
    auto marked = common;
    marked.push_back("service_models.te_office.stages.typ_assessment.status=\"in_training\"");
    const Run typ = run(marked);
    double referrals = 0.0;
    double extra_in_stage = 0.0;
    for (std::size_t k = 0; k < base.months.size(); ++k) {
        referrals += base.total(k, Metric::TypReferrals);
        extra_in_stage += typ.total(k, Metric::InTraining) - base.total(k, Metric::InTraining);
    }
    INFO("TYP referrals " << referrals
                          << ", extra month-end stock in the TYP stage (summed over "
                             "months) "
                          << extra_in_stage);
    CHECK(referrals > 10000.0);
    // Referrals become due from the first month (the initial stock has long spells).
    CHECK(base.total(0, Metric::TypReferrals) > 0.0);
    // About a month in the stage each (mean 30 days): the month-end stock summed over the
    // months is of the order of the referrals.
    CHECK(extra_in_stage > 0.3 * referrals);
    CHECK(extra_in_stage < 3.0 * referrals);
}
