// One region's logical process on the engine: the store and the dispatch of its events to the
// components. Internal to agents/ (run_model builds one per region).
#pragma once

#include "agents/region_store.hpp"

namespace kokeilu::agents::region {

class RegionModel {
public:
    RegionModel(const Shared* shared, std::uint32_t region, sim::EntityId self,
                std::uint64_t first_person, std::vector<std::uint32_t> month_counts,
                std::uint32_t initial_count)
            : s_(shared, region, self, first_person, std::move(month_counts), initial_count) {}

    /// The engine's entry point: one event of this region (a region event or a person's timer).
    void handle(sim::Context& ctx, const sim::Event& ev);

    [[nodiscard]] std::size_t agent_count() const { return s_.slot_of.size(); }
    [[nodiscard]] std::size_t agent_bytes() const { return s_.agent_bytes(); }
    [[nodiscard]] std::size_t live_count() const { return s_.live.size(); }
    [[nodiscard]] std::uint64_t stale_count() const { return s_.stale; }
    void set_traced(std::vector<std::uint32_t> local) { s_.traced = std::move(local); }
    std::vector<TraceEvent>& trace_buffer() { return s_.trace_buffer; }
    [[nodiscard]] const std::vector<std::uint32_t>& providers() const { return s_.global; }
    /// The snapshots taken so far and not yet collected: per month, [local
    /// provider][group][metric].
    std::vector<std::pair<int, std::vector<double>>>& snapshots() { return s_.snapshots; }
    std::vector<std::vector<double>>& cohort_snapshots() { return s_.cohort_snapshots; }
    std::vector<std::vector<double>>& breakdown_snapshots() { return s_.breakdown_snapshots; }

private:
    Store s_;
};

/// True if going from period `a` to `b` changes when anyone's next job, exit or interview
/// comes: then every registered person's timers are redrawn. Other changes (benefit levels,
/// financing, staff, referral rates, deadlines of future tasks) apply from the next event on.
[[nodiscard]] bool changes_timing(const ModelParams& a, const ModelParams& b);

} // namespace kokeilu::agents::region
