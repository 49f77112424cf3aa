// Headline outcomes per run and over replications.
#include "analysis/headlines.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>

namespace kokeilu::analysis {

namespace {

/// The measures a headline reads, by name; a missing required one is an error. Staff costs
/// count in spending when the file has them (files before issue 15 do not); caseload per
/// counsellor is NaN in a file without it.
struct Codes {
    std::size_t unemployed = 0;
    std::size_t long_term = 0;
    std::size_t exits = 0;
    std::size_t starts = 0;
    std::array<std::size_t, 3> spend{};
    std::optional<std::size_t> spend_staff;
    std::size_t contact_days = 0;
    std::size_t overdue = 0;
    std::optional<std::size_t> caseload;
};

std::optional<std::size_t> find_code(const std::vector<output::Measure>& measures,
                                     std::string_view name) {
    const auto it = std::find_if(measures.begin(), measures.end(),
                                 [&](const output::Measure& m) { return m.name == name; });
    if (it == measures.end()) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(it - measures.begin());
}

std::size_t required_code(const std::vector<output::Measure>& measures, std::string_view name) {
    const auto code = find_code(measures, name);
    if (!code) {
        throw std::invalid_argument("analysis: the headline outcomes need the measure `" +
                                    std::string(name) + "`, which the rows do not have");
    }
    return *code;
}

Codes codes_of(const std::vector<output::Measure>& measures) {
    Codes c;
    c.unemployed = required_code(measures, "unemployed");
    c.long_term = required_code(measures, "unemployed_12m_plus");
    c.exits = required_code(measures, "exits_employment");
    c.starts = required_code(measures, "service_starts");
    c.spend = {required_code(measures, "spend_state_eur"),
               required_code(measures, "spend_municipality_eur"),
               required_code(measures, "spend_unemployment_funds_eur")};
    required_code(measures, "first_contacts"); // the weights of the days to first contact
    c.contact_days = required_code(measures, "time_to_first_contact_days_mean");
    c.overdue = required_code(measures, "interviews_overdue");
    c.spend_staff = find_code(measures, "spend_staff_eur");
    c.caseload = find_code(measures, "caseload_per_counsellor");
    return c;
}

/// A sum or mean that has no month to cover counts as zero in a headline.
double or_zero(double x) {
    return std::isnan(x) ? 0.0 : x;
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
    const std::vector<MeasureRule> rules = aggregation_rules(dimensions.measures);
    codes_of(dimensions.measures); // a missing measure is an error before any work
    return headline_of(RunTotals(rows, dimensions, rules), dimensions, from, to);
}

Headline headline_of(const RunTotals& totals, const output::Dimensions& dimensions,
                     std::chrono::year_month from, std::chrono::year_month to) {
    const Codes c = codes_of(dimensions.measures);
    const auto& months = dimensions.months;
    const auto first = static_cast<std::size_t>(
        std::lower_bound(months.begin(), months.end(), from) - months.begin());
    const auto end = static_cast<std::size_t>(std::upper_bound(months.begin(), months.end(), to) -
                                              months.begin());
    Headline h;
    h.caseload_per_counsellor = c.caseload ? 0.0 : std::numeric_limits<double>::quiet_NaN();
    if (first >= end || end > totals.months()) {
        return h;
    }
    const auto window = [&](std::size_t code) {
        return or_zero(totals.window(code, first, end - 1));
    };
    h.unemployed_mean = window(c.unemployed);
    h.long_term_mean = window(c.long_term);
    h.exits_employment = window(c.exits);
    h.service_starts = window(c.starts);
    h.first_contact_days = window(c.contact_days);
    h.overdue_mean = window(c.overdue);
    double spend = window(c.spend[0]) + window(c.spend[1]) + window(c.spend[2]);
    if (c.spend_staff) {
        spend += window(*c.spend_staff);
    }
    h.spend_meur = spend / 1e6;
    if (c.caseload) {
        h.caseload_per_counsellor = window(*c.caseload);
    }
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
