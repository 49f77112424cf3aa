// The statistics of evidence checks: window values, relative differences and the pass rules.
#include "analysis/evidence.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <limits>

using namespace kokeilu;
using analysis::Expected;

namespace {

analysis::Estimate interval(double mean, double low, double high) {
    analysis::Estimate e;
    e.n = 3;
    e.mean = mean;
    e.ci_low = low;
    e.ci_high = high;
    return e;
}

Expected expect(Expected::Kind kind, double tolerance = 0.0, double low = 0.0, double high = 0.0) {
    return Expected{kind, low, high, tolerance};
}

} // namespace

TEST_CASE("a window's value: a stock's mean over its months, a flow's sum", "[unit][evidence]") {
    // A stock and a flow of the catalogue, three months; rows of two providers add up.
    output::Dimensions dims;
    dims.providers = {{"A", output::ProviderKind::TeOffice}, {"B", output::ProviderKind::Pilot}};
    dims.target_groups = {"all"};
    dims.measures = {{"unemployed", "persons", ""}, {"inflow", "persons/month", ""}};
    for (unsigned m = 1; m <= 3; ++m) {
        dims.months.push_back(std::chrono::year{2021} / std::chrono::month{m});
    }
    const std::vector<output::MonthlyRow> rows{{0, 0, 0, 0, 0, 0, 10.0}, {0, 0, 0, 1, 0, 0, 5.0},
                                               {0, 0, 1, 0, 0, 0, 20.0}, {0, 0, 2, 0, 0, 0, 30.0},
                                               {0, 0, 1, 0, 0, 1, 2.0},  {0, 0, 2, 1, 0, 1, 4.0}};
    const analysis::RunTotals t(rows, dims, analysis::aggregation_rules(dims.measures));
    const std::vector<std::size_t> stock{0};
    CHECK(analysis::window_sum(t, stock, 0, 2) == Approx((15.0 + 20.0 + 30.0) / 3.0));
    CHECK(analysis::window_sum(t, stock, 1, 1) == 20.0);
    const std::vector<std::size_t> flow{1};
    CHECK(analysis::window_sum(t, flow, 1, 2) == 6.0);
    const std::vector<std::size_t> both{0, 1};
    CHECK(analysis::window_sum(t, both, 1, 2) == 25.0 + 6.0);
    CHECK_THROWS(analysis::window_sum(t, stock, 2, 3));
    auto bad = dims;
    bad.months.pop_back();
    CHECK_THROWS(analysis::RunTotals(rows, bad, analysis::aggregation_rules(bad.measures)));
}

TEST_CASE("the pass rules of evidence checks", "[unit][evidence]") {
    using K = Expected::Kind;
    CHECK(analysis::agrees(expect(K::Positive), interval(5, 1, 9)));
    CHECK_FALSE(analysis::agrees(expect(K::Positive), interval(5, -1, 11)));
    CHECK(analysis::agrees(expect(K::Negative), interval(-5, -9, -1)));
    CHECK_FALSE(analysis::agrees(expect(K::Negative), interval(-5, -9, 0)));
    CHECK(analysis::agrees(expect(K::Zero), interval(0, 0, 0)));
    CHECK(analysis::agrees(expect(K::Zero), interval(3, -1, 7)));
    CHECK_FALSE(analysis::agrees(expect(K::Zero), interval(3, 1, 7)));
    CHECK(analysis::agrees(expect(K::Zero, 1.0), interval(3, 1, 7)));
    CHECK(analysis::agrees(expect(K::NotNegative), interval(-3, -7, 1)));
    CHECK_FALSE(analysis::agrees(expect(K::NotNegative), interval(-3, -7, -1)));
    CHECK(analysis::agrees(expect(K::NotPositive), interval(3, -1, 7)));
    CHECK_FALSE(analysis::agrees(expect(K::NotPositive, 0.5), interval(3, 1, 7)));
    CHECK(analysis::agrees(expect(K::Range, 0, 9500, 10000), interval(9800, 0, 20000)));
    CHECK(analysis::agrees(expect(K::Range, 2500, 9500, 10000), interval(12500, 12000, 13000)));
    CHECK_FALSE(analysis::agrees(expect(K::Range, 2500, 9500, 10000), interval(12501, 0, 1e9)));
    const double inf = std::numeric_limits<double>::infinity();
    CHECK(analysis::agrees(expect(K::Range, 0, -inf, -109), interval(-200, -300, -100)));
    // No interval, or NaN: never agrees.
    auto one = interval(5, 1, 9);
    one.n = 1;
    CHECK_FALSE(analysis::agrees(expect(K::Positive), one));
    CHECK_FALSE(
        analysis::agrees(expect(K::Zero, 1e9), interval(std::nan(""), std::nan(""), std::nan(""))));
}

TEST_CASE("relative differences per replication", "[unit][evidence]") {
    const std::vector<double> xs{110, 220, 330};
    const std::vector<double> refs{100, 200, 300};
    const auto e = analysis::relative_difference(xs, refs);
    CHECK(e.n == 3);
    CHECK(e.mean == Approx(0.1));
    CHECK(e.half_width == Approx(0.0).margin(1e-12));
    const std::vector<double> zero{0, 200, 300};
    CHECK(std::isnan(analysis::relative_difference(xs, zero).mean));
    CHECK_THROWS(analysis::relative_difference(xs, std::vector<double>{1}));
}
