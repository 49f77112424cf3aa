// The numbers of the workshop report.
#include "analysis/report_data.hpp"

#include "analysis/aggregate.hpp"
#include "sim/interrupt.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <span>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace kokeilu::analysis::report_detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A headline outcome drawn as a difference over time: the measures added up for it (those the
/// file has) and a factor for its unit.
struct DifferenceSpec {
    std::string_view title;
    std::string_view unit;
    std::array<std::string_view, 4> measures;
    double factor;
};

constexpr std::array<DifferenceSpec, 7> kDifferenceSpecs{{
    {"Unemployed", "persons", {"unemployed"}, 1.0},
    {"Long-term unemployed", "persons", {"unemployed_12m_plus"}, 1.0},
    {"Exits to employment", "persons/month", {"exits_employment"}, 1.0},
    {"Days to first contact", "days", {"time_to_first_contact_days_mean"}, 1.0},
    {"Interviews overdue", "persons", {"interviews_overdue"}, 1.0},
    {"Caseload per counsellor", "jobseekers/counsellor", {"caseload_per_counsellor"}, 1.0},
    {"Spending, staff included",
     "M EUR/month",
     {"spend_state_eur", "spend_municipality_eur", "spend_unemployment_funds_eur",
      "spend_staff_eur"},
     1e-6},
}};

/// What the report keeps of one run.
struct RunValues {
    std::vector<double> monthly;                 ///< [month][measure]
    std::vector<double> window;                  ///< [measure]
    std::vector<std::vector<double>> difference; ///< [spec][month], NaN where missing
    std::optional<Headline> headline;
};

/// The codes of a spec's measures in the file.
std::vector<std::size_t> spec_codes(const DifferenceSpec& spec,
                                    const std::vector<output::Measure>& measures) {
    std::vector<std::size_t> codes;
    for (const auto name : spec.measures) {
        for (std::size_t k = 0; k < measures.size() && !name.empty(); ++k) {
            if (measures[k].name == name) {
                codes.push_back(k);
            }
        }
    }
    return codes;
}

/// Each run's rows: [scenario][replication] -> ranges of row indexes (a run's rows are usually
/// one range; any order is read).
using Ranges = std::map<std::pair<std::uint32_t, std::uint32_t>,
                        std::vector<std::pair<std::size_t, std::size_t>>>;

Ranges run_ranges(const std::vector<output::MonthlyRow>& rows) {
    Ranges out;
    std::size_t begin = 0;
    for (std::size_t i = 1; i <= rows.size(); ++i) {
        if (i == rows.size() || rows[i].scenario != rows[begin].scenario ||
            rows[i].replication != rows[begin].replication) {
            out[{rows[begin].scenario, rows[begin].replication}].emplace_back(begin, i);
            begin = i;
        }
    }
    return out;
}

struct Context {
    const output::ResultFile& file;
    std::vector<MeasureRule> rules;
    std::optional<std::pair<std::size_t, std::size_t>> window;
    std::vector<std::vector<std::size_t>> spec_codes; ///< [spec]
    std::string no_headline;
};

RunValues values_of(std::span<const output::MonthlyRow> rows, Context& c) {
    const auto& dims = c.file.dimensions;
    const RunTotals t(rows, dims, c.rules);
    RunValues v;
    const std::size_t months = t.months();
    const std::size_t measures = t.measures();
    v.monthly.resize(months * measures);
    for (std::size_t m = 0; m < months; ++m) {
        for (std::size_t k = 0; k < measures; ++k) {
            v.monthly[m * measures + k] = t.value(m, k);
        }
    }
    if (!c.window) {
        return v;
    }
    const auto [first, last] = *c.window;
    for (std::size_t k = 0; k < measures; ++k) {
        v.window.push_back(t.window(k, first, last));
    }
    try {
        v.headline = headline_of(t, dims, dims.months[first], dims.months[last]);
    } catch (const std::invalid_argument& e) {
        c.no_headline = e.what();
    }
    for (const auto& codes : c.spec_codes) {
        auto& d = v.difference.emplace_back(months, codes.empty() ? kNaN : 0.0);
        for (std::size_t m = 0; m < months; ++m) {
            for (const std::size_t k : codes) {
                d[m] += t.value(m, k);
            }
        }
    }
    return v;
}

/// runs[scenario][replication], empty where the file has no rows of that run.
using Runs = std::vector<std::vector<std::optional<RunValues>>>;

Runs read_runs(Context& c) {
    const auto& rows = c.file.monthly;
    const std::size_t scenarios = c.file.metadata.scenario_names.size();
    std::uint32_t reps = c.file.metadata.replications;
    for (const auto& r : rows) {
        reps = std::max(reps, r.replication + 1);
    }
    Runs runs(scenarios, std::vector<std::optional<RunValues>>(reps));
    for (const auto& [run, ranges] : run_ranges(rows)) {
        throw_if_interrupted(); // a long file: Ctrl-C is honoured between runs
        if (run.first >= scenarios) {
            continue;
        }
        if (ranges.size() == 1) {
            const std::span<const output::MonthlyRow> all(rows);
            runs[run.first][run.second] =
                values_of(all.subspan(ranges[0].first, ranges[0].second - ranges[0].first), c);
            continue;
        }
        std::vector<output::MonthlyRow> gathered;
        for (const auto& [b, e] : ranges) {
            gathered.insert(gathered.end(), rows.begin() + static_cast<std::ptrdiff_t>(b),
                            rows.begin() + static_cast<std::ptrdiff_t>(e));
        }
        runs[run.first][run.second] = values_of(gathered, c);
    }
    return runs;
}

Point point_of(const Estimate& e) {
    return Point{e.n, e.mean, e.ci_low, e.ci_high};
}

/// The estimate over the replications of `get(run)` where it is a number.
template <typename Get>
Point over_replications(const std::vector<std::optional<RunValues>>& runs, Get get) {
    std::vector<double> xs;
    for (const auto& r : runs) {
        if (r && !std::isnan(get(*r))) {
            xs.push_back(get(*r));
        }
    }
    return xs.empty() ? Point{} : point_of(estimate(xs));
}

/// Scenario s minus scenario 0, paired over the replications where both are numbers.
template <typename Get>
std::optional<Paired> paired_over(const Runs& runs, std::size_t s, Get get) {
    std::vector<double> xs;
    std::vector<double> refs;
    for (std::size_t r = 0; r < runs[s].size(); ++r) {
        const auto& a = runs[s][r];
        const auto& b = runs[0][r];
        if (a && b && !std::isnan(get(*a)) && !std::isnan(get(*b))) {
            xs.push_back(get(*a));
            refs.push_back(get(*b));
        }
    }
    if (xs.empty()) {
        return std::nullopt;
    }
    return paired(xs, refs);
}

std::optional<HeadlineTable> headline_table(const Runs& runs, std::string& why) {
    std::vector<std::vector<Headline>> by_scenario;
    for (const auto& scenario : runs) {
        auto& h = by_scenario.emplace_back();
        for (const auto& run : scenario) {
            if (run && run->headline) {
                h.push_back(*run->headline);
            }
        }
        if (h.empty()) {
            return std::nullopt;
        }
    }
    try {
        return summarise_headlines(by_scenario);
    } catch (const std::invalid_argument&) {
        why = "the scenarios do not have the same replications";
        return std::nullopt;
    }
}

void add_differences(ReportData& d, const Runs& runs, const Context& c) {
    const auto& months = c.file.dimensions.months;
    const auto& names = c.file.metadata.scenario_names;
    for (std::size_t k = 0; k < kDifferenceSpecs.size(); ++k) {
        if (c.spec_codes[k].empty()) {
            continue;
        }
        DifferenceChart chart{
            std::string(kDifferenceSpecs[k].title), std::string(kDifferenceSpecs[k].unit), {}};
        const double f = kDifferenceSpecs[k].factor;
        for (std::size_t s = 1; s < runs.size(); ++s) {
            ChartLine line{names[s] + " minus " + names[0], s, {}};
            for (std::size_t m = 0; m < months.size(); ++m) {
                const auto p =
                    paired_over(runs, s, [&](const RunValues& v) { return v.difference[k][m]; });
                line.points.push_back(p ? Point{p->difference.n, f * p->difference.mean,
                                                f * p->difference.ci_low, f * p->difference.ci_high}
                                        : Point{});
            }
            chart.lines.push_back(std::move(line));
        }
        d.difference_charts.push_back(std::move(chart));
    }
}

std::optional<std::pair<std::size_t, std::size_t>>
window_codes(const std::vector<std::chrono::year_month>& months,
             const std::optional<MonthWindow>& window) {
    if (months.empty()) {
        return std::nullopt;
    }
    const auto from = window ? window->from : months.front();
    const auto to = window ? window->to : months.back();
    const auto first = static_cast<std::size_t>(
        std::lower_bound(months.begin(), months.end(), from) - months.begin());
    const auto end = static_cast<std::size_t>(std::upper_bound(months.begin(), months.end(), to) -
                                              months.begin());
    if (first >= end) {
        return std::nullopt;
    }
    return std::make_pair(first, end - 1);
}

} // namespace

ReportData compute_report_data(const output::ResultFile& file,
                               const std::optional<MonthWindow>& window) {
    Context c{file,
              aggregation_rules(file.dimensions.measures),
              window_codes(file.dimensions.months, window),
              {},
              {}};
    for (const auto& spec : kDifferenceSpecs) {
        c.spec_codes.push_back(spec_codes(spec, file.dimensions.measures));
    }
    const Runs runs = read_runs(c);
    const std::size_t measures = file.dimensions.measures.size();
    const std::size_t months = file.dimensions.months.size();
    ReportData d;
    d.window = c.window;
    d.series.assign(measures, std::vector<std::vector<Point>>(runs.size()));
    d.window_differences.assign(measures, std::vector<std::optional<Paired>>(runs.size()));
    for (std::size_t k = 0; k < measures; ++k) {
        for (std::size_t s = 0; s < runs.size(); ++s) {
            for (std::size_t m = 0; m < months; ++m) {
                d.series[k][s].push_back(over_replications(
                    runs[s], [&](const RunValues& v) { return v.monthly[m * measures + k]; }));
            }
            if (s > 0 && c.window) {
                d.window_differences[k][s] =
                    paired_over(runs, s, [&](const RunValues& v) { return v.window[k]; });
            }
        }
    }
    if (!c.window) {
        d.no_headline = "the headline window holds no month of the file";
    } else if (runs.size() >= 2) {
        d.headline = headline_table(runs, c.no_headline);
        d.no_headline = c.no_headline;
        if (d.headline) {
            add_differences(d, runs, c);
        }
    }
    return d;
}

} // namespace kokeilu::analysis::report_detail
