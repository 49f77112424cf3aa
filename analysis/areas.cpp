// Headline outcomes of providers and regions.
#include "analysis/areas.hpp"

#include "analysis/aggregate.hpp"
#include "sim/interrupt.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <stdexcept>
#include <utility>

namespace kokeilu::analysis {

namespace {

bool same_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::optional<Area> region_matching(const output::Dimensions& dimensions, std::string_view name,
                                    bool exact) {
    Area area;
    for (std::size_t p = 0; p < dimensions.providers.size(); ++p) {
        const std::string& region = dimensions.providers[p].region;
        if (!region.empty() && (exact ? region == name : same_ignoring_case(region, name))) {
            area.name = region;
            area.providers.push_back(static_cast<std::uint32_t>(p));
        }
    }
    if (area.providers.empty()) {
        return std::nullopt;
    }
    return area;
}

/// Each run's rows, [(scenario, replication)], copied only when a run's rows are not together.
class RunRows {
public:
    explicit RunRows(std::span<const output::MonthlyRow> rows) : rows_(rows) {
        std::size_t begin = 0;
        for (std::size_t i = 1; i <= rows.size(); ++i) {
            if (i == rows.size() || rows[i].scenario != rows[begin].scenario ||
                rows[i].replication != rows[begin].replication) {
                ranges_[{rows[begin].scenario, rows[begin].replication}].emplace_back(begin, i);
                begin = i;
            }
        }
    }

    /// Calls `fn(scenario, replication, rows)` for each run, in scenario, replication order.
    template <typename Fn>
    void each(Fn fn) const {
        for (const auto& [run, ranges] : ranges_) {
            if (ranges.size() == 1) {
                fn(run.first, run.second,
                   rows_.subspan(ranges[0].first, ranges[0].second - ranges[0].first));
                continue;
            }
            std::vector<output::MonthlyRow> gathered;
            for (const auto& [b, e] : ranges) {
                gathered.insert(gathered.end(), rows_.begin() + static_cast<std::ptrdiff_t>(b),
                                rows_.begin() + static_cast<std::ptrdiff_t>(e));
            }
            fn(run.first, run.second, std::span<const output::MonthlyRow>(gathered));
        }
    }

private:
    std::span<const output::MonthlyRow> rows_;
    std::map<std::pair<std::uint32_t, std::uint32_t>,
             std::vector<std::pair<std::size_t, std::size_t>>>
        ranges_;
};

} // namespace

std::vector<std::string> region_names(const output::Dimensions& dimensions) {
    std::vector<std::string> names;
    const auto add = [&](const output::Provider& p) {
        if (!p.region.empty() && std::find(names.begin(), names.end(), p.region) == names.end()) {
            names.push_back(p.region);
        }
    };
    for (const auto& p : dimensions.providers) {
        if (p.kind == output::ProviderKind::TeOffice) {
            add(p);
        }
    }
    for (const auto& p : dimensions.providers) {
        add(p);
    }
    return names;
}

std::optional<Area> provider_area(const output::Dimensions& dimensions, std::string_view name) {
    for (std::size_t p = 0; p < dimensions.providers.size(); ++p) {
        if (dimensions.providers[p].name == name) {
            return Area{dimensions.providers[p].name, {static_cast<std::uint32_t>(p)}};
        }
    }
    return std::nullopt;
}

std::optional<Area> region_area(const output::Dimensions& dimensions, std::string_view name) {
    if (auto exact = region_matching(dimensions, name, true)) {
        return exact;
    }
    return region_matching(dimensions, name, false);
}

Headline headline_of_area(std::span<const output::MonthlyRow> rows,
                          const output::Dimensions& dimensions, const Area& area,
                          std::chrono::year_month from, std::chrono::year_month to) {
    // A missing measure is an error before any work.
    static_cast<void>(headline_of_run({}, dimensions, from, to));
    const std::vector<MeasureRule> rules = aggregation_rules(dimensions.measures);
    const std::vector<std::vector<std::uint32_t>> areas{area.providers};
    return headline_of(RunTotals::of_areas(rows, dimensions, rules, areas).front(), dimensions,
                       from, to);
}

std::vector<HeadlineTable> area_headlines(const output::ResultFile& file,
                                          std::span<const Area> areas, std::chrono::year_month from,
                                          std::chrono::year_month to) {
    const auto& dims = file.dimensions;
    // A missing measure is an error before any work.
    static_cast<void>(headline_of_run({}, dims, from, to));
    const std::vector<MeasureRule> rules = aggregation_rules(dims.measures);
    std::vector<std::vector<std::uint32_t>> providers;
    for (const Area& a : areas) {
        providers.push_back(a.providers);
    }
    const std::size_t scenarios = file.metadata.scenario_names.size();
    // [area][scenario][replication], runs in replication order within each scenario
    std::vector<std::vector<std::vector<Headline>>> by_area(
        areas.size(), std::vector<std::vector<Headline>>(scenarios));
    RunRows(file.monthly).each([&](std::uint32_t s, std::uint32_t, auto rows) {
        throw_if_interrupted();
        if (s >= scenarios) {
            return;
        }
        const auto totals = RunTotals::of_areas(rows, dims, rules, providers);
        for (std::size_t a = 0; a < areas.size(); ++a) {
            by_area[a][s].push_back(headline_of(totals[a], dims, from, to));
        }
    });
    std::vector<HeadlineTable> out;
    for (const auto& runs : by_area) {
        out.push_back(summarise_headlines(runs));
    }
    return out;
}

} // namespace kokeilu::analysis
