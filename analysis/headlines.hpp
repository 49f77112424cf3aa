// The headline outcomes of `kokeilu run` and `compare`: each run's from its monthly rows, then
// their means over replications and the paired differences between scenarios.
#pragma once

#include "analysis/aggregate.hpp"
#include "analysis/replications.hpp"
#include "output/result_file.hpp"

#include <array>
#include <chrono>
#include <span>
#include <string_view>
#include <vector>

namespace kokeilu::analysis {

/// Headline outcomes of one run (one scenario, one replication) over a period of months, over
/// all providers and target groups (each measure combined by its kind, analysis/aggregate.hpp).
struct Headline {
    double unemployed_mean = 0.0;    ///< persons, mean month-end stock
    double long_term_mean = 0.0;     ///< persons, unemployed 12 months or more, mean
    double exits_employment = 0.0;   ///< persons, sum
    double first_contact_days = 0.0; ///< days, providers' means weighted by first contacts
    double overdue_mean = 0.0;       ///< interviews overdue at month ends, mean
    double service_starts = 0.0;     ///< sum
    double spend_meur =
        0.0; ///< EUR million: benefits and services (state, municipalities, funds) and staff
    /// jobseekers per counsellor: providers' ratios weighted by their counsellors, over the
    /// months weighted by the national counsellors; NaN when the file has no such measure
    double caseload_per_counsellor = 0.0;
};

/// One headline outcome: what `kokeilu run` calls it, where it is in a `Headline`, and the
/// decimals that `compare` and the report print.
struct HeadlineOutcome {
    std::string_view label;
    double Headline::*field;
    int decimals;
};

/// The headline outcomes in the order they are printed.
inline constexpr std::array<HeadlineOutcome, 8> kHeadlineOutcomes{{
    {"unemployed, mean stock", &Headline::unemployed_mean, 0},
    {"long-term unemployed, mean", &Headline::long_term_mean, 0},
    {"exits to employment, total", &Headline::exits_employment, 0},
    {"days to first contact, mean", &Headline::first_contact_days, 2},
    {"interviews overdue, mean", &Headline::overdue_mean, 0},
    {"caseload per counsellor, mean", &Headline::caseload_per_counsellor, 1},
    {"service starts, total", &Headline::service_starts, 0},
    {"spending, EUR million", &Headline::spend_meur, 1},
}};

/// The headline outcomes of one run from its monthly rows (all of one scenario and one
/// replication, else `std::invalid_argument`), over the months of `dimensions` from `from` on,
/// each measure combined by its kind (RunTotals::window): stocks are means over those months,
/// flows sums, the days to first contact the providers' means weighted by their first
/// contacts, caseload per counsellor the providers' ratios weighted by their counsellors.
/// Reads the measures by name (output/SCHEMA.md): `unemployed`, `unemployed_12m_plus`,
/// `exits_employment`, `service_starts`, the three `spend_*_eur`, `first_contacts`,
/// `time_to_first_contact_days_mean` and `interviews_overdue` (a missing one is an
/// `std::invalid_argument`), and `spend_staff_eur`, `caseload_per_counsellor` and
/// `counsellors` when present. The result does not depend on the order of `rows`. All zero
/// (caseload NaN without its measure) when no month is in the period.
[[nodiscard]] Headline headline_of_run(std::span<const output::MonthlyRow> rows,
                                       const output::Dimensions& dimensions,
                                       std::chrono::year_month from);
/// The same over the months from `from` to `to` (inclusive).
[[nodiscard]] Headline headline_of_run(std::span<const output::MonthlyRow> rows,
                                       const output::Dimensions& dimensions,
                                       std::chrono::year_month from, std::chrono::year_month to);

/// The same from a run's national values (built with the same `dimensions`), for a reader that
/// needs them for more than the headline (the report).
[[nodiscard]] Headline headline_of(const RunTotals& totals, const output::Dimensions& dimensions,
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
