// The jobseeker model on the default scenario, small scale: determinism, accounting, the pilots'
// rules, and that staff capacity and the Nordic model act in the direction of the evidence.
#include "agents/jobseeker_model.hpp"
#include "scenario/build.hpp"
#include "scenario/scenario.hpp"
#include "sim/summary.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <map>
#include <string>
#include <vector>

using namespace kokeilu;
using agents::Metric;

namespace {

constexpr std::size_t kGroups = agents::kTargetGroups.size();
constexpr std::size_t kAll = kGroups - 1;

struct Run {
    agents::ModelInput input;
    std::vector<agents::MonthPanel> months;

    [[nodiscard]] std::size_t provider(const std::string& name) const {
        for (std::size_t p = 0; p < input.providers.size(); ++p) {
            if (input.providers[p].name == name) {
                return p;
            }
        }
        FAIL("no provider " << name);
        return 0;
    }
    [[nodiscard]] std::size_t month(int year, int month) const {
        for (std::size_t k = 0; k < months.size(); ++k) {
            if (months[k].year == year && months[k].month == month) {
                return k;
            }
        }
        FAIL("no month " << year << "-" << month);
        return 0;
    }
    /// Sum over the four person groups of one provider (or all when provider < 0, or only
    /// pilots / TE offices).
    enum class Who { All, Pilots, TeOffices };
    [[nodiscard]] double total(std::size_t k, Metric m, Who who = Who::All) const {
        double s = 0.0;
        for (std::size_t p = 0; p < input.providers.size(); ++p) {
            if ((who == Who::Pilots && !input.providers[p].pilot) ||
                (who == Who::TeOffices && input.providers[p].pilot)) {
                continue;
            }
            for (std::size_t g = 0; g + 1 < kGroups; ++g) {
                s += months[k].value(p, g, m);
            }
        }
        return s;
    }
    [[nodiscard]] double of(std::size_t k, std::size_t p, Metric m) const {
        if (agents::metric_is_provider_level(m)) {
            return months[k].value(p, kAll, m);
        }
        double s = 0.0;
        for (std::size_t g = 0; g + 1 < kGroups; ++g) {
            s += months[k].value(p, g, m);
        }
        return s;
    }
};

Run run(std::vector<std::string> sets, int threads = 2, std::uint64_t seed = 1) {
    sets.insert(sets.begin(), "population.scale=0.01");
    Run r;
    r.input = scenario::build_model_input(scenario::load_scenario("", sets));
    const auto stats = agents::run_model(
        r.input, seed, 0, threads, [&](const agents::MonthPanel& p) { r.months.push_back(p); });
    REQUIRE_FALSE(stats.interrupted);
    return r;
}

} // namespace

TEST_CASE("the model's results are bit-identical for 1, 2 and 4 threads", "[unit][model]") {
    const std::vector<std::string> sets{"scenario.end=2021-12-31"};
    const Run one = run(sets, 1);
    const Run two = run(sets, 2);
    const Run four = run(sets, 4);
    REQUIRE(one.months.size() == 36);
    REQUIRE(two.months.size() == one.months.size());
    REQUIRE(four.months.size() == one.months.size());
    for (std::size_t k = 0; k < one.months.size(); ++k) {
        REQUIRE(one.months[k].values.size() == two.months[k].values.size());
        CHECK(std::memcmp(one.months[k].values.data(), two.months[k].values.data(),
                          one.months[k].values.size() * sizeof(double)) == 0);
        CHECK(std::memcmp(one.months[k].values.data(), four.months[k].values.data(),
                          one.months[k].values.size() * sizeof(double)) == 0);
    }
    // ... and another seed gives other results.
    const Run other = run(sets, 2, 2);
    CHECK(other.total(30, Metric::Unemployed) != one.total(30, Metric::Unemployed));
}

TEST_CASE("every jobseeker is in exactly one state and one provider, and flows add up",
          "[unit][model]") {
    const Run r = run({"scenario.end=2022-12-31"});
    const std::array<Metric, 5> states{Metric::Unemployed, Metric::InServices, Metric::InTraining,
                                       Metric::EmployedSubsidised, Metric::EmployedOpenMarket};
    for (std::size_t k = 0; k < r.months.size(); ++k) {
        CAPTURE(k);
        for (std::size_t p = 0; p < r.input.providers.size(); ++p) {
            for (std::size_t g = 0; g + 1 < kGroups; ++g) {
                double sum = 0.0;
                for (const Metric m : states) {
                    sum += r.months[k].value(p, g, m);
                }
                CHECK(r.months[k].value(p, g, Metric::Jobseekers) == Approx(sum));
                CHECK(r.months[k].value(p, g, Metric::Unemployed) ==
                      Approx(r.months[k].value(p, g, Metric::UnemployedUnder3m) +
                             r.months[k].value(p, g, Metric::Unemployed3to12m) +
                             r.months[k].value(p, g, Metric::Unemployed12mPlus)));
            }
        }
        // Transfers move people between providers: none appear or vanish.
        CHECK(r.total(k, Metric::TransfersIn) == Approx(r.total(k, Metric::TransfersOut)));
        if (k > 0) {
            // Stock change = new registrations - exits (scaled counts are whole persons x 100).
            const double change =
                r.total(k, Metric::Jobseekers) - r.total(k - 1, Metric::Jobseekers);
            const double flows = r.total(k, Metric::Inflow) - r.total(k, Metric::ExitsEmployment) -
                                 r.total(k, Metric::ExitsOther);
            CHECK(change == Approx(flows).margin(1e-6));
        }
    }
    CHECK(r.total(0, Metric::Jobseekers) > 100000.0);
}

TEST_CASE("the pilots start on pilot.start, serve only their target group, and end on pilot.end",
          "[unit][model]") {
    const Run r = run({"scenario.end=2022-12-31", "pilot.end=2022-06-30"});
    const std::size_t feb21 = r.month(2021, 2);
    const std::size_t mar21 = r.month(2021, 3);
    CHECK(r.total(feb21, Metric::Jobseekers, Run::Who::Pilots) == 0.0);
    CHECK(r.total(mar21, Metric::TransfersIn, Run::Who::Pilots) > 50000.0);
    CHECK(r.total(mar21, Metric::Jobseekers, Run::Who::Pilots) > 50000.0);
    // Unemployed pilot clients are always in the target group (never 30+, native, on
    // earnings-related allowance): membership is re-checked at least at every month end.
    for (std::size_t k = mar21; k < r.months.size(); ++k) {
        for (std::size_t p = 0; p < r.input.providers.size(); ++p) {
            if (r.input.providers[p].pilot) {
                CHECK(r.months[k].value(p, 3, Metric::Unemployed) == 0.0);
            }
        }
    }
    // Clients who leave the target group while unemployed (allowance ends, 30th birthday)
    // move; after the start month there are transfers both ways.
    double in = 0.0;
    double out = 0.0;
    for (std::size_t k = r.month(2021, 4); k < r.month(2022, 6); ++k) {
        in += r.total(k, Metric::TransfersIn, Run::Who::Pilots);
        out += r.total(k, Metric::TransfersOut, Run::Who::Pilots);
    }
    CHECK(in > 0.0);
    CHECK(out > 0.0);
    // After pilot.end everyone is back with the TE offices.
    const std::size_t jul22 = r.month(2022, 7);
    CHECK(r.total(jul22, Metric::Jobseekers, Run::Who::Pilots) == 0.0);
    CHECK(r.total(jul22, Metric::TransfersIn, Run::Who::TeOffices) > 50000.0);
}

TEST_CASE("a shorter earnings-related allowance moves more jobseekers to the pilots",
          "[unit][model]") {
    const Run base = run({"scenario.end=2021-12-31"});
    const Run shorter = run({"scenario.end=2021-12-31", "benefits.earnings_related_max_days=100"});
    double base_in = 0.0;
    double shorter_in = 0.0;
    for (std::size_t k = base.month(2021, 4); k < base.months.size(); ++k) {
        base_in += base.total(k, Metric::TransfersIn, Run::Who::Pilots);
        shorter_in += shorter.total(k, Metric::TransfersIn, Run::Who::Pilots);
    }
    CHECK(shorter_in > 1.5 * base_in);
    // and the municipalities pay more labour-market subsidy earlier (the 300-day step).
    double base_muni = 0.0;
    double shorter_muni = 0.0;
    for (std::size_t k = 0; k < base.months.size(); ++k) {
        base_muni += base.total(k, Metric::SpendMunicipality);
        shorter_muni += shorter.total(k, Metric::SpendMunicipality);
    }
    CHECK(shorter_muni > base_muni);
}

TEST_CASE("turning 30 moves earnings-related jobseekers from the pilot to the TE office",
          "[unit][model]") {
    // Everyone 25-29, native, on earnings-related allowance: pilot clients only while under 30.
    const Run r =
        run({"scenario.end=2022-12-31", "population.age_shares=[0, 1, 0, 0]",
             "population.earnings_related_shares=[1, 1, 1, 1]",
             "population.foreign_language_share=0", "benefits.earnings_related_max_days=1000"});
    double out = 0.0;
    for (std::size_t k = r.month(2021, 4); k < r.months.size(); ++k) {
        out += r.total(k, Metric::TransfersOut, Run::Who::Pilots);
    }
    CHECK(out > 1000.0);
    // Those who moved are in the 30+ earnings-related group at the TE offices.
    CHECK(r.total(r.month(2022, 12), Metric::Unemployed, Run::Who::TeOffices) > 0.0);
}

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

TEST_CASE("the Nordic model's two-week cadence switches on on its date, also for jobseekers "
          "already registered",
          "[unit][model]") {
    const Run r = run({"scenario.end=2022-12-31"});
    const Run ample = run({"scenario.end=2022-12-31", "process.counsellor_minutes_per_day=1000"});
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

TEST_CASE("cohort outcomes account for every registration at 3, 6 and 12 months", "[unit][model]") {
    const Run r = run({"scenario.end=2020-12-31"});
    const std::size_t n = r.months.size();
    auto cohort_total = [&](std::size_t checkpoint, Metric m) {
        double s = 0.0;
        for (std::size_t p = 0; p < r.input.providers.size(); ++p) {
            for (std::size_t g = 0; g + 1 < kGroups; ++g) {
                s += r.months[checkpoint].cohort(p, g, m);
            }
        }
        return s;
    };
    for (std::size_t k = 0; k < n; ++k) {
        for (std::size_t h = 0; h < agents::kCohortHorizons.size(); ++h) {
            const auto horizon = static_cast<std::size_t>(agents::kCohortHorizons[h]);
            if (k + horizon >= n) {
                continue; // checkpoint after the end of the run
            }
            for (std::size_t p = 0; p < r.input.providers.size(); ++p) {
                for (std::size_t g = 0; g + 1 < kGroups; ++g) {
                    double sum = 0.0;
                    for (std::size_t o = 0; o < agents::kCohortOutcomes; ++o) {
                        const auto m = static_cast<Metric>(agents::kFirstCohortMetric +
                                                           h * agents::kCohortOutcomes + o);
                        sum += r.months[k + horizon].cohort(p, g, m);
                    }
                    CHECK(sum == Approx(r.months[k].value(p, g, Metric::Inflow)).margin(1e-9));
                }
            }
        }
    }
    // The January 2019 cohort: more of it has left for work after 12 months than after 3, and
    // fewer are still unemployed.
    CHECK(cohort_total(12, Metric::Cohort12mLeftEmployment) >
          cohort_total(3, Metric::Cohort3mLeftEmployment));
    CHECK(cohort_total(12, Metric::Cohort12mUnemployed) <
          cohort_total(3, Metric::Cohort3mUnemployed));
    CHECK(cohort_total(3, Metric::Cohort3mUnemployed) > 0.0);
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

TEST_CASE("the default scenario at 5 % scale lands within 10 % of the observed validation "
          "targets (DOMAIN.md §9 items 1, 2, 4, 5)",
          "[unit][model][validation]") {
    agents::ModelInput input =
        scenario::build_model_input(scenario::load_scenario("", {"population.scale=0.05"}));
    Run r;
    r.input = input;
    (void)agents::run_model(input, 1, 0, 2,
                            [&](const agents::MonthPanel& p) { r.months.push_back(p); });
    auto near = [](double simulated, double observed) {
        INFO("simulated " << simulated << ", observed " << observed);
        CHECK(std::abs(simulated / observed - 1.0) <= 0.10);
    };
    // 1. Pilot jobseekers [S26][S27][S28].
    near(r.total(r.month(2021, 10), Metric::Jobseekers, Run::Who::Pilots), 229060.0);
    near(r.total(r.month(2021, 12), Metric::Jobseekers, Run::Who::Pilots), 234180.0);
    near(r.total(r.month(2022, 6), Metric::Jobseekers, Run::Who::Pilots), 237200.0);
    near(r.total(r.month(2022, 12), Metric::Jobseekers, Run::Who::Pilots), 234200.0);
    // 2. Unemployed share of pilot jobseekers [S26].
    auto share = [&](int y, int m) {
        const std::size_t k = r.month(y, m);
        return r.total(k, Metric::Unemployed, Run::Who::Pilots) /
               r.total(k, Metric::Jobseekers, Run::Who::Pilots);
    };
    near(share(2021, 10), 0.60);
    near(share(2021, 12), 0.61);
    near(share(2022, 7), 0.64);
    // 4. National unemployed, annual averages (TEM).
    auto average = [&](int y) {
        double s = 0.0;
        for (int m = 1; m <= 12; ++m) {
            s += r.total(r.month(y, m), Metric::Unemployed);
        }
        return s / 12.0;
    };
    near(average(2020), 342400.0);
    near(average(2021), 298600.0);
    // 5. National unemployed at year ends.
    near(r.total(r.month(2019, 12), Metric::Unemployed), 257700.0);
    near(r.total(r.month(2020, 12), Metric::Unemployed), 357400.0);
    near(r.total(r.month(2021, 12), Metric::Unemployed), 275300.0);
    near(r.total(r.month(2022, 12), Metric::Unemployed), 260400.0);
    near(r.total(r.month(2023, 12), Metric::Unemployed), 297600.0);
}

TEST_CASE("traces follow each sampled person's states without changing the results",
          "[unit][model][trace]") {
    agents::ModelInput input = scenario::build_model_input(
        scenario::load_scenario("", {"population.scale=0.01", "scenario.end=2021-12-31"}));
    std::vector<agents::MonthPanel> plain;
    std::vector<agents::MonthPanel> traced;
    (void)agents::run_model(input, 1, 0, 2,
                            [&](const agents::MonthPanel& p) { plain.push_back(p); });
    agents::TraceOptions options;
    options.sample = 50;
    (void)agents::run_model(
        input, 1, 0, 2, [&](const agents::MonthPanel& p) { traced.push_back(p); }, nullptr,
        options);
    REQUIRE(plain.size() == traced.size());
    std::map<std::uint64_t, std::vector<agents::TraceEvent>> by_person;
    for (std::size_t k = 0; k < plain.size(); ++k) {
        CHECK(std::memcmp(plain[k].values.data(), traced[k].values.data(),
                          plain[k].values.size() * sizeof(double)) == 0);
        CHECK(plain[k].traces.empty());
        for (const auto& e : traced[k].traces) {
            by_person[e.person].push_back(e);
        }
    }
    // Persons registering during the warm-up have their first events before the first written
    // month; those registering after the end have none. Most of the 50 appear.
    CHECK(by_person.size() >= 20);
    CHECK(by_person.size() <= 50);
    for (const auto& [person, events] : by_person) {
        CAPTURE(person);
        for (std::size_t j = 1; j < events.size(); ++j) {
            CHECK(events[j].time >= events[j - 1].time);
            CHECK(events[j].from == events[j - 1].to);
        }
        if (events.front().event == agents::TraceKind::Register) {
            CHECK(events.front().from == agents::JobseekerState::Left);
            CHECK(events.front().to == agents::JobseekerState::Unemployed);
        }
        // An exit is the person's last event, unless they register again later.
        for (std::size_t j = 0; j < events.size(); ++j) {
            const auto& e = events[j];
            if (e.event == agents::TraceKind::ExitEmployment ||
                e.event == agents::TraceKind::ExitOther) {
                CHECK(e.to == agents::JobseekerState::Left);
                if (j + 1 < events.size()) {
                    CHECK(events[j + 1].event == agents::TraceKind::Register);
                }
            }
        }
    }
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

namespace {

/// Sum of a metric over a region's providers (by name prefix of the TE office's region).
double region_total(const Run& r, std::size_t k, Metric m, std::uint32_t region) {
    double s = 0.0;
    for (std::size_t p = 0; p < r.input.providers.size(); ++p) {
        if (r.input.providers[p].region == region) {
            s += r.of(k, p, m);
        }
    }
    return s;
}

Metric service(agents::ServiceMeasure m, agents::ServiceKind k) {
    return agents::service_metric(m, k);
}

} // namespace

TEST_CASE("measures per service, exits by destination and first-contact quantiles add up",
          "[unit][model]") {
    using agents::ServiceKind;
    using agents::ServiceMeasure;
    const Run r = run({"scenario.end=2021-12-31"});
    double integration = 0.0;
    double start_up = 0.0;
    double start_up_spend = 0.0;
    for (std::size_t k = 0; k < r.months.size(); ++k) {
        INFO("month " << k);
        double starts = 0.0;
        double stock = 0.0;
        double spend = 0.0;
        for (std::size_t s = 0; s < agents::kServiceKindCount; ++s) {
            const auto kind = static_cast<ServiceKind>(s);
            starts += r.total(k, service(ServiceMeasure::Starts, kind));
            stock += r.total(k, service(ServiceMeasure::Stock, kind));
            spend += r.total(k, service(ServiceMeasure::Spend, kind));
        }
        CHECK(starts == Approx(r.total(k, Metric::ServiceStarts)));
        CHECK(stock == Approx(r.total(k, Metric::InServices) + r.total(k, Metric::InTraining) +
                              r.total(k, Metric::EmployedSubsidised)));
        CHECK(spend <= r.total(k, Metric::SpendState));
        CHECK(r.total(k, Metric::ExitsEducation) + r.total(k, Metric::ExitsOutOfLabourForce) +
                  r.total(k, Metric::ExitsMoved) + r.total(k, Metric::ExitsDeregistered) ==
              Approx(r.total(k, Metric::ExitsOther)));
        CHECK(r.total(k, Metric::ExitsEducation) > 0.0);
        CHECK(r.total(k, Metric::BenefitDays) > 15.0 * r.total(k, Metric::Unemployed));
        // Integration training requires a foreign language: none among Finnish- or
        // Swedish-speaking earnings-related jobseekers over 30.
        for (std::size_t p = 0; p < r.input.providers.size(); ++p) {
            CHECK(r.months[k].value(
                      p, 3, service(ServiceMeasure::Stock, ServiceKind::IntegrationTraining)) ==
                  0.0);
            const double p50 = r.of(k, p, Metric::TimeToFirstContactP50);
            const double p90 = r.of(k, p, Metric::TimeToFirstContactP90);
            const double share = r.of(k, p, Metric::FirstContactsOnTimeShare);
            CHECK(p50 <= p90);
            CHECK(share >= 0.0);
            CHECK(share <= 1.0);
            if (r.of(k, p, Metric::FirstContacts) > 0.0) {
                CHECK(p90 > 0.0);
            }
        }
        // Training courses start nobody in July (closed_months = [7]); the referrals wait and
        // start on 1 August.
        if (r.months[k].month == 7) {
            CHECK(r.total(k, service(ServiceMeasure::Starts, ServiceKind::LabourMarketTraining)) ==
                  0.0);
            CHECK(
                r.total(k + 1, service(ServiceMeasure::Starts, ServiceKind::LabourMarketTraining)) >
                r.total(k - 1, service(ServiceMeasure::Starts, ServiceKind::LabourMarketTraining)));
        }
        integration += r.total(k, service(ServiceMeasure::Stock, ServiceKind::IntegrationTraining));
        start_up += r.total(k, service(ServiceMeasure::Stock, ServiceKind::StartUpGrant));
        start_up_spend += r.total(k, service(ServiceMeasure::Spend, ServiceKind::StartUpGrant));
    }
    CHECK(integration > 0.0);
    REQUIRE(start_up > 0.0);
    // A start-up grant pays the basic daily allowance five days a week: about 33.78 * 5/7 * 30.4
    // EUR per recipient-month (stock at month ends approximates the recipient-months).
    const double per_month = start_up_spend / start_up;
    CHECK(per_month > 0.8 * 33.78 * 5.0 / 7.0 * 30.44);
    CHECK(per_month < 1.2 * 33.78 * 5.0 / 7.0 * 30.44);
}

TEST_CASE("a caseload cap makes new jobseekers queue for their first contact", "[unit][model]") {
    const std::vector<std::string> common{"scenario.end=2019-12-31", "pilot.start=2030-01-01",
                                          "pilot.end=2030-12-31"};
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

TEST_CASE("TE24 from 2025: the areas serve everyone, staff follow the clients, and "
          "municipalities pay for long benefit spells of every kind",
          "[unit][model]") {
    Run r;
    r.input = scenario::build_model_input(scenario::load_scenario(
        KOKEILU_SOURCE_DIR "/configs/te24.toml", {"population.scale=0.01"}));
    agents::run_model(r.input, 1, 0, 2,
                      [&](const agents::MonthPanel& p) { r.months.push_back(p); });
    const std::size_t dec24 = r.month(2024, 12);
    const std::size_t jun25 = r.month(2025, 6);
    REQUIRE(r.months.size() == jun25 + 7);
    constexpr std::size_t kEarningsRelated30 = 3; // the group the pilots did not serve
    double pilot_era_2024 = 0.0;
    double pilot_era_2025 = 0.0;
    double municipal_era_2024 = 0.0;
    double municipal_era_2025 = 0.0;
    for (std::size_t p = 0; p < r.input.providers.size(); ++p) {
        if (r.input.providers[p].pilot) {
            pilot_era_2024 += r.months[dec24].value(p, kEarningsRelated30, Metric::Unemployed);
            pilot_era_2025 += r.months[jun25].value(p, kEarningsRelated30, Metric::Unemployed);
        }
        for (std::size_t k = dec24 - 11; k <= dec24; ++k) {
            municipal_era_2024 +=
                r.months[k].value(p, kEarningsRelated30, Metric::SpendMunicipality);
            municipal_era_2025 +=
                r.months[k + 12].value(p, kEarningsRelated30, Metric::SpendMunicipality);
        }
    }
    CHECK(pilot_era_2024 == 0.0);
    CHECK(pilot_era_2025 > 0.0);
    // Under the 2015 rule municipalities paid only for labour-market subsidy; TE24 bills the
    // basic part of the earnings-related allowance too.
    CHECK(municipal_era_2024 == 0.0);
    CHECK(municipal_era_2025 > 0.0);
    // The staff of each region are moved, not created: the same total before and after.
    for (std::uint32_t region = 0; region < r.input.regions.size(); ++region) {
        INFO("region " << r.input.regions[region].name);
        CHECK(region_total(r, jun25, Metric::Counsellors, region) ==
              Approx(region_total(r, dec24, Metric::Counsellors, region)));
    }
    // The TE offices keep only the jobseekers living outside the pilot areas.
    CHECK(r.total(jun25, Metric::Jobseekers, Run::Who::TeOffices) <
          0.8 * r.total(dec24, Metric::Jobseekers, Run::Who::TeOffices));
}

TEST_CASE("a run into 2025 needs TE24's financing rule", "[unit][model]") {
    try {
        (void)scenario::build_model_input(scenario::load_scenario(
            "", {"population.scale=0.01", "scenario.end=2025-06-30", "pilot.end=2025-06-30"}));
        FAIL("no error");
    } catch (const scenario::ConfigError& e) {
        REQUIRE(e.diagnostics().size() == 1);
        CHECK_THAT(e.diagnostics().front().message,
                   Catch::Contains("benefits.municipal_financing is `lms_2015` on 2025-01-01"));
    }
    CHECK_THROWS_AS(scenario::build_model_input(scenario::load_scenario(
                        KOKEILU_SOURCE_DIR "/configs/te24.toml",
                        {"population.scale=0.01", "scenario.end=2026-01-31"})),
                    scenario::ConfigError);
}

TEST_CASE("a region's own labour demand changes that region only", "[unit][model]") {
    const std::vector<std::string> common{"scenario.end=2020-12-31"};
    const Run base = run(common);
    auto sets = common;
    sets.push_back("regions.uusimaa.demand_factor=1.3");
    const Run strong = run(sets);
    const std::uint32_t uusimaa = base.input.providers[base.provider("te_uusimaa")].region;
    const std::uint32_t pirkanmaa = base.input.providers[base.provider("te_pirkanmaa")].region;
    double u0 = 0.0;
    double u1 = 0.0;
    for (std::size_t k = 0; k < base.months.size(); ++k) {
        u0 += region_total(base, k, Metric::Unemployed, uusimaa);
        u1 += region_total(strong, k, Metric::Unemployed, uusimaa);
        CHECK(region_total(base, k, Metric::Unemployed, pirkanmaa) ==
              region_total(strong, k, Metric::Unemployed, pirkanmaa));
    }
    INFO("Uusimaa unemployed, summed over months: " << u0 << " -> " << u1);
    CHECK(u1 < 0.9 * u0);
}

TEST_CASE("people who left register again, as new spells counted in the inflow", "[unit][model]") {
    const Run base = run({"scenario.end=2020-12-31"});
    const Run none = run({"scenario.end=2020-12-31", "labour_market.reregister_share=0"});
    double returns = 0.0;
    double inflow = 0.0;
    for (std::size_t k = 0; k < base.months.size(); ++k) {
        returns += base.total(k, Metric::Reregistrations);
        inflow += base.total(k, Metric::Inflow);
        CHECK(none.total(k, Metric::Reregistrations) == 0.0);
        CHECK(none.total(k, Metric::Inflow) <= base.total(k, Metric::Inflow));
    }
    INFO("re-registrations " << returns << " of " << inflow << " registrations");
    CHECK(returns > 0.05 * inflow);
    CHECK(returns < 0.5 * inflow);
    const std::size_t last = base.months.size() - 1;
    CHECK(base.total(last, Metric::Unemployed) > none.total(last, Metric::Unemployed));
}

TEST_CASE("laid-off jobseekers are recalled by their employers and stay mostly with the TE "
          "offices",
          "[unit][model]") {
    const Run r = run({"scenario.end=2021-12-31"});
    const Run none = run({"scenario.end=2021-12-31", "labour_market.laid_off_share=[]"});
    double recalls = 0.0;
    double exits = 0.0;
    for (std::size_t k = 0; k < r.months.size(); ++k) {
        recalls += r.total(k, Metric::Recalls);
        exits += r.total(k, Metric::ExitsEmployment);
        CHECK(r.total(k, Metric::UnemployedLaidOff) <= r.total(k, Metric::Unemployed));
        CHECK(none.total(k, Metric::UnemployedLaidOff) == 0.0);
        CHECK(none.total(k, Metric::Recalls) == 0.0);
    }
    CHECK(recalls > 0.0);
    CHECK(recalls < exits);
    // The 2020 lay-offs: the stock in April 2020 is several times that of January.
    CHECK(r.total(r.month(2020, 4), Metric::UnemployedLaidOff) >
          3.0 * r.total(r.month(2020, 1), Metric::UnemployedLaidOff));
    // Most of the laid off are entitled to the earnings-related allowance and over 30, so the
    // pilots have a smaller share of them than the TE offices (DOMAIN.md §2.1: about 4 % of the
    // pilots' unemployed in Dec 2021, against about 9 % nationally).
    const std::size_t dec21 = r.month(2021, 12);
    const double pilot_share = r.total(dec21, Metric::UnemployedLaidOff, Run::Who::Pilots) /
                               r.total(dec21, Metric::Unemployed, Run::Who::Pilots);
    const double te_share = r.total(dec21, Metric::UnemployedLaidOff, Run::Who::TeOffices) /
                            r.total(dec21, Metric::Unemployed, Run::Who::TeOffices);
    INFO("laid-off share of the unemployed, Dec 2021: pilots " << pilot_share << ", TE offices "
                                                               << te_share);
    CHECK(pilot_share < 0.5 * te_share); // about 0.38 (observed: 4.7 % vs 14 %, 0.33)
}

TEST_CASE("the 30th birthday moves a pilot client to the TE office on the day itself",
          "[unit][model][trace]") {
    // Everyone 25-29, native, on earnings-related allowance: pilot clients only while under 30.
    agents::ModelInput input = scenario::build_model_input(scenario::load_scenario(
        "",
        {"population.scale=0.01", "scenario.end=2022-06-30", "population.age_shares=[0, 1, 0, 0]",
         "population.earnings_related_shares=[1, 1, 1, 1]", "labour_market.laid_off_share=[]",
         "population.foreign_language_share=0", "benefits.earnings_related_max_days=1000"}));
    agents::TraceOptions options;
    options.sample = 4000;
    std::vector<agents::TraceEvent> transfers;
    (void)agents::run_model(
        input, 1, 0, 2,
        [&](const agents::MonthPanel& p) {
            for (const auto& e : p.traces) {
                if (e.event == agents::TraceKind::Transfer && !input.providers[e.provider].pilot) {
                    transfers.push_back(e);
                }
            }
        },
        nullptr, options);
    const std::int64_t pilot_start =
        static_cast<std::int64_t>(sim::Date(2021, 3, 2).days_since_epoch()) * 1440;
    std::size_t after_start = 0;
    std::size_t at_midnight = 0;
    for (const auto& e : transfers) {
        if (e.time >= pilot_start) {
            ++after_start;
            at_midnight += e.time % 1440 == 0 ? 1 : 0;
        }
    }
    INFO(after_start << " transfers to a TE office after the pilot start, " << at_midnight
                     << " of them at 00:00 (a birthday)");
    REQUIRE(after_start > 20);
    // Month-end re-checks would come at 23:59; birthdays come at the start of the day.
    CHECK(at_midnight > after_start / 2);
}

TEST_CASE("each breakdown (age band, language) adds up to the target groups for every provider "
          "and month, and its under-30s are every under-30",
          "[unit][model][breakdowns]") {
    const Run r = run({"scenario.end=2021-12-31"});
    REQUIRE(r.months.size() == 36);
    const std::size_t providers = r.input.providers.size();
    double under_30_groups = 0.0; // target group under_30, all providers, the last month
    double under_30_ages = 0.0;   // age bands under_25 and 25_29
    for (std::size_t k = 0; k < r.months.size(); ++k) {
        const agents::MonthPanel& p = r.months[k];
        REQUIRE(p.breakdowns.size() ==
                providers * agents::kBreakdownGroupCount * agents::kBreakdownMetricCount);
        for (std::size_t prov = 0; prov < providers; ++prov) {
            for (const Metric m : agents::kBreakdownMetrics) {
                double ages = 0.0;
                double languages = 0.0;
                for (std::size_t g = 0; g < agents::kBreakdownGroupCount; ++g) {
                    (g < agents::kFirstLanguageGroup ? ages : languages) += p.breakdown(prov, g, m);
                }
                const double groups = r.of(k, prov, m);
                CAPTURE(k, prov, agents::metric_name(m));
                CHECK(ages == Approx(groups).margin(1e-6));
                CHECK(languages == Approx(groups).margin(1e-6));
            }
            const double young = p.breakdown(prov, agents::age_band_group(20), Metric::Jobseekers) +
                                 p.breakdown(prov, agents::age_band_group(27), Metric::Jobseekers);
            CHECK(young >= p.value(prov, 1, Metric::Jobseekers) - 1e-6);
            if (k + 1 == r.months.size()) {
                under_30_groups += p.value(prov, 1, Metric::Jobseekers);
                under_30_ages += young;
            }
        }
    }
    // Under-30s without the earnings-related allowance are in the target group
    // no_earnings_related, but in the age bands all the same.
    CHECK(under_30_ages > 1.5 * under_30_groups);
    CHECK(r.total(35, Metric::Jobseekers) > 0.0);
}
