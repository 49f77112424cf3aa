// A per-LP pending-event set: a 4-ary min-heap for near events, time buckets for far ones.
#pragma once

#include "sim/event.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace kokeilu::sim {

/// The pending events of one LP, popped in `fires_before` order.
///
/// Near events live in an implicit 4-ary min-heap; events further ahead than the current
/// bucket wait unsorted in a ring of time buckets (a calendar queue's "far future", as in
/// ladder queues) and enter the heap only when the clock reaches their bucket. Models that keep
/// timers months ahead for every agent (the jobseeker model) so pop from a heap of about one
/// bucket's events instead of all of them. Invariant: every heap event is earlier than
/// `horizon_`; bucket events are in [horizon_, horizon_ + kRing * kWidth); later ones are in
/// `overflow_`. Storage only grows, so steady-state scheduling allocates nothing. Not
/// thread-safe: one LP owns it.
class EventQueue {
public:
    [[nodiscard]] bool empty() const { return heap_.empty() && far_ == 0; }
    [[nodiscard]] std::size_t size() const { return heap_.size() + far_; }
    /// The earliest event. Precondition: !empty().
    [[nodiscard]] const Event& top() const { return heap_.front(); }

    void reserve(std::size_t n) { heap_.reserve(n); }

    void push(const Event& ev) {
        const SimTime::rep t = ev.time.minutes();
        if (t < horizon_) {
            heap_push(ev);
            return;
        }
        ++far_;
        if (ring_.empty()) {
            ring_.resize(kRing); // allocated on the first far event only (~100 KB)
        }
        if (t - horizon_ < kRing * kWidth) {
            ring_[static_cast<std::size_t>(t / kWidth) % kRing].push_back(ev);
        } else {
            overflow_.push_back(ev);
        }
        if (heap_.empty()) {
            settle();
        }
    }

    /// Removes and returns the earliest event. Precondition: !empty().
    Event pop() {
        const Event result = heap_pop();
        if (heap_.empty() && far_ > 0) {
            settle();
        }
        return result;
    }

    void clear() {
        heap_.clear();
        for (auto& b : ring_) {
            b.clear();
        }
        overflow_.clear();
        far_ = 0;
        horizon_ = kWidth;
    }

    /// Hints the CPU to fetch the top of the heap: the engine calls it one LP ahead, so that
    /// scanning many LPs does not wait on one cache miss after another.
    void prefetch() const { __builtin_prefetch(heap_.data()); }

private:
    static constexpr std::size_t kArity = 4;
    static constexpr SimTime::rep kWidth = 1024; ///< minutes per bucket (about 17 hours)
    static constexpr SimTime::rep kRing = 4096;  ///< buckets: about 8 years ahead

    /// Moves the next non-empty bucket(s) into the empty heap, advancing the horizon.
    void settle() {
        while (heap_.empty() && far_ > 0) {
            if (!overflow_.empty() && ring_count() == 0) {
                // Only far-future events are left: jump the horizon to the earliest of them.
                SimTime::rep first = overflow_.front().time.minutes();
                for (const Event& e : overflow_) {
                    first = std::min(first, e.time.minutes());
                }
                horizon_ = first - first % kWidth;
                redistribute();
                continue;
            }
            auto& bucket = ring_[static_cast<std::size_t>(horizon_ / kWidth) % kRing];
            horizon_ += kWidth;
            far_ -= bucket.size();
            for (const Event& e : bucket) {
                heap_push(e);
            }
            // Each bucket is filled about once per ring turn: give its memory back.
            std::vector<Event>().swap(bucket);
            if (!overflow_.empty()) {
                redistribute();
            }
        }
    }

    [[nodiscard]] std::size_t ring_count() const { return far_ - overflow_.size(); }

    /// Moves overflow events that the advanced horizon has brought within the ring's span.
    void redistribute() {
        std::size_t keep = 0;
        for (std::size_t i = 0; i < overflow_.size(); ++i) {
            const Event e = overflow_[i];
            const SimTime::rep t = e.time.minutes();
            if (t < horizon_) {
                --far_;
                heap_push(e);
            } else if (t - horizon_ < kRing * kWidth) {
                ring_[static_cast<std::size_t>(t / kWidth) % kRing].push_back(e);
            } else {
                overflow_[keep++] = e;
            }
        }
        overflow_.resize(keep);
    }

    void heap_push(const Event& ev) {
        std::size_t hole = heap_.size();
        heap_.push_back(ev);
        Event* h = heap_.data();
        while (hole > 0) {
            const std::size_t parent = (hole - 1) / kArity;
            if (!fires_before(ev, h[parent])) {
                break;
            }
            h[hole] = h[parent];
            hole = parent;
        }
        h[hole] = ev;
    }

    Event heap_pop() {
        Event* h = heap_.data();
        const Event result = h[0];
        const Event last = h[heap_.size() - 1];
        heap_.pop_back();
        const std::size_t n = heap_.size();
        if (n == 0) {
            return result;
        }
        std::size_t hole = 0;
        for (;;) {
            const std::size_t first = hole * kArity + 1;
            if (first >= n) {
                break;
            }
            std::size_t best = first;
            const std::size_t end = first + kArity < n ? first + kArity : n;
            for (std::size_t c = first + 1; c < end; ++c) {
                if (fires_before(h[c], h[best])) {
                    best = c;
                }
            }
            if (!fires_before(h[best], last)) {
                break;
            }
            h[hole] = h[best];
            hole = best;
        }
        h[hole] = last;
        return result;
    }

    std::vector<Event> heap_;
    std::vector<std::vector<Event>> ring_; ///< kRing buckets once used, else empty
    std::vector<Event> overflow_;
    std::size_t far_ = 0; ///< events in the ring and the overflow
    /// A multiple of kWidth. The first bucket starts as part of the heap, so models whose
    /// events all fall within 17 hours (e.g. PHOLD) never touch the ring.
    SimTime::rep horizon_ = kWidth;
};

} // namespace kokeilu::sim
