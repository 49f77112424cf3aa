// The one check path (scenario::check_scenario): every check `run` makes, for every command,
// each diagnostic once, with a severity, pointing at the user's line.
#include "scenario/build.hpp"
#include "scenario/scenario.hpp"
#include "tests/unit/scenario/support.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace kokeilu::scenario;
using namespace kokeilu::scenario::testing;

namespace {

/// Every diagnostic of check_scenario (errors and warnings), or the warnings of a success.
std::vector<Diagnostic> checked(const std::string& file,
                                const std::vector<std::string>& sets = {}) {
    try {
        return check_scenario(file, sets).warnings;
    } catch (const ConfigError& e) {
        return e.diagnostics();
    }
}

/// The one diagnostic of a check that must give exactly one.
Diagnostic single(const std::string& file, const std::vector<std::string>& sets = {}) {
    const auto ds = checked(file, sets);
    for (const auto& d : ds) {
        UNSCOPED_INFO(d.format());
    }
    REQUIRE(ds.size() == 1);
    return ds.front();
}

/// A scenario file that extends the default one with `body`.
std::string on_default(const ScratchDir& t, const std::string& name, const std::string& body) {
    return t.write(name, "extends = \"default.toml\"\n" + body);
}

} // namespace

TEST_CASE("the model's checks run in the one check path, and each error is reported once",
          "[unit][scenario][checks]") {
    const ScratchDir t;
    // The default scenario has 7 timeline periods; the error was repeated for each.
    const auto f = on_default(t, "a.toml", "[population]\nage_shares = [1.0]\n");
    const auto d = single(f);
    CHECK(d.format() == f + ":3:14: error: population.age_shares must have 4 values, got 1");
    // Shares that do not sum to 1 are an error, not silently used as weights.
    const auto g = on_default(t, "b.toml", "[population]\nage_shares = [0.5, 0.5, 0.5, 0.5]\n");
    CHECK_THAT(single(g).message, Catch::Contains("population.age_shares must sum to 1, got 2"));
    CHECK(single(g).line == 3);
}

TEST_CASE("an unknown service model is reported together with the model's errors",
          "[unit][scenario][checks]") {
    const ScratchDir t;
    const auto f = on_default(t, "a.toml",
                              "[providers.pilot_espoo]\nservice_model = \"pilot_personal_coah\"\n"
                              "[regions.uusimaa]\njobseeker_share = 0.9\n");
    const auto d = checked(f);
    REQUIRE(d.size() == 2);
    CHECK(d[0].line == 3);
    CHECK_THAT(d[0].message, Catch::Contains("did you mean `pilot_personal_coach`?"));
    CHECK(d[1].line == 5);
    CHECK_THAT(d[1].message, Catch::Contains("jobseeker_share must sum to 1"));
}

TEST_CASE("an error in an override of a built-in table points at the user's file",
          "[unit][scenario][checks]") {
    const ScratchDir t;
    const auto f = on_default(t, "a.toml",
                              "[service_models.pilot_personal_coach.stages.referral]\n"
                              "next = { job_search_coaching = 0.5 }\n");
    const auto d = single(f);
    CHECK(d.file == f);
    CHECK(d.line == 2);
    CHECK_THAT(d.message, Catch::Contains("the `next` probabilities of stage `referral` sum to"));
}

TEST_CASE("a --set of a misspelt entry says there is no such entry", "[unit][scenario][checks]") {
    const auto d = single("", {"providers.pilot_helsnki.counsellors=3"});
    CHECK(d.format() == "kokeilu: error: --set providers.pilot_helsnki.counsellors=3: no provider "
                        "`pilot_helsnki` in the scenario; did you mean `pilot_helsinki`? (a --set "
                        "can add one only with all its required keys)");
    // An entry --set gives all its required keys is still added.
    CHECK_NOTHROW(
        check_scenario("", {"budgets.b.provider=pilot_helsinki",
                            "budgets.b.services=[\"pay_subsidy\"]", "budgets.b.eur_per_year=1e6"}));
}

TEST_CASE("an empty file and an extends of a folder or a FIFO are positioned errors",
          "[unit][scenario][checks]") {
    const ScratchDir t;
    const auto empty = t.write("empty.toml", "");
    CHECK_THAT(single(empty).format(),
               Catch::StartsWith(empty + ":1:1: error: the scenario file is empty"));
    // A file with keys but no regions: about the whole scenario, so at the top of the file.
    const auto bare = t.write("bare.toml", "[scenario]\nname = \"x\"\n");
    CHECK_THAT(single(bare).format(),
               Catch::StartsWith(bare + ":1:1: error: the scenario defines no [regions.NAME]"));
    std::filesystem::create_directory(t.path() / "folder");
    const auto f = t.write("f.toml", "extends = \"folder\"\n");
    CHECK(single(f).format() == f + ":1:11: error: extends: `" +
                                    (t.path() / "folder").lexically_normal().generic_string() +
                                    "` is a folder, not a scenario file");
    REQUIRE(::mkfifo((t.path() / "fifo").c_str(), 0600) == 0);
    const auto g = t.write("g.toml", "extends = \"fifo\"\n");
    CHECK_THAT(single(g).message, Catch::Contains("is not a regular file (a FIFO"));
    CHECK_THAT(single((t.path() / "fifo").string()).message,
               Catch::Contains("is not a regular file (a FIFO"));
}

TEST_CASE("input that would crash the TOML parser is refused before parsing",
          "[unit][scenario][checks]") {
    const ScratchDir t;
    std::string header = "[a";
    for (int i = 0; i < 50000; ++i) {
        header += ".a";
    }
    const auto f = t.write("deep.toml", header + "]\n");
    CHECK(single(f).format() == f + ":1:129: error: input too large: a dotted key with more "
                                    "than 64 parts");
    const auto g =
        t.write("nested.toml", "x = " + std::string(100, '[') + std::string(100, ']') + "\n");
    CHECK_THAT(single(g).message, Catch::Contains("nested more than 64 deep"));
    CHECK(single(g).column == 69);
    const auto h = t.write("big.toml", "# " + std::string(kMaxInputBytes, 'x') + "\n");
    CHECK_THAT(single(h).message, Catch::Contains("at most 4194304 (4 MiB)"));
    CHECK_THAT(single("", {"scenario.name=" + header.substr(1)}).message,
               Catch::Contains("--set") && Catch::Contains("input too large"));
    // Dots inside strings and numbers in lists are not key parts.
    const auto ok = on_default(
        t, "ok.toml",
        "[scenario]\nname = \"" + std::string(150, '.') +
            "\"\n"
            "[labour_market]\ndemand = [" +
            [] {
                std::string s;
                for (int i = 0; i < 100; ++i) {
                    s += i ? ", 1.0" : "1.0";
                }
                return s;
            }() +
            "]\n");
    CHECK(checked(ok).empty());
}

TEST_CASE("inputs that made the run fail with an internal error are positioned errors",
          "[unit][scenario][checks]") {
    const ScratchDir t;
    auto message_of = [&](const std::string& name, const std::string& body) {
        const auto d = single(on_default(t, name, body));
        CHECK(d.severity == Severity::Error);
        CHECK(d.line == 3);
        return d.message;
    };
    CHECK_THAT(message_of("start.toml", "[scenario]\nstart = 2000-01-01\n"),
               Catch::Contains("the run would begin before 2000-01-01, the first day of the "
                               "model's calendar"));
    CHECK_THAT(message_of("gamma.toml", "[service_models.te_office.stages.work_trial]\n"
                                        "duration_cv = 1e-300\nduration = \"gamma\"\n"),
               Catch::Contains("duration_cv must be in [0.01, 10], got 1e-300"));
    CHECK_THAT(message_of("lognormal.toml", "[service_models.te_office.stages.work_trial]\n"
                                            "duration_cv = 1e200\nduration = \"lognormal\"\n"),
               Catch::Contains("duration_cv must be in [0.01, 10], got 1e+200"));
    CHECK_THAT(message_of("stock.toml", "[population]\ninitial_unemployed = 1e15\n"),
               Catch::Contains("initial_unemployed must be in [0, 10000000]"));
    CHECK_THAT(message_of("inflow.toml", "[population]\ninflow_per_month = 1e12\n"),
               Catch::Contains("inflow_per_month must be in [0, 1000000]"));
    CHECK_THAT(message_of("index.toml", "[labour_market]\ninflow_index = [1e300]\n"),
               Catch::Contains("persons") && Catch::Contains("sanity limit is 1000000000"));
    // More than 200 providers in one region: the 201st is reported at its region key.
    std::string many;
    for (int i = 0; i < 201; ++i) {
        many += "[providers.p" + std::to_string(1000 + i) +
                "]\nkind = \"pilot\"\nregion = \"kainuu\"\n"
                "service_model = \"pilot_personal_coach\"\n";
    }
    const auto f = on_default(t, "many.toml", many);
    const auto d = single(f);
    CHECK_THAT(d.message, Catch::Contains("region `kainuu` has more than 200 providers"));
    CHECK(d.line == 2 + 200 * 4 + 2);
}

TEST_CASE("silent accepts are errors: pilot dates, inf and nan, tiny scale, long names",
          "[unit][scenario][checks]") {
    const ScratchDir t;
    CHECK(single(on_default(t, "a.toml", "[pilot]\nstart = 2023-01-01\nend = 2022-06-30\n"))
              .message == "pilot.start (2023-01-01) is after pilot.end (2022-06-30)");
    // The conflict points at the key the user set.
    CHECK(single("", {"pilot.end=2020-12-31"}).format() ==
          "kokeilu: error: pilot.start (2021-03-01) is after pilot.end (2020-12-31)");
    const auto inf = on_default(t, "inf.toml",
                                "[benefits]\nbasic_daily_eur = inf\n"
                                "[population]\ninflow_per_month = nan\n"
                                "[labour_market]\ndemand = [1.0, -inf]\n");
    const auto d = checked(inf);
    REQUIRE(d.size() == 3);
    CHECK(d[0].format() ==
          inf + ":3:19: error: benefits.basic_daily_eur must be a finite number, got number inf");
    CHECK(d[1].line == 5);
    CHECK(d[2].message == "labour_market.demand[1] must be a finite number, got number -inf");
    CHECK_THAT(single("", {"population.scale=1e-9"}).message,
               Catch::Contains("population.scale = 1e-09 is too small"));
    const auto name =
        on_default(t, "name.toml", "[scenario]\nname = \"" + std::string(100000, 'x') + "\"\n");
    CHECK(single(name).format() ==
          name + ":3:8: error: scenario.name must have at most 200 characters, got 100000");
    const auto nul = on_default(t, "nul.toml", "[providers.\"a\\u0000b\"]\nkind = \"pilot\"\n");
    CHECK_THAT(single(nul).message, Catch::StartsWith("`a\\x00b` is not a valid name"));
    CHECK_THAT(single("", {"scenario.name=\"a\\u0001\""}).message,
               Catch::Contains("no control characters, got \\x01 at character 2"));
}

TEST_CASE("warnings: a timeline entry or pilot period outside the run, a value a built-in "
          "timeline entry replaces",
          "[unit][scenario][checks]") {
    const ScratchDir t;
    const auto f = on_default(t, "a.toml",
                              "[[timeline]]\ndate = 2030-01-01\n"
                              "set.process.interview_effect = 1.2\n");
    const auto d = single(f);
    CHECK(d.severity == Severity::Warning);
    CHECK(d.format() == f + ":2:1: warning: this [[timeline]] entry is dated 2030-01-01, after "
                            "scenario.end (2024-12-31): it changes nothing in the run");
    const auto g = on_default(t, "b.toml", "[process]\ncounsellor_minutes_per_day = 200.0\n");
    const auto w = single(g);
    CHECK(w.severity == Severity::Warning);
    CHECK(w.line == 3);
    CHECK_THAT(w.message, Catch::Contains("is replaced from 2022-05-02 by the [[timeline]] entry "
                                          "at configs/nordic_model.toml (built in):12:1"));
    // A user's own [[timeline]] value, and a --set, are replaced the same way.
    const auto h = on_default(t, "c.toml",
                              "[[timeline]]\ndate = 2022-01-01\n"
                              "set.process.counsellor_minutes_per_day = 200.0\n");
    const auto u = single(h);
    CHECK(u.severity == Severity::Warning);
    CHECK(u.line == 4);
    CHECK_THAT(u.message, Catch::Contains("configs/nordic_model.toml (built in):12:1"));
    const auto c = single("", {"process.counsellor_minutes_per_day=200"});
    CHECK(c.format() == "kokeilu: warning: process.counsellor_minutes_per_day (--set) is replaced "
                        "from 2022-05-02 by the [[timeline]] entry at configs/nordic_model.toml "
                        "(built in):12:1, which sets it to 105.0; to keep your value, also set it "
                        "in a [[timeline]] entry dated 2022-05-02 or later");
    // Warnings do not stop anything; the model input is built.
    CHECK(check_scenario(g).input.periods.size() > 1);
    const auto p = single("", {"pilot.start=2030-01-01", "pilot.end=2030-12-31"});
    CHECK(p.severity == Severity::Warning);
    CHECK_THAT(p.message, Catch::Contains("is outside the run"));
    // A built-in entry after the run replaces nothing.
    CHECK(
        checked("", {"process.counsellor_minutes_per_day=200", "scenario.end=2021-12-31"}).empty());
}

TEST_CASE("configs/examples/jackson.toml is refused by the model's checks, with the reason",
          "[unit][scenario][checks]") {
    const auto d = checked(std::string(KOKEILU_SOURCE_DIR) + "/configs/examples/jackson.toml");
    REQUIRE(!d.empty());
    CHECK_THAT(d.front().message, Catch::Contains("arrivals_per_day is for queueing examples"));
}
