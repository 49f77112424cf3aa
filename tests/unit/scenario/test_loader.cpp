// Scenario loading: values, defaults, extends, --set, timeline, and one test per error class.
#include "scenario/reference.hpp"
#include "scenario/scenario.hpp"
#include "tests/unit/scenario/support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace kokeilu::scenario;
using namespace kokeilu::scenario::testing;

namespace {

/// A one-stage service model, for tests that need timeline-settable keys (lines 1-5).
constexpr const char* kModel = "[service_models.m]\nentry = \"x\"\n[service_models.m.stages.x]\n"
                               "exit = true\nduration = \"none\"\n";

} // namespace

TEST_CASE("the built-in default scenario loads with no file", "[unit][scenario]") {
    const auto s = load_scenario(std::string());
    CHECK(s.date("pilot.start") == kokeilu::sim::Date(2021, 3, 1));
    CHECK(s.date("scenario.start") == kokeilu::sim::Date(2019, 1, 1));
    CHECK(s.number("population.scale") == 1.0);
    CHECK(s.find("pilot.start")->origin.kind == Origin::Kind::File);
    CHECK(s.sources().front().name == "configs/default.toml (built in)");
}

TEST_CASE("defaults fill every key of every entry", "[unit][scenario]") {
    const ScratchDir t;
    const auto f = t.write("a.toml", "[service_models.m]\nentry = \"x\"\n"
                                     "[service_models.m.stages.x]\nexit = true\n"
                                     "duration = \"none\"\n");
    const auto s = load_scenario(f, {});
    CHECK(s.integer("service_models.m.stages.x.servers") == 0);
    CHECK(s.number("service_models.m.stages.x.duration_cv") == 1.0);
    CHECK(s.find("service_models.m.stages.x.servers")->origin.kind == Origin::Kind::Default);
    CHECK(s.integer("scenario.seed") == 1);
    CHECK(s.names("service_models.m.stages") == std::vector<std::string>{"x"});
}

TEST_CASE("extends chains override parent values, and --set overrides both", "[unit][scenario]") {
    const ScratchDir t;
    t.write("base.toml", "[scenario]\nseed = 5\nreplications = 3\n");
    t.write("mid.toml", "extends = \"base.toml\"\n[scenario]\nseed = 6\n");
    const auto top = t.write("top.toml", "extends = \"mid.toml\"\n[population]\nscale = 0.01\n");
    const auto s = load_scenario(top, {"scenario.replications=7"});
    CHECK(s.integer("scenario.seed") == 6);
    CHECK(s.integer("scenario.replications") == 7);
    CHECK(s.find("scenario.replications")->origin.kind == Origin::Kind::CommandLine);
    CHECK(s.number("population.scale") == 0.01);
    CHECK(s.find("scenario.seed")->origin.line == 3);
    CHECK(s.sources().size() == 3);
}

TEST_CASE("a copied config can extend a built-in one by name", "[unit][scenario]") {
    const ScratchDir t;
    const auto f = t.write("mine.toml", "extends = \"default.toml\"\n[scenario]\nseed = 9\n");
    const auto s = load_scenario(f, {});
    CHECK(s.integer("scenario.seed") == 9);
    CHECK(s.date("pilot.start") == kokeilu::sim::Date(2021, 3, 1));
}

TEST_CASE("Finnish service names are aliases in key paths", "[unit][scenario]") {
    const ScratchDir t;
    const auto f =
        t.write("a.toml", "[service_models.m]\nentry = \"palkkatuki\"\n"
                          "[service_models.m.stages.palkkatuki]\nduration_mean_days = 180\n"
                          "next.TYP = 1.0\n"
                          "[service_models.m.stages.TYP]\nexit = true\nduration = \"none\"\n");
    const auto s = load_scenario(f, {});
    CHECK(s.names("service_models.m.stages") ==
          std::vector<std::string>{"multiprofessional_service", "pay_subsidy"});
    CHECK(s.string("service_models.m.entry") == "pay_subsidy"); // names that refer, too
}

TEST_CASE("timeline entries set keys from their date", "[unit][scenario]") {
    const ScratchDir t;
    const auto f = t.write(
        "a.toml", std::string(kModel) + "[[timeline]]\ndate = 2022-05-02\nnote = \"Nordic model\"\n"
                                        "set = { \"service_models.m.stages.x.servers\" = 4 }\n"
                                        "[[timeline]]\ndate = 2023-07-01\n"
                                        "[timeline.set.service_models.m.stages.x]\nservers = 2\n");
    const auto s = load_scenario(f, {});
    REQUIRE(s.timeline().size() == 2);
    CHECK(s.timeline()[0].date == kokeilu::sim::Date(2022, 5, 2));
    CHECK(s.timeline()[0].note == "Nordic model");
    CHECK(std::get<std::int64_t>(
              s.timeline()[0].set.at("service_models.m.stages.x.servers").value) == 4);
    CHECK(std::get<std::int64_t>(
              s.timeline()[1].set.at("service_models.m.stages.x.servers").value) == 2);
}

// ---- one test per error class -----------------------------------------------------------------

TEST_CASE("a TOML syntax error points at its line and column", "[unit][scenario][errors]") {
    const ScratchDir t;
    const auto f = t.write("bad.toml", "[scenario]\nseed = 1\nname = \"unterminated\n");
    const auto d = single_diagnostic(f);
    CHECK(d.file == f);
    CHECK(d.line == 3);
    CHECK_THAT(d.message, Catch::Contains("TOML syntax"));
}

TEST_CASE("a missing or unreadable file is an error", "[unit][scenario][errors]") {
    const ScratchDir t;
    CHECK_THAT(single_diagnostic((t.path() / "nope.toml").string()).message,
               Catch::Contains("cannot open scenario file") && Catch::Contains("no such file"));
    CHECK_THAT(single_diagnostic(t.path().string()).message, Catch::Contains("is a folder"));
}

TEST_CASE("a value of the wrong type names the key, expected and found",
          "[unit][scenario][errors]") {
    const ScratchDir t;
    const auto f = t.write("a.toml", "[scenario]\nseed = \"one\"\n");
    const auto d = single_diagnostic(f);
    CHECK(d.format() == f + ":2:8: error: scenario.seed must be an integer, got string \"one\"");
}

TEST_CASE("an out-of-range value says the allowed range", "[unit][scenario][errors]") {
    const ScratchDir t;
    const auto f = t.write("a.toml", "[population]\nscale = -3\n");
    const auto d = single_diagnostic(f);
    CHECK(d.format() == f + ":2:9: error: population.scale must be in (0, 10], got -3.0");
}

TEST_CASE("an unknown key is an error with a did-you-mean", "[unit][scenario][errors]") {
    const ScratchDir t;
    const auto f = t.write("a.toml", "[scenario]\nsede = 3\n");
    const auto d = single_diagnostic(f);
    CHECK(d.format() ==
          f + ":2:1: error: unknown key `scenario.sede`; did you mean `scenario.seed`?");
    const auto g = t.write("b.toml", "[pilots]\nstart = 2021-03-01\n");
    CHECK_THAT(single_diagnostic(g).message, Catch::Contains("did you mean `pilot`?"));
}

TEST_CASE("a bad date is an error", "[unit][scenario][errors]") {
    const ScratchDir t;
    const auto f = t.write("a.toml", "[pilot]\nstart = \"2021-03-01\"\n");
    CHECK(single_diagnostic(f).format() ==
          f + ":2:9: error: pilot.start must be a date, got string \"2021-03-01\" (write dates "
              "unquoted: 2021-03-01)");
    const auto g = t.write("b.toml", "[pilot]\nstart = 2021-02-30\n");
    const auto d = single_diagnostic(g);
    CHECK(d.line == 2);
    CHECK_THAT(d.message, Catch::Contains("2021-02-30") || Catch::Contains("TOML syntax"));
}

TEST_CASE("timeline dates out of order are an error", "[unit][scenario][errors]") {
    const ScratchDir t;
    const auto f =
        t.write("a.toml", std::string(kModel) + "[[timeline]]\ndate = 2022-05-02\n"
                                                "set.service_models.m.stages.x.servers = 3\n\n"
                                                "[[timeline]]\ndate = 2021-01-01\n"
                                                "set.service_models.m.stages.x.servers = 4\n");
    const auto d = single_diagnostic(f);
    CHECK(d.line == 10);
    CHECK_THAT(d.message, Catch::Contains("timeline dates out of order: 2021-01-01 comes after "
                                          "2022-05-02"));
}

TEST_CASE("the timeline cannot change keys fixed for the whole run", "[unit][scenario][errors]") {
    const ScratchDir t;
    const auto f =
        t.write("a.toml", "[[timeline]]\ndate = 2022-05-02\nset.pilot.start = 2022-01-01\n");
    const auto d = single_diagnostic(f);
    CHECK(d.line == 3);
    CHECK_THAT(d.message, Catch::Contains("pilot.start cannot be changed by the timeline"));
}

TEST_CASE("an extends cycle and a missing parent are errors", "[unit][scenario][errors]") {
    const ScratchDir t;
    t.write("a.toml", "extends = \"b.toml\"\n");
    t.write("b.toml", "[scenario]\nseed = 2\nextends = 3\n");
    const auto c = t.write("c.toml", "extends = \"d.toml\"\n");
    t.write("d.toml", "extends = \"c.toml\"\n");
    const auto cyc = single_diagnostic(c);
    CHECK_THAT(cyc.message, Catch::Contains("extends cycle"));
    CHECK(cyc.line == 1);
    CHECK(cyc.column == 11);
    const auto m = t.write("m.toml", "\nextends = \"missing.toml\"\n");
    const auto d = single_diagnostic(m);
    CHECK(d.format() == m + ":2:11: error: extends: cannot find `missing.toml` (looked next to "
                            "this file and among the built-in configs)");
}

TEST_CASE("an override with --set of an unknown key or a wrongly typed value is an error",
          "[unit][scenario][errors]") {
    CHECK(single_diagnostic("", {"scenario.sed=4"}).format() ==
          "kokeilu: error: --set scenario.sed=4: unknown key `scenario.sed`; did you mean "
          "`scenario.seed`?");
    CHECK(single_diagnostic("", {"scenario.seed=four"}).format() ==
          "kokeilu: error: --set scenario.seed=four: scenario.seed must be an integer, got `four`");
    CHECK(single_diagnostic("", {"population.scale=0"}).format() ==
          "kokeilu: error: --set population.scale=0: population.scale must be in (0, 10], got 0.0");
    CHECK_THAT(single_diagnostic("", {"pilot.end"}).message,
               Catch::Contains("expected key.path=value"));
}

TEST_CASE("a name given twice through an alias is a duplicate", "[unit][scenario][errors]") {
    const ScratchDir t;
    const auto f = t.write("a.toml", "[service_models.m.stages.palkkatuki]\nexit = true\n"
                                     "[service_models.m.stages.pay_subsidy]\nexit = true\n");
    // (The fragment also lacks the model's entry: every error is reported at once.)
    const auto d = diagnostics_of(f);
    const auto dup = std::find_if(d.begin(), d.end(), [](const Diagnostic& x) {
        return x.message.find("duplicate name `pay_subsidy`") != std::string::npos;
    });
    REQUIRE(dup != d.end());
    CHECK(dup->line == 3);
}

TEST_CASE("references to undefined service models and stages are errors",
          "[unit][scenario][errors]") {
    const ScratchDir t;
    const auto f = t.write("a.toml", "[service_models.te_office]\nentry = \"intake\"\n"
                                     "[service_models.te_office.stages.intake]\nexit = true\n"
                                     "duration = \"none\"\n"
                                     "[providers.Espoo]\nkind = \"pilot\"\n"
                                     "service_model = \"te_ofice\"\nregion = \"r\"\n"
                                     "[regions.r]\njobseeker_share = 1.0\n");
    const auto d = single_diagnostic(f);
    CHECK(d.format() ==
          f + ":8:17: error: providers.Espoo.service_model names `te_ofice`, which is "
              "not defined in `service_models`; did you mean `te_office`?");
    const auto g = t.write("b.toml", "[service_models.m]\nentry = \"intak\"\n"
                                     "[service_models.m.stages.intake]\nexit = true\n"
                                     "duration = \"none\"\n");
    CHECK_THAT(single_diagnostic(g).message, Catch::Contains("did you mean `intake`?"));
}

TEST_CASE("a word outside an enumeration lists the choices", "[unit][scenario][errors]") {
    const ScratchDir t;
    const auto f = t.write("a.toml", "[providers.X]\nkind = \"pilott\"\nservice_model = \"m\"\n");
    // (The fragment also lacks the provider's region: every error is reported at once.)
    const auto d = diagnostics_of(f);
    const auto kind = std::find_if(d.begin(), d.end(), [](const Diagnostic& x) {
        return x.message.find("providers.X.kind") != std::string::npos;
    });
    REQUIRE(kind != d.end());
    CHECK(kind->format() == f + ":2:8: error: providers.X.kind must be one of \"te_office\", "
                                "\"pilot\", got \"pilott\"; did you mean \"pilot\"?");
}

TEST_CASE("a missing required key points at its table", "[unit][scenario][errors]") {
    const ScratchDir t;
    const auto f =
        t.write("a.toml", "[service_models.m]\nentry = \"x\"\n"
                          "[service_models.m.stages.x]\nexit = true\nduration = \"none\"\n"
                          "\n[providers.Vantaa]\nservice_model = \"m\"\n"
                          "region = \"r\"\n[regions.r]\njobseeker_share = 1.0\n");
    const auto d = single_diagnostic(f);
    CHECK(d.line == 7);
    CHECK_THAT(d.message, Catch::Contains("missing required key `providers.Vantaa.kind`"));
}

TEST_CASE("all errors of a file are reported together", "[unit][scenario][errors]") {
    const ScratchDir t;
    const auto f =
        t.write("a.toml", "[scenario]\nseed = -1\nsede = 2\n[population]\nscale = \"x\"\n");
    const auto d = diagnostics_of(f);
    REQUIRE(d.size() == 3);
    CHECK(d[0].line == 2);
    CHECK(d[1].line == 3);
    CHECK(d[2].line == 5);
}

// ---- round trips and docs ---------------------------------------------------------------------

TEST_CASE("show output of every shipped config validates and resolves to identical values",
          "[unit][scenario]") {
    const ScratchDir t;
    for (const auto& b : builtin_configs()) {
        CAPTURE(b.name);
        const auto original = t.write("orig.toml", std::string(b.text));
        const auto s1 = load_scenario(original, {});
        const auto shown = t.write("shown.toml", show_toml(s1));
        const auto s2 = load_scenario(shown, {});
        REQUIRE(s1.values().size() == s2.values().size());
        for (const auto& [path, e] : s1.values()) {
            CAPTURE(path);
            REQUIRE(s2.find(path) != nullptr);
            CHECK(s2.find(path)->value == e.value);
        }
        REQUIRE(s1.timeline().size() == s2.timeline().size());
        for (std::size_t i = 0; i < s1.timeline().size(); ++i) {
            CHECK(s1.timeline()[i].date == s2.timeline()[i].date);
            CHECK(s1.timeline()[i].set.size() == s2.timeline()[i].set.size());
        }
    }
}

TEST_CASE("configs/README.md is the generated key reference", "[unit][scenario]") {
    std::ifstream in(KOKEILU_SOURCE_DIR "/configs/README.md");
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    INFO("regenerate with: build/dev/app/kokeilu keys --markdown > configs/README.md");
    CHECK(text.str() == keys_markdown());
}

TEST_CASE("list-valued keys load, override and round-trip through show", "[unit][scenario]") {
    const ScratchDir t;
    const auto f = t.write("a.toml", std::string(kModel) +
                                         "[providers.\"Vantaa–Kerava\"]\nkind = \"pilot\"\n"
                                         "service_model = \"m\"\n"
                                         "municipalities = [\"Vantaa\", \"Kerava\"]\n"
                                         "region = \"r\"\n[regions.r]\njobseeker_share = 1.0\n");
    const auto s = load_scenario(f, {});
    CHECK(std::get<StringList>(s.find("providers.Vantaa–Kerava.municipalities")->value) ==
          StringList{"Vantaa", "Kerava"});
    const auto o = load_scenario(f, {"providers.Vantaa–Kerava.municipalities=[\"Vantaa\"]"});
    CHECK(std::get<StringList>(o.find("providers.Vantaa–Kerava.municipalities")->value) ==
          StringList{"Vantaa"});
    const auto shown = t.write("shown.toml", show_toml(s));
    const auto again = load_scenario(shown, {});
    CHECK(again.find("providers.Vantaa–Kerava.municipalities")->value ==
          s.find("providers.Vantaa–Kerava.municipalities")->value);
}

TEST_CASE("a list element of the wrong type names its index", "[unit][scenario][errors]") {
    const ScratchDir t;
    const auto f =
        t.write("a.toml", std::string(kModel) +
                              "[providers.Espoo]\nkind = \"pilot\"\nservice_model = \"m\"\n"
                              "municipalities = [\"Espoo\", 3]\n"
                              "region = \"r\"\n[regions.r]\njobseeker_share = 1.0\n");
    const auto d = single_diagnostic(f);
    CHECK(d.line == 9);
    CHECK(d.column == 18);
    CHECK(d.message == "providers.Espoo.municipalities[1] must be a string, got integer 3");
    const auto g =
        t.write("b.toml", std::string(kModel) +
                              "[providers.Espoo]\nkind = \"pilot\"\nservice_model = \"m\"\n"
                              "region = \"r\"\n[regions.r]\njobseeker_share = 1.0\n");
    CHECK(single_diagnostic(g, {"providers.Espoo.municipalities=Espoo"}).message ==
          "--set providers.Espoo.municipalities=Espoo: providers.Espoo.municipalities must be a "
          "list of strings, got `Espoo`");
    CHECK(single_diagnostic(g, {"providers.Espoo.municipalities=[1]"}).message ==
          "--set providers.Espoo.municipalities=[1]: providers.Espoo.municipalities[0] must be a "
          "string, got integer 1");
}

TEST_CASE("a timeline change that breaks a pathway graph is reported with its date",
          "[unit][scenario][errors]") {
    const ScratchDir t;
    const auto f = t.write("a.toml", R"([service_models.m]
entry = "a"
[service_models.m.stages.a]
duration_mean_days = 2.0
next = { b = 0.5, done = 0.5 }
[service_models.m.stages.b]
duration_mean_days = 1.0
next.done = 1.0
[service_models.m.stages.done]
exit = true
duration = "none"

[[timeline]]
date = 2022-05-02
set = { "service_models.m.stages.a.next.b" = 0.7 }
)");
    const auto d = diagnostics_of(f);
    REQUIRE(d.size() == 1);
    CHECK_THAT(d[0].message, Catch::StartsWith("from 2022-05-02 (timeline at line 13): ") &&
                                 Catch::Contains("sum to 1.2"));
    // The same change with a matching one keeps the graph valid.
    const auto g = t.write("b.toml", std::string(R"([service_models.m]
entry = "a"
[service_models.m.stages.a]
duration_mean_days = 2.0
next = { b = 0.5, done = 0.5 }
[service_models.m.stages.b]
duration_mean_days = 1.0
next.done = 1.0
[service_models.m.stages.done]
exit = true
duration = "none"

[[timeline]]
date = 2022-05-02
set = { "service_models.m.stages.a.next.b" = 0.7, "service_models.m.stages.a.next.done" = 0.3 }
)"));
    CHECK(diagnostics_of(g).empty());
}

TEST_CASE("a timeline change cannot create a stage, model or provider",
          "[unit][scenario][errors]") {
    // Found by the fuzzer: this used to reach the pathway checks with a stage that had no keys.
    const ScratchDir t;
    const auto f = t.write("a.toml", std::string(kModel) +
                                         "[[timeline]]\ndate = 2022-05-02\n"
                                         "set = { \"service_models.m.stages.y.servers\" = 5 }\n");
    const auto d = single_diagnostic(f);
    CHECK(d.line == 8);
    CHECK(d.message == "timeline: `service_models.m.stages.y` is not defined in the scenario; a "
                       "[[timeline]] entry can only change entries that exist; did you mean "
                       "`service_models.m.stages.x`?");
    // Adding a next.<stage> entry to an existing stage is a change, not a new entry.
    const auto g = t.write("b.toml", std::string(kModel) +
                                         "[[timeline]]\ndate = 2022-05-02\n"
                                         "set = { \"service_models.m.stages.x.servers\" = 5 }\n");
    CHECK(diagnostics_of(g).empty());
}

TEST_CASE("a service model extends another: what it does not set is the other's, a stage's next "
          "as a whole",
          "[unit][scenario][extends]") {
    const ScratchDir t;
    const auto f = t.write(
        "m.toml", "[service_models.base]\nentry = \"a\"\ncontact_minutes = 50.0\n"
                  "[service_models.base.stages.a]\nduration = \"fixed\"\nduration_mean_days = 5.0\n"
                  "next = { b = 0.5, c = 0.5 }\n"
                  "[service_models.base.stages.b]\nexit = true\nduration = \"none\"\n"
                  "[service_models.base.stages.c]\nduration = \"fixed\"\nduration_mean_days = 1.0\n"
                  "next = { b = 1.0 }\n"
                  "[service_models.mine]\nextends = \"base\"\ncontact_minutes = 70.0\n"
                  "[service_models.mine.stages.a]\nnext = { c = 1.0 }\n");
    const auto s = load_scenario(f, {});
    CHECK(s.number("service_models.mine.contact_minutes") == 70.0);
    CHECK(s.string("service_models.mine.entry") == "a");
    CHECK(s.number("service_models.mine.stages.a.duration_mean_days") == 5.0);
    CHECK(s.names("service_models.mine.stages") == std::vector<std::string>{"a", "b", "c"});
    CHECK(s.number("service_models.mine.stages.a.next.c") == 1.0);
    CHECK(s.find("service_models.mine.stages.a.next.b") == nullptr); // not merged
    CHECK(s.number("service_models.mine.stages.c.next.b") == 1.0);
    CHECK(s.find("service_models.mine.stages.a.duration_mean_days")->origin.line ==
          6); // base's line
}

TEST_CASE("the shipped pilot models that extend the TE office resolve to their full models",
          "[unit][scenario][extends]") {
    const auto s = load_scenario(std::string());
    for (const char* m : {"pilot_personal_coach", "pilot_multiprofessional_hub", "te24"}) {
        INFO(m);
        CHECK(s.string(std::string("service_models.") + m + ".extends") == "te_office");
        CHECK(s.names(std::string("service_models.") + m + ".stages") ==
              s.names("service_models.te_office.stages"));
    }
    // A key the coach sets and one it takes from the TE office.
    CHECK(s.number("service_models.pilot_personal_coach.contact_minutes") == 60.0);
    CHECK(s.number("service_models.pilot_personal_coach.assessment_minutes") ==
          s.number("service_models.te_office.assessment_minutes"));
    CHECK(s.number("service_models.pilot_personal_coach.stages.work_trial.max_days") == 182.625);
}

TEST_CASE("a service model that extends an unknown model or itself in a cycle is an error at its "
          "line",
          "[unit][scenario][extends]") {
    const ScratchDir t;
    const auto unknown =
        t.write("u.toml", std::string(kModel) + "[service_models.n]\nextends = \"mm\"\n");
    try {
        (void)load_scenario(unknown, {});
        FAIL("no error");
    } catch (const ConfigError& e) {
        const auto& ds = e.diagnostics();
        const auto d = std::find_if(ds.begin(), ds.end(), [](const Diagnostic& x) {
            return x.message.find("not a service model") != std::string::npos;
        });
        REQUIRE(d != ds.end());
        CHECK(d->line == 7);
        CHECK_THAT(d->message, Catch::Contains("did you mean `m`"));
    }
    const auto cycle =
        t.write("c.toml", std::string(kModel) + "[service_models.p]\nextends = \"q\"\n"
                                                "[service_models.q]\nextends = \"p\"\n");
    try {
        (void)load_scenario(cycle, {});
        FAIL("no error");
    } catch (const ConfigError& e) {
        bool found = false;
        for (const auto& d : e.diagnostics()) {
            found = found || d.message.find("a cycle (") != std::string::npos;
        }
        CHECK(found);
    }
}
