// The report's tile map of the TE-office regions.
#include "analysis/report_map.hpp"

#include "analysis/report.hpp"
#include "analysis/report_format.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace kokeilu::analysis::report_detail {

namespace {

struct KnownTile {
    std::string_view region;
    TilePlace place;
};

/// Finland, north at the top: Lappi alone, the Oulu and Kainuu row, the Ostrobothnian and
/// Savo-Karelia row, the lake row, the south-west and south-east, Uusimaa on the south coast.
constexpr std::array<KnownTile, 15> kTiles{{
    {"Lappi", {2, 0}},
    {"Pohjois-Pohjanmaa", {1, 1}},
    {"Kainuu", {2, 1}},
    {"Pohjanmaa", {0, 2}},
    {"Etelä-Pohjanmaa", {1, 2}},
    {"Pohjois-Savo", {2, 2}},
    {"Pohjois-Karjala", {3, 2}},
    {"Satakunta", {0, 3}},
    {"Pirkanmaa", {1, 3}},
    {"Keski-Suomi", {2, 3}},
    {"Etelä-Savo", {3, 3}},
    {"Varsinais-Suomi", {0, 4}},
    {"Häme", {1, 4}},
    {"Kaakkois-Suomi", {3, 4}},
    {"Uusimaa", {2, 4}},
}};
constexpr int kColumns = 4;
constexpr int kRows = 5;
constexpr double kTileW = 150.0;
constexpr double kTileH = 78.0;
constexpr double kGap = 4.0;
constexpr double kLegendH = 58.0;

/// Okabe–Ito: blue and sky blue for fewer unemployed, orange and vermillion for more, grey
/// for no clear difference; the text colour that reads on each.
struct Swatch {
    const char* fill;
    const char* text;
    const char* label;
};
constexpr std::array<Swatch, 5> kSwatches{{
    {"#0072B2", "#ffffff", "much fewer"},
    {"#56B4E9", "#000000", "fewer"},
    {"#eeeeee", "#000000", "not clear"},
    {"#E69F00", "#000000", "more"},
    {"#D55E00", "#ffffff", "much more"},
}};

const Swatch& swatch(int cls) {
    return kSwatches[static_cast<std::size_t>(std::clamp(cls, -2, 2) + 2)];
}

void write_tile(std::ostream& out, double x, double y, const std::string& region,
                const HeadlineTable& h, std::size_t s, double largest) {
    const Paired& p = h.differences[s - 1][0];
    const Swatch& sw = swatch(map_class(p, largest));
    const Estimate& d = p.difference;
    const std::string tooltip = region + ": " + area_cell(p, h.replications, 0) + " unemployed";
    out << "<g class=\"tile\"><title>" << escape_html(tooltip) << "</title><rect x=\"" << coord(x)
        << "\" y=\"" << coord(y) << "\" width=\"" << coord(kTileW) << "\" height=\""
        << coord(kTileH) << "\" rx=\"4\" fill=\"" << sw.fill << "\" stroke=\"#555\"/>\n"
        << "<text x=\"" << coord(x + kTileW / 2) << "\" y=\"" << coord(y + 20)
        << "\" text-anchor=\"middle\" class=\"name\" fill=\"" << sw.text << "\">"
        << escape_html(region) << "</text>\n<text x=\"" << coord(x + kTileW / 2) << "\" y=\""
        << coord(y + 44) << "\" text-anchor=\"middle\" class=\"value\" fill=\"" << sw.text << "\">"
        << escape_html(std::isnan(d.mean) ? "–" : as_printed(d.mean, 0, true)) << "</text>\n";
    if (h.replications >= 2 && std::isfinite(d.ci_low)) {
        out << "<text x=\"" << coord(x + kTileW / 2) << "\" y=\"" << coord(y + 64)
            << "\" text-anchor=\"middle\" class=\"interval\" fill=\"" << sw.text << "\">"
            << as_printed(d.ci_low, 0, true) << " to " << as_printed(d.ci_high, 0, true)
            << "</text>\n";
    }
    out << "</g>\n";
}

void write_legend(std::ostream& out, double y, double largest) {
    out << "<g class=\"legend\"><text x=\"0\" y=\"" << coord(y + 12)
        << "\" class=\"label\">Difference in unemployed; ";
    if (largest > 0.0) {
        out << "much: at least " << grouped(largest / 2.0, 0) << " (half the largest); ";
    } else {
        out << "no region differs; ";
    }
    out << "not clear: the 95 % interval includes 0</text>\n";
    for (std::size_t i = 0; i < kSwatches.size(); ++i) {
        const double x = static_cast<double>(i) * 122.0;
        out << "<rect x=\"" << coord(x) << "\" y=\"" << coord(y + 22)
            << "\" width=\"18\" height=\"14\" fill=\"" << kSwatches[i].fill
            << "\" stroke=\"#555\"/><text x=\"" << coord(x + 23) << "\" y=\"" << coord(y + 33)
            << "\" class=\"label\">" << kSwatches[i].label << "</text>\n";
    }
    out << "</g>\n";
}

void write_map(std::ostream& out, const output::ResultFile& file, const AreaTable& table,
               std::size_t s) {
    double largest = 0.0;
    int extra = 0; // tiles of regions the layout does not know, in rows under the map
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        if (table.rows[r].region) {
            const double m = table.tables[r].differences[s - 1][0].difference.mean;
            largest = std::isfinite(m) ? std::max(largest, std::abs(m)) : largest;
            extra += known_tile(table.rows[r].area.name) ? 0 : 1;
        }
    }
    const int rows = kRows + (extra + kColumns - 1) / kColumns;
    const double width = kColumns * (kTileW + kGap);
    const double height = rows * (kTileH + kGap) + kLegendH;
    const auto& names = file.metadata.scenario_names;
    out << "<h3>" << escape_html(names[s]) << " minus " << escape_html(names.front())
        << "</h3>\n<figure class=\"map\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
           "class=\"map\" role=\"img\" viewBox=\"0 0 "
        << coord(width) << ' ' << coord(height) << "\" width=\"" << coord(width) << "\" height=\""
        << coord(height) << "\"><title>" << escape_html(names[s] + " minus " + names.front())
        << ": difference in unemployed by TE-office region</title>\n";
    int placed = 0;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        if (!table.rows[r].region) {
            continue;
        }
        const std::string& region = table.rows[r].area.name;
        TilePlace t =
            known_tile(region).value_or(TilePlace{placed % kColumns, kRows + placed / kColumns});
        placed += known_tile(region) ? 0 : 1;
        write_tile(out, t.column * (kTileW + kGap), t.row * (kTileH + kGap), region,
                   table.tables[r], s, largest);
    }
    write_legend(out, rows * (kTileH + kGap), largest);
    out << "</svg></figure>\n";
}

} // namespace

std::optional<TilePlace> known_tile(std::string_view region) {
    for (const auto& t : kTiles) {
        if (t.region == region) {
            return t.place;
        }
    }
    return std::nullopt;
}

int map_class(const Paired& difference, double largest) {
    const Estimate& d = difference.difference;
    if (std::isnan(d.mean) || d.mean == 0.0) {
        return 0;
    }
    const bool interval = std::isfinite(d.ci_low) && std::isfinite(d.ci_high);
    if (interval && d.ci_low <= 0.0 && d.ci_high >= 0.0) {
        return 0;
    }
    const int size = std::abs(d.mean) >= largest / 2.0 ? 2 : 1;
    return d.mean < 0.0 ? -size : size;
}

void write_region_maps(std::ostream& out, const output::ResultFile& file, const AreaTable& table) {
    const bool any = std::any_of(table.rows.begin(), table.rows.end(),
                                 [](const AreaRow& r) { return r.region; });
    if (!any) {
        return;
    }
    const auto& names = file.metadata.scenario_names;
    out << "<section class=\"maps\" id=\"map\">\n<h2>Map of the TE-office regions</h2>\n"
           "<p class=\"note\">A schematic map: one tile per TE-office region (its TE office and "
           "pilot areas together), north at the top. The colour and the number in each tile are "
           "the scenario's difference to "
        << escape_html(names.front())
        << " in unemployed (mean month-end stock over the headline months; below it the 95 % "
           "interval). Blue: fewer unemployed; orange: more; grey: the interval includes "
           "zero.</p>\n";
    for (std::size_t s = 1; s < names.size(); ++s) {
        write_map(out, file, table, s);
    }
    out << "</section>\n";
}

} // namespace kokeilu::analysis::report_detail
