// The assignment of entities to logical processes.
#pragma once

#include "sim/event.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace kokeilu::sim {

/// Which logical process (LP) owns each entity, and the entity's index inside its LP.
///
/// Entities are numbered 0..entity_count()-1 and LPs 0..lp_count()-1; every LP owns at least
/// one entity. Local indices follow increasing entity id, so per-entity arrays of an LP are
/// laid out the same way whatever thread builds them. Immutable once built.
class Partition {
public:
    /// Builds a partition from `lp_of[e]`, the LP of entity e. Throws std::invalid_argument if
    /// LP ids are not exactly 0..k-1 (an LP with no entity is an error) or there are none.
    explicit Partition(std::vector<LpId> lp_of);

    /// Entities split into `lps` contiguous blocks of nearly equal size.
    static Partition blocks(EntityId entities, LpId lps);
    /// Entity e goes to LP e mod lps.
    static Partition round_robin(EntityId entities, LpId lps);

    [[nodiscard]] EntityId entity_count() const { return static_cast<EntityId>(lp_of_.size()); }
    [[nodiscard]] LpId lp_count() const { return static_cast<LpId>(members_.size()); }
    [[nodiscard]] LpId lp_of(EntityId e) const { return lp_of_[e]; }
    [[nodiscard]] std::uint32_t local_index(EntityId e) const { return local_of_[e]; }
    /// The entities of one LP in increasing id order (entity at local index i is [i]).
    [[nodiscard]] std::span<const EntityId> members(LpId lp) const { return members_[lp]; }

private:
    std::vector<LpId> lp_of_;
    std::vector<std::uint32_t> local_of_;
    std::vector<std::vector<EntityId>> members_;
};

} // namespace kokeilu::sim
