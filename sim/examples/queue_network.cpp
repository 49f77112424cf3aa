// An open network of M/M/c stations, simulated and solved.
#include "sim/examples/queue_network.hpp"

#include "sim/digest.hpp"
#include "sim/distributions.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace kokeilu::sim::examples {

namespace {

constexpr std::uint16_t kArrival = 0;
constexpr std::uint16_t kDeparture = 1;
constexpr std::uint16_t kExternal = 2;
constexpr std::uint64_t kPurposeService = 2;
constexpr std::uint64_t kPurposeRouting = 3;
constexpr std::uint64_t kPurposeArrivals = 4;
constexpr std::uint32_t kNotAStation = std::numeric_limits<std::uint32_t>::max();

/// Exponential delay in whole minutes (rounded to the nearest minute).
SimTime exp_delay(RandomStream& rng, double rate_per_day) {
    return from_days(exponential(rng, rate_per_day));
}

} // namespace

void QueueNetworkParams::validate() const {
    auto fail = [](const std::string& what) {
        throw std::invalid_argument("queue network: " + what);
    };
    if (stations.empty()) {
        fail("at least one station is needed");
    }
    for (std::size_t i = 0; i < stations.size(); ++i) {
        const auto& s = stations[i];
        if (s.servers < 1 || !(s.service_rate > 0.0) || !(s.external_rate >= 0.0)) {
            fail("station " + std::to_string(i) +
                 " needs servers >= 1, service_rate > 0 and external_rate >= 0");
        }
    }
    if (!routing.empty()) {
        if (routing.size() != stations.size()) {
            fail("routing must be stations x stations");
        }
        for (std::size_t i = 0; i < routing.size(); ++i) {
            if (routing[i].size() != stations.size()) {
                fail("routing row " + std::to_string(i) + " has the wrong length");
            }
            double sum = 0.0;
            for (double p : routing[i]) {
                if (!(p >= 0.0)) {
                    fail("routing probabilities must be >= 0");
                }
                sum += p;
            }
            if (sum > 1.0 + 1e-12) {
                fail("routing row " + std::to_string(i) + " sums to more than 1");
            }
        }
    }
    if (from_days(transit_days) < minutes(1)) {
        fail("transit_days must be at least one minute");
    }
    if (!(warmup_days >= 0.0) || !(end_days > warmup_days)) {
        fail("need 0 <= warmup_days < end_days");
    }
}

Partition station_partition(std::size_t stations, LpId lps) {
    std::vector<LpId> lp_of(2 * stations);
    for (std::size_t s = 0; s < stations; ++s) {
        lp_of[s] = static_cast<LpId>(s % lps);
        lp_of[stations + s] = lp_of[s];
    }
    return Partition(std::move(lp_of));
}

QueueNetworkLp::QueueNetworkLp(const QueueNetworkParams& params, const Partition& partition,
                               LpId lp)
        : params_(&params), transit_(from_days(params.transit_days)),
          warmup_(from_days(params.warmup_days)) {
    const auto members = partition.members(lp);
    const auto n_stations = static_cast<EntityId>(params.stations.size());
    station_slot_.assign(members.size(), kNotAStation);
    digest_.assign(members.size(), 0);
    source_rng_.reserve(members.size());
    for (std::uint32_t i = 0; i < members.size(); ++i) {
        const EntityId e = members[i];
        source_rng_.emplace_back(StreamKey{params.seed, params.replication, e, kPurposeArrivals});
        if (e < n_stations) {
            station_slot_[i] = static_cast<std::uint32_t>(stations_.size());
            stations_.push_back(StationState{
                RandomStream(StreamKey{params.seed, params.replication, e, kPurposeService}),
                RandomStream(StreamKey{params.seed, params.replication, e, kPurposeRouting}),
                {},
                0,
                SimTime{},
                0.0,
                0,
                0,
                0.0});
        }
    }
}

void QueueNetworkLp::account_busy(StationState& st, SimTime now) const {
    const SimTime from = std::max(st.last_change, warmup_);
    if (now > from) {
        st.busy_minutes +=
            static_cast<double>(st.busy) * static_cast<double>((now - from).minutes());
    }
    st.last_change = now;
}

void QueueNetworkLp::start_service(Context& ctx, StationState& st, std::uint32_t station,
                                   SimTime arrived) {
    if (arrived >= warmup_) {
        ++st.waits_counted;
        st.wait_minutes += static_cast<double>((ctx.now() - arrived).minutes());
    }
    account_busy(st, ctx.now());
    ++st.busy;
    ctx.schedule(ctx.now() + exp_delay(st.service_rng, params_->stations[station].service_rate),
                 ctx.self(), kDeparture);
}

void QueueNetworkLp::handle(Context& ctx, const Event& ev) {
    const std::uint32_t local = ctx.self_index();
    std::uint64_t& d = digest_[local];
    d = digest_fold(d, static_cast<std::uint64_t>(ev.time.minutes()));
    d = digest_fold(d, (std::uint64_t{ev.source} << 32) | ev.seq);
    d = digest_fold(d, ev.kind);

    const auto n_stations = static_cast<EntityId>(params_->stations.size());
    if (ev.kind == kExternal) {
        const EntityId station = ctx.self() - n_stations;
        RandomStream& rng = source_rng_[local];
        ctx.schedule(ctx.now() + transit_, station, kArrival);
        ctx.schedule(ctx.now() + exp_delay(rng, params_->stations[station].external_rate),
                     ctx.self(), kExternal);
        return;
    }
    const std::uint32_t station = ctx.self();
    StationState& st = stations_[station_slot_[local]];
    if (ev.kind == kArrival) {
        if (ctx.now() >= warmup_) {
            ++st.arrivals;
        }
        if (st.busy < params_->stations[station].servers) {
            start_service(ctx, st, station, ctx.now());
        } else {
            st.waiting.push_back(ctx.now());
        }
        return;
    }
    // Departure: route the customer on, then serve the next one waiting.
    account_busy(st, ctx.now());
    --st.busy;
    if (!params_->routing.empty()) {
        const double u = st.routing_rng.uniform01();
        double cum = 0.0;
        const auto& row = params_->routing[station];
        for (EntityId j = 0; j < n_stations; ++j) {
            cum += row[j];
            if (u < cum) {
                ctx.schedule(ctx.now() + transit_, j, kArrival);
                break;
            }
        }
    }
    if (!st.waiting.empty()) {
        const SimTime arrived = st.waiting.front();
        st.waiting.pop_front();
        start_service(ctx, st, station, arrived);
    }
}

QueueNetworkResult run_queue_network(const QueueNetworkParams& params, const Partition& partition,
                                     const std::atomic<bool>* stop) {
    params.validate();
    if (partition.entity_count() != params.entity_count()) {
        throw std::invalid_argument("queue network: the partition has " +
                                    std::to_string(partition.entity_count()) + " entities, need " +
                                    std::to_string(params.entity_count()));
    }
    std::vector<QueueNetworkLp> models;
    models.reserve(partition.lp_count());
    for (LpId lp = 0; lp < partition.lp_count(); ++lp) {
        models.emplace_back(params, partition, lp);
    }
    Engine<QueueNetworkLp> engine(partition, from_days(params.transit_days), std::move(models));
    const auto n_stations = static_cast<EntityId>(params.stations.size());
    for (EntityId s = 0; s < n_stations; ++s) {
        const double rate = params.stations[s].external_rate;
        if (rate > 0.0) {
            const EntityId src = n_stations + s;
            auto& m = engine.model(partition.lp_of(src));
            engine.schedule_initial(
                src, src, exp_delay(m.source_rng_[partition.local_index(src)], rate), kExternal);
        }
    }
    const SimTime end = from_days(params.end_days);
    QueueNetworkResult result;
    result.stats = engine.run_until(end, stop);

    std::vector<std::uint64_t> digests(params.entity_count());
    result.stations.resize(params.stations.size());
    const double measured = static_cast<double>((end - from_days(params.warmup_days)).minutes());
    for (LpId lp = 0; lp < partition.lp_count(); ++lp) {
        auto& m = engine.model(lp);
        const auto members = partition.members(lp);
        for (std::uint32_t i = 0; i < members.size(); ++i) {
            digests[members[i]] = m.digest_[i];
            if (m.station_slot_[i] == kNotAStation) {
                continue;
            }
            auto& st = m.stations_[m.station_slot_[i]];
            m.account_busy(st, end);
            StationStats& out = result.stations[members[i]];
            out.arrivals = st.arrivals;
            out.waits_counted = st.waits_counted;
            out.mean_wait_days = st.waits_counted == 0
                                     ? 0.0
                                     : st.wait_minutes / static_cast<double>(st.waits_counted) /
                                           static_cast<double>(SimTime::kMinutesPerDay);
            out.utilisation = st.busy_minutes / (measured * params.stations[members[i]].servers);
        }
    }
    std::uint64_t h = 0;
    for (std::uint64_t d : digests) {
        h = digest_fold(h, d);
    }
    result.digest = h;
    return result;
}

double erlang_c(std::uint32_t servers, double offered_load) {
    if (servers < 1 || !(offered_load >= 0.0) || offered_load >= servers) {
        throw std::invalid_argument("erlang_c: need servers >= 1 and 0 <= load < servers");
    }
    double b = 1.0; // Erlang B by its stable recursion
    for (std::uint32_t k = 1; k <= servers; ++k) {
        b = offered_load * b / (static_cast<double>(k) + offered_load * b);
    }
    const double rho = offered_load / servers;
    return b / (1.0 - rho * (1.0 - b));
}

QueueNetworkTheory queue_network_theory(const QueueNetworkParams& params) {
    params.validate();
    const std::size_t n = params.stations.size();
    // Traffic equations lambda = gamma + P^T lambda, solved as (I - P^T) lambda = gamma by
    // Gaussian elimination with partial pivoting.
    std::vector<std::vector<double>> a(n, std::vector<double>(n + 1, 0.0));
    for (std::size_t j = 0; j < n; ++j) {
        a[j][j] = 1.0;
        for (std::size_t i = 0; i < n && !params.routing.empty(); ++i) {
            a[j][i] -= params.routing[i][j];
        }
        a[j][n] = params.stations[j].external_rate;
    }
    for (std::size_t c = 0; c < n; ++c) {
        std::size_t piv = c;
        for (std::size_t r = c + 1; r < n; ++r) {
            if (std::abs(a[r][c]) > std::abs(a[piv][c])) {
                piv = r;
            }
        }
        if (std::abs(a[piv][c]) < 1e-12) {
            throw std::invalid_argument("queue network: customers never leave (singular routing)");
        }
        std::swap(a[c], a[piv]);
        for (std::size_t r = 0; r < n; ++r) {
            if (r != c) {
                const double f = a[r][c] / a[c][c];
                for (std::size_t k = c; k <= n; ++k) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
    }
    QueueNetworkTheory t;
    for (std::size_t j = 0; j < n; ++j) {
        const double lambda = a[j][n] / a[j][j];
        const auto& s = params.stations[j];
        const double load = lambda / s.service_rate;
        if (load >= s.servers) {
            throw std::invalid_argument("queue network: station " + std::to_string(j) +
                                        " is unstable (utilisation >= 1)");
        }
        t.arrival_rate.push_back(lambda);
        t.utilisation.push_back(load / s.servers);
        t.mean_wait_days.push_back(erlang_c(s.servers, load) /
                                   (s.servers * s.service_rate - lambda));
    }
    return t;
}

} // namespace kokeilu::sim::examples
