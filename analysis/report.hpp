// The workshop report: one self-contained HTML file (inline CSS and SVG) from a result file.
#pragma once

#include "output/result_file.hpp"

#include <chrono>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kokeilu::analysis {

/// A drawing to include in the report (e.g. a service model's pathway), as an inline SVG
/// document made elsewhere; the report escapes the title and inserts the SVG as it is.
struct ReportFigure {
    std::string title;
    std::string svg;
};

/// A setting whose value differs between the scenarios of a file: the key and its value in
/// each scenario (in scenario order), as text.
struct KeyDifference {
    std::string key;
    std::vector<std::string> values;
};

/// The months of the headline panel and the differences table (inclusive).
struct MonthWindow {
    std::chrono::year_month from;
    std::chrono::year_month to;
};

/// What the report shows besides the result file.
struct ReportOptions {
    /// Drawings for a "Service pathways" section, in order.
    std::vector<ReportFigure> figures;
    /// The settings in which the scenarios differ, for a table of them.
    std::vector<KeyDifference> differences;
    /// The headline window (`kokeilu compare`'s: the reference's pilot period, or --window);
    /// empty: every month of the file.
    std::optional<MonthWindow> window;
};

/// Writes the workshop report for `file` to `out`. First the headline panel: each scenario
/// against the first over the window, the outcomes of `kokeilu compare` (analysis/headlines.hpp,
/// the same numbers) as paired differences with 95 % intervals, in words and in compare's
/// figures, and a chart of each headline difference over time with its band. Then the settings
/// in which the scenarios differ and the pathway drawings of `options`, one line chart per
/// measure (each measure combined over providers and target groups by its kind,
/// analysis/aggregate.hpp, per replication; the mean over replications with its 95 %
/// Student-t band, one line per scenario), a table of every measure's paired differences over
/// the window, and last what was run (scenarios, seed, replications, providers, version, each
/// scenario's text). The HTML has no scripts and loads nothing (inline CSS and SVG only); all
/// text from the file is escaped. The same file gives the same bytes. A file without the
/// headline measures, or with one scenario, has no headline panel.
void write_report(const output::ResultFile& file, std::ostream& out,
                  const ReportOptions& options = {});

/// Writes the report to `path` under a private temporary name, renamed over `path` when
/// complete (output::write_file_atomically: a missing folder is made, only a regular file is
/// replaced). Throws `OutputError` naming the path if `path` exists and `force` is false, or
/// if the file cannot be written; `kokeilu::Interrupted` on a stop request.
void write_report_file(const output::ResultFile& file, const std::filesystem::path& path,
                       bool force, const ReportOptions& options = {});

/// `text` with `&`, `<`, `>`, `"` and `'` replaced by HTML character references.
[[nodiscard]] std::string escape_html(std::string_view text);

} // namespace kokeilu::analysis
