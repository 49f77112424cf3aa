// Sobol' low-discrepancy points (for sweep designs and, later, sensitivity designs): the
// sequence of Bratley and Fox (1988) with the direction numbers of Joe and Kuo (2008),
// optionally randomised by a digital shift.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace kokeilu::sim {

/// The dimensions the built-in direction numbers cover (those of new-joe-kuo-6.21201 for
/// dimensions 1 to 21; S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better
/// two-dimensional projections", SIAM J. Sci. Comput. 30 (2008) 2635-2654).
inline constexpr std::size_t kSobolMaxDimensions = 21;

/// Point `n` (0-based; point 0 is the origin) of the Sobol' sequence in `dims` dimensions
/// (1 to kSobolMaxDimensions), each coordinate as the 32 bits of a binary fraction in [0, 1).
/// Built directly from the Gray code of `n`, so points can be made in any order.
[[nodiscard]] std::vector<std::uint32_t> sobol_point_bits(std::uint32_t n, std::size_t dims);

/// The first `count` points of the sequence in `dims` dimensions as numbers in [0, 1): point i
/// is `result[i]`. With `shift_seed`, every dimension's bits are XORed with a uniform 32-bit
/// number of its own random stream of that seed (a random digital shift: a different design
/// for each seed, with the same equidistribution: each of the first 2^m points still falls in
/// its own interval of width 2^-m on every axis). Throws std::invalid_argument for `dims`
/// outside 1..kSobolMaxDimensions or `count` above 2^32.
[[nodiscard]] std::vector<std::vector<double>>
sobol_points(std::size_t count, std::size_t dims, std::optional<std::uint64_t> shift_seed);

} // namespace kokeilu::sim
