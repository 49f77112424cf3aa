// The engine: logical processes advanced in parallel time windows (conservative, lookahead-based).
#pragma once

#include "sim/error.hpp"
#include "sim/event.hpp"
#include "sim/event_queue.hpp"
#include "sim/partition.hpp"
#include "sim/time.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace kokeilu::sim {

/// Counters of one run_until() call (or, from Engine::totals(), of all calls so far).
struct RunStats {
    std::uint64_t events = 0;          ///< events handled
    std::uint64_t stale_dropped = 0;   ///< events dropped by the epoch check
    std::uint64_t remote_messages = 0; ///< events sent to another LP
    std::uint64_t windows = 0;         ///< parallel time windows executed

    RunStats& operator+=(const RunStats& o) {
        events += o.events;
        stale_dropped += o.stale_dropped;
        remote_messages += o.remote_messages;
        windows += o.windows;
        return *this;
    }
};

namespace detail {

/// Tiny test-and-test-and-set lock guarding an LP's inbox; held for one push_back.
class SpinLock {
public:
    void lock() {
        while (flag_.exchange(true, std::memory_order_acquire)) {
            while (flag_.load(std::memory_order_relaxed)) {
            }
        }
    }
    void unlock() { flag_.store(false, std::memory_order_release); }

private:
    std::atomic<bool> flag_{false};
};

/// Everything one logical process owns. Aligned so two LPs never share a cache line.
struct alignas(64) LpState {
    EventQueue queue;
    std::vector<std::uint32_t> seq;   ///< per local entity: events it has scheduled
    std::vector<std::uint32_t> epoch; ///< per local entity: bumped by invalidate()
    RunStats stats;

    // Messages from other LPs for a later window. Senders append under the lock while this
    // LP may be running its own window; it moves them into `queue` at the start of the next.
    SpinLock inbox_lock;
    std::vector<Event> inbox;
    SimTime inbox_min = SimTime::max();
    std::vector<Event> drained;
    /// next_time() as of the last barrier: whether this LP has work in the coming window.
    SimTime window_next = SimTime::max();

    void deliver(const Event& ev) {
        inbox_lock.lock();
        inbox.push_back(ev);
        inbox_min = std::min(inbox_min, ev.time);
        inbox_lock.unlock();
    }

    /// Moves the inbox into the queue. Messages are sorted first so that they enter the heap in
    /// one fixed order; the total event order already makes the pop sequence independent of it.
    void drain_inbox() {
        inbox_lock.lock();
        drained.swap(inbox);
        inbox_min = SimTime::max();
        inbox_lock.unlock();
        if (drained.empty()) {
            return;
        }
        std::sort(drained.begin(), drained.end(),
                  [](const Event& a, const Event& b) { return fires_before(a, b); });
        for (const Event& ev : drained) {
            queue.push(ev);
        }
        drained.clear();
    }

    [[nodiscard]] SimTime next_time() const {
        const SimTime q = queue.empty() ? SimTime::max() : queue.top().time;
        return std::min(q, inbox_min);
    }
};

} // namespace detail

/// What a model's handler sees while handling one event: the clock, and the means to schedule.
///
/// Scheduling is attributed to the entity handling the current event (its `source`), which
/// gives every event its place in the total order. Local targets may be scheduled at any time
/// >= now(); a target on another LP must be at least lookahead() ahead (SST's link-latency
/// rule), or a SimulationError is thrown: an earlier message is never silently reordered.
class Context {
public:
    [[nodiscard]] SimTime now() const { return now_; }
    /// The entity handling the current event.
    [[nodiscard]] EntityId self() const { return self_; }
    /// Index of self() in its LP's per-entity arrays.
    [[nodiscard]] std::uint32_t self_index() const { return self_index_; }
    [[nodiscard]] LpId lp() const { return lp_; }
    [[nodiscard]] SimTime lookahead() const { return lookahead_; }
    [[nodiscard]] const Partition& partition() const { return *partition_; }
    [[nodiscard]] bool is_local(EntityId e) const { return partition_->lp_of(e) == lp_; }

    /// Schedules `kind` for `target` at time `at`. Always delivered (no epoch check).
    void schedule(SimTime at, EntityId target, std::uint16_t kind, std::uint32_t data = 0,
                  std::uint8_t priority = 0) {
        emit(at, target, kind, data, priority, kAnyEpoch);
    }

    /// Like schedule(), for a target on this LP, but the event is dropped unseen if the target
    /// is invalidate()d before it fires (the cheap way to cancel pending timers).
    void schedule_guarded(SimTime at, EntityId target, std::uint16_t kind, std::uint32_t data = 0,
                          std::uint8_t priority = 0) {
        if (!is_local(target)) {
            throw SimulationError("schedule_guarded: entity " + std::to_string(target) +
                                  " is not on LP " + std::to_string(lp_) +
                                  "; guarded events are for local targets only");
        }
        emit(at, target, kind, data, priority, lp_state_->epoch[partition_->local_index(target)]);
    }

    /// Makes every pending guarded event of a local entity stale.
    void invalidate(EntityId local_target) {
        KOKEILU_ASSERT(is_local(local_target), "invalidate() of an entity on another LP");
        ++lp_state_->epoch[partition_->local_index(local_target)];
    }

private:
    template <class Model>
    friend class Engine;

    Context(const Partition* partition, detail::LpState* lps, LpId lp, SimTime lookahead)
        : partition_(partition), lps_(lps), lp_state_(lps + lp), lp_(lp), lookahead_(lookahead) {}

    void emit(SimTime at, EntityId target, std::uint16_t kind, std::uint32_t data,
              std::uint8_t priority, std::uint32_t epoch) {
        if (at < now_) [[unlikely]] {
            fail_past(at, kind);
        }
        const Event ev{at, lp_state_->seq[self_index_]++, self_, target, epoch, kind, priority, 0,
                       data};
        const LpId dst = partition_->lp_of(target);
        if (dst == lp_) {
            lp_state_->queue.push(ev);
            return;
        }
        if (at < now_ + lookahead_) [[unlikely]] {
            fail_lookahead(at, target, kind, dst);
        }
        ++lp_state_->stats.remote_messages;
        lps_[dst].deliver(ev);
    }

    [[noreturn, gnu::cold, gnu::noinline]] void fail_past(SimTime at, std::uint16_t kind) const {
        throw SimulationError("entity " + std::to_string(self_) + " scheduled kind " +
                              std::to_string(kind) + " at minute " + std::to_string(at.minutes()) +
                              ", before now (minute " + std::to_string(now_.minutes()) + ")");
    }

    [[noreturn, gnu::cold, gnu::noinline]] void fail_lookahead(SimTime at, EntityId target,
                                                               std::uint16_t kind,
                                                               LpId dst) const {
        throw SimulationError(
            "entity " + std::to_string(self_) + " on LP " + std::to_string(lp_) + " sent kind " +
            std::to_string(kind) + " to entity " + std::to_string(target) + " on LP " +
            std::to_string(dst) + " for minute " + std::to_string(at.minutes()) +
            ", inside the lookahead (now " + std::to_string(now_.minutes()) + " + " +
            std::to_string(lookahead_.minutes()) + " minutes)");
    }

    const Partition* partition_;
    detail::LpState* lps_;
    detail::LpState* lp_state_;
    LpId lp_;
    SimTime lookahead_;
    SimTime now_{};
    EntityId self_ = 0;
    std::uint32_t self_index_ = 0;
};

/// A parallel discrete-event simulation of `Model` over a partition of entities into LPs.
///
/// `Model` is one object per LP with `void handle(Context&, const Event&)`; it owns the state
/// of that LP's entities and touches nothing else (use Context::schedule to reach others).
///
/// run_until(end) handles every event with time < end in windows [t, t + W): t is the earliest
/// pending event anywhere and W the lookahead, the smallest delay any cross-LP message may have.
/// Within a window all LPs run in parallel (tbb::parallel_for in the caller's task arena), since
/// nothing another LP does in that window can reach them before t + W. Results are bit-identical
/// for any thread count and any partition, because the event order is a total order on values
/// that do not depend on either.
template <class Model>
class Engine {
public:
    /// `models[lp]` handles the events of LP lp. Throws std::invalid_argument if the counts
    /// disagree or the lookahead is not positive.
    Engine(Partition partition, SimTime lookahead, std::vector<Model> models)
        : partition_(std::move(partition)), lookahead_(lookahead), models_(std::move(models)),
          lps_(std::make_unique<detail::LpState[]>(partition_.lp_count())) {
        if (models_.size() != partition_.lp_count()) {
            throw std::invalid_argument("engine: " + std::to_string(models_.size()) +
                                        " models for " + std::to_string(partition_.lp_count()) +
                                        " LPs");
        }
        if (lookahead_ <= SimTime::zero()) {
            throw std::invalid_argument("engine: the lookahead must be at least one minute");
        }
        for (LpId lp = 0; lp < partition_.lp_count(); ++lp) {
            const auto n = partition_.members(lp).size();
            lps_[lp].seq.assign(n, 0);
            lps_[lp].epoch.assign(n, 0);
        }
    }

    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    /// Schedules an initial event before (or between) runs, attributed to `source`.
    void schedule_initial(EntityId source, EntityId target, SimTime at, std::uint16_t kind,
                          std::uint32_t data = 0, std::uint8_t priority = 0) {
        if (at < now_) {
            throw SimulationError("schedule_initial: minute " + std::to_string(at.minutes()) +
                                  " is before the engine's clock (minute " +
                                  std::to_string(now_.minutes()) + ")");
        }
        auto& src = lps_[partition_.lp_of(source)];
        const Event ev{at,     src.seq[partition_.local_index(source)]++,
                       source, target,
                       kAnyEpoch, kind,
                       priority, 0,
                       data};
        lps_[partition_.lp_of(target)].queue.push(ev);
    }

    /// Handles every event with time < end, then sets now() to end. Runs in the current TBB
    /// task arena: wrap the call in tbb::task_arena::execute to limit threads.
    RunStats run_until(SimTime end) {
        const LpId n = partition_.lp_count();
        const bool serial = n == 1 || tbb::this_task_arena::max_concurrency() == 1;
        std::uint64_t windows = 0;
        for (;;) {
            SimTime t = SimTime::max();
            for (LpId lp = 0; lp < n; ++lp) {
                lps_[lp].window_next = lps_[lp].next_time();
                t = std::min(t, lps_[lp].window_next);
            }
            if (t >= end) {
                break;
            }
            // With one LP there are no cross-LP messages, so one window reaches the end.
            const SimTime window_end = n == 1 ? end : std::min(t + lookahead_, end);
            if (serial) {
                for (LpId lp = 0; lp < n; ++lp) {
                    process(lp, window_end);
                }
            } else {
                tbb::parallel_for(tbb::blocked_range<LpId>(0, n),
                                  [this, window_end](const tbb::blocked_range<LpId>& r) {
                                      for (LpId lp = r.begin(); lp != r.end(); ++lp) {
                                          process(lp, window_end);
                                      }
                                  });
            }
            ++windows;
        }
        now_ = std::max(now_, end);
        RunStats run;
        for (LpId lp = 0; lp < n; ++lp) {
            run += lps_[lp].stats;
            lps_[lp].stats = RunStats{};
        }
        run.windows = windows;
        totals_ += run;
        return run;
    }

    /// The time up to which all events have been handled.
    [[nodiscard]] SimTime now() const { return now_; }
    [[nodiscard]] SimTime lookahead() const { return lookahead_; }
    [[nodiscard]] const Partition& partition() const { return partition_; }
    [[nodiscard]] RunStats totals() const { return totals_; }
    [[nodiscard]] Model& model(LpId lp) { return models_[lp]; }
    [[nodiscard]] const Model& model(LpId lp) const { return models_[lp]; }
    /// Events still pending (queued or in transit), e.g. to check a model drains.
    [[nodiscard]] std::size_t pending() const {
        std::size_t s = 0;
        for (LpId lp = 0; lp < partition_.lp_count(); ++lp) {
            s += lps_[lp].queue.size() + lps_[lp].inbox.size();
        }
        return s;
    }

private:
    void process(LpId lp, SimTime window_end) {
        detail::LpState& st = lps_[lp];
        if (st.window_next >= window_end) {
            return; // nothing due in this window (messages arriving now are for later ones)
        }
        st.drain_inbox();
        Context ctx(&partition_, lps_.get(), lp, lookahead_);
        Model& model = models_[lp];
        while (!st.queue.empty() && st.queue.top().time < window_end) {
            const Event ev = st.queue.pop();
            const std::uint32_t idx = partition_.local_index(ev.target);
            if (ev.epoch != kAnyEpoch && ev.epoch != st.epoch[idx]) {
                ++st.stats.stale_dropped;
                continue;
            }
            ctx.now_ = ev.time;
            ctx.self_ = ev.target;
            ctx.self_index_ = idx;
            model.handle(ctx, ev);
            ++st.stats.events;
        }
    }

    Partition partition_;
    SimTime lookahead_;
    std::vector<Model> models_;
    std::unique_ptr<detail::LpState[]> lps_;
    SimTime now_{};
    RunStats totals_;
};

} // namespace kokeilu::sim
