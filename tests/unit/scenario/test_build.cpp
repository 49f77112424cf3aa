// Service models from scenario files, run through the engine and checked against theory.
#include "agents/pathway_theory.hpp"
#include "scenario/build.hpp"
#include "sim/replications.hpp"
#include "sim/summary.hpp"
#include "tests/unit/scenario/support.hpp"

#include <catch2/catch.hpp>

using namespace kokeilu;
using namespace kokeilu::scenario::testing;

TEST_CASE("a service model's pathway is built from the scenario", "[unit][scenario][build]") {
    const auto s = scenario::load_scenario(KOKEILU_SOURCE_DIR "/configs/examples/jackson.toml");
    const auto p = scenario::build_pathway(s, "jackson");
    REQUIRE(p.stages.size() == 4);
    CHECK(p.stages[p.entry].name == "reception");
    const auto& reception = p.stages[*p.find("reception")];
    CHECK(reception.servers == 2);
    CHECK(reception.arrivals_per_day == 45.0);
    CHECK(reception.next.size() == 2);
    CHECK(p.stages[*p.find("left")].exit);
    CHECK_THROWS_AS(scenario::build_pathway(s, "jacksn"), scenario::ConfigError);
}

TEST_CASE("the shipped Jackson example matches the exact Jackson/Erlang C solution",
          "[unit][scenario][build][validation]") {
    const auto s = scenario::load_scenario(KOKEILU_SOURCE_DIR "/configs/examples/jackson.toml");
    const auto p = scenario::build_pathway(s, "jackson");
    const auto theory = agents::pathway_theory(p);
    const auto runs =
        agents::run_pathway_replications(p, sim::days(100), sim::days(1100), 7, 20, 0);
    for (std::size_t i = 0; i < p.stages.size(); ++i) {
        if (p.stages[i].exit) {
            continue;
        }
        std::vector<double> waits;
        std::vector<double> utils;
        for (const auto& r : runs) {
            waits.push_back(r.stages[i].mean_wait_days);
            utils.push_back(r.stages[i].utilisation);
        }
        const auto w = sim::summarise(waits);
        const auto u = sim::summarise(utils);
        CAPTURE(p.stages[i].name, theory.mean_wait_days[i], w.mean, w.half_width,
                theory.utilisation[i], u.mean, u.half_width);
        CHECK(w.contains(theory.mean_wait_days[i]));
        CHECK(u.contains(theory.utilisation[i]));
        CHECK(w.half_width < 0.1 * theory.mean_wait_days[i]);
    }
}

TEST_CASE("a stage without a server limit holds arrival rate x mean duration clients "
          "(Little's law) for any duration distribution",
          "[unit][scenario][build][validation]") {
    const ScratchDir dir;
    for (const char* dist : {"fixed", "exponential", "lognormal", "gamma"}) {
        CAPTURE(dist);
        const auto f = dir.write("little.toml", std::string(R"([service_models.m]
entry = "stay"
[service_models.m.stages.stay]
duration = ")") + dist + R"("
duration_mean_days = 12.0
duration_cv = 0.5
arrivals_per_day = 10.0
next.gone = 1.0
[service_models.m.stages.gone]
exit = true
duration = "none"
)");
        const auto p = scenario::build_pathway(scenario::load_scenario(f), "m");
        const auto runs = sim::run_replications(10, 0, [&](std::size_t rep) {
            return agents::run_pathway(p, sim::days(60), sim::days(1060), 3, rep);
        });
        std::vector<double> in_stage;
        for (const auto& r : runs) {
            in_stage.push_back(r.stages[*p.find("stay")].mean_in_stage);
            CHECK(r.stages[*p.find("stay")].mean_wait_days == 0.0); // no limit, no queue
        }
        const auto m = sim::summarise(in_stage);
        CAPTURE(m.mean, m.half_width);
        CHECK(m.contains(120.0));
    }
}

TEST_CASE("a pathway run is reproducible and replications differ", "[unit][scenario][build]") {
    const auto s = scenario::load_scenario(KOKEILU_SOURCE_DIR "/configs/examples/jackson.toml");
    const auto p = scenario::build_pathway(s, "jackson");
    const auto a = agents::run_pathway(p, sim::days(5), sim::days(50), 1, 0);
    const auto b = agents::run_pathway(p, sim::days(5), sim::days(50), 1, 0);
    const auto c = agents::run_pathway(p, sim::days(5), sim::days(50), 1, 1);
    CHECK(a.digest == b.digest);
    CHECK(a.events == b.events);
    CHECK(a.events > 1000);
    CHECK(a.digest != c.digest);
}

TEST_CASE("two budgets of one region paying for the same service are an error at the user's "
          "budget, which names the shipped one to change instead",
          "[unit][scenario][build]") {
    ScratchDir dir;
    const auto path = dir.write("overlap.toml", "extends = \"default.toml\"\n"
                                                "[budgets.ely]\n"
                                                "region = \"uusimaa\"\n"
                                                "services = [\"labour_market_training\"]\n"
                                                "eur_per_year = 1e6\n"
                                                "[budgets.mine]\n"
                                                "provider = \"pilot_helsinki\"\n"
                                                "services = [\"pay_subsidy\"]\n"
                                                "eur_per_year = 1e6\n");
    try {
        (void)scenario::build_model_input(scenario::load_scenario(path, {}));
        FAIL("no error");
    } catch (const scenario::ConfigError& e) {
        const auto& d = e.diagnostics();
        REQUIRE(d.size() == 1); // a provider's own budget next to its region's is fine
        CHECK(d[0].file == path);
        CHECK(d[0].line == 4);
        CHECK_THAT(d[0].message,
                   Catch::Contains("budgets.ely and budgets.training_uusimaa both pay for "
                                   "`labour_market_training` at the same region") &&
                       Catch::Contains("change budgets.training_uusimaa instead"));
    }
}

TEST_CASE("budget errors point at the budget's line: a misspelt service, both or neither of "
          "provider and region",
          "[unit][scenario][build]") {
    ScratchDir dir;
    const auto path = dir.write("budgets.toml", "extends = \"default.toml\"\n"
                                                "[budgets.ely]\n"
                                                "region = \"uusimaa\"\n"
                                                "services = [\"labour_market_trainng\"]\n"
                                                "eur_per_year = 1e6\n"
                                                "[budgets.both]\n"
                                                "region = \"uusimaa\"\n"
                                                "provider = \"te_uusimaa\"\n"
                                                "services = [\"pay_subsidy\"]\n"
                                                "eur_per_year = 1e6\n");
    try {
        (void)scenario::build_model_input(scenario::load_scenario(path, {}));
        FAIL("no error");
    } catch (const scenario::ConfigError& e) {
        const auto& d = e.diagnostics();
        REQUIRE(d.size() == 2);
        // In file order, like a compiler.
        CHECK(d[0].file == path);
        CHECK(d[0].line == 4);
        CHECK(d[0].column == 12); // the value
        CHECK_THAT(d[0].message,
                   Catch::Contains("budgets.ely.services names `labour_market_trainng`") &&
                       Catch::Contains("did you mean `labour_market_training`?"));
        CHECK(d[1].line == 10);
        CHECK_THAT(d[1].message, Catch::Contains("budgets.both needs exactly one of `provider` "
                                                 "and `region`"));
    }
    // A run past 2025 is refused at scenario.end.
    CHECK_THROWS_AS(scenario::build_model_input(scenario::load_scenario(
                        "", {"scenario.end=2026-01-31", "pilot.end=2024-12-31"})),
                    scenario::ConfigError);
}
