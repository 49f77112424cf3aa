// Replication summaries and paired differences over a result file's monthly panel.
#include "analysis/replications.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace kokeilu;

namespace {

/// Two scenarios, one month, provider, target group and measure; `reps` replications with the
/// given values.
output::ResultFile panel(const std::vector<double>& a, const std::vector<double>& b) {
    output::ResultFile f;
    f.metadata.scenario_names = {"A", "B"};
    f.metadata.replications = static_cast<std::uint32_t>(a.size());
    for (std::uint32_t r = 0; r < a.size(); ++r) {
        f.monthly.push_back(output::MonthlyRow{0, r, 0, 0, 0, 0, a[r]});
        f.monthly.push_back(output::MonthlyRow{1, r, 0, 0, 0, 0, b[r]});
    }
    return f;
}

} // namespace

TEST_CASE("replication summaries give the mean and a Student-t interval per cell",
          "[unit][analysis]") {
    const auto s = analysis::summarise_replications(panel({1, 2, 3, 4, 5}, {2, 2, 2, 2, 2}));
    REQUIRE(s.size() == 2);
    CHECK(s[0].cell.scenario == 0);
    CHECK(s[0].n == 5);
    CHECK(s[0].mean == 3.0);
    // sd = sqrt(2.5), se = sqrt(2.5 / 5); t(0.975, 4) = 2.776445105
    CHECK(s[0].std_error == Approx(std::sqrt(0.5)));
    CHECK(s[0].ci_low == Approx(3.0 - 2.776445105 * std::sqrt(0.5)));
    CHECK(s[0].ci_high == Approx(3.0 + 2.776445105 * std::sqrt(0.5)));
    CHECK(s[1].std_error == 0.0);
}

TEST_CASE("a scenario compared with itself differs by exactly zero", "[unit][analysis]") {
    const std::vector<double> a{10.5, 11.25, 9.75, 12.0};
    const auto d = analysis::paired_differences(panel(a, a));
    REQUIRE(d.size() == 1);
    CHECK(d[0].cell.scenario == 1);
    CHECK(d[0].mean == 0.0);
    CHECK(d[0].std_error == 0.0);
    CHECK(d[0].ci_low == 0.0);
    CHECK(d[0].ci_high == 0.0);
    CHECK(d[0].variance_ratio == 0.0);
}

TEST_CASE("pairing by replication removes the shared noise", "[unit][analysis]") {
    // B = A + 1 + small noise: the replications vary a lot, their differences little.
    const std::vector<double> a{10, 20, 30, 40, 50, 60};
    const std::vector<double> b{11.1, 20.9, 31.0, 41.2, 50.8, 61.0};
    const auto d = analysis::paired_differences(panel(a, b));
    REQUIRE(d.size() == 1);
    CHECK(d[0].mean == Approx(1.0));
    CHECK(d[0].ci_low > 0.0); // the paired interval excludes zero...
    const auto s = analysis::summarise_replications(panel(a, b));
    CHECK(s[1].ci_low < s[0].ci_high); // ...though the two scenarios' own intervals overlap
    CHECK(d[0].variance_ratio < 0.01);
}

TEST_CASE("replications missing from one scenario are left out of the pairs", "[unit][analysis]") {
    auto f = panel({1, 2, 3}, {2, 4, 6});
    f.monthly.pop_back(); // scenario B, replication 2
    const auto d = analysis::paired_differences(f);
    REQUIRE(d.size() == 1);
    CHECK(d[0].n == 2);
    CHECK(d[0].mean == Approx(1.5));
    f.monthly.push_back(output::MonthlyRow{0, 0, 0, 0, 0, 0, 7.0}); // a second value: an error
    CHECK_THROWS_AS(analysis::summarise_replications(f), std::invalid_argument);
}
