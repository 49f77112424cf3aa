// The report's line charts.
#include "analysis/report_chart.hpp"

#include "analysis/report.hpp"
#include "analysis/report_format.hpp"
#include "output/result_file.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace kokeilu::analysis::report_detail {

namespace {

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

/// The chart's geometry: plot area and axis.
struct Frame {
    static constexpr double width = 760.0;
    static constexpr double left = 84.0;
    static constexpr double right = 44.0;
    static constexpr double plot_h = 260.0;
    static constexpr double legend_row = 20.0;
    double top = 0.0;
    double bottom = 0.0;
    double height = 0.0;
    double plot_w = width - left - right;
    std::size_t months = 0;
    Axis axis;

    [[nodiscard]] double x(std::size_t i) const {
        return months <= 1
                   ? left + plot_w / 2.0
                   : left + plot_w * static_cast<double>(i) / static_cast<double>(months - 1);
    }
    [[nodiscard]] double y(double v) const {
        return bottom - plot_h * (v - axis.lo) / (axis.hi - axis.lo);
    }
};

Frame frame_of(const ChartText& text, std::size_t months, const std::vector<ChartLine>& lines) {
    Frame f;
    f.months = months;
    f.top = 14.0 + Frame::legend_row * static_cast<double>(lines.size()) + 10.0;
    f.bottom = f.top + Frame::plot_h;
    f.height = f.bottom + 52.0;
    double lo = text.zero ? 0.0 : std::numeric_limits<double>::infinity();
    double hi = text.zero ? 0.0 : -std::numeric_limits<double>::infinity();
    for (const auto& line : lines) {
        for (const auto& p : line.points) {
            for (const double v : {p.mean, p.low, p.high}) {
                if (std::isfinite(v)) {
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
            }
        }
    }
    f.axis = nice_axis(lo, hi);
    return f;
}

/// Legend above the plot: a sample of each line with its band, then the name.
void write_legend(std::ostream& out, const std::vector<ChartLine>& lines) {
    for (std::size_t k = 0; k < lines.size(); ++k) {
        const std::size_t s = lines[k].style;
        const double y =
            14.0 + Frame::legend_row * static_cast<double>(k) + Frame::legend_row / 2.0;
        out << "<g class=\"legend\"><rect x=\"" << coord(Frame::left) << "\" y=\"" << coord(y - 6.0)
            << "\" width=\"40\" height=\"12\" fill=\"" << colour(s)
            << "\" fill-opacity=\"0.15\"/><line x1=\"" << coord(Frame::left) << "\" y1=\""
            << coord(y) << "\" x2=\"" << coord(Frame::left + 40.0) << "\" y2=\"" << coord(y)
            << "\" stroke=\"" << colour(s) << "\" stroke-width=\"2.5\"";
        if (*dash(s) != '\0') {
            out << " stroke-dasharray=\"" << dash(s) << '"';
        }
        out << "/><text x=\"" << coord(Frame::left + 48.0) << "\" y=\"" << coord(y + 4.0) << "\">"
            << escape_html(lines[k].name) << "</text></g>\n";
    }
}

/// Grid, y ticks, month ticks, the frame, the axis labels and, for differences, the zero line.
void write_axes(std::ostream& out, const Frame& f, const ChartText& text,
                const std::vector<std::chrono::year_month>& months) {
    out << "<g class=\"axis\">\n";
    const int ticks = static_cast<int>(std::lround((f.axis.hi - f.axis.lo) / f.axis.step));
    for (int k = 0; k <= ticks; ++k) {
        const double v = f.axis.lo + f.axis.step * k;
        out << "<line class=\"grid\" x1=\"" << coord(Frame::left) << "\" y1=\"" << coord(f.y(v))
            << "\" x2=\"" << coord(Frame::left + f.plot_w) << "\" y2=\"" << coord(f.y(v)) << "\"/>"
            << "<text x=\"" << coord(Frame::left - 6.0) << "\" y=\"" << coord(f.y(v) + 4.0)
            << "\" text-anchor=\"end\">" << format_tick(v, f.axis.step) << "</text>\n";
    }
    const std::size_t every = std::max<std::size_t>(1, (months.size() + 11) / 12);
    for (std::size_t i = 0; i < months.size(); ++i) {
        out << "<line class=\"tick\" x1=\"" << coord(f.x(i)) << "\" y1=\"" << coord(f.bottom)
            << "\" x2=\"" << coord(f.x(i)) << "\" y2=\""
            << coord(f.bottom + (i % every == 0 ? 5 : 3)) << "\"/>";
        if (i % every == 0) {
            out << "<text x=\"" << coord(f.x(i)) << "\" y=\"" << coord(f.bottom + 18.0)
                << "\" text-anchor=\"middle\">" << output::format_month(months[i]) << "</text>";
        }
        out << '\n';
    }
    out << "<line class=\"frame\" x1=\"" << coord(Frame::left) << "\" y1=\"" << coord(f.bottom)
        << "\" x2=\"" << coord(Frame::left + f.plot_w) << "\" y2=\"" << coord(f.bottom) << "\"/>"
        << "<line class=\"frame\" x1=\"" << coord(Frame::left) << "\" y1=\"" << coord(f.top)
        << "\" x2=\"" << coord(Frame::left) << "\" y2=\"" << coord(f.bottom) << "\"/>\n";
    if (text.zero) {
        out << "<line class=\"zero\" x1=\"" << coord(Frame::left) << "\" y1=\"" << coord(f.y(0.0))
            << "\" x2=\"" << coord(Frame::left + f.plot_w) << "\" y2=\"" << coord(f.y(0.0))
            << "\"/>\n";
    }
    out << "<text class=\"label\" x=\"" << coord(Frame::left + f.plot_w / 2.0) << "\" y=\""
        << coord(f.bottom + 40.0) << "\" text-anchor=\"middle\">month</text>\n"
        << "<text class=\"label\" transform=\"translate(14 " << coord((f.top + f.bottom) / 2.0)
        << ") rotate(-90)\" text-anchor=\"middle\">" << escape_html(text.unit) << "</text>\n"
        << "</g>\n";
}

void write_bands(std::ostream& out, const Frame& f, const std::vector<ChartLine>& lines) {
    for (const auto& line : lines) {
        const auto& pts = line.points;
        for (const auto& [a, b] : runs(pts.size(), [&](std::size_t i) {
                 return std::isfinite(pts[i].low) && std::isfinite(pts[i].high);
             })) {
            out << "<path class=\"band\" fill=\"" << colour(line.style) << "\" d=\"";
            for (std::size_t i = a; i <= b; ++i) {
                out << (i == a ? "M" : " L") << coord(f.x(i)) << ' ' << coord(f.y(pts[i].high));
            }
            for (std::size_t i = b + 1; i-- > a;) {
                out << " L" << coord(f.x(i)) << ' ' << coord(f.y(pts[i].low));
            }
            if (a == b) { // one month: a short vertical bar
                out << " M" << coord(f.x(a)) << ' ' << coord(f.y(pts[a].high));
            }
            out << " Z\"/>\n";
        }
    }
}

void write_lines(std::ostream& out, const Frame& f, const std::vector<ChartLine>& lines) {
    for (const auto& line : lines) {
        const auto& pts = line.points;
        for (const auto& [a, b] :
             runs(pts.size(), [&](std::size_t i) { return std::isfinite(pts[i].mean); })) {
            if (a == b) {
                out << "<circle cx=\"" << coord(f.x(a)) << "\" cy=\"" << coord(f.y(pts[a].mean))
                    << "\" r=\"3\" fill=\"" << colour(line.style) << "\"/>\n";
                continue;
            }
            out << "<path class=\"line\" stroke=\"" << colour(line.style) << '"';
            if (*dash(line.style) != '\0') {
                out << " stroke-dasharray=\"" << dash(line.style) << '"';
            }
            out << " d=\"";
            for (std::size_t i = a; i <= b; ++i) {
                out << (i == a ? "M" : " L") << coord(f.x(i)) << ' ' << coord(f.y(pts[i].mean));
            }
            out << "\"/>\n";
        }
    }
}

} // namespace

void write_chart(std::ostream& out, const ChartText& text,
                 const std::vector<std::chrono::year_month>& months,
                 const std::vector<ChartLine>& lines) {
    const Frame f = frame_of(text, months.size(), lines);
    const std::string title = escape_html(text.title);
    out << "<svg class=\"chart\" viewBox=\"0 0 " << coord(Frame::width) << ' ' << coord(f.height)
        << "\" width=\"" << coord(Frame::width) << "\" height=\"" << coord(f.height)
        << "\" role=\"img\" aria-label=\"" << title << ": " << escape_html(text.aria) << "\">\n"
        << "<title>" << title << " (" << escape_html(text.unit) << ")</title>\n";
    write_legend(out, lines);
    write_axes(out, f, text, months);
    // Bands first, so that every line is drawn over every band.
    write_bands(out, f, lines);
    write_lines(out, f, lines);
    out << "</svg>\n";
}

} // namespace kokeilu::analysis::report_detail
