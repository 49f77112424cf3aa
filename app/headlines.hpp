// The headline outcomes of `kokeilu run` and `compare`: per replication, over the pilot
// period, and the paired differences printed after a comparison.
#pragma once

#include "agents/jobseeker_model.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace kokeilu::app {

/// Headline outcomes of one replication of one scenario, over the written months from
/// pilot.start on (or all months if the pilots start later).
struct Headline {
    double unemployed_mean = 0.0;        ///< persons, mean month-end stock
    double long_term_mean = 0.0;         ///< persons, unemployed 12 months or more
    double exits_employment = 0.0;       ///< persons, sum
    double first_contact_days = 0.0;     ///< days, mean weighted by first contacts
    double overdue_mean = 0.0;           ///< interviews overdue at month ends, mean
    double service_starts = 0.0;         ///< sum
    double spend_meur = 0.0;             ///< EUR million, all payers
};

/// Adds up one replication's months into its `Headline`.
class HeadlineAccumulator {
public:
    /// Adds a month's panel if `counts` (the month is in the headline period).
    void add(const agents::MonthPanel& panel, std::size_t providers, bool counts);
    [[nodiscard]] Headline result() const;

private:
    std::size_t months_ = 0;
    double contacts_ = 0.0;
    double contact_days_ = 0.0;
    Headline h_;
};

/// Prints each scenario's headline means over replications and, for two or more scenarios,
/// the paired differences to the first with their 95 % intervals and the variance ratio of
/// common random numbers. `by_scenario[s][r]` is scenario s, replication r.
void print_headlines(std::ostream& out, const std::vector<std::string>& labels,
                     const std::vector<std::vector<Headline>>& by_scenario,
                     const std::string& period);

} // namespace kokeilu::app
