// PHOLD, the standard synthetic benchmark of parallel discrete-event engines.
#pragma once

#include "sim/engine.hpp"
#include "sim/partition.hpp"
#include "sim/random.hpp"
#include "sim/time.hpp"

#include <cstdint>
#include <vector>

namespace kokeilu::sim::examples {

/// PHOLD (Fujimoto 1990): `objects` entities each start with `events_per_object` events.
/// Handling an event schedules one new event `lookahead + Exp(mean_delay)` days later, for a
/// uniformly chosen other object with probability `remote`, else for itself. Times are in days
/// (one day = 1,440 engine minutes), so the default lookahead is 144 minutes.
struct PholdParams {
    EntityId objects = 1024;
    std::uint32_t events_per_object = 16;
    double remote = 0.25;
    double lookahead_days = 0.1;
    double mean_delay_days = 1.0;
    double end_days = 100.0;
    std::uint64_t seed = 1;
    std::uint64_t replication = 0;

    /// Throws std::invalid_argument naming the first bad field.
    void validate() const;
};

/// What a PHOLD run produced. `digest` folds every object's own ordered event history, in
/// object order, so it is the same for every thread count, partition and engine.
struct PholdResult {
    std::uint64_t events = 0;
    std::uint64_t digest = 0;
    RunStats stats;
};

/// The model of one LP: the random stream and running digest of each of its objects.
class PholdLp {
public:
    PholdLp(const PholdParams& params, const Partition& partition, LpId lp);
    void handle(Context& ctx, const Event& ev);
    /// Digest of the object at local index i.
    [[nodiscard]] std::uint64_t digest(std::uint32_t local) const {
        return objects_state_[local].digest;
    }

private:
    /// Handling shared by the engine and the baseline: `sched` is anything with
    /// schedule(time, target, kind), `local` the object's index in this model's arrays.
    template <class Scheduler>
    void step(Scheduler& sched, std::uint32_t local, EntityId self, const Event& ev);
    SimTime draw_delay(RandomStream& rng) const;

    friend PholdResult run_phold(const PholdParams&, const Partition&);
    friend PholdResult run_phold_baseline(const PholdParams&);

    SimTime lookahead_;
    double mean_delay_days_;
    double remote_;
    EntityId objects_;
    /// One object's state: its stream and its running digest, side by side in memory.
    struct Object {
        RandomStream rng;
        std::uint64_t digest = 0;
    };
    std::vector<Object> objects_state_; ///< by local index
};

/// Runs PHOLD on the engine with the given partition of the objects into LPs, in the
/// current TBB arena (see with_threads()).
PholdResult run_phold(const PholdParams& params, const Partition& partition);

/// The same PHOLD as one sequential loop over a std::priority_queue of all events: the
/// reference for speed, and for correctness (it must give the engine's digest).
PholdResult run_phold_baseline(const PholdParams& params);

} // namespace kokeilu::sim::examples
