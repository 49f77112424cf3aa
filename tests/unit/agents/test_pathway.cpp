// Queueing validation of the pathway executor (agents::run_pathway, on the StageQueues the
// jobseeker model's services use): M/M/1, M/M/c and an open Jackson network against their exact
// answers (agents/pathway_theory.hpp), and determinism for any thread count.
#include "agents/pathway.hpp"
#include "agents/pathway_theory.hpp"

#include "sim/replications.hpp"
#include "sim/summary.hpp"

#include <catch2/catch.hpp>
#include <oneapi/tbb/global_control.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

using namespace kokeilu;
using agents::Pathway;

namespace {

/// An M/M/c station: servers, service rate and arrivals from outside, per day.
struct Station {
    std::uint32_t servers = 1;
    double service_rate = 1.0;
    double external_rate = 0.0;
};

/// An open network of M/M/c stations as a pathway: after station i a client goes to station j
/// with probability routing[i][j] and leaves (to an exit stage, the last) with the rest.
Pathway network(const std::vector<Station>& stations,
                const std::vector<std::vector<double>>& routing = {}) {
    Pathway p;
    p.name = "network";
    const auto exit = static_cast<std::uint32_t>(stations.size());
    for (std::uint32_t i = 0; i < stations.size(); ++i) {
        agents::Stage s;
        s.name = "station " + std::to_string(i);
        s.servers = stations[i].servers;
        s.duration = {agents::Duration::Kind::Exponential, 1.0 / stations[i].service_rate, 1.0};
        s.arrivals_per_day = stations[i].external_rate;
        double leave = 1.0;
        for (std::uint32_t j = 0; j < stations.size() && !routing.empty(); ++j) {
            if (routing[i][j] > 0.0) {
                s.next.push_back(j);
                s.next_probability.push_back(routing[i][j]);
                leave -= routing[i][j];
            }
        }
        if (leave > 1e-12) {
            s.next.push_back(exit);
            s.next_probability.push_back(leave);
        }
        p.stages.push_back(s);
    }
    agents::Stage out;
    out.name = "out";
    out.exit = true;
    p.stages.push_back(out);
    return p;
}

struct Estimates {
    std::vector<sim::Summary> wait;
    std::vector<sim::Summary> utilisation;
    std::vector<sim::Summary> throughput; ///< arrivals per measured day
};

/// Runs `reps` replications on all cores and summarises each station's wait, utilisation and
/// throughput.
Estimates replicate(const Pathway& p, double warmup_days, double end_days, std::uint64_t seed,
                    std::size_t reps) {
    const auto runs = agents::run_pathway_replications(p, sim::from_days(warmup_days),
                                                       sim::from_days(end_days), seed, reps, 0);
    Estimates e;
    for (std::size_t s = 0; s < p.stages.size(); ++s) {
        std::vector<double> w;
        std::vector<double> u;
        std::vector<double> x;
        for (const auto& r : runs) {
            w.push_back(r.stages[s].mean_wait_days);
            u.push_back(r.stages[s].utilisation);
            x.push_back(static_cast<double>(r.stages[s].arrivals) / (end_days - warmup_days));
            if (!p.stages[s].exit) {
                REQUIRE(r.stages[s].waits_counted > 1000);
            }
        }
        e.wait.push_back(sim::summarise(w));
        e.utilisation.push_back(sim::summarise(u));
        e.throughput.push_back(sim::summarise(x));
    }
    return e;
}

void check_against_theory(const Pathway& p, const Estimates& e) {
    const auto theory = agents::pathway_theory(p);
    for (std::size_t s = 0; s < p.stages.size(); ++s) {
        CAPTURE(p.stages[s].name, theory.arrival_rate[s], e.throughput[s].mean,
                e.throughput[s].half_width);
        CHECK(e.throughput[s].contains(theory.arrival_rate[s]));
        if (p.stages[s].exit) {
            continue;
        }
        CAPTURE(theory.mean_wait_days[s], e.wait[s].mean, e.wait[s].half_width);
        CHECK(e.wait[s].contains(theory.mean_wait_days[s]));
        CAPTURE(theory.utilisation[s], e.utilisation[s].mean, e.utilisation[s].half_width);
        CHECK(e.utilisation[s].contains(theory.utilisation[s]));
        // The interval must also be tight enough to mean something.
        CHECK(e.wait[s].half_width < 0.1 * theory.mean_wait_days[s]);
    }
}

} // namespace

TEST_CASE("Erlang C matches known values", "[unit][agents][pathway][queueing]") {
    CHECK(agents::erlang_c(1, 0.8) == Approx(0.8));                  // M/M/1: P(wait) = rho
    CHECK(agents::erlang_c(2, 1.0) == Approx(1.0 / 3.0));            // c=2, a=1: 1/3
    CHECK(agents::erlang_c(3, 2.4) == Approx(0.6472).epsilon(1e-3)); // tables: c=3, rho=0.8
    CHECK_THROWS_AS(agents::erlang_c(2, 2.0), std::invalid_argument);
}

TEST_CASE("the exact solution of a pathway: traffic, M/M/c waits, and what it refuses",
          "[unit][agents][pathway][queueing]") {
    // M/M/1 with rho = 0.8 and a mean service of 1 h: Wq = rho / (mu - lambda) = 4 h.
    const auto mm1 = agents::pathway_theory(network({Station{1, 24.0, 19.2}}));
    CHECK(mm1.arrival_rate[0] == Approx(19.2));
    CHECK(mm1.utilisation[0] == Approx(0.8));
    CHECK(mm1.mean_wait_days[0] * 24.0 == Approx(4.0));
    CHECK(mm1.mean_in_stage[0] == Approx(4.0)); // L = rho / (1 - rho)
    CHECK(mm1.arrival_rate[1] == Approx(19.2)); // everyone leaves through the exit
    CHECK(mm1.mean_wait_days[1] == 0.0);

    // A feedback loop: a stage that sends half its clients back has twice the outside rate.
    const auto loop = agents::pathway_theory(network({Station{2, 10.0, 5.0}}, {{0.5}}));
    CHECK(loop.arrival_rate[0] == Approx(10.0));
    CHECK(loop.utilisation[0] == Approx(0.5));

    auto p = network({Station{1, 24.0, 19.2}});
    p.stages[0].servers = 0; // no limit: no queue whatever the duration
    p.stages[0].duration.kind = agents::Duration::Kind::Gamma;
    const auto unlimited = agents::pathway_theory(p);
    CHECK(unlimited.mean_wait_days[0] == 0.0);
    CHECK(unlimited.utilisation[0] == 0.0);
    CHECK(unlimited.mean_in_stage[0] == Approx(19.2 / 24.0));

    p.stages[0].servers = 1; // a limit with a gamma duration is no M/M/c queue
    CHECK_THROWS_AS(agents::pathway_theory(p), std::invalid_argument);
    CHECK_THROWS_AS(agents::pathway_theory(network({Station{1, 24.0, 24.0}})),
                    std::invalid_argument); // rho = 1
}

TEST_CASE("simulated M/M/1 waits, utilisation and throughput match the exact values",
          "[unit][agents][pathway][queueing][validation]") {
    const auto p = network({Station{1, 24.0, 19.2}}); // mean service 1 h, rho = 0.8; Wq = 4 h
    check_against_theory(p, replicate(p, 100, 2100, 11, 20));
}

TEST_CASE("simulated M/M/c waits, utilisation and throughput match Erlang C",
          "[unit][agents][pathway][queueing][validation]") {
    const auto p = network({Station{3, 24.0, 57.6}}); // c = 3, rho = 0.8
    check_against_theory(p, replicate(p, 100, 1100, 12, 20));
}

TEST_CASE("an open network of M/M/c stages matches Jackson's solution",
          "[unit][agents][pathway][queueing][validation]") {
    const auto p = network(
        {Station{2, 24.0, 30.0}, Station{3, 12.0, 6.0}, Station{1, 20.0, 0.0},
         Station{3, 6.0, 0.0}},
        {{0.0, 0.5, 0.3, 0.0}, {0.0, 0.0, 0.2, 0.4}, {0.1, 0.0, 0.0, 0.3}, {0.0, 0.1, 0.0, 0.0}});
    const auto theory = agents::pathway_theory(p);
    for (std::size_t s = 0; s + 1 < p.stages.size(); ++s) {
        REQUIRE(theory.utilisation[s] > 0.5); // a network that actually queues
        REQUIRE(theory.utilisation[s] < 0.9);
    }
    check_against_theory(p, replicate(p, 50, 850, 13, 20));
}

TEST_CASE("pathway runs are bit-identical for any thread count, and replications differ",
          "[unit][agents][pathway][queueing][determinism]") {
    const auto p = network({Station{2, 24.0, 30.0}, Station{3, 12.0, 6.0}, Station{1, 30.0, 0.0}},
                           {{0.0, 0.5, 0.3}, {0.0, 0.0, 0.2}, {0.1, 0.0, 0.0}});
    const auto warmup = sim::days(5);
    const auto end = sim::days(60);
    const auto reference = agents::run_pathway(p, warmup, end, 1, 0);
    REQUIRE(reference.events > 5000);
    const auto reps = agents::run_pathway_replications(p, warmup, end, 1, 4, 1);
    CHECK(reps[0].digest == reference.digest);
    CHECK(reps[1].digest != reference.digest);
    for (int threads : {1, 2, 4, 8}) {
        tbb::global_control gc(tbb::global_control::max_allowed_parallelism,
                               static_cast<std::size_t>(threads));
        CAPTURE(threads);
        const auto r =
            sim::with_threads(threads, [&] { return agents::run_pathway(p, warmup, end, 1, 0); });
        CHECK(r.digest == reference.digest);
        CHECK(r.events == reference.events);
        CHECK(r.stages[1].mean_wait_days == reference.stages[1].mean_wait_days);
        const auto side_by_side = agents::run_pathway_replications(p, warmup, end, 1, 4, threads);
        for (std::size_t i = 0; i < reps.size(); ++i) {
            CHECK(side_by_side[i].digest == reps[i].digest);
            CHECK(side_by_side[i].stages[1].mean_wait_days == reps[i].stages[1].mean_wait_days);
        }
    }
}

TEST_CASE("a stop request ends a pathway run early, marked as interrupted",
          "[unit][agents][pathway]") {
    const auto p = network({Station{1, 24.0, 19.2}});
    const std::atomic<bool> stop{true};
    const auto r = agents::run_pathway(p, sim::days(1), sim::days(100), 1, 0, &stop);
    CHECK(r.interrupted);
    CHECK(r.events == 0);
    CHECK_FALSE(agents::run_pathway(p, sim::days(1), sim::days(10), 1, 0).interrupted);
}
