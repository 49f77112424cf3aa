// The headline outcomes of `kokeilu run` and `compare`: each run's from its monthly rows, then
// their means over replications and the paired differences between scenarios.
#pragma once

#include "analysis/replications.hpp"
#include "output/result_file.hpp"

#include <array>
#include <chrono>
#include <span>
#include <string_view>
#include <vector>

namespace kokeilu::analysis {

/// Headline outcomes of one run (one scenario, one replication) over a period of months, summed
/// over providers and target groups.
struct Headline {
    double unemployed_mean = 0.0;    ///< persons, mean month-end stock
    double long_term_mean = 0.0;     ///< persons, unemployed 12 months or more, mean
    double exits_employment = 0.0;   ///< persons, sum
    double first_contact_days = 0.0; ///< days, providers' means weighted by first contacts
    double overdue_mean = 0.0;       ///< interviews overdue at month ends, mean
    double service_starts = 0.0;     ///< sum
    double spend_meur =
        0.0; ///< EUR million: benefits and services (state, municipalities, funds) and staff
};

/// One headline outcome: what `kokeilu run` calls it, and where it is in a `Headline`.
struct HeadlineOutcome {
    std::string_view label;
    double Headline::*field;
};

/// The headline outcomes in the order they are printed.
inline constexpr std::array<HeadlineOutcome, 7> kHeadlineOutcomes{{
    {"unemployed, mean stock", &Headline::unemployed_mean},
    {"long-term unemployed, mean", &Headline::long_term_mean},
    {"exits to employment, total", &Headline::exits_employment},
    {"days to first contact, mean", &Headline::first_contact_days},
    {"interviews overdue, mean", &Headline::overdue_mean},
    {"service starts, total", &Headline::service_starts},
    {"spending, EUR million", &Headline::spend_meur},
}};

/// The headline outcomes of one run from its monthly rows (all of one scenario and one
/// replication, else `std::invalid_argument`), over the months of `dimensions` from `from` on:
/// stocks are means over those months, flows sums. Reads the measures by name
/// (output/SCHEMA.md): `unemployed`, `unemployed_12m_plus`, `exits_employment`,
/// `service_starts`, the three `spend_*_eur`, `first_contacts` per target group, and per
/// provider `time_to_first_contact_days_mean` (weighted by the provider's first contacts) and
/// `interviews_overdue`; a missing one is an `std::invalid_argument`. Sums run over months,
/// then providers, then target groups, whatever the order of `rows`. All zero when no month is
/// in the period.
[[nodiscard]] Headline headline_of_run(std::span<const output::MonthlyRow> rows,
                                       const output::Dimensions& dimensions,
                                       std::chrono::year_month from);
/// The same over the months from `from` to `to` (inclusive).
[[nodiscard]] Headline headline_of_run(std::span<const output::MonthlyRow> rows,
                                       const output::Dimensions& dimensions,
                                       std::chrono::year_month from, std::chrono::year_month to);

/// The headline outcomes over replications.
struct HeadlineTable {
    std::size_t replications = 0; ///< per scenario
    /// [scenario][outcome, as kHeadlineOutcomes]: the mean over replications.
    std::vector<std::array<double, kHeadlineOutcomes.size()>> means;
    /// [scenario - 1][outcome]: each later scenario against the first, paired by replication
    /// (with one replication, only `difference.n` and `difference.mean` are numbers).
    std::vector<std::array<Paired, kHeadlineOutcomes.size()>> differences;
};

/// Summarises `by_scenario[s][r]` (scenario s, replication r; every scenario with the same
/// replications, else `std::invalid_argument`) at confidence `level`.
[[nodiscard]] HeadlineTable
summarise_headlines(const std::vector<std::vector<Headline>>& by_scenario, double level = 0.95);

} // namespace kokeilu::analysis
