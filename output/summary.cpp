// The replication summary: SummaryRow equality and summarise_monthly (plain arithmetic).
#include "output/csv.hpp"
#include "output/result_file.hpp"

#include "sim/summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <tuple>

namespace kokeilu::output {

namespace {

/// Equal, or both NaN.
bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

/// The cell of a monthly row, then its replication: the order of the summary.
auto cell_then_replication(const MonthlyRow& r) {
    return std::tuple{r.scenario, r.month, r.provider, r.target_group, r.measure, r.replication};
}

bool same_cell(const MonthlyRow& a, const MonthlyRow& b) {
    return a.scenario == b.scenario && a.month == b.month && a.provider == b.provider &&
           a.target_group == b.target_group && a.measure == b.measure;
}

} // namespace

bool SummaryRow::operator==(const SummaryRow& other) const {
    return scenario == other.scenario && month == other.month && provider == other.provider &&
           target_group == other.target_group && measure == other.measure &&
           replications == other.replications && same(mean, other.mean) &&
           same(std_error, other.std_error) && same(ci_low, other.ci_low) &&
           same(ci_high, other.ci_high);
}

std::vector<SummaryRow> summarise_monthly(std::span<const MonthlyRow> rows, double level) {
    if (!(level > 0.0 && level < 1.0)) {
        throw OutputError("cannot summarise the monthly panel: the confidence level must lie "
                          "in (0, 1), got " +
                          format_double(level));
    }
    // Indices sorted by cell, then replication (then index, so that a duplicate is reported
    // the same way whatever the sort does with ties).
    std::vector<std::size_t> order(rows.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::pair{cell_then_replication(rows[a]), a} <
               std::pair{cell_then_replication(rows[b]), b};
    });

    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    std::vector<SummaryRow> out;
    std::vector<double> values;
    for (std::size_t begin = 0; begin < order.size();) {
        const MonthlyRow& first = rows[order[begin]];
        values.clear();
        std::size_t end = begin;
        for (; end < order.size() && same_cell(rows[order[end]], first); ++end) {
            const MonthlyRow& row = rows[order[end]];
            if (end > begin && rows[order[end - 1]].replication == row.replication) {
                throw OutputError(
                    "cannot summarise the monthly panel: monthly rows " +
                    std::to_string(order[end - 1]) + " and " + std::to_string(order[end]) +
                    " are both replication " + std::to_string(row.replication) +
                    " of the cell scenario " + std::to_string(row.scenario) + ", month " +
                    std::to_string(row.month) + ", provider " + std::to_string(row.provider) +
                    ", target_group " + std::to_string(row.target_group) + ", measure " +
                    std::to_string(row.measure));
            }
            values.push_back(row.value); // in replication order
        }
        SummaryRow s;
        s.scenario = first.scenario;
        s.month = first.month;
        s.provider = first.provider;
        s.target_group = first.target_group;
        s.measure = first.measure;
        s.replications = static_cast<std::uint32_t>(values.size());
        if (values.size() == 1) {
            s.mean = values.front();
            s.std_error = kNaN;
            s.ci_low = kNaN;
            s.ci_high = kNaN;
        } else {
            // The same arithmetic as analysis::summarise_replications, so both agree exactly.
            const sim::Summary summary = sim::summarise(values, level);
            s.mean = summary.mean;
            s.std_error = summary.std_error;
            s.ci_low = summary.lower();
            s.ci_high = summary.upper();
        }
        out.push_back(s);
        begin = end;
    }
    return out;
}

} // namespace kokeilu::output
