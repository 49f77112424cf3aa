// The numbers of the workshop report, from a result file: every run's measures combined by
// their kind (analysis/aggregate.hpp), then summarised over replications.
#pragma once

#include "analysis/headlines.hpp"
#include "analysis/report.hpp"
#include "analysis/report_chart.hpp"
#include "output/result_file.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kokeilu::analysis::report_detail {

/// A chart of one headline outcome's difference to the reference over time: one line per
/// scenario after the first.
struct DifferenceChart {
    std::string title;
    std::string unit;
    std::vector<ChartLine> lines;
};

struct ReportData {
    /// series[measure][scenario][month]: the mean over replications and its interval.
    std::vector<std::vector<std::vector<Point>>> series;
    /// The window's first and last month codes; empty when it holds no month of the file.
    std::optional<std::pair<std::size_t, std::size_t>> window;
    /// window_differences[measure][scenario]: each scenario's window value minus the first
    /// scenario's, paired by replication (scenario 0 and measures without pairs: empty).
    std::vector<std::vector<std::optional<Paired>>> window_differences;
    /// The headline outcomes over the window, as `kokeilu compare` computes them; empty with
    /// a reason in `no_headline` when the file lacks their measures or the window its months.
    std::optional<HeadlineTable> headline;
    std::string no_headline;
    /// The headline outcomes' differences month by month (with two or more scenarios).
    std::vector<DifferenceChart> difference_charts;
};

/// Computes the report's numbers. Throws `kokeilu::Interrupted` on a stop request.
[[nodiscard]] ReportData compute_report_data(const output::ResultFile& file,
                                             const std::optional<MonthWindow>& window);

} // namespace kokeilu::analysis::report_detail
