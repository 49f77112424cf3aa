// kokeilu-bench: engine and model benchmarks that print one JSON object per run.
#include "agents/jobseeker_model.hpp"
#include "scenario/build.hpp"
#include "scenario/scenario.hpp"
#include "sim/examples/phold.hpp"
#include "sim/replications.hpp"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace {

using kokeilu::sim::examples::PholdParams;
using kokeilu::sim::examples::PholdResult;

std::uint64_t peak_rss_bytes() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<std::uint64_t>(u.ru_maxrss) * 1024U; // Linux reports KiB
}

template <class Fn>
std::pair<PholdResult, double> timed_best(int repeat, Fn&& fn) {
    PholdResult best_result;
    double best = 1e300;
    for (int i = 0; i < repeat; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        PholdResult r = fn();
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (s < best) {
            best = s;
            best_result = r;
        }
    }
    return {best_result, best};
}

/// Options of `kokeilu-bench model`.
struct ModelBenchOptions {
    double scale = 0.1;
    int threads = 2;
    int compare_threads = -1;
    int repeat = 1;
    std::string end; ///< empty: the scenario's own end
    std::optional<std::uint64_t> seed;
};

/// One run of the jobseeker model: its wall time, statistics and a digest of its output.
struct ModelRun {
    double wall_s = 0.0;
    kokeilu::agents::ModelRunStats stats;
    std::uint64_t months = 0;
    std::uint64_t digest = 0;
};

/// 64-bit FNV-1a over raw bytes, continuing from `h`.
std::uint64_t fnv1a(std::uint64_t h, const void* data, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) {
        h ^= b[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

ModelRun run_model_once(const kokeilu::agents::ModelInput& input, std::uint64_t seed, int threads) {
    ModelRun r;
    std::uint64_t h = 0xcbf29ce484222325ULL;
    // The callback only counts the months and hashes each panel's values (a few thousand
    // doubles a month: negligible beside the model).
    const auto t0 = std::chrono::steady_clock::now();
    r.stats = kokeilu::agents::run_model(
        input, seed, 0, threads, [&](const kokeilu::agents::MonthPanel& panel) {
            ++r.months;
            h = fnv1a(h, panel.values.data(), panel.values.size() * sizeof(double));
        });
    r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    r.digest = h;
    return r;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/// `kokeilu-bench model`: the jobseeker model on the built-in default scenario.
int bench_model(const ModelBenchOptions& o) {
    namespace sc = kokeilu::scenario;
    std::vector<std::string> sets{fmt::format("population.scale={}", o.scale)};
    if (!o.end.empty()) {
        sets.push_back("scenario.end=" + o.end);
    }
    sc::Scenario scenario;
    kokeilu::agents::ModelInput input;
    try {
        scenario = sc::load_scenario("", sets);
        input = sc::build_model_input(scenario);
    } catch (const sc::ConfigError& e) {
        for (const auto& d : e.diagnostics()) {
            std::cerr << d.format() << '\n';
        }
        return 2;
    }
    const std::uint64_t seed =
        o.seed.value_or(static_cast<std::uint64_t>(scenario.integer("scenario.seed")));

    // The process's own footprint (code, TBB, the loaded scenario) before any run.
    const std::uint64_t rss_before = peak_rss_bytes();

    // Runs on T and T0 threads alternate, so both see the same drift of a shared machine.
    std::vector<ModelRun> main_runs;
    std::vector<ModelRun> other_runs;
    for (int i = 0; i < o.repeat; ++i) {
        main_runs.push_back(run_model_once(input, seed, o.threads));
        if (o.compare_threads >= 0) {
            other_runs.push_back(run_model_once(input, seed, o.compare_threads));
        }
    }
    const std::uint64_t rss = peak_rss_bytes();

    // Every run, on either thread count, must give the same output and the same counts.
    const ModelRun& first = main_runs.front();
    bool match = true;
    for (const auto* runs : {&main_runs, &other_runs}) {
        for (const auto& r : *runs) {
            match = match && r.digest == first.digest && r.months == first.months &&
                    r.stats.agents == first.stats.agents &&
                    r.stats.peak_live == first.stats.peak_live;
        }
    }
    auto walls = [](const std::vector<ModelRun>& runs) {
        std::vector<double> w;
        for (const auto& r : runs) {
            w.push_back(r.wall_s);
        }
        return w;
    };
    const auto w = walls(main_runs);
    const double wall = median(w);
    const double eps = static_cast<double>(first.stats.events) / wall;
    const double peak_live = static_cast<double>(first.stats.peak_live);
    std::string tail;
    if (o.compare_threads >= 0) {
        const auto w0 = walls(other_runs);
        const double wall0 = median(w0);
        tail = fmt::format(R"(, "compare_threads": {}, "compare_wall_s": {:.4f}, )"
                           R"("compare_wall_min_s": {:.4f}, "compare_wall_max_s": {:.4f}, )"
                           R"("compare_events_per_s": {:.0f}, "compare_digest": "{:016x}", )"
                           R"("speedup_vs_compare": {:.3f})",
                           o.compare_threads, wall0, *std::min_element(w0.begin(), w0.end()),
                           *std::max_element(w0.begin(), w0.end()),
                           static_cast<double>(other_runs.front().stats.events) / wall0,
                           other_runs.front().digest, wall0 / wall);
    }
    fmt::print(
        R"({{"mode": "model", "scenario": "{}", "scale": {}, "start": "{}", "end": "{}", )"
        R"("seed": {}, "threads": {}, "repeat": {}, "months": {}, "events": {}, )"
        R"("stale_events": {}, "agents": {}, "peak_live": {}, "wall_s": {:.4f}, )"
        R"("wall_min_s": {:.4f}, "wall_max_s": {:.4f}, "events_per_s": {:.0f}, )"
        R"("peak_rss_bytes": {}, "peak_rss_mb": {:.1f}, "bytes_per_live_jobseeker": {:.0f}, )"
        R"("peak_rss_before_runs_mb": {:.1f}, "bytes_per_live_jobseeker_above_start": {:.0f}, )"
        R"("digest": "{:016x}"{}, "digests_match": {}}})"
        "\n",
        input.name, o.scale, input.start.to_string(), input.end.to_string(), seed, o.threads,
        o.repeat, first.months, first.stats.events, first.stats.stale_events, first.stats.agents,
        first.stats.peak_live, wall, *std::min_element(w.begin(), w.end()),
        *std::max_element(w.begin(), w.end()), eps, rss,
        static_cast<double>(rss) / (1024.0 * 1024.0),
        peak_live > 0 ? static_cast<double>(rss) / peak_live : 0.0,
        static_cast<double>(rss_before) / (1024.0 * 1024.0),
        peak_live > 0 ? static_cast<double>(rss - rss_before) / peak_live : 0.0, first.digest, tail,
        match ? "true" : "false");
    return match ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"Kokeilu engine benchmarks", "kokeilu-bench"};
    app.require_subcommand(1);

    PholdParams p;
    int threads = 1;
    int repeat = 1;
    int compare_threads = -1;
    unsigned partitions = 0;
    bool json = false;
    bool baseline = true;
    auto* phold = app.add_subcommand("phold", "PHOLD on the engine, and on a plain "
                                              "std::priority_queue loop as the baseline");
    phold->add_option("--lps", p.objects, "PHOLD objects (one LP each unless --partitions)")
        ->capture_default_str();
    phold->add_option("--events-per-lp", p.events_per_object, "Initial events per object")
        ->capture_default_str();
    phold->add_option("--remote", p.remote, "Probability an event goes to another object")
        ->capture_default_str();
    phold->add_option("--lookahead", p.lookahead_days, "Minimum delay (and window), in days")
        ->capture_default_str();
    phold
        ->add_option("--mean-delay", p.mean_delay_days, "Mean of the exponential extra delay, days")
        ->capture_default_str();
    phold->add_option("--end-time", p.end_days, "Simulated days")->capture_default_str();
    phold->add_option("--seed", p.seed, "Random seed")->capture_default_str();
    phold->add_option("--threads", threads, "Engine threads (0 = all cores)")
        ->capture_default_str();
    phold->add_option("--partitions", partitions,
                      "Group the objects into this many LPs (0 = one LP per object)");
    phold->add_option("--repeat", repeat, "Time each run this many times and keep the fastest")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    phold->add_option("--compare-threads", compare_threads,
                      "Also time the engine on this many threads, interleaved with the main runs "
                      "so both see the same machine noise, and print the speed-up");
    phold->add_flag("--json", json, "Print one JSON object (the default output is the same JSON)");
    phold->add_flag("!--no-baseline", baseline, "Skip the std::priority_queue baseline");

    ModelBenchOptions mo;
    auto* model = app.add_subcommand(
        "model", "The jobseeker model on the built-in default scenario: wall time, events/s, "
                 "peak memory, and identical results on two thread counts");
    model->add_option("--scale", mo.scale, "population.scale (1 = the whole country)")
        ->check(CLI::Range(0.0001, 100.0))
        ->capture_default_str();
    model->add_option("--threads", mo.threads, "Model threads")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    model
        ->add_option("--compare-threads", mo.compare_threads,
                     "Also run on this many threads, alternating with the main runs, print the "
                     "speed-up and check that the results are identical")
        ->check(CLI::PositiveNumber);
    model->add_option("--repeat", mo.repeat, "Runs per thread count; wall time is their median")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    model->add_option("--end", mo.end, "scenario.end (YYYY-MM-DD, the last day of a month)");
    model->add_option("--seed", mo.seed, "Random seed (default: the scenario's)");
    model->add_flag("--json", json, "Print one JSON object (the default output is the same JSON)");
    CLI11_PARSE(app, argc, argv);
    (void)json; // JSON is the only output format; the flag is accepted for scripts' clarity.

    if (model->parsed()) {
        try {
            return bench_model(mo);
        } catch (const std::exception& e) {
            std::cerr << "kokeilu-bench: error: " << e.what() << '\n';
            return 2;
        }
    }

    try {
        p.validate();
        const auto lps = partitions == 0 ? p.objects : partitions;
        const auto partition = kokeilu::sim::Partition::blocks(p.objects, lps);
        auto run_on = [&](int t) {
            return kokeilu::sim::with_threads(
                t, [&] { return kokeilu::sim::examples::run_phold(p, partition); });
        };
        PholdResult engine_result;
        double engine_s = 1e300;
        PholdResult other_result;
        double other_s = 1e300;
        for (int i = 0; i < repeat; ++i) {
            auto [r, s] = timed_best(1, [&] { return run_on(threads); });
            if (s < engine_s) {
                engine_s = s;
                engine_result = r;
            }
            if (compare_threads >= 0) {
                auto [r2, s2] = timed_best(1, [&] { return run_on(compare_threads); });
                if (s2 < other_s) {
                    other_s = s2;
                    other_result = r2;
                }
            }
        }
        const std::uint64_t rss = peak_rss_bytes();
        const double eps = static_cast<double>(engine_result.events) / engine_s;
        std::string tail;
        if (compare_threads >= 0) {
            tail += fmt::format(
                R"(, "compare_threads": {}, "compare_wall_s": {:.6f}, )"
                R"("compare_events_per_s": {:.0f}, "speedup_vs_compare": {:.3f}, )"
                R"("compare_digest_matches": {})",
                compare_threads, other_s, static_cast<double>(other_result.events) / other_s,
                other_s / engine_s, other_result.digest == engine_result.digest ? "true" : "false");
        }
        if (baseline) {
            auto [base_result, base_s] =
                timed_best(repeat, [&] { return kokeilu::sim::examples::run_phold_baseline(p); });
            const double beps = static_cast<double>(base_result.events) / base_s;
            tail += fmt::format(R"(, "baseline_events": {}, "baseline_wall_s": {:.6f}, )"
                                R"("baseline_events_per_s": {:.0f}, "ratio_vs_baseline": {:.3f}, )"
                                R"("baseline_digest": "{:016x}", "digest_matches_baseline": {})",
                                base_result.events, base_s, beps, eps / beps, base_result.digest,
                                base_result.digest == engine_result.digest ? "true" : "false");
        }
        fmt::print(R"({{"mode": "phold", "lps": {}, "objects": {}, "events_per_lp": {}, )"
                   R"("remote": {}, "lookahead": {}, "end_time": {}, "threads": {}, "seed": {}, )"
                   R"("events": {}, "windows": {}, "remote_messages": {}, "wall_s": {:.6f}, )"
                   R"("events_per_s": {:.0f}, "peak_rss_bytes": {}, "digest": "{:016x}"{}}})"
                   "\n",
                   lps, p.objects, p.events_per_object, p.remote, p.lookahead_days, p.end_days,
                   threads, p.seed, engine_result.events, engine_result.stats.windows,
                   engine_result.stats.remote_messages, engine_s, eps, rss, engine_result.digest,
                   tail);
    } catch (const std::exception& e) {
        std::cerr << "kokeilu-bench: error: " << e.what() << '\n';
        return 2;
    }
    return 0;
}
