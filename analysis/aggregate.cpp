// Measures combined over providers, target groups and months by their kind.
#include "analysis/aggregate.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace kokeilu::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// One run's rows in fixed places: [month][provider][group][measure].
struct Cells {
    std::size_t providers = 0;
    std::size_t groups = 0;
    std::size_t measures = 0;
    std::vector<double> value;
    std::vector<char> present;

    [[nodiscard]] std::size_t at(std::size_t m, std::size_t p, std::size_t g, std::size_t k) const {
        return ((m * providers + p) * groups + g) * measures + k;
    }
};

Cells place(std::span<const output::MonthlyRow> rows, const output::Dimensions& dims) {
    Cells c;
    c.providers = dims.providers.size();
    c.groups = dims.target_groups.size();
    c.measures = dims.measures.size();
    const std::size_t size = dims.months.size() * c.providers * c.groups * c.measures;
    c.value.assign(size, 0.0);
    c.present.assign(size, 0);
    for (const auto& r : rows) {
        if (r.scenario != rows.front().scenario || r.replication != rows.front().replication) {
            throw std::invalid_argument("analysis: the rows of one run have several scenarios "
                                        "or replications");
        }
        if (r.month >= dims.months.size() || r.provider >= c.providers ||
            r.target_group >= c.groups || r.measure >= c.measures) {
            throw std::invalid_argument("analysis: a row's code is outside its table");
        }
        const std::size_t i = c.at(r.month, r.provider, r.target_group, r.measure);
        c.value[i] = r.value;
        c.present[i] = 1;
    }
    return c;
}

/// A stock's, flow's or cohort count's value in month m over `providers`: the sum of its cells.
double summed(const Cells& c, std::span<const std::uint32_t> providers, std::size_t m,
              std::size_t k) {
    double sum = 0.0;
    bool any = false;
    for (const std::size_t p : providers) {
        for (std::size_t g = 0; g < c.groups; ++g) {
            const std::size_t i = c.at(m, p, g, k);
            if (c.present[i] != 0) {
                sum += c.value[i];
                any = true;
            }
        }
    }
    return any ? sum : kNaN;
}

/// The weight of cell (m, p, g): the denominator there, else summed over the provider's groups.
double weight_of(const Cells& c, std::size_t m, std::size_t p, std::size_t g,
                 std::size_t denominator) {
    const std::size_t here = c.at(m, p, g, denominator);
    if (c.present[here] != 0) {
        return c.value[here];
    }
    double w = 0.0;
    for (std::size_t h = 0; h < c.groups; ++h) {
        const std::size_t i = c.at(m, p, h, denominator);
        if (c.present[i] != 0) {
            w += c.value[i];
        }
    }
    return w;
}

/// A weighted measure's value in month m over `providers`: its cells' mean weighted by the
/// denominator.
double weighted(const Cells& c, std::span<const std::uint32_t> providers, std::size_t m,
                std::size_t k, const MeasureRule& rule) {
    double sum = 0.0;
    double weights = 0.0;
    for (const std::size_t p : providers) {
        for (std::size_t g = 0; g < c.groups; ++g) {
            const std::size_t i = c.at(m, p, g, k);
            if (c.present[i] == 0 || std::isnan(c.value[i])) {
                continue;
            }
            const double w = rule.denominator ? weight_of(c, m, p, g, *rule.denominator) : 1.0;
            if (w > 0.0) {
                sum += w * c.value[i];
                weights += w;
            }
        }
    }
    return weights > 0.0 ? sum / weights : kNaN;
}

/// Every measure in every month over `providers`: [month][measure].
std::vector<double> totals_of(const Cells& c, std::size_t months,
                              std::span<const std::uint32_t> providers,
                              std::span<const MeasureRule> rules) {
    for (const std::uint32_t p : providers) {
        if (p >= c.providers) {
            throw std::invalid_argument("analysis: an area's provider code is outside its table");
        }
    }
    std::vector<double> values(months * c.measures, kNaN);
    for (std::size_t m = 0; m < months; ++m) {
        for (std::size_t k = 0; k < c.measures; ++k) {
            values[m * c.measures + k] = is_weighted(rules[k].kind)
                                             ? weighted(c, providers, m, k, rules[k])
                                             : summed(c, providers, m, k);
        }
    }
    return values;
}

std::vector<std::uint32_t> all_providers(std::size_t n) {
    std::vector<std::uint32_t> all(n);
    for (std::size_t p = 0; p < n; ++p) {
        all[p] = static_cast<std::uint32_t>(p);
    }
    return all;
}

} // namespace

bool is_weighted(agents::AggregationKind kind) {
    using K = agents::AggregationKind;
    return kind == K::Mean || kind == K::Quantile || kind == K::Share || kind == K::Ratio;
}

std::vector<MeasureRule> aggregation_rules(std::span<const output::Measure> measures) {
    const auto code_of = [&](std::string_view name) -> std::optional<std::size_t> {
        for (std::size_t k = 0; k < measures.size(); ++k) {
            if (measures[k].name == name) {
                return k;
            }
        }
        return std::nullopt;
    };
    std::vector<MeasureRule> rules(measures.size());
    for (const agents::MetricInfo& info : agents::metric_table()) {
        const auto k = code_of(info.name);
        if (!k) {
            continue;
        }
        rules[*k].kind = info.aggregation.kind;
        if (info.aggregation.denominator) {
            rules[*k].denominator = code_of(agents::metric_name(*info.aggregation.denominator));
        }
    }
    return rules;
}

double combine_months(agents::AggregationKind kind, std::span<const double> values,
                      std::span<const double> weights) {
    if (!weights.empty() && weights.size() != values.size()) {
        throw std::invalid_argument("analysis: values and weights of different lengths");
    }
    double sum = 0.0;
    double total_weight = 0.0;
    std::size_t counted = 0;
    const bool by_weight = is_weighted(kind) && !weights.empty();
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (std::isnan(values[i])) {
            continue;
        }
        const double w = by_weight ? weights[i] : 1.0;
        if (!(w > 0.0)) {
            continue;
        }
        sum += w * values[i];
        total_weight += w;
        ++counted;
    }
    if (counted == 0) {
        return kNaN;
    }
    using K = agents::AggregationKind;
    return kind == K::Flow || kind == K::Cohort ? sum : sum / total_weight;
}

RunTotals::RunTotals(std::span<const output::MonthlyRow> rows, const output::Dimensions& dimensions,
                     std::span<const MeasureRule> rules)
        : months_(dimensions.months.size()), measures_(dimensions.measures.size()),
          rules_(rules.begin(), rules.end()) {
    if (rules.size() != measures_) {
        throw std::invalid_argument("analysis: one aggregation rule per measure is needed");
    }
    const Cells cells = place(rows, dimensions);
    values_ = totals_of(cells, months_, all_providers(cells.providers), rules_);
}

RunTotals::RunTotals(std::size_t months, std::size_t measures, std::span<const MeasureRule> rules,
                     std::vector<double> values)
        : months_(months), measures_(measures), rules_(rules.begin(), rules.end()),
          values_(std::move(values)) {}

std::vector<RunTotals> RunTotals::of_areas(std::span<const output::MonthlyRow> rows,
                                           const output::Dimensions& dimensions,
                                           std::span<const MeasureRule> rules,
                                           std::span<const std::vector<std::uint32_t>> areas) {
    if (rules.size() != dimensions.measures.size()) {
        throw std::invalid_argument("analysis: one aggregation rule per measure is needed");
    }
    const Cells cells = place(rows, dimensions);
    std::vector<RunTotals> out;
    out.reserve(areas.size());
    for (const auto& area : areas) {
        out.push_back(RunTotals(dimensions.months.size(), dimensions.measures.size(), rules,
                                totals_of(cells, dimensions.months.size(), area, rules)));
    }
    return out;
}

double RunTotals::window(std::size_t measure, std::size_t first, std::size_t last) const {
    if (first > last || last >= months_ || measure >= measures_) {
        throw std::out_of_range("analysis: the window or measure is outside the run");
    }
    const std::size_t n = last - first + 1;
    std::vector<double> values(n);
    std::vector<double> weights;
    const MeasureRule& rule = rules_[measure];
    const bool by_weight = is_weighted(rule.kind) && rule.denominator.has_value();
    if (by_weight) {
        weights.resize(n);
    }
    for (std::size_t i = 0; i < n; ++i) {
        values[i] = value(first + i, measure);
        if (by_weight) {
            weights[i] = value(first + i, *rule.denominator);
        }
    }
    return combine_months(rule.kind, values, weights);
}

} // namespace kokeilu::analysis
