// Evidence files: the shipped configs/evidence.toml reads and every change in it resolves; the
// reader's errors point at the file, line and column.
#include "scenario/evidence.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace kokeilu::scenario;

namespace {

/// The diagnostics of parsing `text` (empty if it parses).
std::vector<Diagnostic> errors_of(const std::string& text) {
    try {
        (void)parse_evidence(text, "e.toml", "");
    } catch (const ConfigError& e) {
        return e.diagnostics();
    }
    return {};
}

constexpr const char* kCheck = "[[check]]\nname = \"a\"\nsource = \"s\"\nchange = {}\n";

} // namespace

TEST_CASE("the shipped evidence file reads, and every check's base and change resolve",
          "[unit][evidence]") {
    const EvidenceFile file = load_evidence("");
    CHECK(file.builtin);
    REQUIRE(file.checks.size() >= 6);
    std::vector<std::string> names;
    for (const auto& c : file.checks) {
        names.push_back(c.name);
        CHECK_FALSE(c.source.empty());
        CHECK_FALSE(c.expect.empty());
        CHECK((c.enabled || !c.reason.empty()));
    }
    for (const char* n :
         {"pilot_staff_plus_50", "austria_caseload_cut", "switzerland_missed_meeting",
          "nordic_model", "pilots_vs_no_pilots", "longer_first_contact_deadline"}) {
        CAPTURE(n);
        CHECK(std::find(names.begin(), names.end(), n) != names.end());
    }
    // Every scenario loads with every check of `kokeilu run`, also the disabled check's.
    const ResolvedEvidence r = resolve_evidence(file, {{}, 0.01, 2, 1});
    REQUIRE(r.base.size() == file.checks.size());
    for (std::size_t i = 0; i < file.checks.size(); ++i) {
        CAPTURE(file.checks[i].name);
        CHECK(r.base[i] != r.variant[i]); // every check changes something
    }
    CHECK(r.replications == 2);
    CHECK(r.scenarios.front().input.scale == 0.01);
}

TEST_CASE("the shipped evidence file on disk is the built-in one", "[unit][evidence]") {
    std::ifstream in(std::string(KOKEILU_SOURCE_DIR) + "/configs/evidence.toml");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text == builtin_evidence_text());
    // From disk its scenario files are found next to it.
    const EvidenceFile file =
        load_evidence(std::string(KOKEILU_SOURCE_DIR) + "/configs/evidence.toml");
    CHECK_NOTHROW(resolve_evidence(file, {{}, 0.01, 2, 1}));
}

TEST_CASE("evidence file errors point at the line and column", "[unit][evidence]") {
    auto first = [](const std::vector<Diagnostic>& d) {
        REQUIRE_FALSE(d.empty());
        return d.front();
    };
    const auto unknown = errors_of(
        std::string(kCheck) + "[[check.expect]]\nmeasur = \"unemployed\"\nexpect = \"zero\"\n");
    REQUIRE(unknown.size() == 2); // the table lacks `measure`; `measur` is unknown
    CHECK(unknown[0].line == 5);
    CHECK(unknown[0].message.find("missing `measure`") != std::string::npos);
    auto d = unknown[1];
    CHECK(d.file == "e.toml");
    CHECK(d.line == 6);
    CHECK(d.column == 1);
    CHECK(d.message.find("did you mean `measure`") != std::string::npos);

    d = first(errors_of(std::string(kCheck) +
                        "[[check.expect]]\nmeasure = \"unemployed\"\nexpect = 3\n"
                        "tolerance = -1\n"));
    CHECK(d.line == 8);
    CHECK(d.message.find("tolerance") != std::string::npos);

    d = first(errors_of("[[check]]\nname = \"a\"\nchange = {}\n[[check.expect]]\n"
                        "measure = \"unemployed\"\nexpect = \"up\"\n"));
    CHECK(d.line == 1); // missing source: at the check
    CHECK(d.message.find("missing `source`") != std::string::npos);

    CHECK(errors_of(std::string(kCheck) + "[[check.expect]]\nmeasure = \"unemployed\"\n"
                                          "expect = \"zero\"\n")
              .empty());
    CHECK_FALSE(errors_of(std::string(kCheck) + kCheck +
                          "[[check.expect]]\nmeasure = "
                          "\"unemployed\"\nexpect = \"zero\"\n")
                    .empty()); // the first check has no expect, and the name repeats
}

TEST_CASE("month windows", "[unit][evidence]") {
    std::string why;
    const auto w = parse_month_window("2021-03..2023-12", why);
    REQUIRE(w);
    CHECK(w->to_string() == "2021-03..2023-12");
    CHECK(parse_month_window("2023-12", why)->to_string() == "2023-12");
    CHECK(parse_month_window("last", why)->last_month);
    CHECK_FALSE(parse_month_window("2023-12..2021-03", why));
    CHECK(why.find("ends before it starts") != std::string::npos);
    CHECK_FALSE(parse_month_window("2021-13", why));
    CHECK_FALSE(parse_month_window("2021-03..", why));
}
