// Tests for the workshop report (analysis/report.hpp).
#include "analysis/report.hpp"

#include "output/error.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

using namespace kokeilu;

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) {
        ++n;
    }
    return n;
}

/// 2 scenarios ("A" and `second`), 2 measures, 6 months, 3 replications, 2 providers, 1 target
/// group. Scenario B's value is A's + 1 for each provider, so summed over providers B = A + 2.
output::ResultFile two_scenarios(const std::string& second = "B") {
    output::ResultFile f;
    f.metadata.scenario_names = {"A", second};
    f.metadata.seed = 42;
    f.metadata.replications = 3;
    f.metadata.kokeilu_version = "0.1.0";
    f.metadata.scenario_texts = {"[scenario]\nname = \"<pilot> & co\"\n",
                                 "[scenario]\nname = \"second\"\nseed = 43\n"};
    f.dimensions.providers = {{"TE office", output::ProviderKind::TeOffice},
                              {"Pilot", output::ProviderKind::Pilot}};
    f.dimensions.measures = {{"unemployed", "persons", "Unemployed at month end."},
                             {"inflow", "persons/month", "New registrations."}};
    f.dimensions.target_groups = {"all"};
    std::chrono::year_month ym = std::chrono::year{2021} / std::chrono::month{1};
    for (int i = 0; i < 6; ++i) {
        f.dimensions.months.push_back(ym);
        ym += std::chrono::months{1};
    }
    for (std::uint32_t s = 0; s < 2; ++s) {
        for (std::uint32_t rep = 0; rep < 3; ++rep) {
            for (std::uint32_t mo = 0; mo < 6; ++mo) {
                for (std::uint32_t p = 0; p < 2; ++p) {
                    for (std::uint32_t me = 0; me < 2; ++me) {
                        const double a = 100.0 * (me + 1) + 10.0 * mo + 3.0 * rep * rep + p;
                        f.monthly.push_back({s, rep, mo, p, 0, me, a + (s == 1 ? 1.0 : 0.0)});
                    }
                }
            }
        }
    }
    return f;
}

std::string render(const output::ResultFile& f) {
    std::ostringstream os;
    analysis::write_report(f, os);
    return os.str();
}

} // namespace

TEST_CASE("the report has one chart per measure and names every scenario in the legend",
          "[unit][analysis][report]") {
    const std::string html = render(two_scenarios());
    CHECK(count(html, "<svg") == 2);
    CHECK(count(html, "</svg>") == 2);
    CHECK(count(html, "<g class=\"legend\">") == 4);
    CHECK(html.find("<text x=\"132.0\" y=\"28.0\">A</text>") != std::string::npos);
    CHECK(html.find("<text x=\"132.0\" y=\"48.0\">B</text>") != std::string::npos);
    CHECK(html.find("<h2>unemployed <small>(persons)</small></h2>") != std::string::npos);
    CHECK(html.find("<h2>inflow <small>(persons/month)</small></h2>") != std::string::npos);
    CHECK(count(html, "<details class=\"scenario\">") == 2);
    CHECK(html.find("<dt>Seed</dt><dd>42</dd>") != std::string::npos);
    CHECK(html.find("<dt>Replications</dt><dd>3</dd>") != std::string::npos);
    CHECK(html.find("@media print") != std::string::npos);
}

TEST_CASE("each scenario's text is shown under its name, in scenario order",
          "[unit][analysis][report]") {
    const std::string html = render(two_scenarios());
    const auto first = html.find("<summary>Scenario text: A (the resolved scenario, as TOML)"
                                 "</summary>\n<pre>[scenario]\nname = &quot;&lt;pilot&gt; &amp; "
                                 "co&quot;\n</pre>");
    const auto second = html.find("<summary>Scenario text: B (the resolved scenario, as TOML)"
                                  "</summary>\n<pre>[scenario]\nname = &quot;second&quot;\n"
                                  "seed = 43\n</pre>");
    CHECK(first != std::string::npos);
    CHECK(second != std::string::npos);
    CHECK(first < second);
}

TEST_CASE("the differences table shows B - A = +2 with a zero-width interval",
          "[unit][analysis][report]") {
    const std::string html = render(two_scenarios());
    const auto table = html.find("<table id=\"differences\">");
    REQUIRE(table != std::string::npos);
    const std::string rows = html.substr(table, html.find("</table>", table) - table);
    CHECK(count(rows, "<tr><td>") == 2);
    CHECK(rows.find("<tr><td>unemployed (persons)</td><td>B</td><td class=\"num\">+2.00</td>"
                    "<td class=\"num\">[+2.00, +2.00]</td><td class=\"num\">0.00</td>"
                    "<td class=\"num\">3</td></tr>") != std::string::npos);
    CHECK(rows.find("<tr><td>inflow (persons/month)</td><td>B</td><td class=\"num\">+2.00</td>") !=
          std::string::npos);
    CHECK(html.find("In the last month, 2021-06") != std::string::npos);
}

TEST_CASE("text from the file is escaped, and the report has no scripts or links",
          "[unit][analysis][report]") {
    const std::string html = render(two_scenarios("<b>&"));
    CHECK(html.find("<b>&") == std::string::npos);
    CHECK(html.find("&lt;b&gt;&amp;") != std::string::npos);
    CHECK(html.find("&lt;pilot&gt; &amp; co") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("http") == std::string::npos);
    CHECK(html.find("url(") == std::string::npos);
    CHECK(analysis::escape_html("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
}

TEST_CASE("a single-scenario file renders without a differences table",
          "[unit][analysis][report]") {
    output::ResultFile f = two_scenarios();
    f.metadata.scenario_names.resize(1);
    f.metadata.scenario_texts.resize(1);
    std::erase_if(f.monthly, [](const output::MonthlyRow& r) { return r.scenario != 0; });
    const std::string html = render(f);
    CHECK(count(html, "<svg") == 2);
    CHECK(html.find("<table id=\"differences\">") == std::string::npos);
    CHECK(html.find("single scenario") != std::string::npos);
}

TEST_CASE("the same file gives the same report, byte for byte", "[unit][analysis][report]") {
    CHECK(render(two_scenarios()) == render(two_scenarios()));
}

TEST_CASE("write_report_file writes via a private temporary file, makes missing folders and "
          "refuses to overwrite without force or to replace anything but a regular file",
          "[unit][analysis][report]") {
    namespace fs = std::filesystem;
    const fs::path dir =
        fs::temp_directory_path() / ("kokeilu_report_test_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path out = dir / "r.html";
    analysis::write_report_file(two_scenarios(), out, false);
    CHECK(fs::exists(out));
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
    CHECK_THROWS_AS(analysis::write_report_file(two_scenarios(), out, false), output::OutputError);
    CHECK_NOTHROW(analysis::write_report_file(two_scenarios(), out, true));
    // The one convention of every command: a missing folder is made.
    CHECK_NOTHROW(analysis::write_report_file(two_scenarios(), dir / "missing" / "r.html", false));
    CHECK(fs::is_regular_file(dir / "missing" / "r.html"));
    // A symbolic link is not replaced, even with force.
    fs::create_symlink(out, dir / "link.html");
    CHECK_THROWS_WITH(analysis::write_report_file(two_scenarios(), dir / "link.html", true),
                      Catch::Contains("symbolic link"));
    CHECK(fs::is_symlink(fs::symlink_status(dir / "link.html")));
    fs::remove_all(dir);
}
