// An open network of M/M/c stations on the engine, with its analytic (Jackson) solution.
#pragma once

#include "sim/engine.hpp"
#include "sim/partition.hpp"
#include "sim/random.hpp"
#include "sim/time.hpp"

#include <atomic>
#include <cstdint>
#include <deque>
#include <vector>

namespace kokeilu::sim::examples {

/// One service station: `servers` identical servers, exponential service, and Poisson arrivals
/// from outside the network. Rates are per day.
struct Station {
    std::uint32_t servers = 1;
    double service_rate = 1.0;
    double external_rate = 0.0;
};

/// An open queueing network. After service at station i a customer goes to station j with
/// probability routing[i][j] and leaves with the rest. Every move between stations (and from
/// outside) takes `transit_days`, which is also the engine's lookahead; a pure delay leaves
/// the stations' waits unchanged, so Jackson's product form still gives the exact answers.
struct QueueNetworkParams {
    std::vector<Station> stations;
    std::vector<std::vector<double>> routing; ///< empty, or stations x stations
    double transit_days = 1.0 / 24.0;
    double warmup_days = 100.0;
    double end_days = 1000.0;
    std::uint64_t seed = 1;
    std::uint64_t replication = 0;

    [[nodiscard]] EntityId entity_count() const {
        return static_cast<EntityId>(2 * stations.size());
    }
    /// Throws std::invalid_argument naming the first bad field.
    void validate() const;
};

/// Entities: station s is entity s, its external arrival source is entity stations + s.
/// This partition puts station s and its source on LP (s mod lps).
Partition station_partition(std::size_t stations, LpId lps);

/// Measured at one station over [warmup, end).
struct StationStats {
    std::uint64_t arrivals = 0;      ///< customers arriving after the warm-up
    std::uint64_t waits_counted = 0; ///< of those, customers who started service before the end
    double mean_wait_days = 0.0;     ///< mean time in queue of the counted customers
    double utilisation = 0.0;        ///< busy server time / (servers x measured time)
};

struct QueueNetworkResult {
    std::vector<StationStats> stations;
    std::uint64_t digest = 0; ///< every entity's ordered event history, folded in entity order
    RunStats stats;
};

/// The model of one LP: state of its stations and sources.
class QueueNetworkLp {
public:
    QueueNetworkLp(const QueueNetworkParams& params, const Partition& partition, LpId lp);
    void handle(Context& ctx, const Event& ev);

private:
    friend QueueNetworkResult run_queue_network(const QueueNetworkParams&, const Partition&,
                                                const std::atomic<bool>*);

    struct StationState {
        RandomStream service_rng;
        RandomStream routing_rng;
        std::deque<SimTime> waiting; ///< arrival times, FIFO
        std::uint32_t busy = 0;
        SimTime last_change{};
        double busy_minutes = 0.0;
        std::uint64_t arrivals = 0;
        std::uint64_t waits_counted = 0;
        double wait_minutes = 0.0;
    };

    void start_service(Context& ctx, StationState& st, std::uint32_t station, SimTime arrived);
    void account_busy(StationState& st, SimTime now) const;

    const QueueNetworkParams* params_;
    SimTime transit_;
    SimTime warmup_;
    std::vector<std::uint32_t> station_slot_; ///< local index -> index into stations_, or none
    std::vector<StationState> stations_;
    std::vector<RandomStream> source_rng_; ///< by local index (unused for stations)
    std::vector<std::uint64_t> digest_;    ///< by local index
};

/// Runs the network on the engine in the current TBB arena. If `stop` becomes true the run
/// ends early with `stats.interrupted` set (and partial statistics).
QueueNetworkResult run_queue_network(const QueueNetworkParams& params, const Partition& partition,
                                     const std::atomic<bool>* stop = nullptr);

/// Jackson's exact steady state of the network (throws std::invalid_argument if unstable).
struct QueueNetworkTheory {
    std::vector<double> arrival_rate;   ///< total arrival rate per station, per day
    std::vector<double> utilisation;    ///< rho = lambda / (c mu)
    std::vector<double> mean_wait_days; ///< Erlang C: P(wait) / (c mu - lambda)
};
QueueNetworkTheory queue_network_theory(const QueueNetworkParams& params);

/// Erlang C: the probability an arrival waits at an M/M/c queue with offered load a = lambda/mu.
double erlang_c(std::uint32_t servers, double offered_load);

} // namespace kokeilu::sim::examples
