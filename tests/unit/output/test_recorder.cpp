// Tests of output::Recorder: the model's monthly panels as the rows of a result file.
#include "output/recorder.hpp"

#include "agents/jobseeker_model.hpp"
#include "output/result_file.hpp"
#include "tests/unit/output/sample.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <stdexcept>
#include <string>
#include <tuple>

using namespace kokeilu;
using agents::Metric;
using output::MonthlyRow;
using output::Recorder;

namespace {

constexpr std::size_t kProviders = 2;
constexpr std::uint32_t kMonths = 14; // so that 12-month cohort outcomes appear
const std::size_t kGroups = agents::kTargetGroups.size();

/// The tables `kokeilu run` writes for a model of two providers over 14 months, with traces.
output::Dimensions model_tables() {
    output::Dimensions d;
    d.providers = {{"TE office", output::ProviderKind::TeOffice},
                   {"Pilot", output::ProviderKind::Pilot}};
    for (std::size_t m = 0; m < agents::kMetricCount; ++m) {
        d.measures.push_back(
            {std::string(agents::metric_name(static_cast<Metric>(m))), "unit", "Counted."});
    }
    for (const auto g : agents::kTargetGroups) {
        d.target_groups.emplace_back(g);
    }
    std::chrono::year_month ym = std::chrono::year{2021} / std::chrono::month{1};
    for (std::uint32_t i = 0; i < kMonths; ++i, ym += std::chrono::months{1}) {
        d.months.push_back(ym);
    }
    for (std::size_t k = 0; k < static_cast<std::size_t>(agents::TraceKind::Count); ++k) {
        d.trace_events.emplace_back(agents::trace_kind_name(static_cast<agents::TraceKind>(k)));
    }
    for (std::size_t k = 0; k <= static_cast<std::size_t>(agents::JobseekerState::Left); ++k) {
        d.states.emplace_back(agents::state_name(static_cast<agents::JobseekerState>(k)));
    }
    return d;
}

/// A value that names its month, provider, group and metric; cohort outcomes are negative.
double encoded(std::uint32_t month, std::size_t p, std::size_t g, std::size_t m, bool cohort) {
    const double v = month * 1e6 + static_cast<double>(p) * 1e4 + static_cast<double>(g) * 1e3 +
                     static_cast<double>(m);
    return cohort ? -v : v;
}

/// The panel of month `month` (0-based), with one traced event.
agents::MonthPanel panel(std::uint32_t month) {
    agents::MonthPanel panel;
    panel.year = 2021 + static_cast<int>(month / 12);
    panel.month = static_cast<int>(month % 12) + 1;
    for (std::size_t p = 0; p < kProviders; ++p) {
        for (std::size_t g = 0; g < kGroups; ++g) {
            for (std::size_t m = 0; m < agents::kMetricCount; ++m) {
                panel.values.push_back(encoded(month, p, g, m, false));
            }
            for (std::size_t m = agents::kFirstCohortMetric; m < agents::kMetricCount; ++m) {
                panel.cohorts.push_back(encoded(month, p, g, m, true));
            }
        }
    }
    panel.traces.push_back({1000 + month, 26'909'760 + 1440 * static_cast<std::int64_t>(month),
                            agents::TraceKind::Interview, agents::JobseekerState::Unemployed,
                            agents::JobseekerState::InServices, month % 2});
    return panel;
}

} // namespace

TEST_CASE("a recorded run has every metric once per cell, each where SCHEMA.md puts it",
          "[unit][output][recorder]") {
    const auto dims = model_tables();
    Recorder recorder(dims, 1, 3);
    for (std::uint32_t month = 0; month < kMonths; ++month) {
        recorder.add(panel(month));
    }
    std::set<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t, std::uint32_t>> cells;
    std::size_t cohort_rows = 0;
    for (const MonthlyRow& r : recorder.monthly()) {
        CAPTURE(r.month, r.provider, r.target_group, r.measure);
        REQUIRE(r.measure < agents::kMetricCount);
        const auto metric = static_cast<Metric>(r.measure);
        CHECK(r.scenario == 1);
        CHECK(r.replication == 3);
        CHECK(cells.insert({r.month, r.provider, r.target_group, r.measure}).second);
        // Provider measures under `all` (the last group) only, the others never there.
        CHECK(agents::metric_is_provider_level(metric) == (r.target_group + 1 == kGroups));
        if (agents::metric_is_cohort(metric)) {
            // Known `horizon` months after registration, recorded under the registration month.
            const auto known = r.month + static_cast<std::uint32_t>(agents::cohort_horizon(metric));
            CHECK(known < kMonths);
            CHECK(r.value == encoded(known, r.provider, r.target_group, r.measure, true));
            ++cohort_rows;
        } else {
            CHECK(r.value == encoded(r.month, r.provider, r.target_group, r.measure, false));
        }
    }
    // Every non-cohort metric in every month and provider, in its groups; each cohort outcome
    // for the registration months whose checkpoint came within the 14 months.
    std::size_t expected = 0;
    std::size_t expected_cohort = 0;
    for (std::size_t m = 0; m < agents::kMetricCount; ++m) {
        const auto metric = static_cast<Metric>(m);
        const std::size_t groups = agents::metric_is_provider_level(metric) ? 1 : kGroups - 1;
        if (agents::metric_is_cohort(metric)) {
            const auto horizon = static_cast<std::size_t>(agents::cohort_horizon(metric));
            expected_cohort += kProviders * groups * (kMonths - horizon);
        } else {
            expected += kProviders * groups * kMonths;
        }
    }
    CHECK(cohort_rows == expected_cohort);
    CHECK(recorder.monthly().size() == expected + expected_cohort);
    // The first row: provider 0, the first person group, the first metric, month 0.
    CHECK(recorder.monthly().front() == MonthlyRow{1, 3, 0, 0, 0, 0, encoded(0, 0, 0, 0, false)});
}

TEST_CASE("traced events become trace rows with the model's codes", "[unit][output][recorder]") {
    Recorder recorder(model_tables(), 0, 2);
    recorder.add(panel(0));
    recorder.add(panel(1));
    const auto traces = recorder.take_traces();
    REQUIRE(traces.size() == 2);
    CHECK(traces[1] == output::TraceRow{0, 2, 1001, 26'909'760 + 1440,
                                        static_cast<std::uint32_t>(agents::TraceKind::Interview), 0,
                                        1, 1});
    CHECK(recorder.traces().empty());
    const auto rows = recorder.take_monthly();
    CHECK_FALSE(rows.empty());
    CHECK(recorder.monthly().empty());
}

TEST_CASE("the recorded rows and traces make a valid result file", "[unit][output][recorder]") {
    const output::testing::TempDir dir;
    output::ResultFile file;
    file.metadata.scenario_names = {"only"};
    file.metadata.scenario_texts = {"[scenario]\n"};
    file.metadata.replications = 1;
    file.dimensions = model_tables();
    Recorder recorder(file.dimensions, 0, 0);
    for (std::uint32_t month = 0; month < kMonths; ++month) {
        recorder.add(panel(month));
    }
    file.monthly = recorder.take_monthly();
    file.traces = recorder.take_traces();
    output::write_result(file, dir / "run.h5", false);
    CHECK(output::read_result(dir / "run.h5") == file);
}

TEST_CASE("tables that are not the model's and panels that do not fit are bugs",
          "[unit][output][recorder]") {
    auto dims = model_tables();
    SECTION("a measure in another place") {
        std::swap(dims.measures[0], dims.measures[1]);
        CHECK_THROWS_WITH(Recorder(dims, 0, 0),
                          Catch::Matchers::Contains("measure 0 is `" + dims.measures[0].name +
                                                    "`, the model's `" + dims.measures[1].name +
                                                    "`"));
    }
    SECTION("a target group missing") {
        dims.target_groups.pop_back();
        CHECK_THROWS_AS(Recorder(dims, 0, 0), std::logic_error);
    }
    SECTION("a month more than the tables have") {
        dims.months.resize(1);
        Recorder recorder(dims, 0, 0);
        recorder.add(panel(0));
        CHECK_THROWS_AS(recorder.add(panel(1)), std::logic_error);
    }
    SECTION("a panel of another number of providers") {
        dims.providers.pop_back();
        Recorder recorder(dims, 0, 0);
        CHECK_THROWS_AS(recorder.add(panel(0)), std::logic_error);
    }
}

TEST_CASE("with the model's breakdown groups, each breakdown value is a breakdown row, and without "
          "them, none",
          "[unit][output][recorder]") {
    auto dims = model_tables();
    agents::MonthPanel p = panel(0);
    for (std::size_t prov = 0; prov < kProviders; ++prov) {
        for (std::size_t g = 0; g < agents::kBreakdownGroupCount; ++g) {
            for (std::size_t slot = 0; slot < agents::kBreakdownMetricCount; ++slot) {
                p.breakdowns.push_back(static_cast<double>(prov * 10000 + g * 100 + slot));
            }
        }
    }
    SECTION("no breakdown groups in the tables: no rows") {
        Recorder recorder(dims, 0, 0);
        recorder.add(p);
        CHECK(recorder.breakdowns().empty());
    }
    SECTION("the model's groups: every provider, group and kept measure once") {
        dims.breakdown_groups = output::model_breakdown_groups();
        REQUIRE(dims.breakdown_groups.size() == agents::kBreakdownGroupCount);
        CHECK(dims.breakdown_groups.front() == output::BreakdownGroup{"age_band", "under_25"});
        CHECK(dims.breakdown_groups.back() == output::BreakdownGroup{"language", "foreign"});
        Recorder recorder(dims, 1, 2);
        recorder.add(p);
        const auto rows = recorder.take_breakdowns();
        REQUIRE(rows.size() ==
                kProviders * agents::kBreakdownGroupCount * agents::kBreakdownMetricCount);
        std::set<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> cells;
        for (const output::BreakdownRow& r : rows) {
            CAPTURE(r.provider, r.group, r.measure);
            CHECK(r.scenario == 1);
            CHECK(r.replication == 2);
            CHECK(r.month == 0);
            CHECK(cells.insert({r.provider, r.group, r.measure}).second);
            const auto slot = agents::breakdown_slot(static_cast<Metric>(r.measure));
            REQUIRE(slot < agents::kBreakdownMetricCount);
            CHECK(r.value == static_cast<double>(r.provider * 10000 + r.group * 100 + slot));
        }
        CHECK(recorder.breakdowns().empty());
    }
    SECTION("other breakdown groups are a bug") {
        dims.breakdown_groups = output::model_breakdown_groups();
        std::swap(dims.breakdown_groups[0], dims.breakdown_groups[1]);
        CHECK_THROWS_AS(Recorder(dims, 0, 0), std::logic_error);
    }
    SECTION("a panel without its breakdowns is a bug") {
        dims.breakdown_groups = output::model_breakdown_groups();
        Recorder recorder(dims, 0, 0);
        CHECK_THROWS_AS(recorder.add(panel(0)), std::logic_error);
    }
}
