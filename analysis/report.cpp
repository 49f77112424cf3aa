// The workshop report: HTML with inline CSS and SVG, written deterministically.
#include "analysis/report.hpp"

#include "analysis/report_areas.hpp"
#include "analysis/report_chart.hpp"
#include "analysis/report_data.hpp"
#include "analysis/report_format.hpp"
#include "analysis/report_headline.hpp"
#include "analysis/report_map.hpp"
#include "output/error.hpp"
#include "output/output_set.hpp"
#include "sim/interrupt.hpp"

#include <cmath>
#include <ostream>
#include <sstream>
#include <vector>

namespace kokeilu::analysis {

namespace {

using namespace report_detail;

/// The chart's numbers, folded away: month by month, each scenario's mean and interval.
void write_values_table(std::ostream& out, const output::ResultFile& file,
                        const std::vector<std::vector<Point>>& series) {
    const auto& names = file.metadata.scenario_names;
    out << "<details class=\"values\"><summary>Values behind the chart</summary>\n"
        << "<table><thead><tr><th>month</th>";
    for (const auto& n : names) {
        out << "<th>" << escape_html(n) << "</th>";
    }
    out << "</tr></thead><tbody>\n";
    for (std::size_t i = 0; i < file.dimensions.months.size(); ++i) {
        out << "<tr><td>" << output::format_month(file.dimensions.months[i]) << "</td>";
        for (std::size_t s = 0; s < names.size(); ++s) {
            const Point& p = series[s][i];
            out << "<td class=\"num\">" << format_value(p.mean);
            if (std::isfinite(p.low)) {
                out << " [" << format_value(p.low) << ", " << format_value(p.high) << "]";
            }
            out << "</td>";
        }
        out << "</tr>\n";
    }
    out << "</tbody></table></details>\n";
}

constexpr const char* kStyle = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 800px; padding: 1.5em; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin: 1.6em 0 0.2em; border-bottom: 1px solid #ccc; }
.subtitle { color: #555; margin-top: 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
dl.facts ol { margin: 0; padding-left: 1.4em; }
pre { background: #f5f5f5; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }
.note { color: #444; font-size: 0.9em; }
figure { margin: 0.5em 0 1em; }
figure.pathway svg { max-width: 100%; height: auto; }
figure.pathway figcaption { font-weight: 600; margin-bottom: 0.3em; }
svg.chart { max-width: 100%; height: auto; font-size: 12px; font-family: inherit; }
svg.chart text { fill: #1a1a1a; }
svg.chart .grid { stroke: #e3e3e3; stroke-width: 1; }
svg.chart .tick, svg.chart .frame { stroke: #555; stroke-width: 1; }
svg.chart .label { font-size: 12px; fill: #333; }
svg.chart .band { fill-opacity: 0.15; stroke: none; }
svg.chart .line { fill: none; stroke-width: 2.5; stroke-linejoin: round; }
svg.chart .zero { stroke: #333; stroke-width: 1.2; }
section.headline { border: 2px solid #0072B2; border-radius: 6px; padding: 0 1em 0.6em; margin: 1em 0; }
section.headline h2 { border-bottom: none; margin-top: 0.8em; }
section.headline h3 { font-size: 1.05em; margin: 0.8em 0 0.2em; }
ul.headline { margin: 0.2em 0 0.4em; padding-left: 1.2em; font-size: 1.05em; }
ul.headline li { margin: 0.15em 0; }
ul.headline .what { color: #555; font-size: 0.85em; }
table { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.wide { overflow-x: auto; }
section.areas { width: min(1100px, calc(100vw - 2em)); position: relative; left: 50%;
  transform: translateX(-50%); }
table.areas { font-size: 0.8em; }
table.areas th, table.areas td { padding: 0.2em 0.4em; }
table.areas th { font-weight: normal; }
table.areas thead th { font-weight: 600; vertical-align: bottom; }
table.areas tr.region th, table.areas tr.region td { background: #f2f2f2; font-weight: 600;
  border-top: 2px solid #999; }
table.areas th small { color: #555; }
svg.map { max-width: 100%; height: auto; font-family: inherit; }
svg.map .name { font-size: 13px; font-weight: 600; }
svg.map .value { font-size: 18px; font-weight: 700; }
svg.map .interval { font-size: 11px; }
svg.map .label { font-size: 11px; fill: #333; }
details { margin: 0.5em 0; }
summary { cursor: pointer; color: #0b4f8a; }
@media print {
  body { color: #000; max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure, svg.chart, table, section.measure { break-inside: avoid; page-break-inside: avoid; }
  svg.chart text, .note, .subtitle { fill: #000; color: #000; }
  summary { color: #000; }
  pre { background: none; border: 1px solid #999; }
  section.areas { width: auto; left: 0; transform: none; }
  table.areas { font-size: 0.7em; }
}
)";

std::string window_text(const output::ResultFile& file, const ReportData& d) {
    const auto& months = file.dimensions.months;
    return output::format_month(months[d.window->first]) + " to " +
           output::format_month(months[d.window->second]);
}

/// The headline panel and the headline differences over time, or why there are none.
void write_headline(std::ostream& out, const output::ResultFile& file, const ReportData& d) {
    const auto& names = file.metadata.scenario_names;
    if (names.size() < 2) {
        return;
    }
    if (!d.headline) {
        out << "<p class=\"note\">No headline panel: " << escape_html(d.no_headline) << ".</p>\n";
        return;
    }
    const auto& months = file.dimensions.months;
    write_headline_panel(out, names, *d.headline,
                         HeadlinePeriod{months[d.window->first], months[d.window->second]});
    if (d.difference_charts.empty()) {
        return;
    }
    out << "<section class=\"difference-charts\">\n<h2>Differences over time</h2>\n"
           "<p class=\"note\">Each headline outcome month by month: each scenario minus "
        << escape_html(names.front())
        << ", paired by replication, with the 95 % interval shaded. Above the line at 0 the "
           "scenario has more.</p>\n";
    for (const auto& chart : d.difference_charts) {
        throw_if_interrupted();
        out << "<h3>" << escape_html(chart.title) << " <small>(" << escape_html(chart.unit)
            << ")</small></h3>\n<figure>\n";
        write_chart(out,
                    ChartText{chart.title + ", difference", chart.unit,
                              "each scenario minus " + names.front() + " by month", true},
                    months, chart.lines);
        out << "</figure>\n";
    }
    out << "</section>\n";
}

/// The area tables and the region map over the headline window (with a headline panel only).
void write_areas(std::ostream& out, const output::ResultFile& file, const ReportData& d) {
    if (!d.headline || file.dimensions.providers.size() < 2) {
        return;
    }
    const auto& months = file.dimensions.months;
    const AreaTable table =
        compute_area_table(file, months[d.window->first], months[d.window->second]);
    write_region_maps(out, file, table);
    write_area_tables(out, file, table);
}

void write_settings(std::ostream& out, const output::ResultFile& file,
                    const ReportOptions& options) {
    if (!options.differences.empty()) {
        out << "<section class=\"assumptions\">\n<h2>Where the scenarios differ</h2>\n"
               "<p class=\"note\">The settings whose values are not the same in every "
               "scenario (everything else is shared).</p>\n<table id=\"assumptions\"><thead>"
               "<tr><th>setting</th>";
        for (const auto& n : file.metadata.scenario_names) {
            out << "<th>" << escape_html(n) << "</th>";
        }
        out << "</tr></thead>\n<tbody>\n";
        for (const auto& d : options.differences) {
            out << "<tr><td><code>" << escape_html(d.key) << "</code></td>";
            for (const auto& v : d.values) {
                out << "<td>" << escape_html(v) << "</td>";
            }
            out << "</tr>\n";
        }
        out << "</tbody></table>\n</section>\n";
    }
    if (!options.figures.empty()) {
        out << "<section class=\"pathways\">\n<h2>Service pathways</h2>\n<p class=\"note\">"
               "Each service model's pathway as the scenario defines it: stages (with their "
               "mean duration and seats) and the probabilities of moving on; laid out by "
               "Graphviz.</p>\n";
        for (const auto& f : options.figures) {
            out << "<figure class=\"pathway\">\n<figcaption>" << escape_html(f.title)
                << "</figcaption>\n"
                << f.svg << "\n</figure>\n";
        }
        out << "</section>\n";
    }
}

void write_measures(std::ostream& out, const output::ResultFile& file, const ReportData& d) {
    const auto& dims = file.dimensions;
    out << "<h2>Every measure</h2>\n<p class=\"note\">Each chart shows a measure over all "
           "providers and target groups within each replication: stocks and flows summed, "
           "means, shares and ratios weighted by what they are per (e.g. days to first contact "
           "by first contacts, caseload by counsellors; output/SCHEMA.md). The line is the mean "
           "over the "
        << file.metadata.replications
        << " replications and the shaded band its 95 % Student-t confidence interval.</p>\n";
    for (std::size_t me = 0; me < dims.measures.size(); ++me) {
        throw_if_interrupted();
        const auto& m = dims.measures[me];
        out << "<section class=\"measure\">\n<h2>" << escape_html(m.name) << " <small>("
            << escape_html(m.unit) << ")</small></h2>\n<p class=\"note\">"
            << escape_html(m.description) << "</p>\n<figure>\n";
        std::vector<ChartLine> lines;
        for (std::size_t s = 0; s < file.metadata.scenario_names.size(); ++s) {
            lines.push_back({file.metadata.scenario_names[s], s, d.series[me][s]});
        }
        write_chart(out, ChartText{m.name, m.unit, "monthly values by scenario", false},
                    dims.months, lines);
        out << "</figure>\n";
        write_values_table(out, file, d.series[me]);
        out << "</section>\n";
    }
    if (dims.measures.empty()) {
        out << "<p>This file has no measures.</p>\n";
    }
}

void write_differences_row(std::ostream& out, const output::Measure& m, const std::string& name,
                           const std::optional<Paired>& p) {
    out << "<tr><td>" << escape_html(m.name) << " (" << escape_html(m.unit) << ")</td><td>"
        << escape_html(name) << "</td>";
    if (!p) {
        out << "<td class=\"num\">–</td><td class=\"num\">–</td>"
               "<td class=\"num\">–</td><td class=\"num\">0</td></tr>\n";
        return;
    }
    const Estimate& e = p->difference;
    out << "<td class=\"num\">" << format_signed(e.mean) << "</td><td class=\"num\">";
    if (std::isfinite(e.ci_low)) {
        out << '[' << format_signed(e.ci_low) << ", " << format_signed(e.ci_high) << ']';
    } else {
        out << "–";
    }
    out << "</td><td class=\"num\">" << format_value(p->variance_ratio) << "</td><td class=\"num\">"
        << e.n << "</td></tr>\n";
}

/// Paired differences to the first scenario of every measure over the window.
void write_differences(std::ostream& out, const output::ResultFile& file, const ReportData& d) {
    const auto& names = file.metadata.scenario_names;
    const auto& dims = file.dimensions;
    out << "<section class=\"differences\">\n<h2>Differences to "
        << (names.empty() ? std::string("the first scenario") : escape_html(names.front()))
        << ", every measure</h2>\n";
    if (names.size() < 2) {
        out << "<p>This file holds a single scenario, so there are no differences between "
               "scenarios to show.</p>\n</section>\n";
        return;
    }
    if (!d.window) {
        out << "<p>This file has no months in the window.</p>\n</section>\n";
        return;
    }
    out << "<p class=\"note\">Over " << window_text(file, d) << ": each scenario minus "
        << escape_html(names.front())
        << ", paired by replication (common random numbers); stocks as means over the months, "
           "flows as totals, means, shares and ratios weighted by what they are per. The "
           "variance ratio is the variance of the paired differences divided by that of "
           "independent runs; below 1, pairing narrowed the interval.</p>\n"
        << "<table id=\"differences\"><thead><tr><th>measure</th><th>scenario</th>"
           "<th>mean difference</th><th>95 % interval</th><th>variance ratio</th>"
           "<th>pairs</th></tr></thead>\n<tbody>\n";
    for (std::size_t me = 0; me < dims.measures.size(); ++me) {
        for (std::size_t s = 1; s < names.size(); ++s) {
            write_differences_row(out, dims.measures[me], names[s], d.window_differences[me][s]);
        }
    }
    out << "</tbody></table>\n</section>\n";
}

/// What was run: scenarios, seed, replications, months, providers, version, scenario texts.
void write_about(std::ostream& out, const output::ResultFile& file) {
    const auto& meta = file.metadata;
    const auto& dims = file.dimensions;
    out << "<section class=\"about\">\n<h2>What was run</h2>\n<dl class=\"facts\">\n"
           "<dt>Scenarios</dt><dd><ol>";
    for (const auto& n : meta.scenario_names) {
        out << "<li>" << escape_html(n) << "</li>";
    }
    out << "</ol></dd>\n<dt>Seed</dt><dd>" << meta.seed << "</dd>\n"
        << "<dt>Replications</dt><dd>" << meta.replications << "</dd>\n";
    if (!dims.months.empty()) {
        out << "<dt>Months</dt><dd>" << output::format_month(dims.months.front()) << " to "
            << output::format_month(dims.months.back()) << " (" << dims.months.size() << ")</dd>\n";
    }
    out << "<dt>Providers</dt><dd>" << dims.providers.size() << ": ";
    for (std::size_t p = 0; p < dims.providers.size(); ++p) {
        out << (p == 0 ? "" : "; ") << escape_html(dims.providers[p].name) << " ("
            << output::to_string(dims.providers[p].kind) << ')';
    }
    out << "</dd>\n<dt>Target groups</dt><dd>" << dims.target_groups.size() << ": ";
    for (std::size_t g = 0; g < dims.target_groups.size(); ++g) {
        out << (g == 0 ? "" : "; ") << escape_html(dims.target_groups[g]);
    }
    out << "</dd>\n<dt>Kokeilu version</dt><dd>" << escape_html(meta.kokeilu_version);
    if (!meta.git_revision.empty()) {
        out << " (" << escape_html(meta.git_revision) << ')';
    }
    out << "</dd>\n</dl>\n";
    for (std::size_t s = 0; s < meta.scenario_texts.size(); ++s) {
        out << "<details class=\"scenario\"><summary>Scenario text";
        if (s < meta.scenario_names.size()) {
            out << ": " << escape_html(meta.scenario_names[s]);
        }
        out << " (the resolved scenario, as TOML)</summary>\n<pre>"
            << escape_html(meta.scenario_texts[s]) << "</pre></details>\n";
    }
    out << "</section>\n";
}

} // namespace

std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c; break;
        }
    }
    return out;
}

void write_report(const output::ResultFile& file, std::ostream& out, const ReportOptions& options) {
    const auto& names = file.metadata.scenario_names;
    const ReportData data = compute_report_data(file, options.window);
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>Kokeilu report: ";
    for (std::size_t s = 0; s < names.size(); ++s) {
        out << (s == 0 ? "" : " vs ") << escape_html(names[s]);
    }
    out << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n"
        << "<h1>Kokeilu workshop report</h1>\n"
        << "<p class=\"subtitle\">Scenarios side by side, with 95 % confidence intervals over "
        << file.metadata.replications << " replications";
    if (data.window) {
        out << "; headline over " << window_text(file, data);
    }
    out << ". What was run is at the end.</p>\n";
    write_headline(out, file, data);
    write_areas(out, file, data);
    write_settings(out, file, options);
    write_measures(out, file, data);
    write_differences(out, file, data);
    write_about(out, file);
    out << "</body>\n</html>\n";
}

void write_report_file(const output::ResultFile& file, const std::filesystem::path& path,
                       bool force, const ReportOptions& options) {
    std::ostringstream os;
    write_report(file, os, options);
    output::write_file_atomically(path, os.str(), force);
}

} // namespace kokeilu::analysis
