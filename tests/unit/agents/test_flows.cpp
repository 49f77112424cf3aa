// The register's flow measures against the persons' own histories: every unemployment period
// that starts (a registration, a return from a service or a short job) is counted once.
#include "agents/jobseeker_model.hpp"
#include "scenario/build.hpp"
#include "scenario/scenario.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <vector>

using namespace kokeilu;
using agents::JobseekerState;
using agents::Metric;

namespace {

/// The month's value of a person measure over every provider and person group.
double national(const agents::ModelInput& input, const agents::MonthPanel& p, Metric m) {
    double s = 0.0;
    for (std::size_t l = 0; l < input.providers.size(); ++l) {
        for (std::size_t g = 0; g + 1 < agents::kTargetGroups.size(); ++g) {
            s += p.value(l, g, m);
        }
    }
    return s;
}

} // namespace

TEST_CASE("unemployment periods started count every entry into unemployment once, from the "
          "traces of everyone",
          "[unit][model][trace]") {
    const double scale = 0.002;
    agents::ModelInput input = scenario::build_model_input(scenario::load_scenario(
        "", {"population.scale=0.002", "scenario.end=2021-12-31"}));
    agents::TraceOptions options;
    options.sample = 1'000'000; // more than everyone: every person is traced
    double started_total = 0.0;
    double inflow_total = 0.0;
    std::size_t months = 0;
    (void)agents::run_model(
        input, 1, 0, 2,
        [&](const agents::MonthPanel& p) {
            std::size_t entries = 0;
            for (const auto& e : p.traces) {
                entries += e.to == JobseekerState::Unemployed &&
                                   e.from != JobseekerState::Unemployed
                               ? 1
                               : 0;
            }
            const double started = national(input, p, Metric::UnemploymentPeriodsStarted);
            CAPTURE(p.year, p.month);
            CHECK(started == Approx(static_cast<double>(entries) / scale).epsilon(1e-9));
            started_total += started;
            inflow_total += national(input, p, Metric::Inflow);
            ++months;
        },
        nullptr, options);
    REQUIRE(months == 36);
    // Registrations are a part of the periods started; returns from services are the rest.
    CHECK(inflow_total > 0.0);
    CHECK(started_total > inflow_total);
}
