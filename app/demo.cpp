// The engine demonstration: a three-station open queueing network with replications.
#include "app/demo.hpp"

#include "app/exit_codes.hpp"
#include "sim/examples/queue_network.hpp"
#include "sim/replications.hpp"
#include "sim/summary.hpp"

#include <fmt/core.h>
#include <fmt/ostream.h>

#include <array>
#include <chrono>
#include <vector>

namespace kokeilu::app {

namespace {

using sim::examples::QueueNetworkParams;
using sim::examples::Station;

/// A small "employment office" as a Jackson network: first contact at reception, then
/// interviews, then coaching (which sends a fifth of its clients back for an interview).
/// Rates are per day; the numbers are illustrative, not calibrated to Finland.
QueueNetworkParams demo_network(const DemoOptions& o) {
    QueueNetworkParams p;
    p.stations = {Station{2, 30.0, 45.0}, Station{4, 8.5, 0.0}, Station{3, 4.0, 0.0}};
    p.routing = {{0.0, 0.6, 0.0}, {0.0, 0.0, 0.3}, {0.0, 0.2, 0.0}};
    p.transit_days = 1.0 / 24.0;
    p.warmup_days = o.days / 10.0;
    p.end_days = o.days;
    p.seed = o.seed;
    return p;
}

} // namespace

int run_demo(const DemoOptions& o, std::ostream& out, const std::atomic<bool>& stop) {
    const QueueNetworkParams base = demo_network(o);
    const auto theory = sim::examples::queue_network_theory(base);
    const auto partition = sim::examples::station_partition(base.stations.size(), 3);

    const auto t0 = std::chrono::steady_clock::now();
    const auto runs = sim::run_replications(
        static_cast<std::size_t>(o.replications), o.threads, [&](std::size_t rep) {
            QueueNetworkParams p = base;
            p.replication = rep;
            return sim::examples::run_queue_network(p, partition, &stop);
        });
    for (const auto& r : runs) {
        if (r.stats.interrupted) {
            fmt::print(out, "kokeilu demo: interrupted; no results.\n");
            return kInterrupted;
        }
    }
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    std::uint64_t events = 0;
    for (const auto& r : runs) {
        events += r.stats.events;
    }
    fmt::print(
        out,
        "Kokeilu {}: engine demonstration (`kokeilu run` runs the jobseeker model).\n"
        "This runs the engine on a three-station M/M/c network (reception -> interviews\n"
        "-> coaching) on 3 logical processes and compares it with Jackson's exact answer.\n\n",
        KOKEILU_VERSION);
    fmt::print(out, "{} replications x {:.0f} days (first {:.0f} days discarded), seed {}\n\n",
               o.replications, o.days, base.warmup_days, o.seed);
    const std::array<const char*, 3> names{"reception", "interviews", "coaching"};
    fmt::print(out, "{:<11} {:>7} | {:>11} {:>25} | {:>11} {:>17}\n", "station", "servers",
               "wait, exact", "wait, simulated (95% CI)", "util, exact", "util, simulated");
    for (std::size_t s = 0; s < base.stations.size(); ++s) {
        std::vector<double> waits;
        std::vector<double> utils;
        for (const auto& r : runs) {
            waits.push_back(r.stations[s].mean_wait_days * 24.0);
            utils.push_back(r.stations[s].utilisation);
        }
        const auto w = sim::summarise(waits);
        const auto u = sim::summarise(utils);
        const double exact_wait = theory.mean_wait_days[s] * 24.0;
        fmt::print(
            out,
            "{:<11} {:>7} | {:>10.3f}h {:>13.3f}h ± {:>6.3f}h{} | {:>11.3f} {:>9.3f} ± {:.3f}\n",
            names[s], base.stations[s].servers, exact_wait, w.mean, w.half_width,
            w.contains(exact_wait) ? " " : "*", theory.utilisation[s], u.mean, u.half_width);
    }
    fmt::print(out,
               "\n{} events in {:.2f} s ({:.1f} million events/s); digest of replication 0: "
               "{:016x}\n(* marks an exact value outside the simulated 95% interval, which "
               "should happen about once in 20)\n",
               events, wall, static_cast<double>(events) / wall / 1e6, runs.front().digest);
    return kOk;
}

} // namespace kokeilu::app
