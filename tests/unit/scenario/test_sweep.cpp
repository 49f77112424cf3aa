// Sweep files: designs (grid, named points, Latin hypercube), point ids, manifests.
#include "scenario/build.hpp"
#include "scenario/sweep.hpp"
#include "scenario/sweep_manifest.hpp"
#include "tests/unit/scenario/support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace kokeilu::scenario;
using namespace kokeilu::scenario::testing;

namespace {

constexpr const char* kHeader = "extends = \"default.toml\"\n[population]\nscale = 0.01\n";

Sweep sweep_of(const ScratchDir& dir, const std::string& text, bool yes = false) {
    return load_sweep({dir.write("s.toml", std::string(kHeader) + text), {}, yes, {}});
}

std::vector<Diagnostic> errors_of(const ScratchDir& dir, const std::string& text) {
    try {
        (void)sweep_of(dir, text);
    } catch (const ConfigError& e) {
        return e.diagnostics();
    }
    return {};
}

} // namespace

TEST_CASE("a grid gives every combination, the last key fastest, and identical scenarios "
          "are one point",
          "[unit][scenario][sweep]") {
    const ScratchDir dir;
    const Sweep s = sweep_of(dir, "[design]\nreplications = 2\n[design.grid]\n"
                                  "\"process.initial_interview_working_days\" = [5, 10]\n"
                                  "\"process.followup_min_days\" = [0, 30, 60]\n"
                                  "[[design.points]]\nname = \"again\"\n"
                                  "set = { \"process.followup_min_days\" = 30, "
                                  "\"process.initial_interview_working_days\" = 10 }\n");
    CHECK(s.design_points == 7);
    REQUIRE(s.points.size() == 6);
    CHECK(s.replications == 2);
    CHECK(s.keys == std::vector<std::string>{"process.followup_min_days",
                                             "process.initial_interview_working_days"});
    CHECK(s.points[0].values == std::vector<std::string>{"0", "5"});
    CHECK(s.points[1].values == std::vector<std::string>{"0", "10"});
    CHECK(s.points[5].values == std::vector<std::string>{"60", "10"});
    std::set<std::string> ids;
    for (const auto& p : s.points) {
        CHECK(p.id.size() == 16);
        ids.insert(p.id);
        // The text is a whole scenario: it loads to the same text, so to the same id.
        LoadOptions o;
        o.text = p.text;
        CHECK(resolved_text(load_scenario(o)) == p.text);
    }
    CHECK(ids.size() == 6);
}

TEST_CASE("a point's id depends on its values only, not on where they were set",
          "[unit][scenario][sweep]") {
    const ScratchDir dir;
    const Sweep a = sweep_of(dir, "[design.grid]\n\"process.followup_min_days\" = [30]\n");
    const Sweep b =
        sweep_of(dir, "[process]\nfollowup_min_days = 30\n[[design.points]]\nname = \"x\"\n"
                      "set = { \"process.followup_min_days\" = 30 }\n");
    REQUIRE(a.points.size() == 1);
    REQUIRE(b.points.size() == 1);
    CHECK(a.points[0].id == b.points[0].id);
}

TEST_CASE("a Latin hypercube puts one sample in each stratum of every range and repeats with "
          "its seed",
          "[unit][scenario][sweep]") {
    const ScratchDir dir;
    const std::string design = "[design.latin_hypercube]\nsamples = 8\nseed = SEED\n"
                               "[design.latin_hypercube.ranges]\n"
                               "\"process.counsellor_minutes_per_day\" = [100.0, 300.0]\n"
                               "\"process.followup_min_days\" = [0, 79]\n";
    auto with_seed = [&](const std::string& seed) {
        std::string text = design;
        text.replace(text.find("SEED"), 4, seed);
        return sweep_of(dir, text);
    };
    const Sweep s = with_seed("3");
    REQUIRE(s.points.size() == 8);
    std::set<int> minutes_strata;
    std::set<int> days_strata;
    for (const auto& p : s.points) {
        const double minutes = std::stod(p.values[0]);
        const double days = std::stod(p.values[1]);
        CHECK(p.values[1].find('.') == std::string::npos); // an integer key stays an integer
        minutes_strata.insert(static_cast<int>((minutes - 100.0) / 25.0));
        days_strata.insert(static_cast<int>(days / 10.0));
    }
    CHECK(minutes_strata.size() == 8);
    CHECK(days_strata.size() == 8);
    const Sweep again = with_seed("3");
    const Sweep other = with_seed("4");
    for (std::size_t i = 0; i < 8; ++i) {
        CHECK(again.points[i].id == s.points[i].id);
    }
    CHECK(other.points[0].values != s.points[0].values);
}

TEST_CASE("a Sobol' design is stratified on every range and repeats with its seed",
          "[unit][scenario][sweep]") {
    const ScratchDir dir;
    const std::string design = "[design.sobol]\nsamples = 16\nseed = SEED\n"
                               "[design.sobol.ranges]\n"
                               "\"process.counsellor_minutes_per_day\" = [100.0, 300.0]\n"
                               "\"process.interview_effect\" = [1.0, 2.0]\n";
    auto with_seed = [&](const std::string& seed) {
        std::string text = design;
        text.replace(text.find("SEED"), 4, seed);
        return sweep_of(dir, text);
    };
    const Sweep s = with_seed("5");
    REQUIRE(s.points.size() == 16);
    CHECK(s.keys == std::vector<std::string>{"process.counsellor_minutes_per_day",
                                             "process.interview_effect"});
    // 16 = 2^4 points: one in each sixteenth of either range, and one in each box of a
    // quarter by a quarter (the (0, 4, 2)-net of the first two Sobol' axes).
    std::set<int> minutes;
    std::set<int> effects;
    std::set<std::pair<int, int>> boxes;
    for (const auto& p : s.points) {
        const double u = (std::stod(p.values[0]) - 100.0) / 200.0;
        const double v = std::stod(p.values[1]) - 1.0;
        minutes.insert(static_cast<int>(u * 16.0));
        effects.insert(static_cast<int>(v * 16.0));
        boxes.insert({static_cast<int>(u * 4.0), static_cast<int>(v * 4.0)});
    }
    CHECK(minutes.size() == 16);
    CHECK(effects.size() == 16);
    CHECK(boxes.size() == 16);
    CHECK(s.points[0].name == "sobol 1");
    const Sweep again = with_seed("5");
    const Sweep other = with_seed("6");
    for (std::size_t i = 0; i < 16; ++i) {
        CHECK(again.points[i].id == s.points[i].id);
    }
    CHECK(other.points[0].values != s.points[0].values);
}

TEST_CASE("design errors name the file, line and key", "[unit][scenario][sweep]") {
    const ScratchDir dir;
    SECTION("an unknown key, with a did-you-mean") {
        const auto ds = errors_of(dir, "[design.grid]\n\"process.folowup_min_days\" = [1]\n");
        REQUIRE(ds.size() == 1);
        CHECK(ds[0].line == 5);
        CHECK(ds[0].message.find("did you mean `process.followup_min_days`") != std::string::npos);
    }
    SECTION("a value outside the key's range") {
        const auto ds = errors_of(dir, "[design.grid]\n\"process.followup_min_days\" = [1, 400]\n");
        REQUIRE(ds.size() == 1);
        CHECK(ds[0].line == 5);
        CHECK(ds[0].message.find("in [0, 365]") != std::string::npos);
    }
    SECTION("a value of the wrong type, through the loader's check, at the design's line") {
        const auto ds = errors_of(dir, "[design.grid]\n\"pilot.start\" = [\"soon\"]\n");
        REQUIRE_FALSE(ds.empty());
        CHECK(ds[0].line == 5);
        CHECK(ds[0].message.find("design point `grid 1`") != std::string::npos);
    }
    SECTION("a Sobol' design without ranges") {
        const auto ds = errors_of(dir, "[design.sobol]\nsamples = 4\n");
        REQUIRE(ds.size() == 1);
        CHECK(ds[0].line == 4);
        CHECK(ds[0].message.find("[design.sobol] needs `samples`") != std::string::npos);
    }
    SECTION("a Sobol' range outside the key's range") {
        const auto ds = errors_of(dir, "[design.sobol]\nsamples = 4\n[design.sobol.ranges]\n"
                                       "\"process.followup_min_days\" = [0, 400]\n");
        REQUIRE(ds.size() == 1);
        CHECK(ds[0].line == 7);
        CHECK(ds[0].message.find("in [0, 365]") != std::string::npos);
    }
    SECTION("too many points without --yes") {
        std::string grid = "[design.grid]\n\"process.followup_min_days\" = [0";
        for (int i = 1; i <= 40; ++i) {
            grid += ", " + std::to_string(i);
        }
        grid += "]\n\"process.initial_interview_working_days\" = [";
        for (int i = 1; i <= 30; ++i) {
            grid += (i > 1 ? ", " : "") + std::to_string(i);
        }
        const auto ds = errors_of(dir, grid + "]\n");
        REQUIRE(ds.size() == 1);
        CHECK(ds[0].message.find("--yes") != std::string::npos);
    }
    SECTION("no design") {
        const auto ds = errors_of(dir, "");
        REQUIRE(ds.size() == 1);
        CHECK(ds[0].message.find("needs a [design]") != std::string::npos);
    }
}

TEST_CASE("a manifest reads back as written, and any edit is detected", "[unit][scenario][sweep]") {
    const ScratchDir dir;
    const Sweep s = sweep_of(dir, "[design]\nreplications = 3\n[design.grid]\n"
                                  "\"process.followup_min_days\" = [0, 30]\n");
    SweepManifest m;
    m.sweep_file = "s.toml";
    m.kokeilu_version = "test";
    m.replications = s.replications;
    m.seed = s.seed;
    m.keys = s.keys;
    m.points = s.points;
    m.shards = plan_shards(m.units(), 4);
    CHECK(m.shards == std::vector<SweepShard>{{0, 2}, {2, 2}, {4, 1}, {5, 1}});
    const std::string text = manifest_text(m);
    const SweepManifest back = parse_manifest(text, "manifest");
    CHECK(back.sha256 == m.sha256);
    CHECK(back.shards == m.shards);
    REQUIRE(back.points.size() == 2);
    CHECK(back.points[1].text == m.points[1].text);
    CHECK(back.points[1].values == m.points[1].values);
    std::string edited = text;
    edited.replace(edited.find("replications = 3"), 16, "replications = 2");
    CHECK_THROWS_AS(parse_manifest(edited, "manifest"), ConfigError);
    CHECK_THROWS_AS(parse_manifest(text.substr(0, text.size() / 2), "manifest"), ConfigError);
}

TEST_CASE("the design section is blanked line for line", "[unit][scenario][sweep]") {
    const std::string text = "a = 1\n[design]\nreplications = 2\n[design.grid]\nx = [1]\n"
                             "[[design.points]]\nname = \"p\"\n[scenario]\nname = \"n\"\n";
    CHECK(without_design(text) == "a = 1\n\n\n\n\n\n\n[scenario]\nname = \"n\"\n");
}
