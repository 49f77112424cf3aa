// The workshop report: HTML with inline CSS and SVG, written deterministically.
#include "analysis/report.hpp"

#include "analysis/replications.hpp"
#include "output/error.hpp"
#include "output/output_set.hpp"
#include "sim/interrupt.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iomanip>
#include <limits>
#include <locale>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <system_error>
#include <vector>

namespace kokeilu::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Okabe & Ito's colour-blind-safe palette, ordered for lines on white (yellow last: faint).
constexpr std::array<const char*, 8> kColours = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                                 "#E69F00", "#56B4E9", "#000000", "#F0E442"};
// Dash patterns, so that lines stay apart in black-and-white print.
constexpr std::array<const char*, 8> kDashes = {"",    "8 4",          "2 3", "10 3 2 3",
                                                "4 4", "12 3 2 3 2 3", "1 5", "14 6"};

const char* colour(std::size_t scenario) {
    return kColours[scenario % kColours.size()];
}
const char* dash(std::size_t scenario) {
    return kDashes[scenario % kDashes.size()];
}

/// Fixed-point text in the classic locale, never "-0.0".
std::string fixed(double x, int decimals) {
    std::ostringstream os;
    os.imbue(std::locale::classic());
    os << std::fixed << std::setprecision(decimals) << x;
    std::string s = os.str();
    if (s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos) {
        s.erase(0, 1);
    }
    return s;
}

std::string scientific(double x, int decimals) {
    std::ostringstream os;
    os.imbue(std::locale::classic());
    os << std::scientific << std::setprecision(decimals) << x;
    return os.str();
}

/// A value for people: about three significant digits, scientific only for extreme sizes.
std::string format_value(double x) {
    if (std::isnan(x)) {
        return "–";
    }
    if (std::isinf(x)) {
        return x > 0 ? "∞" : "−∞";
    }
    const double a = std::abs(x);
    if (a != 0.0 && (a >= 1e9 || a < 1e-3)) {
        return scientific(x, 2);
    }
    return fixed(x, a >= 100.0 ? 0 : (a >= 10.0 ? 1 : 2));
}

std::string format_signed(double x) {
    const std::string s = format_value(x);
    return (x > 0.0 && std::isfinite(x)) ? "+" + s : s;
}

/// A coordinate in the SVG: one decimal is plenty at screen resolution.
std::string coord(double x) {
    return fixed(x, 1);
}

// ---- data ------------------------------------------------------------------------------------

/// Mean and interval over replications of the panel summed over providers and target groups.
struct Point {
    std::size_t n = 0;
    double mean = kNaN;
    double low = kNaN;
    double high = kNaN;
};

struct Totals {
    /// series[measure][scenario][month]
    std::vector<std::vector<std::vector<Point>>> series;
    /// Paired differences to scenario 0 in the last month: diffs[measure][scenario].
    std::vector<std::vector<std::optional<PairedDifference>>> diffs;
};

Totals compute_totals(const output::ResultFile& file) {
    const std::size_t scenarios = file.metadata.scenario_names.size();
    const std::size_t measures = file.dimensions.measures.size();
    const std::size_t months = file.dimensions.months.size();

    // Sum over providers and target groups per replication first (rows in file order, so the
    // floating-point sums are the same on every run), then summarise over replications.
    std::map<std::array<std::uint32_t, 4>, double> sums; // scenario, replication, month, measure
    for (std::size_t i = 0; i < file.monthly.size(); ++i) {
        if (i % 65536 == 0) {
            throw_if_interrupted(); // a long file: Ctrl-C is honoured while it is summed
        }
        const auto& r = file.monthly[i];
        sums[{r.scenario, r.replication, r.month, r.measure}] += r.value;
    }
    output::ResultFile summed;
    summed.metadata = file.metadata;
    summed.dimensions.months = file.dimensions.months;
    summed.dimensions.measures = file.dimensions.measures;
    summed.dimensions.providers = {{"all providers", output::ProviderKind::TeOffice}};
    summed.dimensions.target_groups = {"all target groups"};
    summed.monthly.reserve(sums.size());
    for (const auto& [key, value] : sums) {
        summed.monthly.push_back(output::MonthlyRow{key[0], key[1], key[2], 0, 0, key[3], value});
    }

    Totals t;
    t.series.assign(measures,
                    std::vector<std::vector<Point>>(scenarios, std::vector<Point>(months)));
    for (const auto& c : summarise_replications(summed)) {
        if (c.cell.measure < measures && c.cell.scenario < scenarios && c.cell.month < months) {
            t.series[c.cell.measure][c.cell.scenario][c.cell.month] =
                Point{c.n, c.mean, c.ci_low, c.ci_high};
        }
    }
    t.diffs.assign(measures, std::vector<std::optional<PairedDifference>>(scenarios));
    if (scenarios > 1 && months > 0) {
        const auto last = static_cast<std::uint32_t>(months - 1);
        for (const auto& d : paired_differences(summed, 0)) {
            if (d.cell.month == last && d.cell.measure < measures && d.cell.scenario < scenarios) {
                t.diffs[d.cell.measure][d.cell.scenario] = d;
            }
        }
    }
    return t;
}

// ---- charts ----------------------------------------------------------------------------------

struct Axis {
    double lo = 0.0;
    double hi = 1.0;
    double step = 0.2;
};

/// A "nice" axis (steps of 1, 2 or 5 times a power of ten) covering [lo, hi].
Axis nice_axis(double lo, double hi) {
    if (!std::isfinite(lo) || !std::isfinite(hi)) {
        return {};
    }
    // Start from zero when the data are well away from it on one side: honest bar heights.
    if (lo > 0.0 && lo <= 0.5 * hi) {
        lo = 0.0;
    } else if (hi < 0.0 && hi >= 0.5 * lo) {
        hi = 0.0;
    }
    if (!(hi > lo)) {
        const double pad = lo == 0.0 ? 1.0 : std::abs(lo) * 0.1;
        lo -= pad;
        hi += pad;
    }
    const double raw = (hi - lo) / 5.0;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / mag;
    const double nf = f <= 1.0 ? 1.0 : (f <= 2.0 ? 2.0 : (f <= 5.0 ? 5.0 : 10.0));
    Axis a;
    a.step = nf * mag;
    a.lo = std::floor(lo / a.step) * a.step;
    a.hi = std::ceil(hi / a.step) * a.step;
    if (!(a.hi > a.lo) || !std::isfinite(a.step) || a.step <= 0.0) {
        return {};
    }
    return a;
}

std::string format_tick(double v, double step) {
    if (std::abs(v) < step * 1e-9) {
        v = 0.0;
    }
    if (step >= 1e7 || step < 1e-3) {
        return v == 0.0 ? "0" : scientific(v, 1);
    }
    const int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
    return fixed(v, decimals);
}

/// Consecutive months where `ok(i)` holds.
template <typename Pred>
std::vector<std::pair<std::size_t, std::size_t>> runs(std::size_t n, Pred ok) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t i = 0;
    while (i < n) {
        if (!ok(i)) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j + 1 < n && ok(j + 1)) {
            ++j;
        }
        out.emplace_back(i, j);
        i = j + 1;
    }
    return out;
}

void write_chart(std::ostream& out, const output::ResultFile& file, std::size_t measure,
                 const std::vector<std::vector<Point>>& series) {
    const auto& m = file.dimensions.measures[measure];
    const auto& names = file.metadata.scenario_names;
    const auto& months = file.dimensions.months;
    const std::size_t nm = months.size();

    constexpr double width = 760.0;
    constexpr double left = 84.0;
    constexpr double right = 44.0;
    constexpr double plot_h = 260.0;
    constexpr double legend_row = 20.0;
    const double top = 14.0 + legend_row * static_cast<double>(names.size()) + 10.0;
    const double bottom = top + plot_h;
    const double height = bottom + 52.0;
    const double plot_w = width - left - right;

    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (const auto& s : series) {
        for (const auto& p : s) {
            for (const double v : {p.mean, p.low, p.high}) {
                if (std::isfinite(v)) {
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
            }
        }
    }
    const Axis axis = nice_axis(lo, hi);
    const auto x_of = [&](std::size_t i) {
        return nm <= 1 ? left + plot_w / 2.0
                       : left + plot_w * static_cast<double>(i) / static_cast<double>(nm - 1);
    };
    const auto y_of = [&](double v) {
        return bottom - plot_h * (v - axis.lo) / (axis.hi - axis.lo);
    };

    const std::string title = escape_html(m.name);
    out << "<svg class=\"chart\" viewBox=\"0 0 " << coord(width) << ' ' << coord(height)
        << "\" width=\"" << coord(width) << "\" height=\"" << coord(height)
        << "\" role=\"img\" aria-label=\"" << title << ": monthly values by scenario\">\n"
        << "<title>" << title << " (" << escape_html(m.unit) << ")</title>\n";

    // Legend above the plot: a sample of each line with its band, then the name.
    for (std::size_t s = 0; s < names.size(); ++s) {
        const double y = 14.0 + legend_row * static_cast<double>(s) + legend_row / 2.0;
        out << "<g class=\"legend\"><rect x=\"" << coord(left) << "\" y=\"" << coord(y - 6.0)
            << "\" width=\"40\" height=\"12\" fill=\"" << colour(s)
            << "\" fill-opacity=\"0.15\"/><line x1=\"" << coord(left) << "\" y1=\"" << coord(y)
            << "\" x2=\"" << coord(left + 40.0) << "\" y2=\"" << coord(y) << "\" stroke=\""
            << colour(s) << "\" stroke-width=\"2.5\"";
        if (*dash(s) != '\0') {
            out << " stroke-dasharray=\"" << dash(s) << '"';
        }
        out << "/><text x=\"" << coord(left + 48.0) << "\" y=\"" << coord(y + 4.0) << "\">"
            << escape_html(names[s]) << "</text></g>\n";
    }

    // Horizontal grid and y ticks.
    out << "<g class=\"axis\">\n";
    const int ticks = static_cast<int>(std::lround((axis.hi - axis.lo) / axis.step));
    for (int k = 0; k <= ticks; ++k) {
        const double v = axis.lo + axis.step * k;
        const double y = y_of(v);
        out << "<line class=\"grid\" x1=\"" << coord(left) << "\" y1=\"" << coord(y) << "\" x2=\""
            << coord(left + plot_w) << "\" y2=\"" << coord(y) << "\"/>"
            << "<text x=\"" << coord(left - 6.0) << "\" y=\"" << coord(y + 4.0)
            << "\" text-anchor=\"end\">" << format_tick(v, axis.step) << "</text>\n";
    }
    // x ticks: at most about twelve labels.
    const std::size_t every = std::max<std::size_t>(1, (nm + 11) / 12);
    for (std::size_t i = 0; i < nm; ++i) {
        const double x = x_of(i);
        out << "<line class=\"tick\" x1=\"" << coord(x) << "\" y1=\"" << coord(bottom) << "\" x2=\""
            << coord(x) << "\" y2=\"" << coord(bottom + (i % every == 0 ? 5 : 3)) << "\"/>";
        if (i % every == 0) {
            out << "<text x=\"" << coord(x) << "\" y=\"" << coord(bottom + 18.0)
                << "\" text-anchor=\"middle\">" << output::format_month(months[i]) << "</text>";
        }
        out << '\n';
    }
    out << "<line class=\"frame\" x1=\"" << coord(left) << "\" y1=\"" << coord(bottom) << "\" x2=\""
        << coord(left + plot_w) << "\" y2=\"" << coord(bottom) << "\"/>"
        << "<line class=\"frame\" x1=\"" << coord(left) << "\" y1=\"" << coord(top) << "\" x2=\""
        << coord(left) << "\" y2=\"" << coord(bottom) << "\"/>\n"
        << "<text class=\"label\" x=\"" << coord(left + plot_w / 2.0) << "\" y=\""
        << coord(bottom + 40.0) << "\" text-anchor=\"middle\">month</text>\n"
        << "<text class=\"label\" transform=\"translate(14 " << coord((top + bottom) / 2.0)
        << ") rotate(-90)\" text-anchor=\"middle\">" << escape_html(m.unit) << "</text>\n"
        << "</g>\n";

    // Bands first, so that every line is drawn over every band.
    for (std::size_t s = 0; s < series.size(); ++s) {
        const auto& pts = series[s];
        for (const auto& [a, b] : runs(nm, [&](std::size_t i) {
                 return std::isfinite(pts[i].low) && std::isfinite(pts[i].high);
             })) {
            out << "<path class=\"band\" fill=\"" << colour(s) << "\" d=\"";
            for (std::size_t i = a; i <= b; ++i) {
                out << (i == a ? "M" : " L") << coord(x_of(i)) << ' ' << coord(y_of(pts[i].high));
            }
            for (std::size_t i = b + 1; i-- > a;) {
                out << " L" << coord(x_of(i)) << ' ' << coord(y_of(pts[i].low));
            }
            if (a == b) { // one month: a short vertical bar
                out << " M" << coord(x_of(a)) << ' ' << coord(y_of(pts[a].high));
            }
            out << " Z\"/>\n";
        }
    }
    for (std::size_t s = 0; s < series.size(); ++s) {
        const auto& pts = series[s];
        for (const auto& [a, b] :
             runs(nm, [&](std::size_t i) { return std::isfinite(pts[i].mean); })) {
            if (a == b) {
                out << "<circle cx=\"" << coord(x_of(a)) << "\" cy=\"" << coord(y_of(pts[a].mean))
                    << "\" r=\"3\" fill=\"" << colour(s) << "\"/>\n";
                continue;
            }
            out << "<path class=\"line\" stroke=\"" << colour(s) << '"';
            if (*dash(s) != '\0') {
                out << " stroke-dasharray=\"" << dash(s) << '"';
            }
            out << " d=\"";
            for (std::size_t i = a; i <= b; ++i) {
                out << (i == a ? "M" : " L") << coord(x_of(i)) << ' ' << coord(y_of(pts[i].mean));
            }
            out << "\"/>\n";
        }
    }
    out << "</svg>\n";
}

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
table { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
details { margin: 0.5em 0; }
summary { cursor: pointer; color: #0b4f8a; }
@media print {
  body { color: #000; max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure, svg.chart, table, section.measure { break-inside: avoid; page-break-inside: avoid; }
  svg.chart text, .note, .subtitle { fill: #000; color: #000; }
  summary { color: #000; }
  pre { background: none; border: 1px solid #999; }
}
)";

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

void write_report(const output::ResultFile& file, std::ostream& out) {
    write_report(file, out, {});
}

void write_report(const output::ResultFile& file, std::ostream& out,
                  const std::vector<ReportFigure>& figures,
                  const std::vector<KeyDifference>& differences) {
    const auto& meta = file.metadata;
    const auto& dims = file.dimensions;
    const auto& names = meta.scenario_names;
    const Totals totals = compute_totals(file);

    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>Kokeilu report: ";
    for (std::size_t s = 0; s < names.size(); ++s) {
        out << (s == 0 ? "" : " vs ") << escape_html(names[s]);
    }
    out << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n"
        << "<h1>Kokeilu workshop report</h1>\n"
        << "<p class=\"subtitle\">Scenarios side by side, with 95 % confidence intervals over "
           "replications.</p>\n";

    // Header: what was run.
    out << "<dl class=\"facts\">\n<dt>Scenarios</dt><dd><ol>";
    for (const auto& n : names) {
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
        if (s < names.size()) {
            out << ": " << escape_html(names[s]);
        }
        out << " (the resolved scenario, as TOML)</summary>\n<pre>"
            << escape_html(meta.scenario_texts[s]) << "</pre></details>\n";
    }

    if (!differences.empty()) {
        out << "<section class=\"assumptions\">\n<h2>Where the scenarios differ</h2>\n"
               "<p class=\"note\">The settings whose values are not the same in every "
               "scenario (everything else is shared).</p>\n<table id=\"assumptions\"><thead>"
               "<tr><th>setting</th>";
        for (const auto& n : meta.scenario_names) {
            out << "<th>" << escape_html(n) << "</th>";
        }
        out << "</tr></thead>\n<tbody>\n";
        for (const auto& d : differences) {
            out << "<tr><td><code>" << escape_html(d.key) << "</code></td>";
            for (const auto& v : d.values) {
                out << "<td>" << escape_html(v) << "</td>";
            }
            out << "</tr>\n";
        }
        out << "</tbody></table>\n</section>\n";
    }
    if (!figures.empty()) {
        out << "<section class=\"pathways\">\n<h2>Service pathways</h2>\n<p class=\"note\">"
               "Each service model's pathway as the scenario defines it: stages (with their "
               "mean duration and seats) and the probabilities of moving on; laid out by "
               "Graphviz.</p>\n";
        for (const auto& f : figures) {
            out << "<figure class=\"pathway\">\n<figcaption>" << escape_html(f.title)
                << "</figcaption>\n"
                << f.svg << "\n</figure>\n";
        }
        out << "</section>\n";
    }
    out << "<p class=\"note\">Each chart shows a measure summed over all providers and target "
           "groups within each replication; the line is the mean over the "
        << meta.replications
        << " replications and the shaded band its 95 % Student-t confidence interval. For "
           "measures that are averages or ratios (days, per counsellor) the sum over providers "
           "is not a total; read them per provider in the CSV export.</p>\n";

    // One chart per measure, in file order.
    for (std::size_t me = 0; me < dims.measures.size(); ++me) {
        throw_if_interrupted();
        const auto& m = dims.measures[me];
        out << "<section class=\"measure\">\n<h2>" << escape_html(m.name) << " <small>("
            << escape_html(m.unit) << ")</small></h2>\n<p class=\"note\">"
            << escape_html(m.description) << "</p>\n<figure>\n";
        write_chart(out, file, me, totals.series[me]);
        out << "</figure>\n";
        write_values_table(out, file, totals.series[me]);
        out << "</section>\n";
    }
    if (dims.measures.empty()) {
        out << "<p>This file has no measures.</p>\n";
    }

    // Paired differences to the first scenario in the last month.
    out << "<section class=\"differences\">\n<h2>Differences to "
        << (names.empty() ? std::string("the first scenario") : escape_html(names.front()))
        << "</h2>\n";
    if (names.size() < 2) {
        out << "<p>This file holds a single scenario, so there are no differences between "
               "scenarios to show.</p>\n";
    } else if (dims.months.empty()) {
        out << "<p>This file has no months.</p>\n";
    } else {
        out << "<p class=\"note\">In the last month, " << output::format_month(dims.months.back())
            << ": each scenario minus " << escape_html(names.front())
            << ", paired by replication (common random numbers), summed over providers and "
               "target groups. The variance ratio is the variance of the paired differences "
               "divided by that of independent runs; below 1, pairing narrowed the "
               "interval.</p>\n"
            << "<table id=\"differences\"><thead><tr><th>measure</th><th>scenario</th>"
               "<th>mean difference</th><th>95 % interval</th><th>variance ratio</th>"
               "<th>pairs</th></tr></thead>\n<tbody>\n";
        for (std::size_t me = 0; me < dims.measures.size(); ++me) {
            for (std::size_t s = 1; s < names.size(); ++s) {
                const auto& d = totals.diffs[me][s];
                out << "<tr><td>" << escape_html(dims.measures[me].name) << " ("
                    << escape_html(dims.measures[me].unit) << ")</td><td>" << escape_html(names[s])
                    << "</td>";
                if (!d) {
                    out << "<td class=\"num\">–</td><td class=\"num\">–</td>"
                           "<td class=\"num\">–</td><td class=\"num\">0</td></tr>\n";
                    continue;
                }
                out << "<td class=\"num\">" << format_signed(d->mean) << "</td><td class=\"num\">";
                if (std::isfinite(d->ci_low)) {
                    out << '[' << format_signed(d->ci_low) << ", " << format_signed(d->ci_high)
                        << ']';
                } else {
                    out << "–";
                }
                out << "</td><td class=\"num\">" << format_value(d->variance_ratio)
                    << "</td><td class=\"num\">" << d->n << "</td></tr>\n";
            }
        }
        out << "</tbody></table>\n";
    }
    out << "</section>\n</body>\n</html>\n";
}

void write_report_file(const output::ResultFile& file, const std::filesystem::path& path,
                       bool force, const std::vector<ReportFigure>& figures,
                       const std::vector<KeyDifference>& differences) {
    std::ostringstream os;
    write_report(file, os, figures, differences);
    output::write_file_atomically(path, os.str(), force);
}

} // namespace kokeilu::analysis
