// Tests for the workshop report (analysis/report.hpp).
#include "analysis/report.hpp"

#include "analysis/headlines.hpp"
#include "analysis/report_headline.hpp"

#include "output/error.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

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

TEST_CASE("the differences table shows B - A over the window with a zero-width interval",
          "[unit][analysis][report]") {
    const std::string html = render(two_scenarios());
    const auto table = html.find("<table id=\"differences\">");
    REQUIRE(table != std::string::npos);
    const std::string rows = html.substr(table, html.find("</table>", table) - table);
    CHECK(count(rows, "<tr><td>") == 2);
    CHECK(rows.find("<tr><td>unemployed (persons)</td><td>B</td><td class=\"num\">+2.00</td>"
                    "<td class=\"num\">[+2.00, +2.00]</td><td class=\"num\">0.00</td>"
                    "<td class=\"num\">3</td></tr>") != std::string::npos);
    // A flow over the window is its total: +2 in each of 6 months.
    CHECK(rows.find("<tr><td>inflow (persons/month)</td><td>B</td><td class=\"num\">+12.0</td>") !=
          std::string::npos);
    CHECK(html.find("Over 2021-01 to 2021-06") != std::string::npos);
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

namespace {

/// `file` with its measures as in the catalogue and values from `value(s, rep, month, provider,
/// group, name)` for the headline measures (group 0 is a person group, group 1 `all`).
template <typename Value>
output::ResultFile headline_file(Value value) {
    output::ResultFile f = two_scenarios();
    f.dimensions.target_groups = {"under_30", "all"};
    f.dimensions.measures.clear();
    const char* names[] = {"unemployed",
                           "unemployed_12m_plus",
                           "exits_employment",
                           "service_starts",
                           "spend_state_eur",
                           "spend_municipality_eur",
                           "spend_unemployment_funds_eur",
                           "first_contacts",
                           "time_to_first_contact_days_mean",
                           "interviews_overdue",
                           "caseload_per_counsellor",
                           "counsellors",
                           "spend_staff_eur"};
    for (const char* n : names) {
        f.dimensions.measures.push_back({n, "unit", "Described."});
    }
    f.monthly.clear();
    for (std::uint32_t s = 0; s < 2; ++s) {
        for (std::uint32_t rep = 0; rep < 3; ++rep) {
            for (std::uint32_t mo = 0; mo < 6; ++mo) {
                for (std::uint32_t p = 0; p < 2; ++p) {
                    for (std::uint32_t k = 0; k < std::size(names); ++k) {
                        const std::string n = names[k];
                        const bool provider = k >= 8 && n != "first_contacts";
                        f.monthly.push_back(
                            {s, rep, mo, p, provider ? 1U : 0U, k, value(s, rep, mo, p, n)});
                    }
                }
            }
        }
    }
    return f;
}

double example_value(std::uint32_t s, std::uint32_t rep, std::uint32_t mo, std::uint32_t p,
                     const std::string& n) {
    const double noise = 1.0 + 0.01 * rep * rep + 0.003 * mo;
    if (n == "time_to_first_contact_days_mean") {
        return (p == 0 ? 10.0 : 30.0) + (s == 1 ? 4.0 + 0.1 * rep : 0.0);
    }
    if (n == "first_contacts") {
        return (p == 0 ? 300.0 : 100.0) * noise;
    }
    if (n == "caseload_per_counsellor") {
        return (p == 0 ? 100.0 : 200.0) + (s == 1 ? 5.0 * rep : 0.0);
    }
    if (n == "counsellors") {
        return p == 0 ? 30.0 : 10.0;
    }
    if (n == "unemployed") {
        return 120000.0 * noise - (s == 1 ? 1200.0 + 100.0 * rep : 0.0);
    }
    return 1000.0 * noise + (s == 1 ? 10.0 * rep : 0.0);
}

std::string printed(const char* format, double x) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, x);
    return buffer;
}

} // namespace

TEST_CASE("a mean measure's chart is weighted by its denominator, not summed over providers",
          "[unit][analysis][report]") {
    const std::string html = render(headline_file(example_value));
    // Scenario A's days: (300 x 10 + 100 x 30) / 400 = 15 in every month; summed it would be 40.
    const auto at = html.find("<h2>time_to_first_contact_days_mean");
    REQUIRE(at != std::string::npos);
    const auto table =
        html.find("<tr><td>2021-01</td><td class=\"num\">15.0 [15.0, 15.0]</td>", at);
    CHECK(table != std::string::npos);
    CHECK(table < html.find("</section>", at));
    // Caseload: (30 x 100 + 10 x 200) / 40 = 125.
    CHECK(html.find("<tr><td>2021-01</td><td class=\"num\">125 [125, 125]</td>") !=
          std::string::npos);
}

TEST_CASE("the headline panel comes first and has compare's figures", "[unit][analysis][report]") {
    const auto file = headline_file(example_value);
    const std::string html = render(file);
    const auto panel = html.find("<section class=\"headline\" id=\"headline\">");
    REQUIRE(panel != std::string::npos);
    CHECK(panel < html.find("<h2>Every measure</h2>"));
    CHECK(panel < html.find("<h2>What was run</h2>"));
    CHECK(html.find("<h2>Differences over time</h2>") > panel);
    // The headline outcomes as compare computes them, run by run.
    std::vector<std::vector<analysis::Headline>> runs(2);
    for (std::uint32_t s = 0; s < 2; ++s) {
        for (std::uint32_t rep = 0; rep < 3; ++rep) {
            std::vector<output::MonthlyRow> rows;
            for (const auto& r : file.monthly) {
                if (r.scenario == s && r.replication == rep) {
                    rows.push_back(r);
                }
            }
            runs[s].push_back(analysis::headline_of_run(rows, file.dimensions,
                                                        file.dimensions.months.front(),
                                                        file.dimensions.months.back()));
        }
    }
    const auto table = analysis::summarise_headlines(runs);
    // Days: B is 4.1 days later on average (4.0, 4.1 and 4.2 in the three replications).
    CHECK(table.differences[0][3].difference.mean == Approx(4.1));
    for (std::size_t o = 0; o < analysis::kHeadlineOutcomes.size(); ++o) {
        const auto& outcome = analysis::kHeadlineOutcomes[o];
        const auto& p = table.differences[0][o];
        const std::string decimals = std::to_string(outcome.decimals);
        const std::string row =
            "<tr><td>" + std::string(outcome.label) + "</td><td class=\"num\">" +
            printed(("%." + decimals + "f").c_str(), table.means[0][o]) +
            "</td><td class=\"num\">" +
            printed(("%." + decimals + "f").c_str(), table.means[1][o]) +
            "</td><td class=\"num\">" +
            printed(("%+." + decimals + "f").c_str(), p.difference.mean) + " ± " +
            printed(("%." + decimals + "f").c_str(), p.difference.half_width) +
            "</td><td class=\"num\">" + printed("%.3f", p.variance_ratio) + "</td></tr>";
        CAPTURE(row);
        CHECK(html.find(row) != std::string::npos);
    }
    CHECK(html.find("<li>first contact 4.1 days later (3.9 to 4.3)") != std::string::npos);
}

TEST_CASE("headline differences in words", "[unit][analysis][report]") {
    const auto diff = [](double mean, double low, double high, std::size_t n = 8) {
        analysis::Paired p;
        p.difference.n = n;
        p.difference.mean = mean;
        p.difference.half_width = (high - low) / 2.0;
        p.difference.ci_low = low;
        p.difference.ci_high = high;
        return p;
    };
    // Outcomes: 0 unemployed, 2 exits, 3 days to first contact, 7 spending.
    CHECK(analysis::headline_sentence(0, diff(-2437.0, -2949.0, -1925.0)) ==
          "2,400 fewer unemployed (1,900 to 2,900)");
    // An interval end near zero keeps a digit of its own.
    CHECK(analysis::headline_sentence(0, diff(-10320.0, -20231.0, -409.0)) ==
          "10,300 fewer unemployed (400 to 20,200)");
    CHECK(analysis::headline_sentence(2, diff(6499.0, 5646.0, 7352.0)) ==
          "6,500 more exits to employment (5,600 to 7,400)");
    CHECK(analysis::headline_sentence(3, diff(4.33, 4.27, 4.39)) ==
          "first contact 4.33 days later (4.27 to 4.39)");
    CHECK(analysis::headline_sentence(3, diff(-7.75, -7.8, -7.7)) ==
          "first contact 7.75 days sooner (7.70 to 7.80)");
    CHECK(analysis::headline_sentence(7, diff(-147.0, -162.7, -131.3)) ==
          "150 M EUR less spending (130 to 160)");
    CHECK(analysis::headline_sentence(0, diff(-183.0, -370.0, 4.0)) ==
          "180 fewer unemployed (between 370 fewer and 0 more: no clear difference)");
    CHECK(analysis::headline_sentence(0, diff(0.0, 0.0, 0.0)) ==
          "no difference in unemployed (exactly, in every replication)");
    auto one = diff(-2437.0, 0.0, 0.0, 1);
    one.difference.half_width = std::nan("");
    one.difference.ci_low = std::nan("");
    one.difference.ci_high = std::nan("");
    CHECK(analysis::headline_sentence(0, one) ==
          "2,400 fewer unemployed (one replication: no interval)");
}

TEST_CASE("a file without the headline measures has no headline panel",
          "[unit][analysis][report]") {
    const std::string html = render(two_scenarios());
    CHECK(html.find("id=\"headline\"") == std::string::npos);
    CHECK(html.find("No headline panel: ") != std::string::npos);
}

TEST_CASE("the report does not depend on the order of the file's rows",
          "[unit][analysis][report]") {
    auto file = headline_file(example_value);
    const std::string in_order = render(file);
    // Each run's rows in pieces, runs interleaved: the report reads every run whole.
    std::reverse(file.monthly.begin(), file.monthly.end());
    std::stable_partition(file.monthly.begin(), file.monthly.end(),
                          [](const output::MonthlyRow& r) { return r.month % 2 == 0; });
    CHECK(render(file) == in_order);
}
