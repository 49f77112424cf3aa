// The headline outcomes of a run from its monthly rows, and their statistics over replications
// (analysis/headlines.hpp).
#include "analysis/headlines.hpp"

#include "sim/summary.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

using namespace kokeilu;
using analysis::Headline;

namespace {

/// Three months from 2021-01, two providers, person groups `a` and `b` and `all`; the measures
/// a headline reads in an order of their own, and one it does not read.
output::Dimensions dimensions() {
    output::Dimensions d;
    d.providers = {{"TE office", output::ProviderKind::TeOffice},
                   {"Pilot", output::ProviderKind::Pilot}};
    d.target_groups = {"a", "b", "all"};
    for (const char* name :
         {"interviews_overdue", "inflow", "spend_unemployment_funds_eur", "unemployed",
          "first_contacts", "unemployed_12m_plus", "spend_municipality_eur", "exits_employment",
          "time_to_first_contact_days_mean", "service_starts", "spend_state_eur",
          "caseload_per_counsellor", "counsellors"}) {
        d.measures.push_back({name, "unit", "What it counts."});
    }
    for (unsigned m = 1; m <= 3; ++m) {
        d.months.push_back(std::chrono::year{2021} / std::chrono::month{m});
    }
    return d;
}

std::uint32_t code(const output::Dimensions& d, const std::string& name) {
    const auto it = std::find_if(d.measures.begin(), d.measures.end(),
                                 [&](const output::Measure& m) { return m.name == name; });
    REQUIRE(it != d.measures.end());
    return static_cast<std::uint32_t>(it - d.measures.begin());
}

/// One run's rows, as `kokeilu run` writes them: person measures in groups `a` and `b`,
/// provider measures under `all`. Month 0 (2021-01) has values a thousand times larger.
std::vector<output::MonthlyRow> run_rows(const output::Dimensions& d) {
    std::vector<output::MonthlyRow> rows;
    for (std::uint32_t m = 0; m < 3; ++m) {
        const double f = m == 0 ? 1000.0 : 1.0;
        for (std::uint32_t p = 0; p < 2; ++p) {
            const auto add = [&](std::uint32_t g, const char* name, double value) {
                rows.push_back({0, 0, m, p, g, code(d, name), value * f});
            };
            for (std::uint32_t g = 0; g < 2; ++g) {
                add(g, "unemployed", 10.0 * (m + 1));
                add(g, "unemployed_12m_plus", 1.0);
                add(g, "exits_employment", 2.0);
                add(g, "service_starts", 3.0);
                add(g, "spend_state_eur", 1e6);
                add(g, "spend_municipality_eur", 2e6);
                add(g, "spend_unemployment_funds_eur", 0.5e6);
                add(g, "first_contacts", p == 0 ? 1.0 : 3.0);
                add(g, "inflow", 99.0);
            }
            add(2, "time_to_first_contact_days_mean", p == 0 ? 10.0 : 20.0);
            add(2, "interviews_overdue", p == 0 ? 5.0 : 7.0);
            add(2, "caseload_per_counsellor", p == 0 ? 100.0 : 200.0);
            add(2, "counsellors", p == 0 ? 30.0 : 10.0);
        }
    }
    return rows;
}

const auto kFrom = std::chrono::year{2021} / std::chrono::month{2};

} // namespace

TEST_CASE("a run's headline outcomes: stocks as means and flows as sums over the period",
          "[unit][analysis]") {
    const auto d = dimensions();
    const Headline h = analysis::headline_of_run(run_rows(d), d, kFrom);
    // 2021-02 and 2021-03: four (provider, group) cells a month.
    CHECK(h.unemployed_mean == 100.0); // (4 x 20 + 4 x 30) / 2
    CHECK(h.long_term_mean == 4.0);
    CHECK(h.exits_employment == 16.0);
    CHECK(h.service_starts == 24.0);
    CHECK(h.spend_meur == 28.0); // 3.5 million a cell and month
    // Providers' mean days weighted by their first contacts: (2 x 10 + 6 x 20) / 8.
    CHECK(h.first_contact_days == 17.5);
    CHECK(h.overdue_mean == 12.0);
    // Providers' caseloads weighted by their counsellors: (30 x 100 + 10 x 200) / 40.
    CHECK(h.caseload_per_counsellor == 125.0);
}

TEST_CASE("a run's headline spending counts staff costs when the file has them",
          "[unit][analysis]") {
    auto d = dimensions();
    const Headline without = analysis::headline_of_run(run_rows(d), d, kFrom);
    d.measures.push_back({"spend_staff_eur", "EUR/month", "Staff costs."});
    auto rows = run_rows(d);
    for (std::uint32_t m = 0; m < 3; ++m) {
        for (std::uint32_t p = 0; p < 2; ++p) {
            rows.push_back({0, 0, m, p, 2, code(d, "spend_staff_eur"), p == 0 ? 0.25e6 : 0.5e6});
        }
    }
    const Headline with = analysis::headline_of_run(rows, d, kFrom);
    CHECK(without.spend_meur == 28.0);
    CHECK(with.spend_meur == 29.5); // + (0.25 + 0.5) million a month for 2 months
    CHECK(with.unemployed_mean == without.unemployed_mean);
}

TEST_CASE("a run's headline outcomes do not depend on the order of its rows", "[unit][analysis]") {
    const auto d = dimensions();
    auto rows = run_rows(d);
    for (auto& r : rows) {
        r.value *= 1.0 / 3.0; // values whose sums depend on the order of addition
    }
    const Headline a = analysis::headline_of_run(rows, d, kFrom);
    std::reverse(rows.begin(), rows.end());
    const Headline b = analysis::headline_of_run(rows, d, kFrom);
    for (const auto& o : analysis::kHeadlineOutcomes) {
        CAPTURE(o.label);
        CHECK(a.*(o.field) == b.*(o.field));
    }
}

TEST_CASE("a headline period after the last month gives zeros", "[unit][analysis]") {
    const auto d = dimensions();
    const Headline h =
        analysis::headline_of_run(run_rows(d), d, std::chrono::year{2022} / std::chrono::month{1});
    for (const auto& o : analysis::kHeadlineOutcomes) {
        CHECK(h.*(o.field) == 0.0);
    }
}

TEST_CASE("a headline needs its measures and the rows of one run", "[unit][analysis]") {
    auto d = dimensions();
    auto rows = run_rows(d);
    rows.back().replication = 1;
    CHECK_THROWS_AS(analysis::headline_of_run(rows, d, kFrom), std::invalid_argument);
    d.measures[code(d, "interviews_overdue")].name = "something_else";
    CHECK_THROWS_WITH(analysis::headline_of_run(run_rows(dimensions()), d, kFrom),
                      Catch::Matchers::Contains("`interviews_overdue`"));
}

TEST_CASE("estimate is sim::summarise bit for bit, and NaN where undefined", "[unit][analysis]") {
    const std::vector<double> xs{1.0 / 3.0, 2.5, 7.125, 0.1, 9.0};
    const auto e = analysis::estimate(xs);
    const auto s = sim::summarise(xs);
    CHECK(e.n == 5);
    CHECK(e.mean == s.mean);
    CHECK(e.std_error == s.std_error);
    CHECK(e.half_width == s.half_width);
    CHECK(e.ci_low == s.lower());
    CHECK(e.ci_high == s.upper());
    const auto one = analysis::estimate(std::vector<double>{4.5});
    CHECK(one.mean == 4.5);
    CHECK(std::isnan(one.variance));
    CHECK(std::isnan(one.half_width));
}

TEST_CASE("the headline difference of a scenario with itself is exactly zero", "[unit][analysis]") {
    const std::vector<Headline> runs{{1000.5, 300.25, 50.0, 14.125, 7.0, 80.0, 12.3, 150.5},
                                     {1010.0, 310.0, 52.0, 15.5, 9.0, 83.0, 12.9, 160.0},
                                     {995.75, 305.5, 49.0, 13.0, 6.0, 79.0, 11.7, 140.25}};
    const auto t = analysis::summarise_headlines({runs, runs});
    REQUIRE(t.replications == 3);
    REQUIRE(t.means.size() == 2);
    REQUIRE(t.differences.size() == 1);
    for (std::size_t o = 0; o < analysis::kHeadlineOutcomes.size(); ++o) {
        CAPTURE(analysis::kHeadlineOutcomes[o].label);
        CHECK(t.means[0][o] == t.means[1][o]);
        const auto& p = t.differences[0][o];
        CHECK(p.difference.n == 3);
        CHECK(p.difference.mean == 0.0);
        CHECK(p.difference.half_width == 0.0);
        CHECK(p.difference.ci_low == 0.0);
        CHECK(p.difference.ci_high == 0.0);
        CHECK(p.variance_ratio == 0.0);
    }
}

TEST_CASE("a known pair gives its known paired interval and variance ratio", "[unit][analysis]") {
    std::vector<Headline> reference(3);
    std::vector<Headline> scenario(3);
    const double ref[] = {10.0, 20.0, 30.0};
    const double x[] = {12.0, 21.0, 35.0};
    for (std::size_t r = 0; r < 3; ++r) {
        reference[r].unemployed_mean = ref[r];
        scenario[r].unemployed_mean = x[r];
    }
    const auto t = analysis::summarise_headlines({reference, scenario});
    CHECK(t.means[0][0] == 20.0);
    CHECK(t.means[1][0] == Approx(68.0 / 3.0));
    const auto& p = t.differences[0][0];
    // Differences 2, 1, 5: mean 8/3, variance 13/3, standard error sqrt(13/9), and
    // t(0.975, 2 degrees of freedom) = 4.302652729749464.
    CHECK(p.difference.mean == Approx(8.0 / 3.0));
    CHECK(p.difference.variance == Approx(13.0 / 3.0));
    CHECK(p.difference.std_error == Approx(std::sqrt(13.0) / 3.0));
    CHECK(p.difference.half_width == Approx(4.302652729749464 * std::sqrt(13.0) / 3.0));
    CHECK(p.difference.ci_low == Approx(8.0 / 3.0 - 4.302652729749464 * std::sqrt(13.0) / 3.0));
    CHECK(p.difference.ci_high == Approx(8.0 / 3.0 + 4.302652729749464 * std::sqrt(13.0) / 3.0));
    // var(x) = 403/3 and var(reference) = 100: (13/3) / (403/3 + 100) = 13 / 703.
    CHECK(p.variance_ratio == Approx(13.0 / 703.0));
}

TEST_CASE("one replication gives the difference without an interval; unequal counts are refused",
          "[unit][analysis]") {
    const std::vector<Headline> a{{100.0, 0, 0, 0, 0, 0, 0}};
    const std::vector<Headline> b{{90.0, 0, 0, 0, 0, 0, 0}};
    const auto t = analysis::summarise_headlines({a, b});
    CHECK(t.replications == 1);
    CHECK(t.differences[0][0].difference.mean == -10.0);
    CHECK(std::isnan(t.differences[0][0].difference.half_width));
    CHECK(std::isnan(t.differences[0][0].variance_ratio));
    CHECK_THROWS_AS(analysis::summarise_headlines({a, {b[0], b[0]}}), std::invalid_argument);
}
