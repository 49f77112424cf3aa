// The result file: what a run writes (metadata, dimension tables, the monthly panel, optional
// per-agent event traces, an optional replication summary) and how.
#pragma once

#include "output/error.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kokeilu::output {

/// Version of the file layout described in output/SCHEMA.md, stored as the root attribute
/// `schema_version`. Bump it when a reader of the old layout would misread a new file.
/// Version 2 stores the scenario texts as an array (`scenario_texts`); `read_result` still
/// reads version 1 (one `scenario_text`, a comparison's texts joined under headings).
constexpr int kSchemaVersion = 2;

/// Facts about the run, stored as attributes of `/metadata` (the scenario names go to
/// `/dimensions/scenarios`). Nothing here may enter model logic.
struct Metadata {
    /// Each scenario's resolved text, TOML (`kokeilu show`), parallel to `scenario_names`.
    std::vector<std::string> scenario_texts;
    std::vector<std::string> scenario_names; ///< index = `MonthlyRow::scenario`
    std::uint64_t seed = 0;
    std::uint32_t replications = 0; ///< `MonthlyRow::replication` is below this
    std::string kokeilu_version;
    std::string git_revision;
    std::optional<double> wall_time_s; ///< seconds; omitted from the file when empty

    bool operator==(const Metadata&) const = default;
};

/// Who serves a jobseeker: a TE office or a municipal pilot.
enum class ProviderKind : std::uint8_t { TeOffice, Pilot };

/// The word stored in files: "te_office" or "pilot".
[[nodiscard]] std::string_view to_string(ProviderKind kind);
/// The inverse of `to_string`; throws `OutputError` quoting `text` for any other word.
[[nodiscard]] ProviderKind parse_provider_kind(std::string_view text);

/// A row of `/dimensions/providers`, with the provider's member municipalities
/// (`/dimensions/municipalities`).
struct Provider {
    Provider() = default;
    Provider(std::string name_, ProviderKind kind_, std::string region_ = {},
             std::vector<std::string> municipalities_ = {})
            : name(std::move(name_)), kind(kind_), region(std::move(region_)),
              municipalities(std::move(municipalities_)) {}

    std::string name;
    ProviderKind kind = ProviderKind::TeOffice;
    /// The TE-office region the provider serves or, for a pilot area, lies in (the scenario's
    /// `regions.*.name`, e.g. "Uusimaa"); empty when not known (files written before regions
    /// were stored).
    std::string region;
    /// A pilot area's member municipalities in the scenario's order; empty for a TE office, for
    /// an area whose scenario lists none, and in files written before they were stored.
    std::vector<std::string> municipalities;

    bool operator==(const Provider&) const = default;
};

/// A row of `/dimensions/measures`: what a monthly value means.
struct Measure {
    std::string name;        ///< stable snake_case identifier, e.g. "unemployed"
    std::string unit;        ///< e.g. "persons", "EUR/month"
    std::string description; ///< one sentence

    bool operator==(const Measure&) const = default;
};

/// A row of `/dimensions/breakdown_groups`: one group of a breakdown of the jobseekers other
/// than the target group, e.g. {"age_band", "under_25"} or {"language", "swedish"}. Within a
/// breakdown every jobseeker is in exactly one group.
struct BreakdownGroup {
    std::string breakdown; ///< the breakdown: `age_band` or `language` (snake_case)
    std::string name;      ///< the group, unique within its breakdown

    bool operator==(const BreakdownGroup&) const = default;
};

/// The dimension tables that the integer codes of `MonthlyRow`, `TraceRow`, `SummaryRow` and
/// `BreakdownRow` index. Names within a table are unique and non-empty; months are strictly
/// increasing.
struct Dimensions {
    std::vector<Provider> providers;
    std::vector<Measure> measures;
    std::vector<std::string> target_groups;
    std::vector<std::chrono::year_month> months;
    /// Kinds of event of a trace (`TraceRow::event`). May be empty; an empty table is not
    /// written, so a run without traces should leave it empty (its file is then unchanged).
    std::vector<std::string> trace_events;
    /// A person's states (`TraceRow::from_state`, `to_state`). May be empty, as `trace_events`.
    std::vector<std::string> states;
    /// The groups of the breakdowns (`BreakdownRow::group`), breakdown after breakdown. May be
    /// empty, as `trace_events`: a file without breakdowns keeps the layout it had before them.
    std::vector<BreakdownGroup> breakdown_groups;

    bool operator==(const Dimensions&) const = default;
};

/// Formats a month as `YYYY-MM` (years 0..9999).
[[nodiscard]] std::string format_month(std::chrono::year_month month);
/// Parses strictly `YYYY-MM`; throws `OutputError` quoting `text` otherwise.
[[nodiscard]] std::chrono::year_month parse_month(std::string_view text);

/// One value of the monthly panel, in long form. Every field but `replication` and `value`
/// is a 0-based index into a dimension table; `replication` is the 0-based replication number.
struct MonthlyRow {
    std::uint32_t scenario = 0;     ///< into `Metadata::scenario_names`
    std::uint32_t replication = 0;  ///< 0 .. `Metadata::replications` - 1
    std::uint32_t month = 0;        ///< into `Dimensions::months`
    std::uint32_t provider = 0;     ///< into `Dimensions::providers`
    std::uint32_t target_group = 0; ///< into `Dimensions::target_groups`
    std::uint32_t measure = 0;      ///< into `Dimensions::measures`
    double value = 0.0;             ///< in the measure's unit

    bool operator==(const MonthlyRow&) const = default;
};

/// One value of the breakdowns' panel (`/breakdowns/rows`): a measure of the jobseekers of one
/// group of a breakdown (an age band, a language), in long form like `MonthlyRow`. Each
/// breakdown partitions the jobseekers on its own and apart from the target groups, so sum
/// over the groups of one breakdown only.
struct BreakdownRow {
    std::uint32_t scenario = 0;    ///< into `Metadata::scenario_names`
    std::uint32_t replication = 0; ///< 0 .. `Metadata::replications` - 1
    std::uint32_t month = 0;       ///< into `Dimensions::months`
    std::uint32_t provider = 0;    ///< into `Dimensions::providers`
    std::uint32_t group = 0;       ///< into `Dimensions::breakdown_groups`
    std::uint32_t measure = 0;     ///< into `Dimensions::measures`
    double value = 0.0;            ///< in the measure's unit

    bool operator==(const BreakdownRow&) const = default;
};

/// The first and last instants a trace may hold, in minutes since 1970-01-01T00:00:
/// 0000-01-01T00:00 and 9999-12-31T23:59 (so that every time has a `YYYY-MM-DDTHH:MM` form).
inline constexpr std::int64_t kFirstTraceTime = -1'036'120'320;
inline constexpr std::int64_t kLastTraceTime = 4'223'371'679;

/// Formats minutes since 1970-01-01T00:00 (UTC) as `YYYY-MM-DDTHH:MM` (ISO 8601); throws
/// `OutputError` outside `kFirstTraceTime` .. `kLastTraceTime`.
[[nodiscard]] std::string format_trace_time(std::int64_t minutes);

/// One event of a traced person's history (`kokeilu run --trace`). Every field but
/// `replication`, `agent` and `time` is a 0-based index into a table.
struct TraceRow {
    std::uint32_t scenario = 0;    ///< into `Metadata::scenario_names`
    std::uint32_t replication = 0; ///< 0 .. `Metadata::replications` - 1
    std::uint64_t agent = 0;       ///< the person's id (stable across runs and scenarios with
                                   ///< the same seed)
    std::int64_t time = 0;         ///< minutes since 1970-01-01T00:00 (UTC); pandas:
                                   ///< `to_datetime(t, unit="m")`
    std::uint32_t event = 0;       ///< into `Dimensions::trace_events`
    std::uint32_t from_state = 0;  ///< into `Dimensions::states`
    std::uint32_t to_state = 0;    ///< into `Dimensions::states`
    std::uint32_t provider = 0;    ///< into `Dimensions::providers` (the provider after the event)

    bool operator==(const TraceRow&) const = default;
};

/// The confidence level of the summary's intervals unless another is asked for (95 %).
inline constexpr double kSummaryLevel = 0.95;

/// One cell of the replication summary (`kokeilu run --reps N`, `kokeilu compare`): a cell of
/// the monthly panel without its replication, summarised over the replications that have a
/// value in it. The codes index the same tables as `MonthlyRow`'s.
struct SummaryRow {
    std::uint32_t scenario = 0;     ///< into `Metadata::scenario_names`
    std::uint32_t month = 0;        ///< into `Dimensions::months`
    std::uint32_t provider = 0;     ///< into `Dimensions::providers`
    std::uint32_t target_group = 0; ///< into `Dimensions::target_groups`
    std::uint32_t measure = 0;      ///< into `Dimensions::measures`
    std::uint32_t replications = 0; ///< n: replications with a value in this cell,
                                    ///< 1 .. `Metadata::replications`
    double mean = 0.0;              ///< in the measure's unit
    double std_error = 0.0;         ///< of the mean: s / sqrt(n); NaN when n < 2
    double ci_low = 0.0;            ///< Student-t interval (n - 1 degrees of freedom) at the
    double ci_high = 0.0;           ///< summary's confidence level; NaN when n < 2

    /// Field by field, a NaN being equal to a NaN (so that rows with n = 1 compare equal to
    /// themselves and a file reads back equal to what was written).
    bool operator==(const SummaryRow& other) const;
};

/// Groups `rows` by cell (scenario, month, provider, target group, measure) and summarises
/// each over its replications: n, mean, standard error s / sqrt(n) (s with n - 1 in the
/// denominator) and the two-sided Student-t interval at `level`; NaN standard error and
/// interval for a cell with one replication. Cells come out sorted by scenario, month,
/// provider, target group, measure; within a cell the values are combined in replication
/// order, so the result does not depend on the order of `rows`. Plain arithmetic, the same as
/// `sim::summarise`. Throws `OutputError` for a level outside (0, 1) or for two rows of one
/// cell with the same replication (naming both rows by their index in `rows`).
[[nodiscard]] std::vector<SummaryRow> summarise_monthly(std::span<const MonthlyRow> rows,
                                                        double level = kSummaryLevel);

/// The replication summary built while the monthly rows stream past, in memory that does not
/// grow with the number of replications: a running sum per cell in a first pass, the squared
/// deviations in a second pass over the same rows in the same order. The rows come back from
/// the result file being written (`ResultWriter::read_monthly`, compressed) or, without one,
/// from an anonymous scratch file next to the output (32 bytes a row; deleted by the system
/// even if the process is killed). Gives exactly the rows `summarise_monthly` gives over all
/// the rows added (the same arithmetic in the same order). Each cell's rows must come in
/// increasing replication order, as they do when runs are added one after another (else
/// `OutputError`). Not thread-safe.
class SummaryBuilder {
public:
    /// Iterates over the rows added so far, in the order they were added.
    using RowSource = std::function<void(const std::function<void(std::span<const MonthlyRow>)>&)>;

    /// `near`: a path in the folder for the scratch file (the output's). `source`: where the
    /// second pass reads the rows; empty: the scratch file.
    SummaryBuilder(const Metadata& metadata, const Dimensions& dimensions,
                   const std::filesystem::path& near, RowSource source = {});
    SummaryBuilder(const SummaryBuilder&) = delete;
    SummaryBuilder& operator=(const SummaryBuilder&) = delete;
    ~SummaryBuilder();

    void add(std::span<const MonthlyRow> rows);
    /// The summary, sorted by cell; call once. Polls the stop request between chunks.
    [[nodiscard]] std::vector<SummaryRow> finish(double level = kSummaryLevel);

    /// Bytes of memory per cell of the panel (the estimate of `kokeilu run`).
    static constexpr std::size_t kBytesPerCell = 2 * sizeof(double) + 2 * sizeof(std::uint32_t);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Everything a result file holds, as `read_result` returns it.
struct ResultFile {
    int schema_version = kSchemaVersion;
    Metadata metadata;
    Dimensions dimensions;
    std::vector<MonthlyRow> monthly; ///< in the order they were appended
    std::vector<TraceRow> traces;    ///< in the order they were appended; often empty
    std::vector<SummaryRow> summary; ///< in the order they were appended; often empty
    /// In the order they were appended; empty for a file without breakdowns.
    std::vector<BreakdownRow> breakdowns;
    /// The confidence level of `summary`'s intervals. Stored only with summary rows: a file
    /// without them reads back with `kSummaryLevel`.
    double summary_level = kSummaryLevel;

    bool operator==(const ResultFile&) const = default;
};

/// Writes one result file safely: to `<name>.part-<pid>` in the target's folder, renamed over
/// the final path only by `commit()`. A writer destroyed before `commit()` (an exception,
/// an interrupted run that unwinds) removes its temporary file, so the final path holds
/// either the previous content or a complete file, never a partial one.
///
/// The same calls with the same data give byte-identical files: HDF5 object time stamps are
/// off, rows are stored in whole chunks whatever the batching of `append_monthly`,
/// `append_traces` and `append_summary` (and however they are interleaved), and the only clock
/// value, `Metadata::wall_time_s`, is left out when empty.
///
/// Use: construct, `write` once, `append_monthly`, `append_traces`, `append_breakdowns` and
/// `append_summary` any number of times in any order, `commit` once.
/// Not thread-safe: one thread drives a writer. Any error throws `OutputError` naming the
/// path; after an error the writer only cleans up. A moved-from writer may only be destroyed
/// or assigned to. Calls out of order throw `std::logic_error` (a bug in the caller).
class ResultWriter {
public:
    /// Checks at once, before any work is done, that the folder of `final_path` exists and is
    /// writable and that `final_path` does not exist (unless `force`), and creates the
    /// temporary file. Throws `OutputError` otherwise.
    ResultWriter(std::filesystem::path final_path, bool force);
    ResultWriter(ResultWriter&&) noexcept;
    ResultWriter& operator=(ResultWriter&&) noexcept;
    ResultWriter(const ResultWriter&) = delete;
    ResultWriter& operator=(const ResultWriter&) = delete;
    /// Removes the temporary file unless `commit()` succeeded.
    ~ResultWriter();

    /// Writes the metadata and the dimension tables; call once, before `append_monthly`.
    /// Throws `OutputError` for duplicate or empty names, a measure name that is not
    /// snake_case, months out of order or `replications` == 0.
    void write(const Metadata& metadata, const Dimensions& dimensions);

    /// Appends rows to `/monthly/rows`. Each code must be within its table (else
    /// `OutputError` quoting the row). Rows are buffered and written a chunk at a time.
    void append_monthly(std::span<const MonthlyRow> rows);

    /// Appends rows to `/traces/rows`. Each code must be within its table and each time
    /// within `kFirstTraceTime` .. `kLastTraceTime` (else `OutputError` quoting the row).
    /// The rows are kept in an anonymous temporary file next to the result (deleted by the
    /// system even if the process is killed) and written to the result by `commit()`, so the
    /// file does not depend on how they were interleaved with `append_monthly`. A file to
    /// which no trace row was appended has no `/traces` group at all.
    void append_traces(std::span<const TraceRow> rows);

    /// Appends rows to `/summary/rows`, whose intervals are at confidence `level` (stored as
    /// `/summary/rows@confidence_level`). Each code must be within its table and
    /// `replications` within 1 .. `Metadata::replications` (else `OutputError` quoting the
    /// row); `level` must lie in (0, 1) and be the same in every call with rows (else
    /// `OutputError`). The rows are kept in memory (a summary has one row per cell, as many as one
    /// replication's monthly rows) and written by `commit()` after the
    /// monthly panel and the traces, so the file does not depend on how the calls were
    /// interleaved. A file to which no summary row was appended has no `/summary` group.
    void append_summary(std::span<const SummaryRow> rows, double level = kSummaryLevel);

    /// Appends rows to `/breakdowns/rows`. Each code must be within its table (else
    /// `OutputError` quoting the row). Kept like the trace rows (an anonymous temporary file)
    /// and written by `commit()` after the traces, so the file does not depend on how the
    /// calls were interleaved. A file to which no breakdown row was appended has no
    /// `/breakdowns` group.
    void append_breakdowns(std::span<const BreakdownRow> rows);

    /// Writes buffered monthly rows and flushes the temporary file, so that a killed run
    /// leaves a readable `.part` file (still marked `complete = 0`; without its traces and
    /// summary, which only `commit()` writes). Optional; calling it changes the file's bytes (a
    /// partial chunk is written and later rewritten).
    void flush();

    /// Marks the file complete, closes it, syncs it to disk and renames it over the final
    /// path. Without `force`, throws `OutputError` if the final path appeared meanwhile; the
    /// temporary file is then kept and the message names it.
    void commit();

    /// Reads back every monthly row appended so far, in order, a block at a time (writing
    /// the buffered rows first, as `finish` would). For a second pass over a run's rows
    /// without keeping them (`SummaryBuilder`). After `write`, before `commit` or `finish`.
    void read_monthly(const std::function<void(std::span<const MonthlyRow>)>& fn);

    /// Stores the run's wall time (`Metadata::wall_time_s`), known only at the end; leave it
    /// out for byte-identical reruns. After `write`, before `commit` or `finish`.
    void write_wall_time(double seconds);

    /// Everything `commit()` does but the rename: marks the file complete, closes and syncs
    /// it, and hands the temporary file to the caller (e.g. an `OutputSet` that renames it
    /// together with the CSV tables); the writer no longer removes it.
    [[nodiscard]] std::filesystem::path finish();

    [[nodiscard]] const std::filesystem::path& final_path() const;
    /// `<final name>.part-<pid>`, in the same folder.
    [[nodiscard]] const std::filesystem::path& temporary_path() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Writes `result` to `path` in one go (`ResultWriter` with all rows in one batch; the summary
/// at `result.summary_level`).
void write_result(const ResultFile& result, const std::filesystem::path& path, bool force);

/// Reads a whole result file. Throws `OutputError` naming the path if it does not exist, is
/// not an HDF5 file, is not a Kokeilu result, was written by a newer schema, is incomplete
/// (`complete` is not 1: the run that wrote it did not finish) or is inconsistent.
[[nodiscard]] ResultFile read_result(const std::filesystem::path& path);

/// A result file's metadata and dimension tables without any rows, checked as `read_result`
/// checks them.
[[nodiscard]] ResultFile read_result_head(const std::filesystem::path& path);

/// Hands the rows of `/monthly/rows` of the result file at `path` to `fn` in file order, a
/// block of at most 32,768 rows at a time (memory does not grow with the file), each code
/// checked against the file's tables. Throws as `read_result`; polls the stop request.
void read_monthly_blocks(const std::filesystem::path& path,
                         const std::function<void(std::span<const MonthlyRow>)>& fn);
/// The same for `/breakdowns/rows` (nothing for a file without breakdowns).
void read_breakdown_blocks(const std::filesystem::path& path,
                           const std::function<void(std::span<const BreakdownRow>)>& fn);

} // namespace kokeilu::output
