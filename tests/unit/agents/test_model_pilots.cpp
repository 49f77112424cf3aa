// The jobseeker model on the default scenario, small scale: who the pilots serve, when they
// start and end, the age and benefit rules that move clients between them and the TE offices,
// and TE24 from 2025.
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
