// Tidy CSV export of a result file, for spreadsheets and tools that do not read HDF5.
#pragma once

#include "output/result_file.hpp"

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kokeilu::output {

/// The header of `monthly.csv`, in order (output/SCHEMA.md describes each column).
inline constexpr std::string_view kMonthlyCsvHeader =
    "scenario,replication,month,provider,provider_kind,target_group,measure,value";
/// The header of `measures.csv`.
inline constexpr std::string_view kMeasuresCsvHeader = "measure,unit,description";
/// The header of `traces.csv`.
inline constexpr std::string_view kTracesCsvHeader =
    "scenario,replication,agent,time,event,from_state,to_state,provider";

/// The header of `breakdowns.csv`.
inline constexpr std::string_view kBreakdownsCsvHeader =
    "scenario,replication,month,provider,provider_kind,breakdown,group,measure,value";

/// The header of `summary.csv`.
inline constexpr std::string_view kSummaryCsvHeader =
    "scenario,month,provider,provider_kind,target_group,measure,replications,mean,std_error,"
    "ci_low,ci_high";

class OutputSet;

/// The CSV tables of a run, written while the rows stream past (`export_csv` describes the
/// tables). Each table is written under a temporary name; `finish` hands them to an
/// `OutputSet`, which renames them together with the run's other outputs, and marks an
/// earlier run's optional table that this one does not write for removal. Memory does not
/// grow with the rows. Not thread-safe.
class CsvWriter {
public:
    /// Checks the description and `dir` (made if missing; an existing table is replaced only
    /// with `replace`). Throws `OutputError`.
    CsvWriter(const std::filesystem::path& dir, const Metadata& metadata,
              const Dimensions& dimensions, bool replace);
    CsvWriter(const CsvWriter&) = delete;
    CsvWriter& operator=(const CsvWriter&) = delete;
    ~CsvWriter();

    void append_monthly(std::span<const MonthlyRow> rows);
    void append_traces(std::span<const TraceRow> rows);
    void append_summary(std::span<const SummaryRow> rows);
    void append_breakdowns(std::span<const BreakdownRow> rows);
    /// Completes and syncs every table and adds them to `set`; the writer is done.
    void finish(OutputSet& set);

    /// The names of the tables a run may write, for checks before a run.
    static const std::vector<std::string>& table_names();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Writes `result` as tidy long tables into `dir` (created if missing):
/// - `monthly.csv`: one line per monthly row, in file order, with names instead of codes
///   (`month` as `YYYY-MM`, `replication` 0-based, `value` in shortest round-trip form);
/// - `measures.csv`: each measure's unit and description;
/// - `traces.csv`, only when there are trace rows: one line per trace row, in file order, with
///   names instead of codes (`time` as `YYYY-MM-DDTHH:MM`, UTC). Without trace rows, a
///   `traces.csv` left in `dir` by an earlier export is removed, so the folder holds one run;
/// - `summary.csv`, only when there are summary rows: one line per summary row, in file order,
///   with names instead of codes (`month` as `YYYY-MM`, numbers as in `monthly.csv`, NaN as
///   `nan`). Without summary rows, an earlier `summary.csv` in `dir` is removed likewise;
/// - `breakdowns.csv`, only when there are breakdown rows: one line per breakdown row, in file
///   order, with names instead of codes (the group's breakdown and name, numbers as in
///   `monthly.csv`). Without breakdown rows, an earlier `breakdowns.csv` is removed likewise.
/// Fields are quoted only when they contain a comma, a double quote or a line break
/// (RFC 4180; lines end in `\n`). The tables are written under temporary names and renamed
/// together (an `OutputSet`): after any failure or interruption `dir` holds the earlier
/// export, whole. An existing table is replaced only with `replace`. Throws `OutputError`
/// naming the path on any failure, `kokeilu::Interrupted` on a stop request.
void export_csv(const ResultFile& result, const std::filesystem::path& dir, bool replace = true);

/// The CSV tables that `dir` holds, in CsvWriter::table_names() order: after an export, exactly
/// the tables it wrote (an export replaces the folder's tables as a whole).
std::vector<std::filesystem::path> csv_tables_in(const std::filesystem::path& dir);

/// `field` as one CSV field: unchanged, or quoted with inner quotes doubled if needed.
[[nodiscard]] std::string csv_field(std::string_view field);

/// `value` in the shortest form that reads back to the same double (`std::to_chars`);
/// NaN (whatever its sign bit) and infinities are `nan`, `inf`, `-inf`.
[[nodiscard]] std::string format_double(double value);

} // namespace kokeilu::output
