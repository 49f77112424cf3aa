// Observed series the model reads: the built-in vacancies file, interpolation, and how the
// scenario builder folds vacancies and seasons into the monthly lists.
#include "agents/region_types.hpp"
#include "scenario/build.hpp"
#include "scenario/series.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>
#include <string>

using namespace kokeilu;

namespace {

int ym(int year, int month) {
    return year * 12 + month - 1;
}

} // namespace

TEST_CASE("the built-in vacancies file holds the observed series", "[unit][scenario][series]") {
    const auto v = scenario::parse_month_series(scenario::builtin_vacancies_text());
    REQUIRE(v.size() == 40); // data/observed_monthly.md: 40 months, 2019-02..2024-11
    CHECK(v.front().month == ym(2019, 2));
    CHECK(v.front().value == 161400.0);
    CHECK(v.back().month == ym(2024, 11));
    CHECK(v.back().value == 44400.0);
    double mean_2019 = 0.0;
    int n = 0;
    for (const auto& mv : v) {
        if (mv.month / 12 == 2019) {
            mean_2019 += mv.value;
            ++n;
        }
    }
    // labour_market.vacancy_reference's default is this mean, rounded.
    CHECK(std::abs(mean_2019 / n - 128000.0) < 200.0);
}

TEST_CASE("a monthly series is interpolated in logs and held outside its observations",
          "[unit][scenario][series]") {
    const auto v = scenario::parse_month_series("# a comment\nmonth,value\n"
                                                "2020-01,100,src\n2020-03,400\n");
    CHECK(scenario::series_at(v, ym(2019, 6)) == 100.0);
    CHECK(scenario::series_at(v, ym(2020, 1)) == 100.0);
    CHECK(scenario::series_at(v, ym(2020, 2)) == Approx(200.0)); // geometric mean
    CHECK(scenario::series_at(v, ym(2020, 3)) == Approx(400.0));
    CHECK(scenario::series_at(v, ym(2024, 1)) == 400.0);
}

TEST_CASE("a malformed series line is reported with its number", "[unit][scenario][series]") {
    const auto message = [](const std::string& text) {
        try {
            (void)scenario::parse_month_series(text);
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(message("2020-01,100\n2020-13,5\n").rfind("line 2: not a month", 0) == 0);
    CHECK(message("month,v\n2020-01,abc\n").rfind("line 2: the value must be", 0) == 0);
    CHECK(message("2020-01,-3\n").rfind("line 1: the value must be", 0) == 0);
    CHECK(message("2020-02,1\n2020-01,2\n") == "line 2: months must increase");
    CHECK(message("20-01,1\n").rfind("line 1: expected YYYY-MM,value", 0) == 0);
    CHECK(message("# nothing\n") == "the series has no observations");
}

TEST_CASE("vacancies and inflow seasons are folded into the monthly lists",
          "[unit][scenario][series]") {
    const auto base = scenario::build_model_input(scenario::load_scenario("", {}));
    const auto folded = scenario::build_model_input(scenario::load_scenario(
        "", {"labour_market.vacancy_elasticity=0.5",
             "labour_market.inflow_seasons=[1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1]"}));
    REQUIRE(base.index_start == sim::Date(2018, 1, 1));
    const auto& q0 = base.periods.front().second;
    const auto& q1 = folded.periods.front().second;
    // 2018-01 .. 2024-12: every month explicit.
    REQUIRE(q1.demand.size() == 84);
    REQUIRE(q1.inflow_index.size() == 84);
    // Feb 2019 (index 13): 161,400 vacancies.
    CHECK(q1.demand[13] ==
          Approx(agents::region::indexed(q0.demand, 13) * std::sqrt(161400.0 / 128000.0)));
    // Before the first observation (the warm-up year 2018) the reference level holds.
    CHECK(q1.demand[0] == agents::region::indexed(q0.demand, 0));
    CHECK(q1.demand[12] == agents::region::indexed(q0.demand, 12));
    // After the last one (Nov 2024: 44,400) it holds.
    CHECK(q1.demand[83] ==
          Approx(agents::region::indexed(q0.demand, 83) * std::sqrt(44400.0 / 128000.0)));
    // June of every year doubles the inflow index; May does not change.
    for (int year = 0; year < 7; ++year) {
        const int june = year * 12 + 5;
        CHECK(q1.inflow_index[static_cast<std::size_t>(june)] ==
              2.0 * agents::region::indexed(q0.inflow_index, june));
        CHECK(q1.inflow_index[static_cast<std::size_t>(june - 1)] ==
              agents::region::indexed(q0.inflow_index, june - 1));
    }
    // Off by default: the lists are those of the scenario file.
    const auto plain = scenario::load_scenario("", {});
    CHECK(q0.demand == plain.numbers("labour_market.demand"));
    CHECK(q0.inflow_index == plain.numbers("labour_market.inflow_index"));
}

TEST_CASE("month-of-year keys take exactly twelve values", "[unit][scenario][series]") {
    try {
        (void)scenario::build_model_input(
            scenario::load_scenario("", {"labour_market.inflow_seasons=[1, 2, 3]"}));
        FAIL("no error");
    } catch (const scenario::ConfigError& e) {
        CHECK_THAT(std::string(e.what()), Catch::Contains("labour_market.inflow_seasons"));
        CHECK_THAT(std::string(e.what()), Catch::Contains("12"));
    }
}
