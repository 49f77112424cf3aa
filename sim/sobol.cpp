// Sobol' points from Joe and Kuo's direction numbers (sim/sobol.hpp).
#include "sim/sobol.hpp"

#include "sim/random.hpp"

#include <array>
#include <stdexcept>
#include <string>

namespace kokeilu::sim {

namespace {

constexpr std::size_t kBits = 32;

/// One dimension's primitive polynomial and initial direction numbers, as in Joe and Kuo's
/// table new-joe-kuo-6.21201 (rows d = 2 to 21): degree s, the interior coefficients a (bit
/// s-2 is the coefficient of x^(s-1), bit 0 that of x), and m_1..m_s (odd, m_k < 2^k).
struct Polynomial {
    std::size_t degree;
    std::uint32_t a;
    std::array<std::uint32_t, 7> m;
};

// clang-format off
constexpr std::array<Polynomial, kSobolMaxDimensions - 1> kJoeKuo = {{
    {1, 0, {1}},                     {2, 1, {1, 3}},
    {3, 1, {1, 3, 1}},               {3, 2, {1, 1, 1}},
    {4, 1, {1, 1, 3, 3}},            {4, 4, {1, 3, 5, 13}},
    {5, 2, {1, 1, 5, 5, 17}},        {5, 4, {1, 1, 5, 5, 5}},
    {5, 7, {1, 1, 7, 11, 19}},       {5, 11, {1, 1, 5, 1, 1}},
    {5, 13, {1, 1, 1, 3, 11}},       {5, 14, {1, 3, 5, 5, 31}},
    {6, 1, {1, 3, 3, 9, 7, 49}},     {6, 13, {1, 1, 1, 15, 21, 21}},
    {6, 16, {1, 3, 1, 13, 27, 49}},  {6, 19, {1, 1, 1, 15, 7, 5}},
    {6, 22, {1, 3, 1, 15, 13, 25}},  {6, 25, {1, 1, 5, 5, 19, 61}},
    {7, 1, {1, 3, 7, 11, 23, 15, 103}}, {7, 4, {1, 3, 7, 13, 13, 15, 69}},
}};
// clang-format on

using Directions = std::array<std::uint32_t, kBits>;

/// The direction numbers v_1..v_32 of dimension `dim` (0-based) as 32-bit fractions.
Directions directions(std::size_t dim) {
    Directions v{};
    if (dim == 0) { // van der Corput: every m_k = 1
        for (std::size_t k = 0; k < kBits; ++k) {
            v[k] = std::uint32_t{1} << (kBits - 1 - k);
        }
        return v;
    }
    const Polynomial& p = kJoeKuo[dim - 1];
    const std::size_t s = p.degree;
    for (std::size_t k = 0; k < s; ++k) {
        v[k] = p.m[k] << (kBits - 1 - k);
    }
    for (std::size_t k = s; k < kBits; ++k) {
        std::uint32_t x = v[k - s] ^ (v[k - s] >> s);
        for (std::size_t j = 1; j < s; ++j) {
            if (((p.a >> (s - 1 - j)) & 1U) != 0) {
                x ^= v[k - j];
            }
        }
        v[k] = x;
    }
    return v;
}

std::uint32_t point_bits(const Directions& v, std::uint32_t n) {
    const std::uint32_t gray = n ^ (n >> 1);
    std::uint32_t x = 0;
    for (std::size_t k = 0; k < kBits; ++k) {
        if (((gray >> k) & 1U) != 0) {
            x ^= v[k];
        }
    }
    return x;
}

void check_dims(std::size_t dims) {
    if (dims < 1 || dims > kSobolMaxDimensions) {
        throw std::invalid_argument("Sobol' points: " + std::to_string(dims) +
                                    " dimensions; the built-in direction numbers cover 1 to " +
                                    std::to_string(kSobolMaxDimensions));
    }
}

} // namespace

std::vector<std::uint32_t> sobol_point_bits(std::uint32_t n, std::size_t dims) {
    check_dims(dims);
    std::vector<std::uint32_t> out(dims);
    for (std::size_t d = 0; d < dims; ++d) {
        out[d] = point_bits(directions(d), n);
    }
    return out;
}

std::vector<std::vector<double>> sobol_points(std::size_t count, std::size_t dims,
                                              std::optional<std::uint64_t> shift_seed) {
    check_dims(dims);
    if (count > (std::size_t{1} << kBits)) {
        throw std::invalid_argument("Sobol' points: at most 2^32 points");
    }
    constexpr double kScale = 1.0 / 4294967296.0; // 2^-32
    std::vector<std::vector<double>> out(count, std::vector<double>(dims));
    for (std::size_t d = 0; d < dims; ++d) {
        const Directions v = directions(d);
        std::uint32_t shift = 0;
        if (shift_seed) {
            RandomStream rng(StreamKey{*shift_seed, 0, d, 1});
            shift = static_cast<std::uint32_t>(rng.next_u64() >> kBits);
        }
        for (std::size_t i = 0; i < count; ++i) {
            const std::uint32_t x = point_bits(v, static_cast<std::uint32_t>(i)) ^ shift;
            out[i][d] = static_cast<double>(x) * kScale;
        }
    }
    return out;
}

} // namespace kokeilu::sim
