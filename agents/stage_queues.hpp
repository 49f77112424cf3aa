// The seats of a pathway's stages and the first-come-first-served queues of those waiting for
// them: the one executor of stage capacity. The jobseeker model's services (agents/services.cpp)
// and the queueing pathways (agents/pathway.cpp, which the M/M/c and Jackson-network tests check
// against Erlang C) both run their stages through it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

namespace kokeilu::agents {

/// Seats in use and the waiting line of each stage. `Waiter` is what a queued client is
/// remembered by (an arrival time, or a person with the spell they were referred in).
template <class Waiter>
class StageQueues {
public:
    /// Grows to `stages` stages (never shrinks: a period's service model may have fewer stages
    /// than those still holding clients).
    void grow(std::size_t stages) {
        // Appended one by one: GCC 12's -Warray-bounds misfires on vector::resize here in the
        // -O1 sanitizer builds (a false positive in the inlined memmove).
        while (in_use_.size() < stages) {
            in_use_.push_back(0);
            waiting_.emplace_back();
        }
    }
    [[nodiscard]] std::size_t stages() const { return in_use_.size(); }

    /// True if `stage` has a free seat out of `seats` (0: no limit).
    [[nodiscard]] bool has_seat(std::size_t stage, std::uint32_t seats) const {
        return seats == 0 || in_use_[stage] < seats;
    }
    /// A client starts in `stage`.
    void take(std::size_t stage) { ++in_use_[stage]; }
    /// A client leaves `stage` (a no-op if no seat is in use).
    void free(std::size_t stage) {
        if (in_use_[stage] > 0) {
            --in_use_[stage];
        }
    }
    /// A client queues for `stage`, behind those already waiting.
    void wait(std::size_t stage, Waiter w) { waiting_[stage].push_back(std::move(w)); }

    /// The first client waiting for `stage` for whom `still_waiting(w)` holds, taken out of the
    /// line; those before them who no longer wait are dropped on the way.
    template <class Pred>
    std::optional<Waiter> next(std::size_t stage, Pred&& still_waiting) {
        auto& q = waiting_[stage];
        while (!q.empty()) {
            Waiter w = std::move(q.front());
            q.pop_front();
            if (still_waiting(w)) {
                return w;
            }
        }
        return std::nullopt;
    }

    [[nodiscard]] std::uint32_t in_use(std::size_t stage) const { return in_use_[stage]; }
    /// The line of `stage`, first come first.
    [[nodiscard]] const std::deque<Waiter>& line(std::size_t stage) const {
        return waiting_[stage];
    }
    /// Takes the whole line of `stage` (to refer everyone again, e.g. when a closed stage opens).
    [[nodiscard]] std::deque<Waiter> take_line(std::size_t stage) {
        std::deque<Waiter> out;
        out.swap(waiting_[stage]);
        return out;
    }

private:
    std::vector<std::uint32_t> in_use_;
    std::vector<std::deque<Waiter>> waiting_;
};

} // namespace kokeilu::agents
