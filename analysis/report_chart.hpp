// The report's line charts: inline SVG, one line per series with its shaded 95 % band.
#pragma once

#include <chrono>
#include <cstddef>
#include <limits>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace kokeilu::analysis::report_detail {

/// A mean over replications and its interval (NaN where there is none).
struct Point {
    std::size_t n = 0;
    double mean = std::numeric_limits<double>::quiet_NaN();
    double low = std::numeric_limits<double>::quiet_NaN();
    double high = std::numeric_limits<double>::quiet_NaN();
};

/// One line of a chart: its legend text, its style (the scenario's colour and dashes) and a
/// point per month.
struct ChartLine {
    std::string name;
    std::size_t style = 0;
    std::vector<Point> points;
};

/// What a chart shows.
struct ChartText {
    std::string title; ///< plain text (escaped here)
    std::string unit;  ///< the y axis label, plain text
    std::string aria;  ///< what the lines are, e.g. "monthly values by scenario"
    bool zero = false; ///< the y axis covers 0 and draws a line there (differences)
};

/// Writes an SVG line chart of `lines` over `months`: a legend above, y ticks on a "nice"
/// axis, at most about twelve month labels, bands under every line.
void write_chart(std::ostream& out, const ChartText& text,
                 const std::vector<std::chrono::year_month>& months,
                 const std::vector<ChartLine>& lines);

} // namespace kokeilu::analysis::report_detail
