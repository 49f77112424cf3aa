// Pathway graph checks of service models, one test per problem, and their Graphviz drawings.
#include "scenario/pathway.hpp"

#include "scenario/scenario.hpp"
#include "tests/unit/scenario/support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

using namespace kokeilu::scenario;
using namespace kokeilu::scenario::testing;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

/// "line:column" as printed in the diagnostic, which must start with `file:`.
std::string position(const Diagnostic& d, const std::string& file) {
    const std::string text = d.format();
    REQUIRE(text.rfind(file + ":", 0) == 0);
    const auto start = file.size() + 1;
    const auto colon = text.find(':', start);
    const auto end = text.find(':', colon + 1);
    REQUIRE(end != std::string::npos);
    CHECK(text.substr(end, 9) == ": error: ");
    return text.substr(start, end - start);
}

/// The valid three-stage model of the brief; a stage header's name is at column 26.
constexpr const char* kValid = R"([service_models.m]
entry = "a"
[service_models.m.stages.a]
duration = "exponential"
duration_mean_days = 2.0
next = { b = 0.5, done = 0.5 }
[service_models.m.stages.b]
duration_mean_days = 1.0
next.done = 1.0
[service_models.m.stages.done]
exit = true
duration = "none"
)";

} // namespace

TEST_CASE("a valid three-stage pathway passes every pathway check", "[unit][scenario][pathway]") {
    const ScratchDir dir;
    const auto file = dir.write("valid.toml", kValid);
    const Scenario s = load_scenario(file);
    std::vector<Diagnostic> found;
    check_pathways(s, found);
    CHECK(found.empty());
}

TEST_CASE("a next stage that is not a stage of the model is reported with a did-you-mean",
          "[unit][scenario][pathway]") {
    const ScratchDir dir;
    const auto file = dir.write("typo.toml", R"([service_models.m]
entry = "a"
[service_models.m.stages.a]
duration_mean_days = 2.0
next = { b = 0.5, dnoe = 0.5 }
[service_models.m.stages.b]
duration_mean_days = 1.0
next.done = 1.0
[service_models.m.stages.done]
exit = true
duration = "none"
)");
    const auto d = single_diagnostic(file);
    CHECK(d.message == "service model m: stage `a` moves on to `dnoe`, which is not a stage of "
                       "this model; did you mean `done`?");
    CHECK(position(d, file) == "5:26"); // the value of next.dnoe
}

TEST_CASE("a next stage far from every stage name gets no did-you-mean",
          "[unit][scenario][pathway]") {
    const ScratchDir dir;
    const auto file = dir.write("far.toml", R"([service_models.m]
entry = "a"
[service_models.m.stages.a]
duration_mean_days = 2.0
next = { done = 0.5, somewhere_else = 0.5 }
[service_models.m.stages.done]
exit = true
duration = "none"
)");
    const auto d = single_diagnostic(file);
    CHECK(d.message == "service model m: stage `a` moves on to `somewhere_else`, which is not a "
                       "stage of this model");
    CHECK(position(d, file) == "5:39");
}

TEST_CASE("a stage that is not an exit must have next stages", "[unit][scenario][pathway]") {
    const ScratchDir dir;
    const auto file = dir.write("stuck.toml", R"([service_models.m]
entry = "a"
[service_models.m.stages.a]
duration_mean_days = 2.0
next = { b = 0.5, done = 0.5 }
[service_models.m.stages.b]
duration_mean_days = 1.0
[service_models.m.stages.done]
exit = true
duration = "none"
)");
    const auto ds = diagnostics_of(file);
    REQUIRE(ds.size() == 2);
    CHECK(ds[0].message == "service model m: stage `b` is not an exit and has no `next` stages; "
                           "add next.<stage> = 1.0 or set exit = true");
    CHECK(position(ds[0], file) == "6:26");
    // Without a way on, no exit can be reached from it either.
    CHECK(ds[1].message == "service model m: no exit stage can be reached from stage `b`: "
                           "clients who get there never leave");
    CHECK(position(ds[1], file) == "6:26");
}

TEST_CASE("the next probabilities of a stage must sum to 1", "[unit][scenario][pathway]") {
    const ScratchDir dir;
    SECTION("a sum below 1 is reported with its value") {
        const auto file = dir.write("sum.toml", R"([service_models.m]
entry = "a"
[service_models.m.stages.a]
duration_mean_days = 2.0
next = { b = 0.5, done = 0.3 }
[service_models.m.stages.b]
duration_mean_days = 1.0
next.done = 1.0
[service_models.m.stages.done]
exit = true
duration = "none"
)");
        const auto d = single_diagnostic(file);
        CHECK(d.message == "service model m: the `next` probabilities of stage `a` sum to 0.8, "
                           "not 1");
        CHECK(position(d, file) == "3:26");
    }
    SECTION("a sum above 1 is reported with its value") {
        const auto file = dir.write("sum.toml", R"([service_models.m]
entry = "a"
[service_models.m.stages.a]
duration_mean_days = 2.0
next = { a = 0.25, done = 1.0 }
[service_models.m.stages.done]
exit = true
duration = "none"
)");
        const auto d = single_diagnostic(file);
        CHECK(d.message == "service model m: the `next` probabilities of stage `a` sum to 1.25, "
                           "not 1");
        CHECK(position(d, file) == "3:26");
    }
    SECTION("decimal fractions that add up to 1 up to rounding pass") {
        const auto file = dir.write("sum.toml", R"([service_models.m]
entry = "a"
[service_models.m.stages.a]
duration_mean_days = 2.0
next = { a = 0.1, b = 0.2, done = 0.7 }
[service_models.m.stages.b]
duration_mean_days = 1.0
next.done = 1.0
[service_models.m.stages.done]
exit = true
duration = "none"
)");
        CHECK(diagnostics_of(file).empty());
    }
}

TEST_CASE("an exit stage cannot have next stages", "[unit][scenario][pathway]") {
    const ScratchDir dir;
    const auto file = dir.write("exit.toml", R"([service_models.m]
entry = "a"
[service_models.m.stages.a]
duration_mean_days = 2.0
next.done = 1.0
[service_models.m.stages.done]
exit = true
duration = "none"
next.a = 1.0
)");
    const auto d = single_diagnostic(file);
    CHECK(d.message == "service model m: stage `done` is an exit (exit = true) but has `next` "
                       "stages; remove its `next` or set exit = false");
    CHECK(position(d, file) == "6:26");
}

TEST_CASE("a stage that cannot be reached from the entry or from arrivals is reported",
          "[unit][scenario][pathway]") {
    const ScratchDir dir;
    const std::string model = R"([service_models.te_office]
entry = "registration"
[service_models.te_office.stages.registration]
duration_mean_days = 1.0
next.done = 1.0
[service_models.te_office.stages.intake]
duration_mean_days = 5.0
next.done = 1.0
[service_models.te_office.stages.done]
exit = true
duration = "none"
)";
    SECTION("a stage nothing leads to is unreachable") {
        const auto file = dir.write("island.toml", model);
        const auto d = single_diagnostic(file);
        CHECK(d.message == "service model te_office: stage `intake` cannot be reached from the "
                           "entry stage `registration` or from any stage with arrivals");
        CHECK(position(d, file) == "6:34");
    }
    SECTION("a stage with arrivals from outside is a start of the pathway") {
        const auto file = dir.write("arrivals.toml", R"([service_models.te_office]
entry = "registration"
[service_models.te_office.stages.registration]
duration_mean_days = 1.0
next.done = 1.0
[service_models.te_office.stages.intake]
duration_mean_days = 5.0
arrivals_per_day = 3.0
next.done = 1.0
[service_models.te_office.stages.done]
exit = true
duration = "none"
)");
        CHECK(diagnostics_of(file).empty());
    }
}

TEST_CASE("a stage from which no exit can be reached is reported", "[unit][scenario][pathway]") {
    const ScratchDir dir;
    const auto file = dir.write("trap.toml", R"([service_models.m]
entry = "a"
[service_models.m.stages.a]
duration_mean_days = 2.0
next = { trap = 0.5, done = 0.5 }
[service_models.m.stages.trap]
duration_mean_days = 1.0
next.trap2 = 1.0
[service_models.m.stages.trap2]
duration_mean_days = 1.0
next.trap = 1.0
[service_models.m.stages.done]
exit = true
duration = "none"
)");
    const auto ds = diagnostics_of(file);
    REQUIRE(ds.size() == 2);
    CHECK(ds[0].message == "service model m: no exit stage can be reached from stage `trap`: "
                           "clients who get there never leave");
    CHECK(position(ds[0], file) == "6:26");
    CHECK(ds[1].message == "service model m: no exit stage can be reached from stage `trap2`: "
                           "clients who get there never leave");
    CHECK(position(ds[1], file) == "9:26");
}

TEST_CASE("a model without any exit stage is reported once", "[unit][scenario][pathway]") {
    const ScratchDir dir;
    const auto file = dir.write("closed.toml", R"([service_models.m]
entry = "a"
[service_models.m.stages.a]
duration_mean_days = 2.0
next.b = 1.0
[service_models.m.stages.b]
duration_mean_days = 1.0
next.a = 1.0
)");
    const auto d = single_diagnostic(file);
    CHECK(d.message == "service model m: no stage is an exit (exit = true), so clients never "
                       "leave; mark the stage where the pathway ends with exit = true");
    CHECK(position(d, file) == "1:17"); // the model's table
}

TEST_CASE("a loop of stages that take no time is reported", "[unit][scenario][pathway]") {
    const ScratchDir dir;
    SECTION("a loop through two instant stages names both") {
        const auto file = dir.write("loop.toml", R"([service_models.m]
entry = "a"
[service_models.m.stages.a]
duration_mean_days = 2.0
next.check = 1.0
[service_models.m.stages.check]
duration = "none"
next = { recheck = 0.5, done = 0.5 }
[service_models.m.stages.recheck]
duration = "none"
next.check = 1.0
[service_models.m.stages.done]
exit = true
duration = "none"
)");
        const auto d = single_diagnostic(file);
        CHECK(d.message == "service model m: stages `check` and `recheck` form a loop in which no "
                           "time passes (duration = \"none\" or duration_mean_days = 0): a client "
                           "could go round it forever in one instant; give one of them a "
                           "duration");
        CHECK(position(d, file) == "6:26");
    }
    SECTION("an instant stage that moves on to itself is a loop") {
        const auto file = dir.write("self.toml", R"([service_models.m]
entry = "a"
[service_models.m.stages.a]
duration = "none"
next = { a = 0.5, done = 0.5 }
[service_models.m.stages.done]
exit = true
duration = "none"
)");
        const auto d = single_diagnostic(file);
        CHECK(d.message == "service model m: stage `a` moves on to itself and takes no time "
                           "(duration = \"none\" or duration_mean_days = 0): a client could go "
                           "round it forever in one instant; give it a duration");
        CHECK(position(d, file) == "3:26");
    }
    SECTION("a loop through a stage that takes time is fine") {
        const auto file = dir.write("timed.toml", R"([service_models.m]
entry = "a"
[service_models.m.stages.a]
duration = "fixed"
duration_mean_days = 1.0
next = { a = 0.5, done = 0.5 }
[service_models.m.stages.done]
exit = true
duration = "none"
)");
        CHECK(diagnostics_of(file).empty());
    }
}

TEST_CASE("a stage's duration must agree with its mean", "[unit][scenario][pathway]") {
    const ScratchDir dir;
    SECTION("duration none with a mean above 0") {
        const auto file = dir.write("none.toml", R"([service_models.m]
entry = "a"
[service_models.m.stages.a]
duration = "none"
duration_mean_days = 2.5
next.done = 1.0
[service_models.m.stages.done]
exit = true
duration = "none"
)");
        const auto d = single_diagnostic(file);
        CHECK(d.message == "service model m: stage `a` has duration = \"none\" but "
                           "duration_mean_days = 2.5; choose a distribution or set "
                           "duration_mean_days = 0");
        CHECK(position(d, file) == "3:26");
    }
    SECTION("a distribution with a mean of 0") {
        const auto file = dir.write("zero.toml", R"([service_models.m]
entry = "a"
[service_models.m.stages.a]
duration = "gamma"
next.done = 1.0
[service_models.m.stages.done]
exit = true
duration = "none"
)");
        const auto d = single_diagnostic(file);
        CHECK(d.message == "service model m: stage `a` has duration = \"gamma\" but "
                           "duration_mean_days = 0; use duration = \"none\" for a stage that takes "
                           "no time");
        CHECK(position(d, file) == "3:26");
    }
}

TEST_CASE("pathway diagnostics of several models and stages all come out",
          "[unit][scenario][pathway]") {
    const ScratchDir dir;
    const auto file = dir.write("many.toml", R"([service_models.z]
entry = "a"
[service_models.z.stages.a]
duration = "none"
duration_mean_days = 1.0
next.a = 1.0
[service_models.y]
entry = "a"
[service_models.y.stages.b]
duration_mean_days = 1.0
next.a = 0.5
[service_models.y.stages.a]
duration_mean_days = 1.0
exit = true
)");
    const auto ds = diagnostics_of(file);
    std::vector<std::string> got;
    for (const auto& d : ds) {
        got.push_back(position(d, file) + " " + d.message.substr(0, 36));
    }
    // The loader orders them by position in the file.
    const std::vector<std::string> expected{
        "1:17 service model z: no stage is an exit", "3:26 service model z: stage `a` has durat",
        "3:26 service model z: stage `a` moves on ", "9:26 service model y: the `next` probabil",
        "9:26 service model y: stage `b` cannot be",
    };
    CHECK(got == expected);
}

TEST_CASE("a service model is drawn as Graphviz DOT", "[unit][scenario][pathway]") {
    const ScratchDir dir;
    const auto file = dir.write("valid.toml", std::string(kValid) + R"(
[providers.office]
kind = "te_office"
service_model = "m"
region = "r"
[regions.r]
jobseeker_share = 1.0
)");
    const Scenario s = load_scenario(file);
    const std::string dot = service_model_dot(s, "m");
    CHECK_THAT(dot, Contains("digraph \"m\" {"));
    CHECK_THAT(dot, Contains("\"a\" [label=\"a\\nexp. 2 d, no server limit\", penwidth=2];"));
    CHECK_THAT(dot, Contains("\"b\" [label=\"b\\nexp. 1 d, no server limit\"];"));
    CHECK_THAT(dot, Contains("\"done\" [label=\"done\", shape=doublecircle];"));
    CHECK_THAT(dot, Contains("\"entry point\" -> \"a\""));
    CHECK_THAT(dot, Contains("\"a\" -> \"b\" [label=\"0.5\"];"));
    CHECK_THAT(dot, Contains("\"a\" -> \"done\" [label=\"0.5\"];"));
    CHECK_THAT(dot, Contains("\"b\" -> \"done\" [label=\"1\"];"));
    CHECK(dot.back() == '\n');
    CHECK(service_model_dot(s, "m") == dot); // deterministic

    SECTION("a provider's pathway is its service model's") {
        const std::string by_provider = pathway_dot(s, "office");
        CHECK_THAT(by_provider, Contains("label=\"provider office: service model m\";"));
        CHECK_THAT(by_provider, Contains("\"a\" -> \"b\" [label=\"0.5\"];"));
    }
}

TEST_CASE("the shipped queueing example draws with servers, arrivals and probabilities",
          "[unit][scenario][pathway]") {
    std::string text;
    for (const auto& b : builtin_configs()) {
        if (b.name == "examples/jackson.toml") {
            text = std::string(b.text);
        }
    }
    REQUIRE_FALSE(text.empty());
    LoadOptions o;
    o.file = "configs/examples/jackson.toml";
    o.text = text;
    const Scenario s = load_scenario(o);
    std::vector<Diagnostic> found;
    check_pathways(s, found);
    CHECK(found.empty());
    const std::string dot = pathway_dot(s, "demo_office");
    CHECK_THAT(dot, Contains("\"reception\" [label=\"reception\\nexp. 0.0333333 d, 2 servers"
                             "\\n45 arrivals/day\", penwidth=2];"));
    CHECK_THAT(dot, Contains("\"interviews\" -> \"coaching\" [label=\"0.3\"];"));
    CHECK_THAT(dot, Contains("\"left\" [label=\"left\", shape=doublecircle];"));
}

TEST_CASE("drawing an unknown provider or model is a configuration error",
          "[unit][scenario][pathway]") {
    const ScratchDir dir;
    const auto file = dir.write("valid.toml", std::string(kValid) + R"(
[providers.helsinki]
kind = "pilot"
service_model = "m"
region = "r"
[regions.r]
jobseeker_share = 1.0
)");
    const Scenario s = load_scenario(file);
    auto message_of = [](auto&& draw) {
        try {
            (void)draw();
        } catch (const ConfigError& e) {
            REQUIRE(e.diagnostics().size() == 1);
            CHECK(e.diagnostics().front().file.empty());
            CHECK(e.diagnostics().front().line == 0);
            return e.diagnostics().front().message;
        }
        FAIL("no ConfigError");
        return std::string();
    };
    CHECK(message_of([&] { return pathway_dot(s, "helsinky"); }) ==
          "no provider `helsinky` in the scenario; did you mean `helsinki`?");
    CHECK(message_of([&] { return pathway_dot(s, "turku"); }) ==
          "no provider `turku` in the scenario");
    CHECK(message_of([&] { return service_model_dot(s, "quarantine"); }) ==
          "no service model `quarantine` in the scenario");
}
