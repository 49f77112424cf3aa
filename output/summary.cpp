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
bool same(double a, double b) {
    return a == b || (std::isnan(a) && std::isnan(b));
}

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

// ---- SummaryBuilder ----------------------------------------------------------------------

#include "output/detail/atomic_file.hpp"
#include "output/detail/validate.hpp"
#include "sim/interrupt.hpp"

namespace kokeilu::output {

namespace {
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
/// Rows read back from the scratch file at a time.
constexpr std::size_t kReadRows = 1 << 15;
} // namespace

struct SummaryBuilder::Impl {
    detail::TableSizes sizes;
    std::vector<double> sum;
    std::vector<std::uint32_t> count;
    std::vector<std::uint32_t> last_replication;
    SummaryBuilder::RowSource source;
    std::unique_ptr<detail::ScratchFile> scratch; ///< without a source
    std::uint64_t rows = 0;
    bool finished = false;

    Impl(const Metadata& metadata, const Dimensions& dimensions, const std::filesystem::path& near,
         SummaryBuilder::RowSource row_source)
            : sizes(detail::TableSizes::of(metadata, dimensions)), source(std::move(row_source)) {
        if (!source) {
            scratch = std::make_unique<detail::ScratchFile>(near);
        }
        const std::size_t cells =
            sizes.scenarios * sizes.months * sizes.providers * sizes.target_groups * sizes.measures;
        sum.assign(cells, 0.0);
        count.assign(cells, 0);
        last_replication.assign(cells, kNone);
    }

    /// The cell's index in the order of the summary (scenario, month, provider, group, measure).
    [[nodiscard]] std::size_t cell(const MonthlyRow& r) const {
        return (((r.scenario * sizes.months + r.month) * sizes.providers + r.provider) *
                    sizes.target_groups +
                r.target_group) *
                   sizes.measures +
               r.measure;
    }
};

SummaryBuilder::SummaryBuilder(const Metadata& metadata, const Dimensions& dimensions,
                               const std::filesystem::path& near, RowSource source)
        : impl_(std::make_unique<Impl>(metadata, dimensions, near, std::move(source))) {}

SummaryBuilder::~SummaryBuilder() = default;

void SummaryBuilder::add(std::span<const MonthlyRow> rows) {
    Impl& self = *impl_;
    detail::check_codes(rows, self.rows, self.sizes, "cannot summarise the monthly panel");
    for (const MonthlyRow& r : rows) {
        const std::size_t c = self.cell(r);
        const std::uint32_t last = self.last_replication[c];
        if (last != kNone && r.replication <= last) {
            throw OutputError("cannot summarise the monthly panel: replication " +
                              std::to_string(r.replication) + " of the cell scenario " +
                              std::to_string(r.scenario) + ", month " + std::to_string(r.month) +
                              ", provider " + std::to_string(r.provider) + ", target_group " +
                              std::to_string(r.target_group) + ", measure " +
                              std::to_string(r.measure) + " comes after replication " +
                              std::to_string(last) + " (rows must come in replication order)");
        }
        self.last_replication[c] = r.replication;
        self.sum[c] += r.value;
        ++self.count[c];
    }
    if (self.scratch) {
        self.scratch->append(rows.data(), rows.size_bytes());
    }
    self.rows += rows.size();
}

std::vector<SummaryRow> SummaryBuilder::finish(double level) {
    Impl& self = *impl_;
    if (!(level > 0.0 && level < 1.0)) {
        throw OutputError("cannot summarise the monthly panel: the confidence level must lie "
                          "in (0, 1), got " +
                          format_double(level));
    }
    if (self.finished) {
        throw std::logic_error("SummaryBuilder::finish called twice");
    }
    self.finished = true;
    // Second pass: squared deviations from each cell's mean, in the order the rows came.
    std::vector<double> ss(self.sum.size(), 0.0);
    std::uint64_t seen = 0;
    const auto second_pass = [&](std::span<const MonthlyRow> rows) {
        for (const MonthlyRow& r : rows) {
            const std::size_t c = self.cell(r);
            const double mean = self.sum[c] / static_cast<double>(self.count[c]);
            ss[c] += (r.value - mean) * (r.value - mean);
        }
        seen += rows.size();
    };
    if (self.source) {
        self.source(second_pass);
    } else {
        std::vector<MonthlyRow> chunk(kReadRows);
        for (std::uint64_t first = 0; first < self.rows; first += kReadRows) {
            throw_if_interrupted();
            const auto n =
                static_cast<std::size_t>(std::min<std::uint64_t>(kReadRows, self.rows - first));
            self.scratch->read(first * sizeof(MonthlyRow), chunk.data(), n * sizeof(MonthlyRow));
            second_pass(std::span<const MonthlyRow>(chunk.data(), n));
        }
    }
    if (seen != self.rows) {
        throw std::logic_error("SummaryBuilder: the second pass saw " + std::to_string(seen) +
                               " rows, the first " + std::to_string(self.rows));
    }
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    std::vector<double> t_by_n; // Student-t quantiles, computed once per n
    std::vector<SummaryRow> out;
    std::size_t c = 0;
    for (std::uint32_t sc = 0; sc < self.sizes.scenarios; ++sc) {
        for (std::uint32_t mo = 0; mo < self.sizes.months; ++mo) {
            for (std::uint32_t p = 0; p < self.sizes.providers; ++p) {
                for (std::uint32_t g = 0; g < self.sizes.target_groups; ++g) {
                    for (std::uint32_t me = 0; me < self.sizes.measures; ++me, ++c) {
                        const std::uint32_t n = self.count[c];
                        if (n == 0) {
                            continue;
                        }
                        SummaryRow s{sc, mo, p, g, me, n, 0.0, kNaN, kNaN, kNaN};
                        if (n == 1) {
                            s.mean = self.sum[c];
                        } else {
                            if (t_by_n.size() <= n) {
                                t_by_n.resize(n + 1, kNaN);
                            }
                            if (std::isnan(t_by_n[n])) {
                                t_by_n[n] = sim::t_quantile(n, level);
                            }
                            const sim::Summary m =
                                sim::summary_from_moments(n, self.sum[c], ss[c], t_by_n[n], level);
                            s.mean = m.mean;
                            s.std_error = m.std_error;
                            s.ci_low = m.lower();
                            s.ci_high = m.upper();
                        }
                        out.push_back(s);
                    }
                }
            }
        }
    }
    return out;
}

} // namespace kokeilu::output
