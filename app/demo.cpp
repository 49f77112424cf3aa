// The engine demonstration: a three-station open queueing network with replications, run
// through the jobseeker model's stage executor (agents::run_pathway).
#include "app/demo.hpp"

#include "agents/pathway.hpp"
#include "agents/pathway_theory.hpp"
#include "app/exit_codes.hpp"
#include "sim/summary.hpp"

#include <fmt/core.h>
#include <fmt/ostream.h>

#include <chrono>
#include <string>
#include <vector>

namespace kokeilu::app {

namespace {

/// A stage with `servers` servers, exponential durations of mean 1 / `rate` days, `outside`
/// arrivals a day and the given next stages.
agents::Stage station(std::string name, std::uint32_t servers, double rate, double outside,
                      std::vector<std::uint32_t> next, std::vector<double> probability) {
    agents::Stage s;
    s.name = std::move(name);
    s.servers = servers;
    s.duration = agents::Duration{agents::Duration::Kind::Exponential, 1.0 / rate, 1.0};
    s.arrivals_per_day = outside;
    s.next = std::move(next);
    s.next_probability = std::move(probability);
    return s;
}

/// A small "employment office" as a Jackson network: first contact at reception, then
/// interviews, then coaching (which sends a fifth of its clients back for an interview); the
/// same network as configs/examples/jackson.toml. Rates are per day; the numbers are
/// illustrative, not calibrated to Finland.
agents::Pathway demo_pathway() {
    enum : std::uint32_t { kReception, kInterviews, kCoaching, kLeft };
    agents::Pathway p;
    p.name = "demo";
    p.entry = kReception;
    p.stages = {station("reception", 2, 30.0, 45.0, {kInterviews, kLeft}, {0.6, 0.4}),
                station("interviews", 4, 8.5, 0.0, {kCoaching, kLeft}, {0.3, 0.7}),
                station("coaching", 3, 4.0, 0.0, {kInterviews, kLeft}, {0.2, 0.8})};
    agents::Stage left;
    left.name = "left";
    left.exit = true;
    p.stages.push_back(left);
    return p;
}

/// One line of the table: the exact and simulated wait (in hours) and utilisation of a stage.
void print_stage(std::ostream& out, const agents::Pathway& p, const agents::PathwayTheory& theory,
                 const std::vector<agents::PathwayRunResult>& runs, std::size_t s) {
    std::vector<double> waits;
    std::vector<double> utils;
    for (const auto& r : runs) {
        waits.push_back(r.stages[s].mean_wait_days * 24.0);
        utils.push_back(r.stages[s].utilisation);
    }
    const auto w = sim::summarise(waits);
    const auto u = sim::summarise(utils);
    const double exact_wait = theory.mean_wait_days[s] * 24.0;
    fmt::print(out,
               "{:<11} {:>7} | {:>10.3f}h {:>13.3f}h ± {:>6.3f}h{} | {:>11.3f} {:>9.3f} ± {:.3f}\n",
               p.stages[s].name, p.stages[s].servers, exact_wait, w.mean, w.half_width,
               w.contains(exact_wait) ? " " : "*", theory.utilisation[s], u.mean, u.half_width);
}

} // namespace

int run_demo(const DemoOptions& o, std::ostream& out, const std::atomic<bool>& stop) {
    const agents::Pathway pathway = demo_pathway();
    const auto theory = agents::pathway_theory(pathway);
    const double warmup_days = o.days / 10.0;

    const auto t0 = std::chrono::steady_clock::now();
    const auto runs = agents::run_pathway_replications(
        pathway, sim::from_days(warmup_days), sim::from_days(o.days), o.seed,
        static_cast<std::size_t>(o.replications), o.threads, &stop);
    for (const auto& r : runs) {
        if (r.interrupted) {
            fmt::print(out, "kokeilu demo: interrupted; no results.\n");
            return kInterrupted;
        }
    }
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    std::uint64_t events = 0;
    for (const auto& r : runs) {
        events += r.events;
    }
    fmt::print(
        out,
        "Kokeilu {}: engine demonstration (`kokeilu run` runs the jobseeker model).\n"
        "This runs a three-station M/M/c network (reception -> interviews -> coaching) through\n"
        "the model's stage executor and compares it with Jackson's exact answer.\n\n",
        KOKEILU_VERSION);
    fmt::print(out, "{} replications x {:.0f} days (first {:.0f} days discarded), seed {}\n\n",
               o.replications, o.days, warmup_days, o.seed);
    fmt::print(out, "{:<11} {:>7} | {:>11} {:>25} | {:>11} {:>17}\n", "station", "servers",
               "wait, exact", "wait, simulated (95% CI)", "util, exact", "util, simulated");
    for (std::size_t s = 0; s < pathway.stages.size(); ++s) {
        if (!pathway.stages[s].exit) {
            print_stage(out, pathway, theory, runs, s);
        }
    }
    fmt::print(out,
               "\n{} events in {:.2f} s ({:.1f} million events/s); digest of replication 0: "
               "{:016x}\n(* marks an exact value outside the simulated 95% interval, which "
               "should happen about once in 20)\n",
               events, wall, static_cast<double>(events) / wall / 1e6, runs.front().digest);
    return kOk;
}

} // namespace kokeilu::app
