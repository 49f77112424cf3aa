// Sobol' points: the sequence's known first points, its equidistribution (every axis, and the
// (0, m, 2)-net of the first two), the digital shift, and bad arguments.
#include "sim/sobol.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <set>
#include <stdexcept>
#include <vector>

using kokeilu::sim::kSobolMaxDimensions;
using kokeilu::sim::sobol_point_bits;
using kokeilu::sim::sobol_points;

TEST_CASE("Sobol' points begin as the published sequence", "[sobol]") {
    // Dimensions 1 and 2 of the unscrambled sequence (Bratley and Fox 1988; point 0 is the
    // origin, as in SciPy's qmc.Sobol with scramble=False).
    const std::vector<std::vector<double>> want = {{0.0, 0.0},     {0.5, 0.5},     {0.75, 0.25},
                                                   {0.25, 0.75},   {0.375, 0.375}, {0.875, 0.875},
                                                   {0.625, 0.125}, {0.125, 0.625}};
    const auto got = sobol_points(8, 2, std::nullopt);
    REQUIRE(got.size() == 8);
    for (std::size_t i = 0; i < 8; ++i) {
        CHECK(got[i][0] == want[i][0]);
        CHECK(got[i][1] == want[i][1]);
    }
    // Dimension 3 (polynomial x^2 + x + 1, m = 1, 3): 0, 1/2, 1/4, 3/4, 5/8, 1/8, 7/8, 3/8.
    const auto third = sobol_points(8, 3, std::nullopt);
    const std::vector<double> want3 = {0.0, 0.5, 0.25, 0.75, 0.625, 0.125, 0.875, 0.375};
    for (std::size_t i = 0; i < 8; ++i) {
        CHECK(third[i][2] == want3[i]);
    }
}

TEST_CASE("the first 2^m Sobol' points fill every interval of width 2^-m on every axis",
          "[sobol]") {
    for (const bool shifted : {false, true}) {
        const auto seed = shifted ? std::optional<std::uint64_t>(7) : std::nullopt;
        const auto pts = sobol_points(1024, kSobolMaxDimensions, seed);
        for (int m = 1; m <= 10; ++m) {
            const std::size_t n = std::size_t{1} << m;
            for (std::size_t d = 0; d < kSobolMaxDimensions; ++d) {
                std::set<long> cells;
                for (std::size_t i = 0; i < n; ++i) {
                    cells.insert(static_cast<long>(pts[i][d] * static_cast<double>(n)));
                }
                INFO("m = " << m << ", dimension " << d + 1 << ", shifted " << shifted);
                CHECK(cells.size() == n);
            }
        }
    }
}

TEST_CASE("the first two Sobol' axes form a (0, m, 2)-net", "[sobol]") {
    // Every box of 2^-a by 2^-(m-a) holds exactly one of the first 2^m points, also shifted.
    for (const auto seed : {std::optional<std::uint64_t>{}, std::optional<std::uint64_t>(3)}) {
        const auto pts = sobol_points(256, 2, seed);
        for (int m = 1; m <= 8; ++m) {
            const std::size_t n = std::size_t{1} << m;
            for (int a = 0; a <= m; ++a) {
                std::set<std::pair<long, long>> boxes;
                for (std::size_t i = 0; i < n; ++i) {
                    boxes.insert({static_cast<long>(pts[i][0] * double(1L << a)),
                                  static_cast<long>(pts[i][1] * double(1L << (m - a)))});
                }
                INFO("m = " << m << ", a = " << a);
                CHECK(boxes.size() == n);
            }
        }
    }
}

TEST_CASE("a digital shift moves every point and depends on the seed only", "[sobol]") {
    const auto plain = sobol_points(64, 4, std::nullopt);
    const auto a = sobol_points(64, 4, 11);
    const auto b = sobol_points(64, 4, 11);
    const auto c = sobol_points(64, 4, 12);
    CHECK(a == b);
    CHECK(a != c);
    CHECK(a != plain);
    for (const auto& p : a) {
        for (const double x : p) {
            CHECK(x >= 0.0);
            CHECK(x < 1.0);
        }
    }
    // The bits of a point agree with the numbers.
    const auto bits = sobol_point_bits(5, 4);
    for (std::size_t d = 0; d < 4; ++d) {
        CHECK(static_cast<double>(bits[d]) / 4294967296.0 == plain[5][d]);
    }
}

TEST_CASE("Sobol' points refuse dimensions the direction numbers do not cover", "[sobol]") {
    CHECK_THROWS_AS(sobol_points(4, 0, std::nullopt), std::invalid_argument);
    CHECK_THROWS_AS(sobol_points(4, kSobolMaxDimensions + 1, std::nullopt), std::invalid_argument);
    CHECK_THROWS_AS(sobol_point_bits(1, kSobolMaxDimensions + 1), std::invalid_argument);
}
