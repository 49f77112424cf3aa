// The law's rules as data, seen in runs of the default scenario at scale 0.01: a stage key
// changes a service's length, a row of a dated table changes who pays.
#include "agents/jobseeker_model.hpp"
#include "scenario/build.hpp"
#include "scenario/scenario.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace kokeilu;
using agents::Metric;

namespace {

/// Sums over every provider and person group and over the months of 2019 of a run of the
/// default scenario to 2019-12-31 with `sets`.
struct Totals {
    double work_trial_starts = 0.0;
    double work_trial_stock = 0.0; ///< month-end stocks, summed
    double municipal_eur = 0.0;
    double state_eur = 0.0;
};

Totals run_2019(std::vector<std::string> sets) {
    sets.insert(sets.begin(), {"population.scale=0.01", "scenario.end=2019-12-31"});
    const auto input = scenario::build_model_input(scenario::load_scenario("", sets));
    Totals t;
    const auto starts =
        agents::service_metric(agents::ServiceMeasure::Starts, agents::ServiceKind::WorkTrial);
    const auto stock =
        agents::service_metric(agents::ServiceMeasure::Stock, agents::ServiceKind::WorkTrial);
    const auto stats = agents::run_model(input, 1, 0, 2, [&](const agents::MonthPanel& p) {
        for (std::size_t pr = 0; pr < input.providers.size(); ++pr) {
            for (std::size_t g = 0; g + 1 < agents::kTargetGroups.size(); ++g) {
                t.work_trial_starts += p.value(pr, g, starts);
                t.work_trial_stock += p.value(pr, g, stock);
                t.municipal_eur += p.value(pr, g, Metric::SpendMunicipality);
                t.state_eur += p.value(pr, g, Metric::SpendState);
            }
        }
    });
    REQUIRE_FALSE(stats.interrupted);
    return t;
}

} // namespace

TEST_CASE("a stage's max_days shortens the service in a run", "[unit][model][rules]") {
    const Totals as_shipped = run_2019({});
    // Work trials of at most 14 days instead of 6 months (mean drawn length 42 days). Set for
    // te_office; the pilots' models extend it and take it too.
    const Totals capped = run_2019({"service_models.te_office.stages.work_trial.max_days=14"});
    REQUIRE(as_shipped.work_trial_starts > 100.0);
    REQUIRE(capped.work_trial_starts > 100.0);
    // Month-end stock per start is about the mean length in months: 42 days against at most 14.
    const double shipped_length = as_shipped.work_trial_stock / as_shipped.work_trial_starts;
    const double capped_length = capped.work_trial_stock / capped.work_trial_starts;
    CHECK(capped_length < 0.5 * shipped_length);
    CHECK(shipped_length == Approx(42.0 / (365.25 / 12.0)).epsilon(0.25));
}

TEST_CASE("a row of the municipal LMS share table changes what municipalities pay in a run",
          "[unit][model][rules]") {
    const Totals as_shipped = run_2019({});
    // The 2015 row's shares halved: the municipalities pay about half as much, the state more.
    const Totals halved = run_2019({"law.municipal_lms_share.rule_2015.shares=[0.25, 0.35]"});
    REQUIRE(as_shipped.municipal_eur > 0.0);
    CHECK(halved.municipal_eur == Approx(0.5 * as_shipped.municipal_eur).epsilon(0.01));
    CHECK(halved.state_eur > as_shipped.state_eur);
}
