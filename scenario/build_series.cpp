// The observed series a scenario's labour market follows, folded into each period's monthly
// lists: the demand index times (vacancies / reference)^elasticity, and the inflow index times
// the month-of-year seasons. The run then reads only `demand` and `inflow_index`.
#include "scenario/build_parts.hpp"
#include "scenario/series.hpp"

#include "agents/region_types.hpp"

#include <algorithm>
#include <cmath>

namespace kokeilu::scenario::build_detail {

namespace {

/// Month i of a list that starts in `first`, counted from year 0.
int month_number(sim::Date first, int i) {
    return first.year() * 12 + first.month() - 1 + i;
}

/// The built-in vacancies, parsed once (a malformed built-in file is a build error that a
/// unit test catches, so this cannot fail at run time).
const std::vector<MonthValue>& vacancies() {
    static const std::vector<MonthValue> kSeries = parse_month_series(builtin_vacancies_text());
    return kSeries;
}

/// The vacancy factor of list month i: (vacancies / reference)^elasticity; 1 before the
/// series starts (the warm-up before 2019 runs at the reference level, the 2019 mean).
double vacancy_factor(const agents::ModelInput& in, int i, double reference, double elasticity) {
    const int month = month_number(in.index_start, i);
    if (month < vacancies().front().month) {
        return 1.0;
    }
    return std::pow(series_at(vacancies(), month) / reference, elasticity);
}

bool all_ones(const std::array<double, 12>& a) {
    return std::all_of(a.begin(), a.end(), [](double x) { return x == 1.0; });
}

/// `list` (with agents' repeat rule) as n explicit months, each multiplied by factor(i).
template <class Factor>
std::vector<double> folded(const std::vector<double>& list, int n, Factor factor) {
    std::vector<double> out(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        out[static_cast<std::size_t>(i)] = agents::region::indexed(list, i) * factor(i);
    }
    return out;
}

} // namespace

void fold_series(agents::ModelInput& in) {
    const int n = std::max(1, (in.end.year() - in.index_start.year()) * 12 + in.end.month() -
                                  in.index_start.month() + 1);
    const auto vacancies_with = [&](const agents::ModelParams& q) {
        return [&in, ref = q.vacancy_reference, e = q.vacancy_elasticity](int i) {
            return vacancy_factor(in, i, ref, e);
        };
    };
    for (auto& [date, q] : in.periods) {
        if (q.vacancy_elasticity != 0.0) {
            q.demand = folded(q.demand, n, vacancies_with(q));
        }
        if (!all_ones(q.inflow_seasons)) {
            q.inflow_index = folded(q.inflow_index, n, [&in, &seasons = q.inflow_seasons](int i) {
                const auto moy = static_cast<std::size_t>(month_number(in.index_start, i) % 12);
                return seasons[moy];
            });
        }
    }
    // A region's own demand list replaces the national one (labour_market.demand_at), so it
    // follows the vacancies with the elasticity in force at the start.
    const auto& first = in.periods.front().second;
    if (first.vacancy_elasticity != 0.0) {
        for (auto& r : in.regions) {
            if (!r.demand.empty()) {
                r.demand = folded(r.demand, n, vacancies_with(first));
            }
        }
    }
}

} // namespace kokeilu::scenario::build_detail
