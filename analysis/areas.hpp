// The headline outcomes of one provider or one region (`kokeilu compare --provider/--region`,
// the report's area table and map): the same numbers as the national headline, over the
// area's providers only.
#pragma once

#include "analysis/headlines.hpp"
#include "output/result_file.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kokeilu::analysis {

/// Some of a file's providers, taken together.
struct Area {
    std::string name;                     ///< the provider's or the region's name
    std::vector<std::uint32_t> providers; ///< codes into `Dimensions::providers`, increasing
};

/// The regions of the providers (`Provider::region`), each once: first those of the TE
/// offices in provider order, then any other in the order of its first provider. Empty when
/// the file stores no regions.
[[nodiscard]] std::vector<std::string> region_names(const output::Dimensions& dimensions);

/// The provider named `name`, alone; nothing if there is none.
[[nodiscard]] std::optional<Area> provider_area(const output::Dimensions& dimensions,
                                                std::string_view name);

/// The providers of region `name` (exactly, or else ignoring ASCII case); nothing if no
/// provider is in it.
[[nodiscard]] std::optional<Area> region_area(const output::Dimensions& dimensions,
                                              std::string_view name);

/// The headline outcomes of one run over `area`'s providers from `from` to `to` (inclusive),
/// as `headline_of_run` over all of them: stocks and flows summed over the area, weighted
/// measures weighted by their denominators within it.
[[nodiscard]] Headline headline_of_area(std::span<const output::MonthlyRow> rows,
                                        const output::Dimensions& dimensions, const Area& area,
                                        std::chrono::year_month from, std::chrono::year_month to);

/// Each area's headline table (means over replications and each scenario's paired
/// differences to the first, as `summarise_headlines`) from all the monthly rows of `file`,
/// over `from` to `to`; `[area]`. Each run is placed once for all areas. Throws
/// `std::invalid_argument` when the file lacks a headline measure or a scenario lacks a
/// replication the others have; `kokeilu::Interrupted` on a stop request.
[[nodiscard]] std::vector<HeadlineTable> area_headlines(const output::ResultFile& file,
                                                        std::span<const Area> areas,
                                                        std::chrono::year_month from,
                                                        std::chrono::year_month to);

} // namespace kokeilu::analysis
