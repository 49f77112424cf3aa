// The headline outcomes of one provider or one region (analysis/areas.hpp), on a real run of
// the default scenario against a variant: summed over the providers (stocks, flows) or
// weighted by their denominators (days to first contact), they give the national headline,
// and a region's are those of its providers together.
#include "agents/jobseeker_model.hpp"
#include "agents/metrics.hpp"
#include "analysis/aggregate.hpp"
#include "analysis/areas.hpp"
#include "analysis/headlines.hpp"
#include "analysis/report.hpp"
#include "output/recorder.hpp"
#include "output/result_file.hpp"
#include "scenario/build.hpp"
#include "scenario/scenario.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace kokeilu;

namespace {

constexpr std::uint32_t kReps = 2;

/// The tables `kokeilu run` writes for `in` (app/run_command.cpp's dimensions_of).
output::Dimensions dimensions_of(const agents::ModelInput& in) {
    output::Dimensions d;
    for (const auto& p : in.providers) {
        d.providers.emplace_back(
            p.name, p.pilot ? output::ProviderKind::Pilot : output::ProviderKind::TeOffice,
            in.regions.at(p.region).name);
    }
    for (const agents::MetricInfo& m : agents::metric_table()) {
        d.measures.push_back(
            {std::string(m.name), std::string(m.unit), std::string(m.description)});
    }
    for (const auto g : agents::kTargetGroups) {
        d.target_groups.emplace_back(g);
    }
    d.breakdown_groups = output::model_breakdown_groups();
    for (sim::Date m(in.start.year(), in.start.month(), 1); m <= in.end;) {
        d.months.emplace_back(std::chrono::year{m.year()},
                              std::chrono::month{static_cast<unsigned>(m.month())});
        m = m.month() == 12 ? sim::Date(m.year() + 1, 1, 1) : sim::Date(m.year(), m.month() + 1, 1);
    }
    return d;
}

/// The default scenario and one with more counsellor time, 2 replications each, at 0.5 %
/// scale to 2021: the rows of all four runs.
struct Comparison {
    output::ResultFile file;
    std::chrono::year_month from{std::chrono::year{2021} / 3};
    std::chrono::year_month to{std::chrono::year{2021} / 12};
};

const Comparison& comparison() {
    static const Comparison c = [] {
        Comparison out;
        const std::vector<std::string> base{"population.scale=0.005", "scenario.end=2021-12-31"};
        std::vector<std::string> variant = base;
        variant.emplace_back("process.counsellor_minutes_per_day=160.0");
        const std::vector<agents::ModelInput> inputs{
            scenario::build_model_input(scenario::load_scenario("", base)),
            scenario::build_model_input(scenario::load_scenario("", variant))};
        out.file.dimensions = dimensions_of(inputs[0]);
        out.file.metadata.scenario_names = {"reference", "more time"};
        out.file.metadata.replications = kReps;
        for (std::uint32_t s = 0; s < inputs.size(); ++s) {
            for (std::uint32_t r = 0; r < kReps; ++r) {
                output::Recorder recorder(out.file.dimensions, s, r);
                agents::run_model(inputs[s], 11, r, 2,
                                  [&](const agents::MonthPanel& p) { recorder.add(p); });
                const auto rows = recorder.take_monthly();
                out.file.monthly.insert(out.file.monthly.end(), rows.begin(), rows.end());
            }
        }
        return out;
    }();
    return c;
}

std::vector<analysis::Area> every_provider(const output::Dimensions& d) {
    std::vector<analysis::Area> areas;
    for (const auto& p : d.providers) {
        areas.push_back(*analysis::provider_area(d, p.name));
    }
    return areas;
}

/// The national headline table over the same runs and months, as `kokeilu compare` computes
/// it (headline_of_run per run, then over replications).
analysis::HeadlineTable national(const Comparison& c) {
    std::vector<std::vector<analysis::Headline>> runs(2);
    for (std::uint32_t s = 0; s < 2; ++s) {
        for (std::uint32_t r = 0; r < kReps; ++r) {
            std::vector<output::MonthlyRow> rows;
            for (const auto& row : c.file.monthly) {
                if (row.scenario == s && row.replication == r) {
                    rows.push_back(row);
                }
            }
            runs[s].push_back(analysis::headline_of_run(rows, c.file.dimensions, c.from, c.to));
        }
    }
    return analysis::summarise_headlines(runs);
}

} // namespace

TEST_CASE("areas: the default scenario's providers and its 15 regions", "[unit][areas]") {
    const auto& d = comparison().file.dimensions;
    const auto regions = analysis::region_names(d);
    CHECK(regions.size() == 15);
    CHECK(d.providers.size() == 40);
    std::size_t covered = 0;
    for (const auto& r : regions) {
        const auto area = analysis::region_area(d, r);
        REQUIRE(area);
        covered += area->providers.size();
    }
    CHECK(covered == d.providers.size()); // every provider in exactly one region
    const auto uusimaa = analysis::region_area(d, "uusimaa"); // case ignored
    REQUIRE(uusimaa);
    CHECK(uusimaa->name == "Uusimaa");
    CHECK(uusimaa->providers.size() == 6); // the TE office and 5 pilot areas
    CHECK_FALSE(analysis::region_area(d, "Ahvenanmaa"));
    CHECK_FALSE(analysis::provider_area(d, "pilot_nowhere"));
    CHECK(analysis::provider_area(d, "pilot_helsinki")->providers.size() == 1);
}

TEST_CASE("areas: the providers' headlines add up to the national headline", "[unit][areas]") {
    const Comparison& c = comparison();
    const auto& dims = c.file.dimensions;
    const analysis::HeadlineTable all = national(c);
    const auto providers = every_provider(dims);
    const auto tables = analysis::area_headlines(c.file, providers, c.from, c.to);
    // Stocks and flows: the national mean and paired difference are the sums over providers.
    for (const std::size_t o : {0U, 1U, 2U}) { // unemployed, long-term, exits to employment
        double means = 0.0;
        double differences = 0.0;
        for (const auto& t : tables) {
            means += t.means[0][o];
            differences += t.differences[0][o].difference.mean;
        }
        INFO(analysis::kHeadlineOutcomes[o].label);
        CHECK(means == Approx(all.means[0][o]).epsilon(1e-12));
        CHECK(differences == Approx(all.differences[0][o].difference.mean).margin(1e-6));
    }
    CHECK(all.means[0][0] > 1000.0); // a real number of unemployed, not an empty window
}

TEST_CASE("areas: days to first contact weighted by each provider's first contacts",
          "[unit][areas]") {
    const Comparison& c = comparison();
    const auto& dims = c.file.dimensions;
    const auto rules = analysis::aggregation_rules(dims.measures);
    std::size_t contacts = 0;
    while (dims.measures[contacts].name != "first_contacts") {
        ++contacts;
    }
    const auto first = static_cast<std::size_t>(
        std::find(dims.months.begin(), dims.months.end(), c.from) - dims.months.begin());
    const auto last = static_cast<std::size_t>(
        std::find(dims.months.begin(), dims.months.end(), c.to) - dims.months.begin());
    std::vector<std::vector<std::uint32_t>> areas;
    for (std::uint32_t p = 0; p < dims.providers.size(); ++p) {
        areas.push_back({p});
    }
    // One run: the reference's first replication.
    std::vector<output::MonthlyRow> run;
    for (const auto& r : c.file.monthly) {
        if (r.scenario == 0 && r.replication == 0) {
            run.push_back(r);
        }
    }
    const auto totals = analysis::RunTotals::of_areas(run, dims, rules, areas);
    double weighted = 0.0;
    double weights = 0.0;
    for (std::size_t p = 0; p < areas.size(); ++p) {
        const double w = totals[p].window(contacts, first, last);
        const auto h = analysis::headline_of(totals[p], dims, c.from, c.to);
        if (w > 0.0) {
            weighted += w * h.first_contact_days;
            weights += w;
        }
    }
    const auto national = analysis::headline_of_run(run, dims, c.from, c.to);
    REQUIRE(weights > 0.0);
    CHECK(weighted / weights == Approx(national.first_contact_days).epsilon(1e-9));
}

TEST_CASE("areas: a region's headline is its providers' together", "[unit][areas]") {
    const Comparison& c = comparison();
    const auto& dims = c.file.dimensions;
    for (const std::string region : {"Uusimaa", "Pirkanmaa", "Kaakkois-Suomi"}) {
        INFO(region);
        const auto area = analysis::region_area(dims, region);
        REQUIRE(area);
        std::vector<analysis::Area> parts;
        for (const std::uint32_t p : area->providers) {
            parts.push_back(*analysis::provider_area(dims, dims.providers[p].name));
        }
        const auto whole =
            analysis::area_headlines(c.file, std::vector<analysis::Area>{*area}, c.from, c.to)
                .front();
        const auto tables = analysis::area_headlines(c.file, parts, c.from, c.to);
        for (const std::size_t o : {0U, 1U, 2U, 6U}) { // stocks and flows
            double sum = 0.0;
            double difference = 0.0;
            for (const auto& t : tables) {
                sum += t.means[1][o];
                difference += t.differences[0][o].difference.mean;
            }
            CHECK(sum == Approx(whole.means[1][o]).epsilon(1e-12));
            CHECK(difference == Approx(whole.differences[0][o].difference.mean).margin(1e-6));
        }
        // The run-by-run headline of the region is headline_of_area's.
        std::vector<output::MonthlyRow> run;
        for (const auto& r : c.file.monthly) {
            if (r.scenario == 1 && r.replication == 1) {
                run.push_back(r);
            }
        }
        const auto h = analysis::headline_of_area(run, dims, *area, c.from, c.to);
        CHECK(h.unemployed_mean > 0.0);
    }
}

namespace {

/// A figure as `kokeilu compare` prints it ("{:+.Nf}" and "{:.Nf}").
std::string printed(double x, int decimals, bool sign) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, sign ? "%+.*f" : "%.*f", decimals, x);
    return buffer;
}

/// The cells of the table row of `name` (its <th> has the name first) in the table of
/// scenario 1: the text of each <td>.
std::vector<std::string> row_cells(const std::string& html, const std::string& name) {
    const auto table = html.find("<table class=\"areas\" id=\"areas-1\">");
    REQUIRE(table != std::string::npos);
    const auto row = html.find("\">" + name + " <small>", table);
    REQUIRE(row != std::string::npos);
    const auto end = html.find("</tr>", row);
    std::vector<std::string> cells;
    for (auto at = html.find("<td class=\"num\">", row); at < end;
         at = html.find("<td class=\"num\">", at + 1)) {
        const auto from = at + std::string("<td class=\"num\">").size();
        cells.push_back(html.substr(from, html.find("</td>", from) - from));
    }
    return cells;
}

} // namespace

TEST_CASE("report: the area table has compare --provider's and --region's figures",
          "[unit][areas][report]") {
    Comparison c = comparison();
    c.file.metadata.scenario_texts = {"", ""};
    std::ostringstream os;
    analysis::write_report(c.file, os,
                           analysis::ReportOptions{{}, {}, analysis::MonthWindow{c.from, c.to}});
    const std::string html = os.str();
    const auto& dims = c.file.dimensions;
    for (const auto& [name, is_region] :
         std::vector<std::pair<std::string, bool>>{{"pilot_helsinki", false},
                                                   {"te_uusimaa", false},
                                                   {"pilot_kainuu", false},
                                                   {"Uusimaa", true},
                                                   {"Lappi", true}}) {
        INFO(name);
        const auto area =
            is_region ? analysis::region_area(dims, name) : analysis::provider_area(dims, name);
        REQUIRE(area);
        // What `kokeilu compare --provider/--region` computes: the area's headline per run.
        std::vector<std::vector<analysis::Headline>> runs(2);
        for (std::uint32_t s = 0; s < 2; ++s) {
            for (std::uint32_t r = 0; r < kReps; ++r) {
                std::vector<output::MonthlyRow> rows;
                for (const auto& row : c.file.monthly) {
                    if (row.scenario == s && row.replication == r) {
                        rows.push_back(row);
                    }
                }
                runs[s].push_back(analysis::headline_of_area(rows, dims, *area, c.from, c.to));
            }
        }
        const auto table = analysis::summarise_headlines(runs);
        const auto cells = row_cells(html, name);
        REQUIRE(cells.size() == 6); // the reference's unemployed, then 5 differences
        std::size_t i = 1;
        for (const std::size_t o : {0U, 1U, 2U, 3U, 5U}) {
            const auto& p = table.differences[0][o].difference;
            const int dec = analysis::kHeadlineOutcomes[o].decimals;
            INFO(analysis::kHeadlineOutcomes[o].label);
            CHECK(cells[i++] ==
                  printed(p.mean, dec, true) + " ± " + printed(p.half_width, dec, false));
        }
    }
    // Every provider has a row, and the map has a tile per region.
    for (const auto& p : dims.providers) {
        CHECK(html.find("\">" + p.name + " <small>") != std::string::npos);
    }
    const auto regions = analysis::region_names(dims);
    CHECK(std::count_if(regions.begin(), regions.end(), [&](const std::string& r) {
              return html.find(">" + r + "</text>") != std::string::npos;
          }) == 15);
    CHECK(html.find("<script") == std::string::npos);
}
