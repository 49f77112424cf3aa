// Pathways: durations, lookup, and clients run through the stages on the engine.
#include "agents/pathway.hpp"

#include "agents/stage_queues.hpp"

#include "sim/digest.hpp"
#include "sim/engine.hpp"
#include "sim/partition.hpp"
#include "sim/replications.hpp"

#include <deque>
#include <stdexcept>
#include <string>

namespace kokeilu::agents {

Duration::Kind Duration::parse_kind(std::string_view word) {
    if (word == "none") {
        return Kind::None;
    }
    if (word == "fixed") {
        return Kind::Fixed;
    }
    if (word == "exponential") {
        return Kind::Exponential;
    }
    if (word == "lognormal") {
        return Kind::Lognormal;
    }
    if (word == "gamma") {
        return Kind::Gamma;
    }
    throw std::invalid_argument("unknown duration distribution `" + std::string(word) + "`");
}

sim::SimTime Duration::draw(sim::RandomStream& rng) const {
    switch (kind) {
    case Kind::None: return sim::SimTime::zero();
    case Kind::Fixed: return sim::from_days(mean_days);
    case Kind::Exponential: return sim::from_days(sim::exponential(rng, 1.0 / mean_days));
    case Kind::Lognormal:
        return sim::from_days(
            sim::lognormal(rng, sim::lognormal_params_from_mean_cv(mean_days, cv)));
    case Kind::Gamma: return sim::from_days(sim::gamma(rng, 1.0 / (cv * cv), mean_days * cv * cv));
    }
    return sim::SimTime::zero();
}

std::optional<std::uint32_t> Pathway::find(std::string_view stage) const {
    for (std::uint32_t i = 0; i < stages.size(); ++i) {
        if (stages[i].name == stage) {
            return i;
        }
    }
    return std::nullopt;
}

namespace {

enum Kind : std::uint16_t { kArrive = 0, kFinish = 1, kExternal = 2 };
enum Purpose : std::uint64_t { kDurations = 10, kRouting = 11, kArrivals = 12 };

/// The model of the one LP: every stage's queue and server state and its arrival source.
class PathwayLp {
public:
    PathwayLp(const Pathway& p, sim::SimTime warmup, std::uint64_t seed, std::uint64_t rep)
            : pathway_(&p), warmup_(warmup) {
        const auto n = static_cast<std::uint32_t>(p.stages.size());
        for (std::uint32_t s = 0; s < n; ++s) {
            state_.push_back(StageState{
                sim::RandomStream(sim::StreamKey{seed, rep, s, kDurations}),
                sim::RandomStream(sim::StreamKey{seed, rep, s, kRouting}),
                sim::RandomStream(sim::StreamKey{seed, rep, s, kArrivals}),
                p.stages[s].next_probability.empty()
                    ? std::optional<sim::DiscreteDistribution>()
                    : std::optional<sim::DiscreteDistribution>(p.stages[s].next_probability),
                0, sim::SimTime{}, 0.0, 0.0, 0, 0, 0.0});
        }
        digest_.assign(2 * std::size_t{n}, 0);
        queues_.grow(n);
    }

    void handle(sim::Context& ctx, const sim::Event& ev) {
        std::uint64_t& d = digest_[ctx.self_index()];
        d = sim::digest_fold(d, static_cast<std::uint64_t>(ev.time.minutes()));
        d = sim::digest_fold(d, (std::uint64_t{ev.source} << 32) | ev.seq);
        d = sim::digest_fold(d, ev.kind);
        const auto n = static_cast<sim::EntityId>(pathway_->stages.size());
        if (ev.kind == kExternal) {
            const sim::EntityId stage = ctx.self() - n;
            StageState& st = state_[stage];
            ++clients_;
            ctx.schedule(ctx.now(), stage, kArrive);
            ctx.schedule(ctx.now() + sim::from_days(sim::exponential(
                                         st.arrival_rng, pathway_->stages[stage].arrivals_per_day)),
                         ctx.self(), kExternal);
            return;
        }
        const sim::EntityId s = ctx.self();
        const Stage& spec = pathway_->stages[s];
        StageState& st = state_[s];
        if (ev.kind == kArrive) {
            if (ctx.now() >= warmup_) {
                ++st.arrivals;
            }
            if (spec.exit) {
                return;
            }
            account(st, ctx.now());
            ++st.in_stage;
            if (queues_.has_seat(s, spec.servers)) {
                start(ctx, st, spec, ctx.now());
            } else {
                queues_.wait(s, ctx.now());
            }
            return;
        }
        // kFinish: route the client on, then serve the next one waiting.
        account(st, ctx.now());
        queues_.free(s);
        --st.in_stage;
        const std::size_t k = (*st.routing)(st.routing_rng);
        ctx.schedule(ctx.now(), spec.next[k], kArrive);
        if (const auto arrived = queues_.next(s, [](sim::SimTime) { return true; })) {
            start(ctx, st, spec, *arrived);
        }
    }

    /// The time of the first outside arrival at a stage (then each arrival draws the next).
    sim::SimTime first_arrival(std::uint32_t stage) {
        return sim::from_days(
            sim::exponential(state_[stage].arrival_rng, pathway_->stages[stage].arrivals_per_day));
    }

    PathwayRunResult result(sim::SimTime end) {
        PathwayRunResult r;
        const double measured = static_cast<double>((end - warmup_).minutes());
        for (std::size_t s = 0; s < state_.size(); ++s) {
            StageState& st = state_[s];
            account(st, end);
            StageStats out;
            out.arrivals = st.arrivals;
            out.waits_counted = st.waits_counted;
            out.mean_wait_days = st.waits_counted == 0
                                     ? 0.0
                                     : st.wait_minutes / static_cast<double>(st.waits_counted) /
                                           static_cast<double>(sim::SimTime::kMinutesPerDay);
            const auto servers = pathway_->stages[s].servers;
            out.utilisation = servers == 0 ? 0.0 : st.busy_minutes / (measured * servers);
            out.mean_in_stage = st.in_stage_minutes / measured;
            r.stages.push_back(out);
        }
        r.clients = clients_;
        std::uint64_t h = 0;
        for (std::uint64_t d : digest_) {
            h = sim::digest_fold(h, d);
        }
        r.digest = h;
        return r;
    }

private:
    struct StageState {
        sim::RandomStream duration_rng;
        sim::RandomStream routing_rng;
        sim::RandomStream arrival_rng;
        std::optional<sim::DiscreteDistribution> routing;
        std::uint32_t in_stage = 0;
        sim::SimTime last_change{};
        double busy_minutes = 0.0;
        double in_stage_minutes = 0.0;
        std::uint64_t arrivals = 0;
        std::uint64_t waits_counted = 0;
        double wait_minutes = 0.0;
    };

    void account(StageState& st, sim::SimTime now) const {
        const sim::SimTime from = std::max(st.last_change, warmup_);
        if (now > from) {
            const auto span = static_cast<double>((now - from).minutes());
            st.busy_minutes += static_cast<double>(queues_.in_use(stage_of(st))) * span;
            st.in_stage_minutes += static_cast<double>(st.in_stage) * span;
        }
        st.last_change = now;
    }

    void start(sim::Context& ctx, StageState& st, const Stage& spec, sim::SimTime arrived) {
        if (arrived >= warmup_) {
            ++st.waits_counted;
            st.wait_minutes += static_cast<double>((ctx.now() - arrived).minutes());
        }
        queues_.take(stage_of(st));
        ctx.schedule(ctx.now() + spec.duration.draw(st.duration_rng), ctx.self(), kFinish);
    }

    [[nodiscard]] std::size_t stage_of(const StageState& st) const {
        return static_cast<std::size_t>(&st - state_.data());
    }

    const Pathway* pathway_;
    sim::SimTime warmup_;
    std::vector<StageState> state_;
    /// Seats and waiting lines of the stages (arrival times of queued clients), the executor
    /// the jobseeker model's services use too.
    StageQueues<sim::SimTime> queues_;
    std::vector<std::uint64_t> digest_;
    std::uint64_t clients_ = 0;
};

} // namespace

PathwayRunResult run_pathway(const Pathway& pathway, sim::SimTime warmup, sim::SimTime end,
                             std::uint64_t seed, std::uint64_t replication,
                             const std::atomic<bool>* stop) {
    if (pathway.stages.empty() || pathway.entry >= pathway.stages.size()) {
        throw std::invalid_argument("run_pathway: pathway `" + pathway.name +
                                    "` has no stages or no valid entry");
    }
    if (!(warmup >= sim::SimTime::zero() && end > warmup)) {
        throw std::invalid_argument("run_pathway: need 0 <= warmup < end");
    }
    const auto n = static_cast<sim::EntityId>(pathway.stages.size());
    // All stages on one LP: moves between stages take no time, and a provider's whole pathway
    // lives on one LP in the full model too.
    sim::Partition partition(std::vector<sim::LpId>(2 * std::size_t{n}, 0));
    std::vector<PathwayLp> models;
    models.emplace_back(pathway, warmup, seed, replication);
    sim::Engine<PathwayLp> engine(std::move(partition), sim::minutes(1), std::move(models));
    for (sim::EntityId s = 0; s < n; ++s) {
        const double rate = pathway.stages[s].arrivals_per_day;
        if (rate > 0.0) {
            engine.schedule_initial(n + s, n + s, engine.model(0).first_arrival(s), kExternal);
        }
    }
    const auto stats = engine.run_until(end, stop);
    PathwayRunResult r = engine.model(0).result(end);
    r.events = stats.events;
    r.interrupted = stats.interrupted;
    return r;
}

std::vector<PathwayRunResult> run_pathway_replications(const Pathway& pathway, sim::SimTime warmup,
                                                       sim::SimTime end, std::uint64_t seed,
                                                       std::size_t replications, int threads,
                                                       const std::atomic<bool>* stop) {
    return sim::run_replications(replications, threads, [&](std::size_t rep) {
        return run_pathway(pathway, warmup, end, seed, rep, stop);
    });
}

} // namespace kokeilu::agents
