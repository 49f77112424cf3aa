// run_model: one replication of the jobseeker model, one logical process per TE-office region.
//
// A region's LP owns its TE office, its pilot areas and every person who registers there. The
// regions never exchange events (moves between regions are exits), so a run's results are the
// same for any thread count by construction; the engine's order (time, priority, source, seq)
// fixes the order inside a region.
#include "agents/jobseeker_model.hpp"

#include "agents/region_model.hpp"
#include "agents/run_setup.hpp"
#include "sim/engine.hpp"
#include "sim/random.hpp"

#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace kokeilu::agents {

namespace {

using region::RegionModel;
using region::Shared;
using sim::Date;
using sim::SimTime;

/// Staff of one region in one period: the pilots cannot take more listed counsellors than the
/// TE office has (pilot.state_staff = "as_listed"), nor hold more than all of its residents.
void check_region_staff(const ModelInput& input, const ModelParams& q, std::size_t r) {
    double taken = 0.0;
    double te = 0.0;
    double residents = 0.0;
    for (std::size_t pr = 0; pr < input.providers.size(); ++pr) {
        if (input.providers[pr].region != r) {
            continue;
        }
        if (input.providers[pr].pilot) {
            taken += q.counsellors[pr];
            residents += input.providers[pr].resident_share;
        } else {
            te += q.counsellors[pr];
        }
    }
    if (q.staff_as_listed && taken > te + 1e-9) {
        throw std::invalid_argument("region `" + input.regions[r].name + "`: its pilots take " +
                                    std::to_string(taken) +
                                    " counsellors from a TE office that has " + std::to_string(te) +
                                    " (providers.*.counsellors)");
    }
    if (residents > 1.0 + 1e-9) {
        throw std::invalid_argument("region `" + input.regions[r].name +
                                    "`: the resident shares of its pilots sum to more "
                                    "than 1 (providers.*.resident_share)");
    }
}

/// A backstop for input that did not come through the scenario checks.
void check_input(const ModelInput& input) {
    if (input.regions.empty() || input.providers.empty() || input.periods.empty()) {
        throw std::invalid_argument("the model needs regions, providers and parameters");
    }
    if (!(input.scale > 0.0)) {
        throw std::invalid_argument("population.scale must be positive");
    }
    for (const auto& [date, q] : input.periods) {
        if (q.counsellors.size() != input.providers.size() ||
            q.municipal_counsellors.size() != input.providers.size() ||
            q.service_model.size() != input.providers.size()) {
            throw std::invalid_argument("provider parameters do not match the provider list");
        }
        for (std::size_t r = 0; r < input.regions.size(); ++r) {
            check_region_staff(input, q, r);
        }
    }
}

/// The parameters in force on date d.
const ModelParams& params_at(const ModelInput& input, Date d) {
    const ModelParams* q = &input.periods.front().second;
    for (const auto& [date, pq] : input.periods) {
        if (date <= d) {
            q = &pq;
        }
    }
    return *q;
}

/// One model per region with its registrations: the initial stock, then each month's new
/// spells. Persons are numbered across regions for their random streams (region r's persons
/// follow those of regions 0..r-1, one number apart).
std::vector<RegionModel> make_regions(const Shared& sh, ModelRunStats& stats) {
    const ModelInput& input = *sh.in;
    std::vector<RegionModel> models;
    std::uint64_t next_person = 0;
    for (std::uint32_t r = 0; r < input.regions.size(); ++r) {
        const double share = input.regions[r].jobseeker_share;
        sim::RandomStream rs(sim::StreamKey{sh.seed, sh.replication, 0xFFFF'0000ULL + r, 7});
        const double initial = input.initial_unemployed * input.scale * share;
        const auto n0 = static_cast<std::uint32_t>(std::floor(initial + rs.uniform01()));
        std::vector<std::uint32_t> counts;
        for (std::size_t k = 0; k + 1 < sh.month_starts.size(); ++k) {
            const Date m0 = sh.month_starts[k];
            const ModelParams& q = params_at(input, m0);
            const auto moy = static_cast<std::size_t>(m0.month() - 1);
            const double seasonal = q.seasonal_registrants[moy];
            const double expected =
                q.inflow_per_month * input.scale * share *
                    region::indexed(q.inflow_index, region::month_offset(input.index_start, m0)) +
                seasonal * input.scale * share;
            counts.push_back(static_cast<std::uint32_t>(std::floor(expected + rs.uniform01())));
        }
        // One engine entity (and LP) per region.
        models.emplace_back(&sh, r, r, next_person + 1, std::move(counts), n0);
        next_person += 1 + models.back().agent_count();
        stats.agents += models.back().agent_count();
    }
    if (next_person > std::numeric_limits<std::uint32_t>::max() / 2) {
        throw std::invalid_argument("too many persons for one run; lower population.scale");
    }
    stats.person_id_end = next_person;
    return models;
}

/// Traced persons: the ids asked for, and `sample` ids spread evenly over everyone.
void assign_traced(std::vector<RegionModel>& models, const TraceOptions& trace,
                   std::uint64_t person_id_end) {
    if (trace.persons.empty() && trace.sample == 0) {
        return;
    }
    std::vector<std::uint64_t> ids = trace.persons;
    for (std::uint64_t k = 0; k < trace.sample; ++k) {
        ids.push_back((2 * k + 1) * person_id_end / (2 * std::uint64_t{trace.sample}));
    }
    std::uint64_t first = 0;
    for (auto& m : models) {
        const std::uint64_t begin = first + 1;
        const std::uint64_t end = begin + m.agent_count();
        std::vector<std::uint32_t> local;
        for (const std::uint64_t id : ids) {
            if (id >= begin && id < end) {
                local.push_back(static_cast<std::uint32_t>(id - begin));
            }
        }
        std::sort(local.begin(), local.end());
        local.erase(std::unique(local.begin(), local.end()), local.end());
        m.set_traced(std::move(local));
        first = end;
    }
}

/// Moves one region's snapshots and traces into the month's panel (a region's blocks are per
/// local provider; the panel's per global provider). True if the region wrote a month.
bool collect_region(RegionModel& m, const Shared& sh, MonthPanel& panel) {
    auto& buffer = m.trace_buffer();
    panel.traces.insert(panel.traces.end(), buffer.begin(), buffer.end());
    buffer.clear();
    const auto& prov = m.providers();
    auto scatter = [&](const std::vector<double>& from, std::vector<double>& to,
                       std::size_t width) {
        for (std::size_t l = 0; l < prov.size(); ++l) {
            std::copy_n(from.begin() + static_cast<std::ptrdiff_t>(l * width), width,
                        to.begin() + static_cast<std::ptrdiff_t>(prov[l] * width));
        }
    };
    for (const auto& c : m.cohort_snapshots()) {
        scatter(c, panel.cohorts, region::kGroups * kCohortMetricCount);
    }
    m.cohort_snapshots().clear();
    for (const auto& b : m.breakdown_snapshots()) {
        scatter(b, panel.breakdowns, region::kBreakdownWidth);
    }
    m.breakdown_snapshots().clear();
    bool any = false;
    for (const auto& [month, values] : m.snapshots()) {
        any = true;
        const Date d = sh.month_starts[static_cast<std::size_t>(month)];
        panel.year = d.year();
        panel.month = d.month();
        scatter(values, panel.values, region::kGroups * kMetricCount);
    }
    m.snapshots().clear();
    return any;
}

} // namespace

ModelRunStats run_model(const ModelInput& input, std::uint64_t seed, std::uint64_t replication,
                        int threads, const MonthCallback& on_month, const std::atomic<bool>* stop,
                        const TraceOptions& trace) {
    check_input(input);
    const Shared sh = region::make_shared(input, seed, replication);
    ModelRunStats stats;
    std::vector<RegionModel> models = make_regions(sh, stats);
    assign_traced(models, trace, stats.person_id_end);
    const auto regions = static_cast<std::uint32_t>(models.size());
    std::vector<sim::LpId> lp_of(regions);
    for (std::uint32_t r = 0; r < regions; ++r) {
        lp_of[r] = r;
    }
    sim::Engine<RegionModel> engine(sim::Partition(std::move(lp_of)), sim::days(7),
                                    std::move(models));
    for (std::uint32_t r = 0; r < regions; ++r) {
        engine.schedule_initial(r, r, SimTime::zero(), region::kMonthStart, 0, 0);
    }
    tbb::task_arena arena(std::max(1, threads));
    std::uint64_t engine_events = 0;
    MonthPanel panel;
    const std::size_t providers = input.providers.size();
    for (std::size_t k = 1; k < sh.month_starts.size(); ++k) {
        const SimTime until = sim::days(sh.month_starts[k] - sh.origin);
        sim::RunStats rs;
        arena.execute([&] { rs = engine.run_until(std::min(until, sh.horizon), stop); });
        engine_events += rs.events;
        if (rs.interrupted) {
            stats.events = engine_events;
            stats.interrupted = true;
            return stats;
        }
        panel.traces.clear();
        panel.values.assign(providers * region::kGroups * kMetricCount, 0.0);
        panel.cohorts.assign(providers * region::kGroups * kCohortMetricCount, 0.0);
        panel.breakdowns.assign(providers * region::kBreakdownWidth, 0.0);
        bool any = false;
        std::uint64_t live = 0;
        stats.stale_events = 0;
        for (std::uint32_t r = 0; r < regions; ++r) {
            any = collect_region(engine.model(r), sh, panel) || any;
            live += engine.model(r).live_count();
            stats.stale_events += engine.model(r).stale_count();
        }
        stats.peak_live = std::max(stats.peak_live, live);
        stats.events = engine_events - stats.stale_events; // cancelled timers are not events
        panel.events = stats.events;
        if (any && on_month) {
            on_month(panel);
        }
    }
    return stats;
}

} // namespace kokeilu::agents
