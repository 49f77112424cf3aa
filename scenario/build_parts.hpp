// The pieces of build_model_input shared by build.cpp (dates, regions, providers, staff),
// build_models.cpp (parameter sets and service models) and build_law.cpp (the law's dated
// tables and the budgets): how a check reports at the key the user wrote, and the readers of
// parameter rows. Private to scenario/.
#pragma once

#include "scenario/scenario.hpp"

#include "agents/jobseeker_model.hpp"
#include "agents/params.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kokeilu::scenario::build_detail {

/// Shares entered as decimal fractions may miss 1 by rounding, no more.
inline constexpr double kShareTolerance = 0.001;

/// A number in a message: up to 10 significant digits, no trailing zeros (858.6, 1.61, 2).
std::string amount(double x);

Diagnostic at_key(const Scenario& s, const std::string& path, std::string message);

bool built_in(const Origin& o);

/// Of keys that together fail a check, the first the user set (in their file or with --set),
/// so that the message points at what they wrote; else the first.
std::string users_key(const Scenario& s, const std::vector<std::string>& keys);

/// True if every one of `keys` (of a service model, service_models.M...) holds the value that
/// M takes from the model it extends (the same value from the same place): a check that fails
/// on them is reported for that model, once, not again for each model that extends it.
bool inherited(const Scenario& s, const std::vector<std::string>& keys);

/// A check of a service model that failed on `keys`: an error at the first the user set, the
/// model's own before those it takes from the model it extends; nothing if it takes them all
/// (that model's check reports it).
void model_error(const Scenario& s, const std::vector<std::string>& keys, std::string message,
                 std::vector<Diagnostic>& diags);

template <std::size_t N>
std::array<double, N> fixed_list(const Scenario& s, const std::string& path,
                                 std::vector<Diagnostic>& diags) {
    std::array<double, N> out{};
    const auto& v = s.numbers(path);
    if (v.size() != N) {
        diags.push_back(at_key(s, path,
                               path + " must have " + std::to_string(N) + " values, got " +
                                   std::to_string(v.size())));
        return out;
    }
    std::copy(v.begin(), v.end(), out.begin());
    return out;
}

/// The key of a row's pattern with its `*`s replaced by `names`, in order (a `*` left over
/// stays: an Each row's collection).
std::string concrete(std::string_view pattern, const std::vector<std::string>& names);

/// An Each row: one value per entry of the collection before its first `*`.
template <class V, class Read>
std::vector<V> each_entry(const Scenario& s, std::string_view pattern, Read read) {
    const std::string path(pattern);
    const auto star = path.find(".*.");
    std::vector<V> out;
    for (const auto& name : s.names(path.substr(0, star))) {
        out.push_back(read(path.substr(0, star) + "." + name + path.substr(star + 2)));
    }
    return out;
}

/// Reads every row of `rows` into `out` (the rows of agents/params.hpp); `names` fill the
/// rows' `*`s (a service model, a stage). ByHand rows are read by the caller.
template <class T>
void read_params(const Scenario& s, const agents::Params<T>& rows,
                 const std::vector<std::string>& names, T& out, std::vector<Diagnostic>& diags) {
    for (const auto& p : rows) {
        const std::string path = concrete(p.key, names);
        std::visit(
            [&](const auto& f) {
                using F = std::decay_t<decltype(f)>;
                if constexpr (std::is_same_v<F, agents::ByHand>) {
                    return;
                } else if constexpr (std::is_same_v<F, agents::ChoiceField<T>>) {
                    const auto& word = s.string(path);
                    const auto k = std::find(p.choices.begin(), p.choices.end(), word);
                    f.set(out, static_cast<std::size_t>(k - p.choices.begin()));
                } else if constexpr (std::is_same_v<F, agents::Each<T, double>>) {
                    out.*f.member = each_entry<double>(
                        s, p.key, [&](const std::string& key) { return s.number(key); });
                } else if constexpr (std::is_same_v<F, agents::Each<T, std::uint32_t>>) {
                    const auto to = s.names(p.refers_to);
                    out.*f.member =
                        each_entry<std::uint32_t>(s, p.key, [&](const std::string& key) {
                            return static_cast<std::uint32_t>(
                                std::find(to.begin(), to.end(), s.string(key)) - to.begin());
                        });
                } else if constexpr (std::is_same_v<F, double T::*>) {
                    out.*f = s.number(path);
                } else if constexpr (std::is_same_v<F, int T::*>) {
                    out.*f = static_cast<int>(s.integer(path));
                } else if constexpr (std::is_same_v<F, std::uint32_t T::*>) {
                    out.*f = static_cast<std::uint32_t>(s.integer(path));
                } else if constexpr (std::is_same_v<F, std::vector<double> T::*>) {
                    out.*f = s.numbers(path);
                } else {
                    out.*f = fixed_list<std::tuple_size_v<std::decay_t<decltype(out.*f)>>>(s, path,
                                                                                           diags);
                }
            },
            p.field);
    }
}

/// Folds the observed vacancies (labour_market.vacancy_elasticity) into each period's demand
/// list and the month-of-year seasons (labour_market.inflow_seasons) into its inflow index,
/// as explicit months from labour_market.index_start to the end (build_series.cpp).
void fold_series(agents::ModelInput& in);

/// One period's parameters: every table of rows, the checks across keys, the service models
/// (build_models.cpp).
agents::ModelParams params_of(const Scenario& s, const std::vector<std::string>& models,
                              std::vector<Diagnostic>& diags);

/// The law's dated tables (pay subsidy terms, the municipalities' share of the labour-market
/// subsidy) into the input (build_law.cpp).
void read_law(const Scenario& scenario, agents::ModelInput& in, std::vector<Diagnostic>& diags);

/// The pay-subsidy rows must cover the run (build_law.cpp).
void check_pay_subsidy_law(const Scenario& scenario, const agents::ModelInput& in,
                           std::vector<Diagnostic>& diags);

/// The yearly budgets of services, with their overlaps checked (build_law.cpp).
void read_budgets(const Scenario& scenario, const std::vector<std::string>& regions,
                  const std::vector<std::string>& providers, agents::ModelInput& in,
                  std::vector<Diagnostic>& diags);

/// The first day the model simulates: the first of scenario.start's month, warmup_months
/// earlier.
inline sim::Date first_simulated_day(sim::Date start, int warmup_months) {
    int y = start.year();
    int mo = start.month() - warmup_months;
    while (mo < 1) {
        mo += 12;
        --y;
    }
    return sim::Date(y, mo, 1);
}

} // namespace kokeilu::scenario::build_detail
