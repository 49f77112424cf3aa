// Replication statistics over the monthly panel.
#include "analysis/replications.hpp"

#include "sim/summary.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace kokeilu::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

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

struct Moments {
    std::size_t n = 0;
    double mean = 0.0;
    double variance = kNaN; ///< sample variance
    double std_error = kNaN;
    double ci_low = kNaN;
    double ci_high = kNaN;
};

Moments moments(const std::vector<double>& xs, double level) {
    Moments m;
    m.n = xs.size();
    if (xs.empty()) {
        return m;
    }
    if (xs.size() == 1) {
        m.mean = xs.front();
        return m;
    }
    const auto s = sim::summarise(xs, level);
    m.mean = s.mean;
    m.variance = s.std_dev * s.std_dev;
    m.std_error = s.std_error;
    m.ci_low = s.lower();
    m.ci_high = s.upper();
    return m;
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

std::vector<CellSummary> summarise_replications(const output::ResultFile& file, double level) {
    std::vector<CellSummary> out;
    for (const auto& [cell, by_rep] : group(file)) {
        const Moments m = moments(values(by_rep), level);
        out.push_back(CellSummary{cell, m.n, m.mean, m.std_error, m.ci_low, m.ci_high});
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
        std::vector<double> diffs;
        std::vector<double> xs;
        std::vector<double> refs;
        for (const auto& [rep, x] : by_rep) {
            const auto r = it->second.find(rep);
            if (r != it->second.end()) {
                diffs.push_back(x - r->second);
                xs.push_back(x);
                refs.push_back(r->second);
            }
        }
        if (diffs.empty()) {
            continue;
        }
        const Moments d = moments(diffs, level);
        const Moments a = moments(xs, level);
        const Moments b = moments(refs, level);
        const double independent = a.variance + b.variance;
        const double ratio = (std::isnan(d.variance) || std::isnan(independent) ||
                              independent == 0.0)
                                 ? kNaN
                                 : d.variance / independent;
        out.push_back(
            PairedDifference{cell, d.n, d.mean, d.std_error, d.ci_low, d.ci_high, ratio});
    }
    return out;
}

} // namespace kokeilu::analysis
