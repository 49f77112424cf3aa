// Validation against queueing theory (M/M/1, M/M/c, an open Jackson network) and determinism.
#include "sim/examples/queue_network.hpp"
#include "sim/replications.hpp"
#include "sim/summary.hpp"

#include <catch2/catch.hpp>
#include <oneapi/tbb/global_control.h>

#include <vector>

using namespace kokeilu::sim;
using namespace kokeilu::sim::examples;

namespace {

struct Estimates {
    std::vector<Summary> wait;
    std::vector<Summary> utilisation;
};

/// Runs `reps` replications on all cores and summarises each station's wait and utilisation.
Estimates replicate(const QueueNetworkParams& base, const Partition& part, std::size_t reps) {
    const auto runs = run_replications(reps, 0, [&](std::size_t rep) {
        auto p = base;
        p.replication = rep;
        return run_queue_network(p, part);
    });
    Estimates e;
    for (std::size_t s = 0; s < base.stations.size(); ++s) {
        std::vector<double> w;
        std::vector<double> u;
        for (const auto& r : runs) {
            REQUIRE(r.stations[s].waits_counted > 1000);
            w.push_back(r.stations[s].mean_wait_days);
            u.push_back(r.stations[s].utilisation);
        }
        e.wait.push_back(summarise(w));
        e.utilisation.push_back(summarise(u));
    }
    return e;
}

void check_against_theory(const QueueNetworkParams& p, const Estimates& e) {
    const auto theory = queue_network_theory(p);
    for (std::size_t s = 0; s < p.stations.size(); ++s) {
        CAPTURE(s, theory.mean_wait_days[s], e.wait[s].mean, e.wait[s].half_width);
        CHECK(e.wait[s].contains(theory.mean_wait_days[s]));
        CAPTURE(theory.utilisation[s], e.utilisation[s].mean, e.utilisation[s].half_width);
        CHECK(e.utilisation[s].contains(theory.utilisation[s]));
        // The interval must also be tight enough to mean something.
        CHECK(e.wait[s].half_width < 0.1 * theory.mean_wait_days[s]);
    }
}

} // namespace

TEST_CASE("Erlang C matches known values", "[unit][sim][queueing]") {
    CHECK(erlang_c(1, 0.8) == Approx(0.8));                  // M/M/1: P(wait) = rho
    CHECK(erlang_c(2, 1.0) == Approx(1.0 / 3.0));            // c=2, a=1: 1/3
    CHECK(erlang_c(3, 2.4) == Approx(0.6472).epsilon(1e-3)); // tables: c=3, rho=0.8
    CHECK_THROWS_AS(erlang_c(2, 2.0), std::invalid_argument);
}

TEST_CASE("simulated M/M/1 waits and utilisation match the exact values",
          "[unit][sim][queueing][validation]") {
    QueueNetworkParams p;
    p.stations = {Station{1, 24.0, 19.2}}; // mean service 1 h, rho = 0.8; Wq = 4 h
    p.warmup_days = 100;
    p.end_days = 2100;
    p.seed = 11;
    check_against_theory(p, replicate(p, station_partition(1, 1), 20));
}

TEST_CASE("simulated M/M/c waits and utilisation match Erlang C",
          "[unit][sim][queueing][validation]") {
    QueueNetworkParams p;
    p.stations = {Station{3, 24.0, 57.6}}; // c = 3, rho = 0.8
    p.warmup_days = 100;
    p.end_days = 1100;
    p.seed = 12;
    check_against_theory(p, replicate(p, station_partition(1, 1), 20));
}

TEST_CASE("an open network of M/M/c stations on several LPs matches Jackson's solution",
          "[unit][sim][queueing][validation]") {
    QueueNetworkParams p;
    p.stations = {Station{2, 24.0, 30.0}, Station{3, 12.0, 6.0}, Station{1, 20.0, 0.0},
                  Station{3, 6.0, 0.0}};
    p.routing = {
        {0.0, 0.5, 0.3, 0.0}, {0.0, 0.0, 0.2, 0.4}, {0.1, 0.0, 0.0, 0.3}, {0.0, 0.1, 0.0, 0.0}};
    p.transit_days = 1.0 / 24.0;
    p.warmup_days = 50;
    p.end_days = 850;
    p.seed = 13;
    const auto theory = queue_network_theory(p);
    for (double rho : theory.utilisation) {
        REQUIRE(rho > 0.5); // a network that actually queues
        REQUIRE(rho < 0.9);
    }
    check_against_theory(p, replicate(p, station_partition(4, 2), 20));
}

TEST_CASE("queueing-network digests are bit-identical across threads and partitions",
          "[unit][sim][queueing][determinism]") {
    QueueNetworkParams p;
    p.stations = {Station{2, 24.0, 30.0}, Station{3, 12.0, 6.0}, Station{1, 30.0, 0.0}};
    p.routing = {{0.0, 0.5, 0.3}, {0.0, 0.0, 0.2}, {0.1, 0.0, 0.0}};
    p.warmup_days = 5;
    p.end_days = 60;
    // Stations and their sources together; stations split; every entity on its own LP.
    const Partition parts[] = {station_partition(3, 1), station_partition(3, 3),
                               Partition(std::vector<LpId>{0, 1, 2, 3, 4, 5})};
    const auto reference = run_queue_network(p, parts[0]);
    REQUIRE(reference.stats.events > 5000);
    for (int threads : {1, 2, 4, 8}) {
        tbb::global_control gc(tbb::global_control::max_allowed_parallelism,
                               static_cast<std::size_t>(threads));
        for (const auto& part : parts) {
            CAPTURE(threads, part.lp_count());
            const auto r = with_threads(threads, [&] { return run_queue_network(p, part); });
            CHECK(r.digest == reference.digest);
            CHECK(r.stats.events == reference.stats.events);
            CHECK(r.stations[1].mean_wait_days == reference.stations[1].mean_wait_days);
        }
    }
}
