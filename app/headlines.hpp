// The headline table that `kokeilu run` and `compare` print (the statistics are
// analysis/headlines.hpp's).
#pragma once

#include "analysis/headlines.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace kokeilu::app {

/// Prints each scenario's headline means over replications and, for two or more scenarios,
/// the paired differences to the first with their 95 % intervals and the variance ratio of
/// common random numbers. `labels[s]` names scenario s of `table`.
void print_headlines(std::ostream& out, const std::vector<std::string>& labels,
                     const analysis::HeadlineTable& table, const std::string& period);

} // namespace kokeilu::app
