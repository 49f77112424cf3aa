// A small order-sensitive 64-bit digest for determinism checks (not cryptographic).
#pragma once

#include <cstdint>

namespace kokeilu::sim {

/// SplitMix64's finaliser: a bijective, well-avalanched mix of 64 bits.
[[nodiscard]] constexpr std::uint64_t mix64(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xBF58'476D'1CE4'E5B9ULL;
    x ^= x >> 27;
    x *= 0x94D0'49BB'1331'11EBULL;
    x ^= x >> 31;
    return x;
}

/// Folds `value` into `digest`; the result depends on the order of folding.
[[nodiscard]] constexpr std::uint64_t digest_fold(std::uint64_t digest, std::uint64_t value) {
    return mix64(digest ^ (value + 0x9E37'79B9'7F4A'7C15ULL + (digest << 6) + (digest >> 2)));
}

} // namespace kokeilu::sim
