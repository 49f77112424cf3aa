// PHOLD on the engine and on a plain priority queue.
#include "sim/examples/phold.hpp"

#include "sim/digest.hpp"
#include "sim/distributions.hpp"

#include <queue>
#include <stdexcept>
#include <string>

namespace kokeilu::sim::examples {

namespace {
constexpr std::uint64_t kPurposePhold = 1;
} // namespace

void PholdParams::validate() const {
    auto fail = [](const std::string& what) { throw std::invalid_argument("phold: " + what); };
    if (objects < 2) {
        fail("objects must be >= 2");
    }
    if (events_per_object < 1) {
        fail("events_per_object must be >= 1");
    }
    if (!(remote >= 0.0 && remote <= 1.0)) {
        fail("remote must be in [0, 1]");
    }
    if (!(lookahead_days > 0.0) || from_days(lookahead_days) < minutes(1)) {
        fail("lookahead_days must be at least one minute (1/1440 day)");
    }
    if (!(mean_delay_days > 0.0)) {
        fail("mean_delay_days must be > 0");
    }
    if (!(end_days > 0.0)) {
        fail("end_days must be > 0");
    }
}

PholdLp::PholdLp(const PholdParams& params, const Partition& partition, LpId lp)
        : lookahead_(from_days(params.lookahead_days)), mean_delay_days_(params.mean_delay_days),
          remote_(params.remote), objects_(params.objects) {
    const auto members = partition.members(lp);
    objects_state_.reserve(members.size());
    for (EntityId e : members) {
        objects_state_.push_back(
            Object{RandomStream(StreamKey{params.seed, params.replication, e, kPurposePhold}), 0});
    }
}

SimTime PholdLp::draw_delay(RandomStream& rng) const {
    return lookahead_ + from_days(exponential(rng, 1.0 / mean_delay_days_));
}

template <class Scheduler>
void PholdLp::step(Scheduler& sched, std::uint32_t local, EntityId self, const Event& ev) {
    Object& obj = objects_state_[local];
    std::uint64_t& d = obj.digest;
    d = digest_fold(d, static_cast<std::uint64_t>(ev.time.minutes()));
    d = digest_fold(d, (std::uint64_t{ev.source} << 32) | ev.seq);
    RandomStream& rng = obj.rng;
    EntityId target = self;
    if (rng.uniform01() < remote_) {
        target = static_cast<EntityId>(uniform_index(rng, objects_ - 1));
        target += target >= self ? 1 : 0;
    }
    sched.schedule(ev.time + draw_delay(rng), target, 0);
}

void PholdLp::handle(Context& ctx, const Event& ev) {
    step(ctx, ctx.self_index(), ctx.self(), ev);
}

namespace {

std::uint64_t fold_digests(const std::vector<std::uint64_t>& per_object) {
    std::uint64_t h = 0;
    for (std::uint64_t d : per_object) {
        h = digest_fold(h, d);
    }
    return h;
}

} // namespace

PholdResult run_phold(const PholdParams& params, const Partition& partition) {
    params.validate();
    if (partition.entity_count() != params.objects) {
        throw std::invalid_argument("phold: the partition has " +
                                    std::to_string(partition.entity_count()) + " entities for " +
                                    std::to_string(params.objects) + " objects");
    }
    std::vector<PholdLp> models;
    models.reserve(partition.lp_count());
    for (LpId lp = 0; lp < partition.lp_count(); ++lp) {
        models.emplace_back(params, partition, lp);
    }
    Engine<PholdLp> engine(partition, from_days(params.lookahead_days), std::move(models));
    for (EntityId e = 0; e < params.objects; ++e) {
        PholdLp& m = engine.model(partition.lp_of(e));
        RandomStream& rng = m.objects_state_[partition.local_index(e)].rng;
        for (std::uint32_t k = 0; k < params.events_per_object; ++k) {
            engine.schedule_initial(e, e, m.draw_delay(rng), 0);
        }
    }
    PholdResult result;
    result.stats = engine.run_until(from_days(params.end_days));
    result.events = result.stats.events;
    std::vector<std::uint64_t> per_object(params.objects);
    for (LpId lp = 0; lp < partition.lp_count(); ++lp) {
        const auto members = partition.members(lp);
        for (std::uint32_t i = 0; i < members.size(); ++i) {
            per_object[members[i]] = engine.model(lp).digest(i);
        }
    }
    result.digest = fold_digests(per_object);
    return result;
}

namespace {

struct Later {
    bool operator()(const Event& a, const Event& b) const { return fires_before(b, a); }
};

/// The baseline's scheduler: one global std::priority_queue and per-object sequence numbers.
struct BaselineScheduler {
    std::priority_queue<Event, std::vector<Event>, Later> queue;
    std::vector<std::uint32_t> seq;
    EntityId self = 0;

    void schedule(SimTime at, EntityId target, std::uint16_t kind) {
        queue.push(Event{at, seq[self]++, self, target, kAnyEpoch, kind, 0, 0, 0});
    }
};

} // namespace

PholdResult run_phold_baseline(const PholdParams& params) {
    params.validate();
    const Partition one_lp(std::vector<LpId>(params.objects, 0));
    PholdLp model(params, one_lp, 0);
    BaselineScheduler sched;
    sched.seq.assign(params.objects, 0);
    std::vector<Event> storage;
    storage.reserve(std::size_t{params.objects} * params.events_per_object);
    sched.queue = decltype(sched.queue)(Later{}, std::move(storage));
    for (EntityId e = 0; e < params.objects; ++e) {
        sched.self = e;
        for (std::uint32_t k = 0; k < params.events_per_object; ++k) {
            sched.schedule(model.draw_delay(model.objects_state_[e].rng), e, 0);
        }
    }
    const SimTime end = from_days(params.end_days);
    PholdResult result;
    while (!sched.queue.empty() && sched.queue.top().time < end) {
        const Event ev = sched.queue.top();
        sched.queue.pop();
        sched.self = ev.target;
        model.step(sched, ev.target, ev.target, ev);
        ++result.events;
    }
    result.stats.events = result.events;
    std::vector<std::uint64_t> digests;
    for (const auto& o : model.objects_state_) {
        digests.push_back(o.digest);
    }
    result.digest = fold_digests(digests);
    return result;
}

} // namespace kokeilu::sim::examples
