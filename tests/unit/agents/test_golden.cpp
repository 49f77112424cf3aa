// Golden digests: the guard for refactoring the jobseeker model (issue 14). Each case hashes
// everything one run computes (every value and cohort outcome of every month, the traced
// persons' events and the run's counters) for a scenario that exercises one part of the model.
// Any change to what the model computes changes a digest. When a change is meant to move
// results, run `kokeilu_model_tests "[golden]"`, put the new digests here and say in the commit
// message why the results moved.
#include "agents/jobseeker_model.hpp"
#include "scenario/build.hpp"
#include "scenario/scenario.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

using namespace kokeilu;

namespace {

/// 64-bit FNV-1a.
class Digest {
public:
    void add(const void* data, std::size_t bytes) {
        const auto* b = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < bytes; ++i) {
            h_ = (h_ ^ b[i]) * 0x100000001b3ULL;
        }
    }
    void add(const std::vector<double>& v) { add(v.data(), v.size() * sizeof(double)); }
    void add(std::uint64_t x) { add(&x, sizeof x); }
    [[nodiscard]] std::uint64_t value() const { return h_; }

private:
    std::uint64_t h_ = 0xcbf29ce484222325ULL;
};

struct Golden {
    std::uint64_t results = 0; ///< values and cohorts of every month
    std::uint64_t traces = 0;  ///< the traced persons' events
    std::uint64_t stats = 0;   ///< events, stale events, agents, peak live, person ids
};

Golden golden_run(const std::string& file, std::vector<std::string> sets,
                  std::uint32_t trace_sample = 0) {
    sets.insert(sets.begin(), "population.scale=0.01");
    const auto input = scenario::build_model_input(scenario::load_scenario(file, sets));
    Digest results;
    Digest traces;
    agents::TraceOptions trace;
    trace.sample = trace_sample;
    const auto stats = agents::run_model(
        input, 1, 0, 2,
        [&](const agents::MonthPanel& p) {
            results.add(p.values);
            results.add(p.cohorts);
            for (const agents::TraceEvent& e : p.traces) {
                traces.add(e.person);
                traces.add(static_cast<std::uint64_t>(e.time));
                traces.add(static_cast<std::uint64_t>(e.event) << 16 |
                           static_cast<std::uint64_t>(e.from) << 8 |
                           static_cast<std::uint64_t>(e.to));
                traces.add(std::uint64_t{e.provider});
            }
        },
        nullptr, trace);
    REQUIRE_FALSE(stats.interrupted);
    Digest counters;
    counters.add(stats.events);
    counters.add(stats.stale_events);
    counters.add(stats.agents);
    counters.add(stats.peak_live);
    counters.add(stats.person_id_end);
    return {results.value(), traces.value(), counters.value()};
}

void check(const Golden& got, const Golden& want) {
    INFO("results 0x" << std::hex << got.results);
    INFO("traces  0x" << std::hex << got.traces);
    INFO("stats   0x" << std::hex << got.stats);
    CHECK(got.results == want.results);
    CHECK(got.traces == want.traces);
    CHECK(got.stats == want.stats);
}

const std::vector<std::string> kNoPilots{"scenario.end=2021-12-31", "pilot.start=2030-01-01",
                                         "pilot.end=2030-12-31"};

std::vector<std::string> plus(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

} // namespace

TEST_CASE("golden: the default scenario at 1 % scale to 2021, with traces",
          "[unit][model][golden]") {
    check(golden_run("", {"scenario.end=2021-12-31"}, 300),
          {0x87089947d9b7061fULL, 0xb4e251fbf8616a47ULL, 0xaaeb55839c1d1c4ULL});
}

TEST_CASE("golden: the default scenario's whole run to 2024 (the Nordic model from 2022-05)",
          "[unit][model][golden]") {
    check(golden_run("", {}, 100),
          {0x6685cdfd3049cd90ULL, 0x8c29d6b82a1d2c26ULL, 0x6381ea75585fd9d6ULL});
}

TEST_CASE("golden: yearly training budgets that queue and that refuse", "[unit][model][golden]") {
    // Uusimaa's training money of configs/budgets.toml, made small and yearly.
    const std::vector<std::string> budget{"budgets.training_uusimaa.eur_per_year=20000000",
                                          "budgets.training_uusimaa.released=yearly"};
    check(golden_run(
              "", plus(plus(kNoPilots, budget), {"budgets.training_uusimaa.when_exhausted=queue"}),
              100),
          {0xfde327935fa77ae8ULL, 0x9a5d783348f196d9ULL, 0xde4a23eccb037a26ULL});
    check(golden_run(
              "", plus(plus(kNoPilots, budget), {"budgets.training_uusimaa.when_exhausted=refuse"}),
              100),
          {0x98f3bfcab10e5e7eULL, 0x3b1727cf0ac381c8ULL, 0xcc5433aab441bfa9ULL});
}

TEST_CASE("golden: a caseload cap, profiling and a closed summer month", "[unit][model][golden]") {
    check(golden_run("",
                     plus(kNoPilots, {"service_models.te_office.caseload_cap_per_counsellor=60"}),
                     100),
          {0xe6c0e96aa27f3de0ULL, 0xdcf68d10751561b5ULL, 0x1764a9eb5a7843e9ULL});
    check(golden_run("",
                     plus(kNoPilots, {"service_models.te_office.risk_thresholds=[0.25, 0.4]",
                                      "service_models.te_office.intensive_from_group=1",
                                      "service_models.te_office.referral_intensive=0.9"}),
                     100),
          {0x6f7dc167886bd759ULL, 0x9100af688d20986eULL, 0x356ebb96536ec89ULL});
    check(golden_run("",
                     plus(kNoPilots, {"service_models.te_office.stages.labour_market_training."
                                      "closed_months=[6, 7]"}),
                     100),
          {0x6242a751b97f1c88ULL, 0x734fb8c78b09ca34ULL, 0xc2694ec7d71e8478ULL});
}

TEST_CASE("golden: TE24 from 2025", "[unit][model][golden]") {
    check(golden_run(KOKEILU_SOURCE_DIR "/configs/te24.toml", {}, 100),
          {0x7b1c3bd9b0a95522ULL, 0xfa4b1401dd05a3faULL, 0x464f6787ba592012ULL});
}
