// Headline outcomes per run and over replications.
#include "analysis/headlines.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace kokeilu::analysis {

namespace {

/// The measures a headline reads per target group, by name, and their slots.
constexpr std::array<std::string_view, 8> kGroupMeasures{"unemployed",
                                                         "unemployed_12m_plus",
                                                         "exits_employment",
                                                         "service_starts",
                                                         "spend_state_eur",
                                                         "spend_municipality_eur",
                                                         "spend_unemployment_funds_eur",
                                                         "first_contacts"};
enum GroupSlot : std::size_t {
    kUnemployed,
    kLongTerm,
    kExits,
    kStarts,
    kSpendState,
    kSpendMunicipality,
    kSpendFunds,
    kFirstContacts
};
/// The measures it reads per provider (under the target group `all`), and their slots. Staff
/// costs are counted in spending when the file has them (files before issue 15 do not).
constexpr std::array<std::string_view, 3> kProviderMeasures{
    "time_to_first_contact_days_mean", "interviews_overdue", "spend_staff_eur"};
enum ProviderSlot : std::size_t { kContactDays, kOverdue, kSpendStaff };
constexpr std::array<bool, 3> kProviderMeasureRequired{true, true, false};

constexpr int kUnused = -1;

/// For each measure code: its slot in kGroupMeasures, kGroupMeasures.size() + its slot in
/// kProviderMeasures, or kUnused.
std::vector<int> slots_of(const std::vector<output::Measure>& measures) {
    std::vector<int> slots(measures.size(), kUnused);
    const auto find = [&](std::string_view name, int slot, bool required = true) {
        const auto it = std::find_if(measures.begin(), measures.end(),
                                     [&](const output::Measure& m) { return m.name == name; });
        if (it == measures.end() && !required) {
            return;
        }
        if (it == measures.end()) {
            throw std::invalid_argument("analysis: the headline outcomes need the measure `" +
                                        std::string(name) + "`, which the rows do not have");
        }
        slots[static_cast<std::size_t>(it - measures.begin())] = slot;
    };
    for (std::size_t k = 0; k < kGroupMeasures.size(); ++k) {
        find(kGroupMeasures[k], static_cast<int>(k));
    }
    for (std::size_t k = 0; k < kProviderMeasures.size(); ++k) {
        find(kProviderMeasures[k], static_cast<int>(kGroupMeasures.size() + k),
             kProviderMeasureRequired[k]);
    }
    return slots;
}

/// The values a headline reads, for the months of its period, in fixed places.
struct Values {
    std::size_t months = 0;
    std::size_t providers = 0;
    std::size_t groups = 0;
    std::vector<double> by_group;    ///< [month][provider][group][GroupSlot]
    std::vector<char> group_present; ///< [month][provider][group]: has a row of kGroupMeasures
    std::vector<double> by_provider; ///< [month][provider][ProviderSlot]
    std::vector<char> month_present; ///< [month]: has a row of either kind

    [[nodiscard]] std::size_t cell(std::size_t m, std::size_t p, std::size_t g) const {
        return (m * providers + p) * groups + g;
    }
};

/// The values of months first .. end - 1 (end at most the run's months).
Values collect(std::span<const output::MonthlyRow> rows, const output::Dimensions& dims,
               std::size_t first, std::size_t end) {
    const std::vector<int> slots = slots_of(dims.measures);
    Values v;
    end = std::min(end, dims.months.size());
    v.months = end - std::min(first, end);
    v.providers = dims.providers.size();
    v.groups = dims.target_groups.size();
    const std::size_t cells = v.months * v.providers * v.groups;
    v.by_group.assign(cells * kGroupMeasures.size(), 0.0);
    v.group_present.assign(cells, 0);
    v.by_provider.assign(v.months * v.providers * kProviderMeasures.size(), 0.0);
    v.month_present.assign(v.months, 0);
    for (const auto& r : rows) {
        if (r.scenario != rows.front().scenario || r.replication != rows.front().replication) {
            throw std::invalid_argument("analysis: the rows of one run have several scenarios "
                                        "or replications");
        }
        if (r.month >= dims.months.size() || r.provider >= v.providers ||
            r.target_group >= v.groups || r.measure >= slots.size()) {
            throw std::invalid_argument("analysis: a row's code is outside its table");
        }
        const int slot = slots[r.measure];
        if (r.month < first || r.month >= end || slot == kUnused) {
            continue;
        }
        const std::size_t m = r.month - first;
        const std::size_t cell = v.cell(m, r.provider, r.target_group);
        const auto s = static_cast<std::size_t>(slot);
        if (s < kGroupMeasures.size()) {
            v.by_group[cell * kGroupMeasures.size() + s] = r.value;
            v.group_present[cell] = 1;
        } else {
            v.by_provider[(m * v.providers + r.provider) * kProviderMeasures.size() + s -
                          kGroupMeasures.size()] = r.value;
        }
        v.month_present[m] = 1;
    }
    return v;
}

} // namespace

Headline headline_of_run(std::span<const output::MonthlyRow> rows,
                         const output::Dimensions& dimensions, std::chrono::year_month from) {
    return headline_of_run(rows, dimensions, from,
                           dimensions.months.empty() ? from : dimensions.months.back());
}

Headline headline_of_run(std::span<const output::MonthlyRow> rows,
                         const output::Dimensions& dimensions, std::chrono::year_month from,
                         std::chrono::year_month to) {
    const auto& months = dimensions.months;
    const auto first = static_cast<std::size_t>(
        std::lower_bound(months.begin(), months.end(), from) - months.begin());
    const auto end = static_cast<std::size_t>(std::upper_bound(months.begin(), months.end(), to) -
                                              months.begin());
    const Values v = collect(rows, dimensions, first, end);
    Headline h;
    std::size_t months_counted = 0;
    double contacts = 0.0;
    double contact_days = 0.0;
    for (std::size_t m = 0; m < v.months; ++m) {
        if (v.month_present[m] != 0) {
            ++months_counted;
        }
        for (std::size_t p = 0; p < v.providers; ++p) {
            const double* provider =
                &v.by_provider[(m * v.providers + p) * kProviderMeasures.size()];
            for (std::size_t g = 0; g < v.groups; ++g) {
                if (v.group_present[v.cell(m, p, g)] == 0) {
                    continue;
                }
                const double* x = &v.by_group[v.cell(m, p, g) * kGroupMeasures.size()];
                h.unemployed_mean += x[kUnemployed];
                h.long_term_mean += x[kLongTerm];
                h.exits_employment += x[kExits];
                h.service_starts += x[kStarts];
                h.spend_meur += (x[kSpendState] + x[kSpendMunicipality] + x[kSpendFunds]) / 1e6;
                contacts += x[kFirstContacts];
                contact_days += x[kFirstContacts] * provider[kContactDays];
            }
            h.overdue_mean += provider[kOverdue];
            h.spend_meur += provider[kSpendStaff] / 1e6;
        }
    }
    const double n = months_counted > 0 ? static_cast<double>(months_counted) : 1.0;
    h.unemployed_mean /= n;
    h.long_term_mean /= n;
    h.overdue_mean /= n;
    h.first_contact_days = contacts > 0.0 ? contact_days / contacts : 0.0;
    return h;
}

HeadlineTable summarise_headlines(const std::vector<std::vector<Headline>>& by_scenario,
                                  double level) {
    HeadlineTable t;
    t.replications = by_scenario.empty() ? 0 : by_scenario.front().size();
    // [scenario][outcome][replication]
    std::vector<std::array<std::vector<double>, kHeadlineOutcomes.size()>> values;
    for (const auto& runs : by_scenario) {
        if (runs.size() != t.replications) {
            throw std::invalid_argument("analysis: the scenarios have different numbers of "
                                        "replications");
        }
        auto& v = values.emplace_back();
        auto& means = t.means.emplace_back();
        for (std::size_t o = 0; o < kHeadlineOutcomes.size(); ++o) {
            for (const Headline& h : runs) {
                v[o].push_back(h.*(kHeadlineOutcomes[o].field));
            }
            means[o] = estimate(v[o], level).mean;
        }
    }
    for (std::size_t s = 1; s < values.size(); ++s) {
        auto& d = t.differences.emplace_back();
        for (std::size_t o = 0; o < kHeadlineOutcomes.size(); ++o) {
            d[o] = paired(values[s][o], values[0][o], level);
        }
    }
    return t;
}

} // namespace kokeilu::analysis
