// Measures combined over providers, target groups and months by their kind
// (analysis/aggregate.hpp).
#include "analysis/aggregate.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

using namespace kokeilu;
using agents::AggregationKind;

namespace {

/// Two months, two providers, person groups `a` and `b` and the provider group `all`.
output::Dimensions dimensions(const std::vector<std::string>& measures) {
    output::Dimensions d;
    d.providers = {{"TE office", output::ProviderKind::TeOffice},
                   {"Pilot", output::ProviderKind::Pilot}};
    d.target_groups = {"a", "b", "all"};
    for (const auto& name : measures) {
        d.measures.push_back({name, "unit", "What it counts."});
    }
    d.months = {std::chrono::year{2021} / std::chrono::month{1},
                std::chrono::year{2021} / std::chrono::month{2}};
    return d;
}

std::uint32_t code(const output::Dimensions& d, const std::string& name) {
    const auto it = std::find_if(d.measures.begin(), d.measures.end(),
                                 [&](const output::Measure& m) { return m.name == name; });
    REQUIRE(it != d.measures.end());
    return static_cast<std::uint32_t>(it - d.measures.begin());
}

struct Rows {
    const output::Dimensions& d;
    std::vector<output::MonthlyRow> rows;
    void add(std::uint32_t month, std::uint32_t provider, std::uint32_t group,
             const std::string& name, double value) {
        rows.push_back({0, 0, month, provider, group, code(d, name), value});
    }
};

analysis::RunTotals totals(const output::Dimensions& d, const std::vector<output::MonthlyRow>& r) {
    return analysis::RunTotals(r, d, analysis::aggregation_rules(d.measures));
}

} // namespace

TEST_CASE("the catalogue's kinds and denominators, by name", "[unit][analysis]") {
    const auto d = dimensions({"caseload_per_counsellor", "unemployed", "first_contacts",
                               "time_to_first_contact_days_mean", "counsellors", "no_such_thing"});
    const auto rules = analysis::aggregation_rules(d.measures);
    REQUIRE(rules.size() == 6);
    CHECK(rules[0].kind == AggregationKind::Ratio);
    CHECK(rules[0].denominator == std::optional<std::size_t>(4));
    CHECK(rules[1].kind == AggregationKind::Stock);
    CHECK_FALSE(rules[1].denominator);
    CHECK(rules[2].kind == AggregationKind::Flow);
    CHECK(rules[3].kind == AggregationKind::Mean);
    CHECK(rules[3].denominator == std::optional<std::size_t>(2));
    CHECK(rules[5].kind == AggregationKind::Flow); // unknown: summed
    // A weighted measure whose denominator the file lacks has equal weights.
    const auto alone =
        analysis::aggregation_rules(dimensions({"caseload_per_counsellor"}).measures);
    CHECK(alone[0].kind == AggregationKind::Ratio);
    CHECK_FALSE(alone[0].denominator);
}

TEST_CASE("a mean across two providers is weighted by their denominators, not summed",
          "[unit][analysis]") {
    const auto d = dimensions({"time_to_first_contact_days_mean", "first_contacts",
                               "caseload_per_counsellor", "counsellors", "unemployed", "inflow"});
    Rows r{d, {}};
    for (std::uint32_t m = 0; m < 2; ++m) {
        // First contacts per person group; the provider's mean days under `all`.
        r.add(m, 0, 0, "first_contacts", m == 0 ? 1.0 : 2.0);
        r.add(m, 0, 1, "first_contacts", m == 0 ? 1.0 : 0.0);
        r.add(m, 1, 0, "first_contacts", m == 0 ? 3.0 : 0.0);
        r.add(m, 1, 1, "first_contacts", m == 0 ? 3.0 : 0.0);
        r.add(m, 0, 2, "time_to_first_contact_days_mean", 10.0);
        r.add(m, 1, 2, "time_to_first_contact_days_mean", m == 0 ? 20.0 : 0.0);
        // Caseload and counsellors, both per provider.
        r.add(m, 0, 2, "caseload_per_counsellor", 100.0);
        r.add(m, 0, 2, "counsellors", 10.0);
        r.add(m, 1, 2, "caseload_per_counsellor", 200.0);
        r.add(m, 1, 2, "counsellors", m == 0 ? 30.0 : 10.0);
        for (std::uint32_t g = 0; g < 2; ++g) {
            r.add(m, 0, g, "unemployed", 100.0 * (m + 1));
            r.add(m, 1, g, "unemployed", 50.0);
            r.add(m, 0, g, "inflow", 7.0);
            r.add(m, 1, g, "inflow", 3.0);
        }
    }
    const auto t = totals(d, r.rows);
    const auto k = [&](const char* name) { return code(d, name); };
    // Month 1: (2 x 10 + 6 x 20) / 8 days; summing would say 30.
    CHECK(t.value(0, k("time_to_first_contact_days_mean")) == 17.5);
    // Month 2: the pilot made no first contact, so its 0 days weigh nothing.
    CHECK(t.value(1, k("time_to_first_contact_days_mean")) == 10.0);
    // Caseload weighted by counsellors: (10 x 100 + 30 x 200) / 40 = 175, not 300.
    CHECK(t.value(0, k("caseload_per_counsellor")) == 175.0);
    CHECK(t.value(1, k("caseload_per_counsellor")) == 150.0);
    CHECK(t.value(0, k("unemployed")) == 300.0);
    CHECK(t.value(0, k("inflow")) == 20.0);
    // Over both months: the means weighted by the national denominators month by month.
    CHECK(t.window(k("time_to_first_contact_days_mean"), 0, 1) == (8 * 17.5 + 2 * 10.0) / 10.0);
    CHECK(t.window(k("caseload_per_counsellor"), 0, 1) == (40 * 175.0 + 20 * 150.0) / 60.0);
    CHECK(t.window(k("unemployed"), 0, 1) == (300.0 + 500.0) / 2.0); // a stock: the mean
    CHECK(t.window(k("inflow"), 0, 1) == 40.0);                      // a flow: the sum
    CHECK(t.window(k("counsellors"), 1, 1) == 20.0);
    CHECK_THROWS_AS(t.window(k("inflow"), 1, 2), std::out_of_range);
}

TEST_CASE("a run's national values do not depend on the order of its rows", "[unit][analysis]") {
    const auto d = dimensions({"unemployed", "caseload_per_counsellor", "counsellors"});
    Rows r{d, {}};
    for (std::uint32_t p = 0; p < 2; ++p) {
        for (std::uint32_t g = 0; g < 2; ++g) {
            r.add(0, p, g, "unemployed", (1.0 + p + g) / 3.0);
        }
        r.add(0, p, 2, "caseload_per_counsellor", (100.0 + p) / 7.0);
        r.add(0, p, 2, "counsellors", (3.0 + p) / 11.0);
    }
    const auto a = totals(d, r.rows);
    std::reverse(r.rows.begin(), r.rows.end());
    const auto b = totals(d, r.rows);
    for (std::uint32_t k = 0; k < 3; ++k) {
        CHECK(a.value(0, k) == b.value(0, k));
    }
    // A month without rows has no value.
    CHECK(std::isnan(a.value(1, 0)));
}

TEST_CASE("combining months by kind", "[unit][analysis]") {
    const std::vector<double> v{1.0, std::nan(""), 3.0};
    CHECK(analysis::combine_months(AggregationKind::Stock, v) == 2.0);
    CHECK(analysis::combine_months(AggregationKind::Flow, v) == 4.0);
    CHECK(analysis::combine_months(AggregationKind::Cohort, v) == 4.0);
    const std::vector<double> w{1.0, 5.0, 3.0};
    CHECK(analysis::combine_months(AggregationKind::Mean, v, w) == 2.5); // (1 + 9) / 4
    CHECK(analysis::combine_months(AggregationKind::Share, v) == 2.0);   // no weights: equal
    const std::vector<double> none{0.0, 0.0, 0.0};
    CHECK(std::isnan(analysis::combine_months(AggregationKind::Ratio, v, none)));
    CHECK(std::isnan(analysis::combine_months(AggregationKind::Flow, std::vector<double>{})));
    CHECK_THROWS_AS(analysis::combine_months(AggregationKind::Mean, v, std::vector<double>{1.0}),
                    std::invalid_argument);
}

TEST_CASE("the rows of one run only, within the tables", "[unit][analysis]") {
    const auto d = dimensions({"unemployed"});
    std::vector<output::MonthlyRow> rows{{0, 0, 0, 0, 0, 0, 1.0}, {0, 1, 0, 0, 0, 0, 1.0}};
    CHECK_THROWS_AS(totals(d, rows), std::invalid_argument);
    rows = {{0, 0, 2, 0, 0, 0, 1.0}};
    CHECK_THROWS_AS(totals(d, rows), std::invalid_argument);
    CHECK_THROWS_AS(analysis::RunTotals({}, d, {}), std::invalid_argument);
}
