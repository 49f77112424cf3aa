// The report's headline panel: each scenario against the reference over the headline window,
// the outcomes of `kokeilu compare` in words and in compare's own figures.
#pragma once

#include "analysis/headlines.hpp"

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace kokeilu::analysis {

/// A paired difference of headline outcome `outcome` (an index of kHeadlineOutcomes) in words
/// a non-specialist reads, rounded to the precision its interval supports: "2,400 fewer
/// unemployed (1,900 to 2,900)", "first contact 4.33 days later (4.27 to 4.39)"; an interval
/// that includes zero is named as such ("200 fewer unemployed (400 fewer to 100 more: not
/// clearly different from none)"), one replication says it has no interval. Plain text.
[[nodiscard]] std::string headline_sentence(std::size_t outcome, const Paired& difference);

namespace report_detail {

/// The months of the headline panel and how many replications its figures are over.
struct HeadlinePeriod {
    std::chrono::year_month from;
    std::chrono::year_month to;
};

/// Writes the headline panel (a section with id `headline`): per scenario after the first, its
/// differences to the first as sentences, then a table of `table`'s figures as `kokeilu
/// compare` prints them (means, difference ± half-width, variance ratio).
void write_headline_panel(std::ostream& out, const std::vector<std::string>& names,
                          const HeadlineTable& table, const HeadlinePeriod& period);

} // namespace report_detail

} // namespace kokeilu::analysis
