// A small run of the jobseeker model on the default scenario (1 % scale unless the test sets
// it), with helpers that total a measure over providers and person groups; shared by the
// test_model_*.cpp files.
#pragma once

#include "agents/jobseeker_model.hpp"
#include "scenario/build.hpp"
#include "scenario/scenario.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace kokeilu::model_test {

using agents::Metric;

inline constexpr std::size_t kGroups = agents::kTargetGroups.size();
inline constexpr std::size_t kAll = kGroups - 1;

struct Run {
    agents::ModelInput input;
    std::vector<agents::MonthPanel> months;

    [[nodiscard]] std::size_t provider(const std::string& name) const {
        for (std::size_t p = 0; p < input.providers.size(); ++p) {
            if (input.providers[p].name == name) {
                return p;
            }
        }
        FAIL("no provider " << name);
        return 0;
    }
    [[nodiscard]] std::size_t month(int year, int month) const {
        for (std::size_t k = 0; k < months.size(); ++k) {
            if (months[k].year == year && months[k].month == month) {
                return k;
            }
        }
        FAIL("no month " << year << "-" << month);
        return 0;
    }
    /// Sum over the four person groups of one provider (or all when provider < 0, or only
    /// pilots / TE offices).
    enum class Who { All, Pilots, TeOffices };
    [[nodiscard]] double total(std::size_t k, Metric m, Who who = Who::All) const {
        double s = 0.0;
        for (std::size_t p = 0; p < input.providers.size(); ++p) {
            if ((who == Who::Pilots && !input.providers[p].pilot) ||
                (who == Who::TeOffices && input.providers[p].pilot)) {
                continue;
            }
            for (std::size_t g = 0; g + 1 < kGroups; ++g) {
                s += months[k].value(p, g, m);
            }
        }
        return s;
    }
    /// total() summed over every month of the run (person-months of a stock, a flow's sum).
    [[nodiscard]] double sum(Metric m, Who who = Who::All) const {
        double s = 0.0;
        for (std::size_t k = 0; k < months.size(); ++k) {
            s += total(k, m, who);
        }
        return s;
    }
    [[nodiscard]] double of(std::size_t k, std::size_t p, Metric m) const {
        if (agents::metric_is_provider_level(m)) {
            return months[k].value(p, kAll, m);
        }
        double s = 0.0;
        for (std::size_t g = 0; g + 1 < kGroups; ++g) {
            s += months[k].value(p, g, m);
        }
        return s;
    }
};

/// Runs a model input as it is (a test may change what no key or --set reaches, such as a
/// value of every [[timeline]] period).
inline Run run_input(agents::ModelInput input, int threads = 2, std::uint64_t seed = 1) {
    Run r;
    r.input = std::move(input);
    const auto stats = agents::run_model(
        r.input, seed, 0, threads, [&](const agents::MonthPanel& p) { r.months.push_back(p); });
    REQUIRE_FALSE(stats.interrupted);
    return r;
}

/// The model input of the default scenario at 1 % scale with `sets`.
inline agents::ModelInput default_input(std::vector<std::string> sets) {
    sets.insert(sets.begin(), "population.scale=0.01");
    return scenario::build_model_input(scenario::load_scenario("", sets));
}

inline Run run(std::vector<std::string> sets, int threads = 2, std::uint64_t seed = 1) {
    return run_input(default_input(std::move(sets)), threads, seed);
}

/// Sum of a metric over a region's providers (its TE office and pilots).
inline double region_total(const Run& r, std::size_t k, Metric m, std::uint32_t region) {
    double s = 0.0;
    for (std::size_t p = 0; p < r.input.providers.size(); ++p) {
        if (r.input.providers[p].region == region) {
            s += r.of(k, p, m);
        }
    }
    return s;
}

inline Metric service(agents::ServiceMeasure m, agents::ServiceKind k) {
    return agents::service_metric(m, k);
}

} // namespace kokeilu::model_test
