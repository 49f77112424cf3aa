// The report's area table: every region and provider (pilot areas and TE offices, grouped by
// region) x the key outcomes, as paired differences to the reference with 95 % intervals.
#pragma once

#include "analysis/areas.hpp"
#include "analysis/headlines.hpp"
#include "output/result_file.hpp"

#include <array>
#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace kokeilu::analysis::report_detail {

/// The key outcomes of the area table and map, as indexes of kHeadlineOutcomes: unemployed,
/// long-term unemployed, exits to employment, days to first contact, caseload per counsellor.
inline constexpr std::array<std::size_t, 5> kAreaOutcomes{0, 1, 2, 3, 5};

/// One row of the area table: a region (all its providers) or one provider.
struct AreaRow {
    Area area;
    bool region = false;
    std::size_t provider = 0; ///< the provider's code (rows of a provider only)
};

/// The rows, in order (each region, then its TE offices and pilot areas; without regions in
/// the file, every provider), and each row's headline table (`tables[row]`).
struct AreaTable {
    std::vector<AreaRow> rows;
    std::vector<HeadlineTable> tables;
};

/// The area table of `file` over `from` to `to` (analysis/areas.hpp: the numbers of `kokeilu
/// compare --provider/--region`). Throws as `area_headlines`.
[[nodiscard]] AreaTable compute_area_table(const output::ResultFile& file,
                                           std::chrono::year_month from,
                                           std::chrono::year_month to);

/// A paired difference as the table writes it, the figures of `kokeilu compare`:
/// "-1234 ± 56" ("+4.33" with one replication, "–" for no number).
[[nodiscard]] std::string area_cell(const Paired& p, std::size_t replications, int decimals);

/// Writes the area tables (a section with id `areas`): per scenario after the first, a table of
/// its differences to the first.
void write_area_tables(std::ostream& out, const output::ResultFile& file, const AreaTable& table);

} // namespace kokeilu::analysis::report_detail
