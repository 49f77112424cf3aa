// The report's map: a schematic tile map of the TE-office regions, each tile coloured by a
// scenario's difference to the reference in unemployed, its numbers written in the tile.
#pragma once

#include "analysis/report_areas.hpp"
#include "output/result_file.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace kokeilu::analysis::report_detail {

/// Where a region's tile sits in the schematic map of Finland: column and row from the
/// north-west. Regions the layout does not know go in a row under the map.
struct TilePlace {
    int column = 0;
    int row = 0;
};

/// The tile of one of the 15 TE-office regions of 2019-2024 (configs/finland.toml's
/// `regions.*.name`), or nothing for another name.
[[nodiscard]] std::optional<TilePlace> known_tile(std::string_view region);

/// The class of a difference on the map's diverging scale: -2 (clearly fewer, at least half
/// the largest difference), -1 (clearly fewer), 0 (the interval includes zero, or no number),
/// 1, 2 (more). With one replication the sign and size decide.
[[nodiscard]] int map_class(const Paired& difference, double largest);

/// Writes the map section (id `map`): per scenario after the first, an inline SVG of the
/// region tiles of `table` and a legend. Nothing when the table has no region rows.
void write_region_maps(std::ostream& out, const output::ResultFile& file, const AreaTable& table);

} // namespace kokeilu::analysis::report_detail
