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
    bool interrupted = false;          ///< stopped early by the stop flag

    RunStats& operator+=(const RunStats& o) {
        events += o.events;
        stale_dropped += o.stale_dropped;
        remote_messages += o.remote_messages;
        windows += o.windows;
        interrupted = interrupted || o.interrupted;
        return *this;
    }
};

namespace detail {

/// The engine's bookkeeping for one entity.
struct EntityCounters {
    std::uint32_t seq = 0;   ///< events the entity has scheduled
    std::uint32_t epoch = 0; ///< bumped by invalidate()
};

/// Everything one logical process owns. Aligned so two LPs never share a cache line.
struct alignas(64) LpState {
    EventQueue queue;
    /// This LP's slice (by local index) of one array holding every entity's counters in LP
    /// order, so that the LPs of a block keep theirs side by side in memory. Not owned.
    EntityCounters* counters = nullptr;
    RunStats stats;
};

/// A block of consecutive LPs, the unit of parallel work in a window. `next` is the earliest
/// time of anything the block has pending (its queues and the messages it sent), as of the
/// end of its last window; only the block's own task writes it.
struct alignas(64) Block {
    LpId first = 0;
    LpId last = 0; ///< one past the end
    SimTime next = SimTime::max();
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
        emit(at, target, kind, data, priority,
             lp_state_->counters[partition_->local_index(target)].epoch);
    }

    /// Makes every pending guarded event of a local entity stale.
    void invalidate(EntityId local_target) {
        KOKEILU_ASSERT(is_local(local_target), "invalidate() of an entity on another LP");
        ++lp_state_->counters[partition_->local_index(local_target)].epoch;
    }

private:
    template <class Model>
    friend class Engine;

    Context(const Partition* partition, detail::LpState* lps, const std::uint32_t* block_of_lp,
            std::vector<Event>* outbox_row, SimTime lookahead)
            : partition_(partition), lps_(lps), lp_state_(lps), block_of_lp_(block_of_lp),
              outbox_row_(outbox_row), lp_(0), lookahead_(lookahead) {}

    void enter_lp(LpId lp) {
        lp_ = lp;
        lp_state_ = lps_ + lp;
    }

    void emit(SimTime at, EntityId target, std::uint16_t kind, std::uint32_t data,
              std::uint8_t priority, std::uint32_t epoch) {
        if (at < now_) [[unlikely]] {
            fail_past(at, kind);
        }
        const Event ev{
            at,  lp_state_->counters[self_index_].seq++, self_, target, epoch, kind, priority, 0,
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
        outbox_row_[block_of_lp_[dst]].push_back(ev);
        sent_min_ = std::min(sent_min_, at);
    }

    [[noreturn, gnu::cold, gnu::noinline]] void fail_past(SimTime at, std::uint16_t kind) const {
        throw SimulationError("entity " + std::to_string(self_) + " scheduled kind " +
                              std::to_string(kind) + " at minute " + std::to_string(at.minutes()) +
                              ", before now (minute " + std::to_string(now_.minutes()) + ")");
    }

    [[noreturn, gnu::cold, gnu::noinline]] void fail_lookahead(SimTime at, EntityId target,
                                                               std::uint16_t kind, LpId dst) const {
        throw SimulationError("entity " + std::to_string(self_) + " on LP " + std::to_string(lp_) +
                              " sent kind " + std::to_string(kind) + " to entity " +
                              std::to_string(target) + " on LP " + std::to_string(dst) +
                              " for minute " + std::to_string(at.minutes()) +
                              ", inside the lookahead (now " + std::to_string(now_.minutes()) +
                              " + " + std::to_string(lookahead_.minutes()) + " minutes)");
    }

    const Partition* partition_;
    detail::LpState* lps_;
    detail::LpState* lp_state_;
    const std::uint32_t* block_of_lp_;
    std::vector<Event>*
        outbox_row_; ///< this block's outboxes for this window, by destination block
    SimTime sent_min_ = SimTime::max();
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
///
/// LPs are grouped into at most kMaxBlocks blocks of consecutive LPs, the unit of parallel work.
/// A message to another LP goes into the sending block's outbox for the receiving block, which
/// only the sender's task writes; outboxes are double-buffered by window parity. At the start of
/// the next window each block moves its incoming messages into its LPs' queues in a fixed order
/// (source block, then send order). No locks, and no cache line written by two threads per event.
template <class Model>
class Engine {
public:
    /// Upper bound on parallel work items per window (and outboxes: 2 x blocks^2 vectors).
    static constexpr std::uint32_t kMaxBlocks = 64;
    /// Window length when there is a single LP (no lookahead limit applies).
    static constexpr SimTime kSingleLpWindow = days(7);

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
        const LpId n = partition_.lp_count();
        counters_.resize(partition_.entity_count());
        std::size_t offset = 0;
        for (LpId lp = 0; lp < n; ++lp) {
            lps_[lp].counters = counters_.data() + offset;
            offset += partition_.members(lp).size();
        }
        const std::uint32_t nb = std::min<std::uint32_t>(n, kMaxBlocks);
        blocks_ = std::make_unique<detail::Block[]>(nb);
        block_count_ = nb;
        block_of_lp_.resize(n);
        for (std::uint32_t b = 0; b < nb; ++b) {
            blocks_[b].first = static_cast<LpId>(std::uint64_t{n} * b / nb);
            blocks_[b].last = static_cast<LpId>(std::uint64_t{n} * (b + 1) / nb);
            for (LpId lp = blocks_[b].first; lp < blocks_[b].last; ++lp) {
                block_of_lp_[lp] = b;
            }
        }
        outboxes_.resize(2 * std::size_t{nb} * nb);
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
        const Event ev{at,        src.counters[partition_.local_index(source)].seq++,
                       source,    target,
                       kAnyEpoch, kind,
                       priority,  0,
                       data};
        const LpId dst = partition_.lp_of(target);
        lps_[dst].queue.push(ev);
        auto& block = blocks_[block_of_lp_[dst]];
        block.next = std::min(block.next, at);
    }

    /// Handles every event with time < end, then sets now() to end. Runs in the current TBB
    /// task arena: wrap the call in tbb::task_arena::execute to limit threads.
    ///
    /// If `stop` is given and becomes true (e.g. from a SIGINT handler), the run stops at the
    /// end of the current window with `interrupted` set and now() at the time up to which every
    /// event has been handled; a later call continues from there.
    RunStats run_until(SimTime end, const std::atomic<bool>* stop = nullptr) {
        const std::uint32_t nb = block_count_;
        const bool serial = nb == 1 || tbb::this_task_arena::max_concurrency() == 1;
        std::uint64_t windows = 0;
        bool interrupted = false;
        SimTime reached = end;
        for (;;) {
            SimTime t = SimTime::max();
            for (std::uint32_t b = 0; b < nb; ++b) {
                t = std::min(t, blocks_[b].next);
            }
            if (t >= end) {
                break;
            }
            if (stop != nullptr && stop->load(std::memory_order_relaxed)) {
                interrupted = true;
                reached = t;
                break;
            }
            // With one LP there are no cross-LP messages, so windows can be long; they stay
            // bounded only so that a stop request is seen within a simulated week.
            const SimTime window_end = partition_.lp_count() == 1
                                           ? std::min(t + kSingleLpWindow, end)
                                           : std::min(t + lookahead_, end);
            if (serial) {
                for (std::uint32_t b = 0; b < nb; ++b) {
                    process_block(b, window_end);
                }
            } else {
                tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, nb, 1),
                                  [this, window_end](const tbb::blocked_range<std::uint32_t>& r) {
                                      for (std::uint32_t b = r.begin(); b != r.end(); ++b) {
                                          process_block(b, window_end);
                                      }
                                  });
            }
            parity_ ^= 1U;
            ++windows;
        }
        now_ = std::max(now_, reached);
        RunStats run;
        for (LpId lp = 0; lp < partition_.lp_count(); ++lp) {
            run += lps_[lp].stats;
            lps_[lp].stats = RunStats{};
        }
        run.windows = windows;
        run.interrupted = interrupted;
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
            s += lps_[lp].queue.size();
        }
        for (const auto& box : outboxes_) {
            s += box.size();
        }
        return s;
    }

private:
    std::vector<Event>& outbox(std::uint32_t parity, std::uint32_t from, std::uint32_t to) {
        return outboxes_[(std::size_t{parity} * block_count_ + from) * block_count_ + to];
    }

    /// One block's share of a window: take in the messages sent to it in the last window, then
    /// run each of its LPs up to window_end, then record when it next has work.
    void process_block(std::uint32_t b, SimTime window_end) {
        detail::Block& block = blocks_[b];
        const std::uint32_t previous = parity_ ^ 1U;
        for (std::uint32_t from = 0; from < block_count_; ++from) {
            std::vector<Event>& box = outbox(previous, from, b);
            for (const Event& ev : box) {
                lps_[partition_.lp_of(ev.target)].queue.push(ev);
            }
            box.clear();
        }
        Context ctx(&partition_, lps_.get(), block_of_lp_.data(), &outbox(parity_, b, 0),
                    lookahead_);
        SimTime next = SimTime::max();
        for (LpId lp = block.first; lp < block.last; ++lp) {
            detail::LpState& st = lps_[lp];
            if (lp + 1 < block.last) {
                lps_[lp + 1].queue.prefetch();
            }
            if (!st.queue.empty() && st.queue.top().time < window_end) {
                ctx.enter_lp(lp);
                run_lp(ctx, st, models_[lp], window_end);
            }
            if (!st.queue.empty()) {
                next = std::min(next, st.queue.top().time);
            }
        }
        block.next = std::min(next, ctx.sent_min_);
    }

    void run_lp(Context& ctx, detail::LpState& st, Model& model, SimTime window_end) {
        while (!st.queue.empty() && st.queue.top().time < window_end) {
            const Event ev = st.queue.pop();
            const std::uint32_t idx = partition_.local_index(ev.target);
            if (ev.epoch != kAnyEpoch && ev.epoch != st.counters[idx].epoch) {
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
    std::vector<detail::EntityCounters> counters_; ///< every entity's, in LP order
    std::unique_ptr<detail::Block[]> blocks_;
    std::uint32_t block_count_ = 0;
    std::vector<std::uint32_t> block_of_lp_;
    std::vector<std::vector<Event>> outboxes_; ///< [parity][from block][to block]
    std::uint32_t parity_ = 0;
    SimTime now_{};
    RunStats totals_;
};

} // namespace kokeilu::sim
