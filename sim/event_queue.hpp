// A per-LP pending-event set: an implicit 4-ary min-heap of Event values.
#pragma once

#include "sim/event.hpp"

#include <cstddef>
#include <vector>

namespace kokeilu::sim {

/// Min-heap of events under `fires_before`. Storage is one contiguous vector that only grows,
/// so steady-state scheduling allocates nothing. A 4-ary layout halves the depth of a binary
/// heap and keeps a node's children in one cache line. Not thread-safe: one LP owns it.
class EventQueue {
public:
    [[nodiscard]] bool empty() const { return heap_.empty(); }
    [[nodiscard]] std::size_t size() const { return heap_.size(); }
    /// The earliest event. Precondition: !empty().
    [[nodiscard]] const Event& top() const { return heap_.front(); }

    void reserve(std::size_t n) { heap_.reserve(n); }

    void push(const Event& ev) {
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

    /// Removes and returns the earliest event. Precondition: !empty().
    Event pop() {
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

    void clear() { heap_.clear(); }

    /// Hints the CPU to fetch the top of the heap: the engine calls it one LP ahead, so that
    /// scanning many LPs does not wait on one cache miss after another.
    void prefetch() const { __builtin_prefetch(heap_.data()); }

private:
    static constexpr std::size_t kArity = 4;
    std::vector<Event> heap_;
};

} // namespace kokeilu::sim
