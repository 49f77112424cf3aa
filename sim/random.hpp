// Counter-based random streams on Philox4x64-10, keyed by (seed, replication, entity, purpose).
#pragma once

#include <array>
#include <cstdint>
#include <limits>

// Random123 casts freely between integer widths; keep its warnings out of our builds even when
// it is not found through a SYSTEM include directory.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wold-style-cast"
#include <Random123/philox.h>
#pragma GCC diagnostic pop

namespace kokeilu::sim {

/// Names one random stream. Every distinct key yields an independent stream, whichever thread,
/// partition or run order draws from it.
///
/// `seed` and `replication` form the 2x64-bit Philox key; `entity`, `purpose` and the block
/// index form the 4x64-bit counter (the fourth word is always 0). Distinct keys therefore never
/// share a Philox input, for any number of draws (up to 2^64 blocks per stream).
///
/// `purpose` is a small integer chosen by the model for each *kind* of draw an entity makes
/// (e.g. 0 = arrival gaps, 1 = service times, 2 = routing choices). Keeping purposes separate
/// keeps common random numbers aligned between scenarios: if scenario B makes an extra routing
/// draw, the arrival and service streams are unaffected.
struct StreamKey {
    std::uint64_t seed = 0;        ///< Global seed of the experiment.
    std::uint64_t replication = 0; ///< Replication index within an ensemble.
    std::uint64_t entity = 0;      ///< Entity (agent, resource, ...) that owns the stream.
    std::uint64_t purpose = 0;     ///< Model-chosen kind of draw; see above.

    friend constexpr bool operator==(const StreamKey&, const StreamKey&) = default;
};

/// The 4 x 64 bits of block `block` of the stream `key`: Philox4x64-10 of counter
/// `{entity, purpose, block, 0}` under key `{seed, replication}`. Stateless and thread-safe;
/// `RandomStream` returns exactly these words, in order, block after block.
[[nodiscard]] inline std::array<std::uint64_t, 4> random_block(const StreamKey& key,
                                                               std::uint64_t block) {
    const r123::Philox4x64::ctr_type ctr = {{key.entity, key.purpose, block, 0}};
    const r123::Philox4x64::key_type k = {{key.seed, key.replication}};
    const r123::Philox4x64::ctr_type out = r123::Philox4x64{}(ctr, k);
    return {out.v[0], out.v[1], out.v[2], out.v[3]};
}

/// A sequential view of one stream: 64-bit words from `random_block(key, first_block)`, then
/// `first_block + 1`, ..., computed one Philox call per 4 words and buffered.
///
/// Models `std::uniform_random_bit_generator`. A value type of 80 bytes (4-word buffer, key,
/// entity, purpose, next block, buffer position); copying it forks an identical sequence.
/// Not thread-safe: one owner draws from it, but any number of streams may be used concurrently.
class RandomStream {
public:
    using result_type = std::uint64_t;

    /// A stream positioned at the start of block `first_block` (0 for a fresh stream).
    explicit RandomStream(const StreamKey& key, std::uint64_t first_block = 0) noexcept
            : key_{{key.seed, key.replication}}, entity_(key.entity), purpose_(key.purpose),
              next_block_(first_block) {}

    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

    /// The next 64 uniformly distributed bits.
    std::uint64_t next_u64() {
        if (pos_ == kWordsPerBlock) [[unlikely]] {
            refill();
        }
        return buffer_.v[pos_++];
    }
    /// Same as `next_u64()`, for use as a UniformRandomBitGenerator.
    result_type operator()() { return next_u64(); }

    /// Uniform on [0, 1): the top 53 bits of one word, times 2^-53. Never returns 1.
    double uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

    /// Uniform on (0, 1): (top 52 bits + 1/2) times 2^-52, so in [2^-53, 1 - 2^-53]; safe for
    /// `log(u)` and `log(1 - u)`. Consumes one word, like `uniform01()`.
    double uniform_open01() { return (static_cast<double>(next_u64() >> 12) + 0.5) * 0x1.0p-52; }

    /// Index of the next block this stream would compute: `first_block` plus the number of
    /// blocks generated so far. `RandomStream(key(), blocks_used())` resumes the sequence at
    /// the next block boundary (words still buffered from the current block are skipped).
    [[nodiscard]] std::uint64_t blocks_used() const { return next_block_; }

    /// The key this stream was built from.
    [[nodiscard]] StreamKey key() const { return {key_.v[0], key_.v[1], entity_, purpose_}; }

private:
    static constexpr std::uint32_t kWordsPerBlock = 4;

    void refill() {
        const r123::Philox4x64::ctr_type ctr = {{entity_, purpose_, next_block_, 0}};
        buffer_ = r123::Philox4x64{}(ctr, key_);
        ++next_block_;
        pos_ = 0;
    }

    r123::Philox4x64::ctr_type buffer_{};
    r123::Philox4x64::key_type key_;
    std::uint64_t entity_;
    std::uint64_t purpose_;
    std::uint64_t next_block_;
    std::uint32_t pos_ = kWordsPerBlock; // == kWordsPerBlock: buffer empty
};

static_assert(sizeof(RandomStream) == 80, "RandomStream is meant to stay small: see its comment");

} // namespace kokeilu::sim
