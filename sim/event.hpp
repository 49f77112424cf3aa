// Events: small plain values with a total order that never depends on threads or addresses.
#pragma once

#include "sim/time.hpp"

#include <cstdint>
#include <type_traits>

namespace kokeilu::sim {

/// Global identity of a simulated entity (an agent, a station, a PHOLD object). Stable for
/// the whole run and independent of which logical process owns the entity.
using EntityId = std::uint32_t;

/// Index of a logical process (a partition of the entities with its own event queue).
using LpId = std::uint32_t;

/// Epoch value meaning "never stale": the event is delivered whatever happened to its target.
inline constexpr std::uint32_t kAnyEpoch = 0xFFFF'FFFFu;

/// One scheduled event: 32 bytes, trivially copyable, no heap allocation.
///
/// Events are totally ordered by `(time, priority, source, seq)`: `source` is the entity
/// whose handler scheduled the event and `seq` that entity's own running count of events
/// scheduled. The pair `(source, seq)` is unique, so no two events ever compare equal, and
/// the order depends only on the simulated history of entities, not on the partition into
/// logical processes, the thread that ran them or the order messages were delivered in.
struct Event {
    SimTime time;          ///< when the event fires
    std::uint32_t seq = 0; ///< per-source sequence number (wraps; only uniqueness matters)
    EntityId source = 0;   ///< entity whose handler scheduled it
    EntityId target = 0;   ///< entity that handles it
    std::uint32_t epoch = kAnyEpoch; ///< target's epoch when scheduled, or kAnyEpoch
    std::uint16_t kind = 0;          ///< model-defined event kind
    std::uint8_t priority = 0;       ///< lower fires first among equal times
    std::uint8_t reserved = 0;
    std::uint32_t data = 0; ///< model-defined payload
};

static_assert(sizeof(Event) == 32, "events are meant to stay two per cache line");
static_assert(std::is_trivially_copyable_v<Event>);

/// The engine's total order: true if `a` fires strictly before `b`.
[[nodiscard]] constexpr bool fires_before(const Event& a, const Event& b) {
    if (a.time != b.time) {
        return a.time < b.time;
    }
    if (a.priority != b.priority) {
        return a.priority < b.priority;
    }
    if (a.source != b.source) {
        return a.source < b.source;
    }
    return a.seq < b.seq;
}

} // namespace kokeilu::sim
