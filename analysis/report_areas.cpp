// The report's area table.
#include "analysis/report_areas.hpp"

#include "analysis/report.hpp"
#include "analysis/report_format.hpp"

#include <cmath>

namespace kokeilu::analysis::report_detail {

namespace {

/// The first municipalities of a pilot area, for the table ("Tampere, Akaa, … (+20)").
std::string members_text(const std::vector<std::string>& members) {
    constexpr std::size_t kShown = 4;
    std::string s;
    for (std::size_t i = 0; i < members.size() && i < kShown; ++i) {
        s += (i == 0 ? "" : ", ") + members[i];
    }
    if (members.size() > kShown) {
        s += ", … (+" + std::to_string(members.size() - kShown) + ")";
    }
    return s;
}

std::string all_members(const std::vector<std::string>& members) {
    std::string s;
    for (std::size_t i = 0; i < members.size(); ++i) {
        s += (i == 0 ? "" : ", ") + members[i];
    }
    return s;
}

void write_name_cell(std::ostream& out, const output::ResultFile& file, const AreaRow& row) {
    if (row.region) {
        out << "<th scope=\"row\" class=\"region\">" << escape_html(row.area.name)
            << " <small>(region, " << row.area.providers.size() << " providers)</small></th>";
        return;
    }
    const output::Provider& p = file.dimensions.providers[row.provider];
    out << "<th scope=\"row\" class=\"provider\">" << escape_html(p.name) << " <small>"
        << (p.kind == output::ProviderKind::Pilot ? "pilot area" : "TE office") << "</small>";
    if (!p.municipalities.empty()) {
        out << "<br><small class=\"members\" title=\"" << escape_html(all_members(p.municipalities))
            << "\">" << escape_html(members_text(p.municipalities)) << "</small>";
    }
    out << "</th>";
}

void write_head(std::ostream& out, const std::string& reference) {
    out << "<thead><tr><th scope=\"col\">area</th><th scope=\"col\">unemployed in "
        << escape_html(reference) << "</th>";
    for (const std::size_t o : kAreaOutcomes) {
        out << "<th scope=\"col\">" << escape_html(kHeadlineOutcomes[o].label) << "</th>";
    }
    out << "</tr></thead>\n";
}

void write_scenario_table(std::ostream& out, const output::ResultFile& file, const AreaTable& table,
                          std::size_t s) {
    const auto& names = file.metadata.scenario_names;
    out << "<h3>" << escape_html(names[s]) << " minus " << escape_html(names.front())
        << "</h3>\n<div class=\"wide\"><table class=\"areas\" id=\"areas-" << s << "\">\n";
    write_head(out, names.front());
    out << "<tbody>\n";
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const HeadlineTable& h = table.tables[r];
        out << (table.rows[r].region ? "<tr class=\"region\">" : "<tr>");
        write_name_cell(out, file, table.rows[r]);
        out << "<td class=\"num\">" << grouped(h.means[0][0], 0) << "</td>";
        for (const std::size_t o : kAreaOutcomes) {
            out << "<td class=\"num\">"
                << escape_html(area_cell(h.differences[s - 1][o], h.replications,
                                         kHeadlineOutcomes[o].decimals))
                << "</td>";
        }
        out << "</tr>\n";
    }
    out << "</tbody></table></div>\n";
}

} // namespace

AreaTable compute_area_table(const output::ResultFile& file, std::chrono::year_month from,
                             std::chrono::year_month to) {
    const auto& dims = file.dimensions;
    AreaTable t;
    const auto regions = region_names(dims);
    for (const auto& region : regions) {
        const auto area = region_area(dims, region);
        t.rows.push_back({*area, true, 0});
        for (const auto kind : {output::ProviderKind::TeOffice, output::ProviderKind::Pilot}) {
            for (const std::uint32_t p : area->providers) {
                if (dims.providers[p].kind == kind) {
                    t.rows.push_back({*provider_area(dims, dims.providers[p].name), false, p});
                }
            }
        }
    }
    if (regions.empty()) {
        for (std::size_t p = 0; p < dims.providers.size(); ++p) {
            t.rows.push_back({*provider_area(dims, dims.providers[p].name), false, p});
        }
    }
    std::vector<Area> areas;
    for (const auto& row : t.rows) {
        areas.push_back(row.area);
    }
    t.tables = area_headlines(file, areas, from, to);
    return t;
}

std::string area_cell(const Paired& p, std::size_t replications, int decimals) {
    if (std::isnan(p.difference.mean)) {
        return "–";
    }
    std::string s = as_printed(p.difference.mean, decimals, true);
    if (replications >= 2 && std::isfinite(p.difference.half_width)) {
        s += " ± " + as_printed(p.difference.half_width, decimals);
    }
    return s;
}

void write_area_tables(std::ostream& out, const output::ResultFile& file, const AreaTable& table) {
    const auto& names = file.metadata.scenario_names;
    out << "<section class=\"areas\" id=\"areas\">\n<h2>Every region, pilot area and TE "
           "office</h2>\n<p class=\"note\">Each scenario minus "
        << escape_html(names.front())
        << " over the headline months, paired by replication: the difference ± the half-width "
           "of its 95 % interval, the figures <code>kokeilu compare --provider NAME</code> and "
           "<code>--region NAME</code> print. A region's row covers its TE office and pilot "
           "areas together (stocks and flows summed, days to first contact weighted by first "
           "contacts, caseload by counsellors); a pilot area's member municipalities are under "
           "its name.</p>\n";
    for (std::size_t s = 1; s < names.size(); ++s) {
        write_scenario_table(out, file, table, s);
    }
    out << "</section>\n";
}

} // namespace kokeilu::analysis::report_detail
