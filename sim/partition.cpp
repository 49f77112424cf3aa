// Entity-to-LP assignment.
#include "sim/partition.hpp"

#include <stdexcept>
#include <string>

namespace kokeilu::sim {

Partition::Partition(std::vector<LpId> lp_of) : lp_of_(std::move(lp_of)) {
    if (lp_of_.empty()) {
        throw std::invalid_argument("partition: there must be at least one entity");
    }
    LpId max_lp = 0;
    for (LpId lp : lp_of_) {
        max_lp = lp > max_lp ? lp : max_lp;
    }
    members_.resize(std::size_t{max_lp} + 1);
    local_of_.resize(lp_of_.size());
    for (EntityId e = 0; e < static_cast<EntityId>(lp_of_.size()); ++e) {
        auto& m = members_[lp_of_[e]];
        local_of_[e] = static_cast<std::uint32_t>(m.size());
        m.push_back(e);
    }
    for (LpId lp = 0; lp <= max_lp; ++lp) {
        if (members_[lp].empty()) {
            throw std::invalid_argument("partition: LP " + std::to_string(lp) +
                                        " owns no entity; LP ids must be 0..k-1 without gaps");
        }
    }
}

Partition Partition::blocks(EntityId entities, LpId lps) {
    if (lps == 0 || lps > entities) {
        throw std::invalid_argument("partition: need 1 <= LPs <= entities");
    }
    std::vector<LpId> lp_of(entities);
    for (EntityId e = 0; e < entities; ++e) {
        lp_of[e] = static_cast<LpId>(std::uint64_t{e} * lps / entities);
    }
    return Partition(std::move(lp_of));
}

Partition Partition::round_robin(EntityId entities, LpId lps) {
    if (lps == 0 || lps > entities) {
        throw std::invalid_argument("partition: need 1 <= LPs <= entities");
    }
    std::vector<LpId> lp_of(entities);
    for (EntityId e = 0; e < entities; ++e) {
        lp_of[e] = e % lps;
    }
    return Partition(std::move(lp_of));
}

} // namespace kokeilu::sim
