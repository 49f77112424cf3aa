// The workshop report: one self-contained HTML file (inline CSS and SVG) from a result file.
#pragma once

#include "output/result_file.hpp"

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace kokeilu::analysis {

/// Writes the workshop report for `file` to `out`: a header (scenarios, seed, replications,
/// version, each scenario's text), one line chart per measure (value summed over providers and
/// target groups per replication, then the mean over replications with its 95 % Student-t
/// band, one line per scenario) and a table of paired differences to the first scenario in
/// the last month. The HTML has no scripts and loads nothing (inline CSS and SVG only); all
/// text from the file is escaped. The same file gives the same bytes.
void write_report(const output::ResultFile& file, std::ostream& out);

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

/// As above, with a table of the settings in which the scenarios differ (`differences`) and a
/// "Service pathways" section holding `figures` (in order), both after the header.
void write_report(const output::ResultFile& file, std::ostream& out,
                  const std::vector<ReportFigure>& figures,
                  const std::vector<KeyDifference>& differences = {});

/// Writes the report to `path` under a private temporary name, renamed over `path` when
/// complete (output::write_file_atomically: a missing folder is made, only a regular file is
/// replaced). Throws `OutputError` naming the path if `path` exists and `force` is false, or
/// if the file cannot be written; `kokeilu::Interrupted` on a stop request.
void write_report_file(const output::ResultFile& file, const std::filesystem::path& path,
                       bool force, const std::vector<ReportFigure>& figures = {},
                       const std::vector<KeyDifference>& differences = {});

/// `text` with `&`, `<`, `>`, `"` and `'` replaced by HTML character references.
[[nodiscard]] std::string escape_html(std::string_view text);

} // namespace kokeilu::analysis
