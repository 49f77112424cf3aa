// What run_model sets up before a replication runs: the calendar every region reads (Shared).
// Internal to agents/ (run_model and the component tests' hand-built region use it).
#pragma once

#include "agents/region_types.hpp"

#include <cstdint>

namespace kokeilu::agents::region {

/// The run's calendar: the origin (the warm-up's first month), the month starts, the horizon,
/// the pilots' dates and the timeline's periods as simulation times.
[[nodiscard]] Shared make_shared(const ModelInput& input, std::uint64_t seed,
                                 std::uint64_t replication);

} // namespace kokeilu::agents::region
