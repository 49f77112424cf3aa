// The store of one region: construction and the primitives every component uses.
#include "agents/region_store.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace kokeilu::agents::region {

Store::Store(const Shared* shared, std::uint32_t region_index, sim::EntityId self_entity,
             std::uint64_t first, std::vector<std::uint32_t> counts, std::uint32_t initial)
        : sh(shared), region(region_index), self(self_entity), first_person(first),
          params(&shared->in->periods.front().second) {
    const auto& in = *shared->in;
    for (std::uint32_t p = 0; p < in.providers.size(); ++p) {
        if (in.providers[p].region != region) {
            continue;
        }
        global.push_back(p);
        if (in.providers[p].pilot) {
            pilots.push_back(static_cast<std::uint8_t>(global.size() - 1));
        } else {
            te = static_cast<std::uint8_t>(global.size() - 1);
        }
    }
    if (te == kNoProvider) {
        throw std::invalid_argument("region `" + in.regions[region].name +
                                    "` has no TE office (a provider with kind = \"te_office\")");
    }
    if (global.size() > 200) {
        throw std::invalid_argument("region `" + in.regions[region].name +
                                    "` has more than 200 providers");
    }
    desks.resize(global.size());
    client_share.assign(global.size(), 0.0);
    client_share[te] = 1.0;
    seats.resize(global.size());
    month_counts = std::move(counts);
    initial_count = initial;
    std::size_t everyone = initial_count;
    for (const std::uint32_t n : month_counts) {
        everyone += n;
    }
    slot_of.assign(everyone, kNoSlot);
    gone.state = JobseekerState::Left;
    resize_stage_tables();
    flows.assign(global.size() * kGroups * kMetricCount, 0.0);
    breakdown_flows.assign(global.size() * kBreakdownWidth, 0.0);
    for (const BudgetQuota& q : in.quotas) {
        BudgetState b;
        b.quota = &q;
        if (q.provider) {
            const auto it = std::find(global.begin(), global.end(), *q.provider);
            if (it == global.end()) {
                continue;
            }
            b.provider = static_cast<std::uint8_t>(it - global.begin());
        } else if (!q.region || *q.region != region) {
            continue;
        }
        b.left = q.instalment() * in.scale;
        budgets.push_back(std::move(b));
    }
}

sim::RandomStream Store::rng(std::uint32_t i, Purpose purpose) {
    Agent& a = agent(i);
    const std::uint16_t n = a.draws[static_cast<std::size_t>(purpose) - 1]++;
    return sim::RandomStream(sim::StreamKey{sh->seed, sh->replication, person_key(i),
                                            (std::uint64_t{purpose} << 32) | n});
}

void Store::timer(sim::Context& ctx, SimTime at, std::uint32_t i, Kind kind) {
    ctx.schedule(at, self,
                 static_cast<std::uint16_t>(kind | ((agent(i).epoch & kEpochMask) << kKindBits)), i,
                 1);
}

bool Store::stale_timer(const sim::Event& ev) {
    const std::uint32_t i = ev.data;
    if (slot_of[i] == kNoSlot ||
        (agent(i).epoch & kEpochMask) != static_cast<std::uint16_t>(ev.kind >> kKindBits)) {
        ++stale;
        return true;
    }
    return false;
}

void Store::trace(std::uint32_t i, TraceKind kind, JobseekerState from) {
    const Agent& a = agent(i);
    if ((a.flags & kTraced) == 0) {
        return;
    }
    TraceEvent e;
    e.person = person_key(i);
    e.time = sh->origin.days_since_epoch() * SimTime::kMinutesPerDay + now.minutes();
    e.event = kind;
    e.from = from;
    e.to = a.state;
    e.provider = a.provider == kNoProvider ? 0 : global[a.provider];
    trace_buffer.push_back(e);
}

void Store::move_caseload(const Agent& a, std::uint8_t from, std::uint8_t to) {
    if ((a.flags & kInCaseload) == 0) {
        return;
    }
    if (from != kNoProvider && desks[from].caseload > 0) {
        --desks[from].caseload;
    }
    if (to != kNoProvider) {
        ++desks[to].caseload;
    }
}

void Store::resize_stage_tables() {
    for (std::uint8_t l = 0; l < provider_count(); ++l) {
        seats[l].queues.grow(model_of(l).stages.size());
    }
}

void Store::compact_live() {
    live.erase(std::remove_if(live.begin(), live.end(),
                              [&](std::uint32_t i) {
                                  if (agent(i).state != JobseekerState::Left) {
                                      return false;
                                  }
                                  if ((agent(i).flags & kReturning) == 0) {
                                      free.push_back(slot_of[i]);
                                      slot_of[i] = kNoSlot;
                                  }
                                  return true;
                              }),
               live.end());
    last_compaction = to_i32(now);
}

} // namespace kokeilu::agents::region
