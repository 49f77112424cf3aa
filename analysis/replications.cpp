// Replication statistics over the monthly panel.
#include "analysis/replications.hpp"

#include "sim/summary.hpp"

#include <cmath>
#include <map>
#include <stdexcept>
#include <string>

namespace kokeilu::analysis {

namespace {

/// Values of each cell by replication (ordered maps: deterministic order).
using ByReplication = std::map<std::uint32_t, double>;

std::map<Cell, ByReplication> group(const output::ResultFile& file) {
    std::map<Cell, ByReplication> cells;
    for (const auto& r : file.monthly) {
        const Cell c{r.scenario, r.month, r.provider, r.target_group, r.measure};
        if (!cells[c].emplace(r.replication, r.value).second) {
            throw std::invalid_argument("analysis: replication " + std::to_string(r.replication) +
                                        " has two values for one cell of the monthly panel");
        }
    }
    return cells;
}

std::vector<double> values(const ByReplication& by_rep) {
    std::vector<double> v;
    v.reserve(by_rep.size());
    for (const auto& [rep, x] : by_rep) {
        v.push_back(x);
    }
    return v;
}

} // namespace

Estimate estimate(std::span<const double> values, double level) {
    Estimate e;
    e.n = values.size();
    if (values.empty()) {
        return e;
    }
    const auto n = static_cast<double>(values.size());
    double sum = 0.0;
    for (const double v : values) {
        sum += v;
    }
    e.mean = sum / n;
    if (values.size() < 2) {
        return e;
    }
    double squared_deviations = 0.0;
    for (const double v : values) {
        squared_deviations += (v - e.mean) * (v - e.mean);
    }
    const auto s = sim::summary_from_moments(values.size(), sum, squared_deviations,
                                             sim::t_quantile(values.size(), level), level);
    e.variance = squared_deviations / (n - 1.0);
    e.std_error = s.std_error;
    e.half_width = s.half_width;
    e.ci_low = s.lower();
    e.ci_high = s.upper();
    return e;
}

Paired paired(std::span<const double> xs, std::span<const double> refs, double level) {
    if (xs.size() != refs.size()) {
        throw std::invalid_argument("analysis: " + std::to_string(xs.size()) +
                                    " replication(s) to pair with " + std::to_string(refs.size()));
    }
    std::vector<double> diffs;
    diffs.reserve(xs.size());
    for (std::size_t r = 0; r < xs.size(); ++r) {
        diffs.push_back(xs[r] - refs[r]);
    }
    Paired p;
    p.difference = estimate(diffs, level);
    const double d = p.difference.variance;
    const double independent = estimate(xs, level).variance + estimate(refs, level).variance;
    if (!std::isnan(d) && !std::isnan(independent) && independent != 0.0) {
        p.variance_ratio = d / independent;
    }
    return p;
}

std::vector<CellSummary> summarise_replications(const output::ResultFile& file, double level) {
    std::vector<CellSummary> out;
    for (const auto& [cell, by_rep] : group(file)) {
        const Estimate e = estimate(values(by_rep), level);
        out.push_back(CellSummary{cell, e.n, e.mean, e.std_error, e.ci_low, e.ci_high});
    }
    return out;
}

std::vector<PairedDifference> paired_differences(const output::ResultFile& file,
                                                 std::uint32_t reference, double level) {
    const auto cells = group(file);
    std::vector<PairedDifference> out;
    for (const auto& [cell, by_rep] : cells) {
        if (cell.scenario == reference) {
            continue;
        }
        Cell ref_cell = cell;
        ref_cell.scenario = reference;
        const auto it = cells.find(ref_cell);
        if (it == cells.end()) {
            continue;
        }
        std::vector<double> xs;
        std::vector<double> refs;
        for (const auto& [rep, x] : by_rep) {
            const auto r = it->second.find(rep);
            if (r != it->second.end()) {
                xs.push_back(x);
                refs.push_back(r->second);
            }
        }
        if (xs.empty()) {
            continue;
        }
        const Paired p = paired(xs, refs, level);
        const Estimate& d = p.difference;
        out.push_back(PairedDifference{cell, d.n, d.mean, d.std_error, d.ci_low, d.ci_high,
                                       p.variance_ratio});
    }
    return out;
}

} // namespace kokeilu::analysis
