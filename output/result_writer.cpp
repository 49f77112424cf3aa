// ResultWriter: metadata, dimension tables, the chunked monthly panel, the optional traces and
// the optional replication summary, written atomically.
#include "output/result_file.hpp"

#include "output/csv.hpp"
#include "output/detail/atomic_file.hpp"
#include "output/detail/hdf5.hpp"
#include "output/detail/layout.hpp"
#include "output/detail/provider_tables.hpp"
#include "output/detail/string_tables.hpp"
#include "output/detail/validate.hpp"
#include "sim/interrupt.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <stdexcept>
#include <utility>

namespace kokeilu::output {

namespace {

using namespace detail;

// The panel's rows go to disk as they are in memory; a padding byte would be uninitialised and
// break byte-identical files, so the layout is pinned here.
static_assert(sizeof(MonthlyRow) == 32);
static_assert(offsetof(MonthlyRow, value) == 24);
static_assert(sizeof(BreakdownRow) == 32);
static_assert(offsetof(BreakdownRow, group) == 16);
static_assert(offsetof(BreakdownRow, value) == 24);
static_assert(sizeof(TraceRow) == 40);
static_assert(offsetof(TraceRow, replication) == 4);
static_assert(offsetof(TraceRow, agent) == 8);
static_assert(offsetof(TraceRow, time) == 16);
static_assert(offsetof(TraceRow, event) == 24);
static_assert(offsetof(TraceRow, from_state) == 28);
static_assert(offsetof(TraceRow, to_state) == 32);
static_assert(offsetof(TraceRow, provider) == 36);
static_assert(sizeof(SummaryRow) == 56);
static_assert(offsetof(SummaryRow, month) == 4);
static_assert(offsetof(SummaryRow, provider) == 8);
static_assert(offsetof(SummaryRow, target_group) == 12);
static_assert(offsetof(SummaryRow, measure) == 16);
static_assert(offsetof(SummaryRow, replications) == 20);
static_assert(offsetof(SummaryRow, mean) == 24);
static_assert(offsetof(SummaryRow, std_error) == 32);
static_assert(offsetof(SummaryRow, ci_low) == 40);
static_assert(offsetof(SummaryRow, ci_high) == 48);

Group create_group(hid_t file, const char* path, const std::string& where) {
    const PropList gcpl = untimed(H5P_GROUP_CREATE, where);
    return Group{check_id(H5Gcreate2(file, path, H5P_DEFAULT, gcpl.get(), H5P_DEFAULT),
                          "cannot create group " + std::string(path) + " in " + where)};
}

/// The compound type of a row of six codes and a value (monthly and breakdown rows share it but
/// for the name of the fifth code, `group_field`).
template <class Row>
Datatype coded_row_type(bool in_file, const char* group_field, std::size_t group_offset,
                        const std::string& what) {
    const hid_t u32 = in_file ? H5T_STD_U32LE : H5T_NATIVE_UINT32;
    const hid_t f64 = in_file ? H5T_IEEE_F64LE : H5T_NATIVE_DOUBLE;
    Datatype type{check_id(H5Tcreate(H5T_COMPOUND, sizeof(Row)), what)};
    check(H5Tinsert(type.get(), "scenario", offsetof(Row, scenario), u32), what);
    check(H5Tinsert(type.get(), "replication", offsetof(Row, replication), u32), what);
    check(H5Tinsert(type.get(), "month", offsetof(Row, month), u32), what);
    check(H5Tinsert(type.get(), "provider", offsetof(Row, provider), u32), what);
    check(H5Tinsert(type.get(), group_field, group_offset, u32), what);
    check(H5Tinsert(type.get(), "measure", offsetof(Row, measure), u32), what);
    check(H5Tinsert(type.get(), "value", offsetof(Row, value), f64), what);
    return type;
}

Datatype row_type(bool in_file, const std::string& where) {
    return coded_row_type<MonthlyRow>(in_file, "target_group", offsetof(MonthlyRow, target_group),
                                      "cannot create the row type for " + where);
}

Datatype breakdown_row_type(bool in_file, const std::string& where) {
    return coded_row_type<BreakdownRow>(in_file, "group", offsetof(BreakdownRow, group),
                                        "cannot create the breakdown row type for " + where);
}

Datatype trace_row_type(bool in_file, const std::string& where) {
    const std::string what = "cannot create the trace row type for " + where;
    const hid_t u32 = in_file ? H5T_STD_U32LE : H5T_NATIVE_UINT32;
    const hid_t u64 = in_file ? H5T_STD_U64LE : H5T_NATIVE_UINT64;
    const hid_t i64 = in_file ? H5T_STD_I64LE : H5T_NATIVE_INT64;
    Datatype type{check_id(H5Tcreate(H5T_COMPOUND, sizeof(TraceRow)), what)};
    check(H5Tinsert(type.get(), "scenario", offsetof(TraceRow, scenario), u32), what);
    check(H5Tinsert(type.get(), "replication", offsetof(TraceRow, replication), u32), what);
    check(H5Tinsert(type.get(), "agent", offsetof(TraceRow, agent), u64), what);
    check(H5Tinsert(type.get(), "time", offsetof(TraceRow, time), i64), what);
    check(H5Tinsert(type.get(), "event", offsetof(TraceRow, event), u32), what);
    check(H5Tinsert(type.get(), "from_state", offsetof(TraceRow, from_state), u32), what);
    check(H5Tinsert(type.get(), "to_state", offsetof(TraceRow, to_state), u32), what);
    check(H5Tinsert(type.get(), "provider", offsetof(TraceRow, provider), u32), what);
    return type;
}

Datatype summary_row_type(bool in_file, const std::string& where) {
    const std::string what = "cannot create the summary row type for " + where;
    const hid_t u32 = in_file ? H5T_STD_U32LE : H5T_NATIVE_UINT32;
    const hid_t f64 = in_file ? H5T_IEEE_F64LE : H5T_NATIVE_DOUBLE;
    Datatype type{check_id(H5Tcreate(H5T_COMPOUND, sizeof(SummaryRow)), what)};
    check(H5Tinsert(type.get(), "scenario", offsetof(SummaryRow, scenario), u32), what);
    check(H5Tinsert(type.get(), "month", offsetof(SummaryRow, month), u32), what);
    check(H5Tinsert(type.get(), "provider", offsetof(SummaryRow, provider), u32), what);
    check(H5Tinsert(type.get(), "target_group", offsetof(SummaryRow, target_group), u32), what);
    check(H5Tinsert(type.get(), "measure", offsetof(SummaryRow, measure), u32), what);
    check(H5Tinsert(type.get(), "replications", offsetof(SummaryRow, replications), u32), what);
    check(H5Tinsert(type.get(), "mean", offsetof(SummaryRow, mean), f64), what);
    check(H5Tinsert(type.get(), "std_error", offsetof(SummaryRow, std_error), f64), what);
    check(H5Tinsert(type.get(), "ci_low", offsetof(SummaryRow, ci_low), f64), what);
    check(H5Tinsert(type.get(), "ci_high", offsetof(SummaryRow, ci_high), f64), what);
    return type;
}

/// Creates `group` and in it the empty, extendable, chunked, shuffled and deflated dataset
/// `path` of `file_type` rows.
Dataset create_rows_dataset(hid_t file, const char* group, const char* path,
                            const Datatype& file_type, const std::string& where) {
    const std::string what = "cannot create " + std::string(path) + " in " + where;
    Group parent = create_group(file, group, where);
    const hsize_t extent[1]{0};
    const hsize_t max_extent[1]{H5S_UNLIMITED};
    const hsize_t chunk[1]{kChunkRows};
    const Dataspace space{check_id(H5Screate_simple(1, extent, max_extent), what)};
    const PropList dcpl = untimed(H5P_DATASET_CREATE, where);
    check(H5Pset_chunk(dcpl.get(), 1, chunk), what);
    check(H5Pset_shuffle(dcpl.get()), what);
    check(H5Pset_deflate(dcpl.get(), kDeflateLevel), what);
    Dataset dataset{check_id(
        H5Dcreate2(file, path, file_type.get(), space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
        what)};
    check(parent.close(), what);
    return dataset;
}

/// Writes `count` rows of `mem_type` from `data` at the end of `dataset` (which holds
/// `on_disk` rows), extending it; adds `count` to `on_disk`.
void append_rows(const Dataset& dataset, const Datatype& mem_type, const void* data,
                 std::size_t count, hsize_t& on_disk, const std::string& what) {
    if (count == 0) {
        return;
    }
    const hsize_t n[1]{count};
    const hsize_t offset[1]{on_disk};
    const hsize_t new_extent[1]{on_disk + count};
    check(H5Dset_extent(dataset.get(), new_extent), what);
    const Dataspace file_space{check_id(H5Dget_space(dataset.get()), what)}; // after extending
    check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, offset, nullptr, n, nullptr), what);
    const Dataspace mem_space{check_id(H5Screate_simple(1, n, nullptr), what)};
    check(H5Dwrite(dataset.get(), mem_type.get(), mem_space.get(), file_space.get(), H5P_DEFAULT,
                   data),
          what);
    on_disk += count;
}

/// Rows that wait for `commit()`: the last partial chunk in memory, whole chunks in an
/// anonymous scratch file next to the result. So an optional table is written after the whole
/// monthly panel and the file does not depend on how its rows were interleaved with others.
template <typename Row>
struct PendingRows {
    std::vector<Row> pending;
    std::unique_ptr<ScratchFile> scratch;
    std::size_t appended = 0;

    void add(std::span<const Row> rows, const std::filesystem::path& near) {
        pending.insert(pending.end(), rows.begin(), rows.end());
        appended += rows.size();
        if (pending.size() < kChunkRows) {
            return;
        }
        if (!scratch) {
            scratch = std::make_unique<ScratchFile>(near);
        }
        const std::size_t whole = pending.size() / kChunkRows * kChunkRows;
        scratch->append(pending.data(), whole * sizeof(Row));
        pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(whole));
    }

    /// Writes every row to `dataset`, a chunk per write, and forgets them.
    void write_to(const Dataset& dataset, const Datatype& mem_type, const std::string& what) {
        hsize_t on_disk = 0;
        if (scratch) {
            std::vector<Row> chunk(kChunkRows);
            const std::uint64_t chunk_bytes = kChunkRows * sizeof(Row);
            for (std::uint64_t offset = 0; offset < scratch->size(); offset += chunk_bytes) {
                scratch->read(offset, chunk.data(), chunk_bytes);
                append_rows(dataset, mem_type, chunk.data(), kChunkRows, on_disk, what);
            }
            scratch.reset();
        }
        append_rows(dataset, mem_type, pending.data(), pending.size(), on_disk, what);
        pending.clear();
    }
};

} // namespace

struct ResultWriter::Impl {
    enum class State { Open, Described, Committed, Failed };

    std::filesystem::path final_path;
    std::filesystem::path temp_path;
    bool force = false;
    State state = State::Open;
    bool keep_temp = false;

    File file;
    Dataset rows;
    Datatype row_mem_type;
    std::vector<MonthlyRow> buffer;
    hsize_t rows_on_disk = 0;
    std::size_t rows_appended = 0;
    TableSizes sizes;

    // Trace and breakdown rows wait until `commit()` writes them all, after the whole monthly
    // panel.
    PendingRows<TraceRow> traces;
    PendingRows<BreakdownRow> breakdowns;

    // Summary rows wait in memory until `commit()` writes them after the traces (a summary has
    // one row per cell, so it is no larger than one replication's monthly rows).
    std::vector<SummaryRow> summary;
    double summary_level = kSummaryLevel; ///< of the first call with rows

    Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    ~Impl() {
        const QuietErrors quiet;
        rows.reset();
        file.reset();
        if (state != State::Committed && !keep_temp && !temp_path.empty()) {
            remove_quietly(temp_path);
        }
    }

    [[nodiscard]] std::string where() const { return quoted(temp_path); }

    /// Runs `step` unless an earlier step failed; a failure leaves the writer unusable.
    template <typename Step>
    void guarded(std::initializer_list<State> allowed, const char* call, Step&& step) {
        if (state == State::Failed) {
            throw OutputError("cannot " + std::string(call) + " " + quoted(final_path) +
                              ": an earlier error stopped this writer");
        }
        if (std::find(allowed.begin(), allowed.end(), state) == allowed.end()) {
            throw std::logic_error("ResultWriter::" + std::string(call) +
                                   " called out of order"
                                   " (construct, write once, append_monthly / append_traces / "
                                   "append_breakdowns / append_summary, commit once)");
        }
        const QuietErrors quiet;
        try {
            std::forward<Step>(step)();
        } catch (...) {
            state = State::Failed;
            throw;
        }
    }

    void create() {
        const PropList fcpl = untimed(H5P_FILE_CREATE, where());
        PropList fapl{check_id(H5Pcreate(H5P_FILE_ACCESS), "cannot create " + where())};
        // Closing the file closes everything in it, so no forgotten handle keeps it open.
        check(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG), "cannot create " + where());
        file = File{check_id(H5Fcreate(temp_path.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()),
                             "cannot create " + where())};
        const std::int32_t version = kSchemaVersion;
        const std::int32_t incomplete = 0;
        write_root_attribute(kSchemaVersionAttr, version);
        write_root_attribute(kCompleteAttr, incomplete);
    }

    void write_root_attribute(const char* name, std::int32_t value) {
        const Dataspace space = scalar_space();
        const std::string what = "cannot write attribute '" + std::string(name) + "' in " + where();
        Attribute attr{check_id(
            H5Acreate2(file.get(), name, H5T_STD_I32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
            what)};
        check(H5Awrite(attr.get(), H5T_NATIVE_INT32, &value), what);
    }

    void write_description(const Metadata& metadata, const Dimensions& dimensions) {
        check_description(metadata, dimensions, "cannot write " + quoted(final_path));
        sizes = TableSizes::of(metadata, dimensions);

        Group meta = create_group(file.get(), kMetadataGroup, where());
        const std::string meta_where = std::string(kMetadataGroup) + " of " + where();
        write_string_array_attribute(meta.get(), kScenarioTextsAttr, metadata.scenario_texts,
                                     meta_where);
        write_numeric_attribute(meta.get(), kSeedAttr, H5T_STD_U64LE, H5T_NATIVE_UINT64,
                                &metadata.seed, meta_where);
        write_numeric_attribute(meta.get(), kReplicationsAttr, H5T_STD_U32LE, H5T_NATIVE_UINT32,
                                &metadata.replications, meta_where);
        write_string_attribute(meta.get(), kVersionAttr, metadata.kokeilu_version, meta_where);
        write_string_attribute(meta.get(), kGitRevisionAttr, metadata.git_revision, meta_where);
        if (metadata.wall_time_s) {
            write_numeric_attribute(meta.get(), kWallTimeAttr, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                                    &*metadata.wall_time_s, meta_where);
        }
        check(meta.close(), "cannot write " + meta_where);

        Group dims = create_group(file.get(), kDimensionsGroup, where());
        static constexpr const char* kName[] = {"name"};
        write_string_table(file.get(), kScenariosTable, kName, {metadata.scenario_names}, where());
        write_provider_tables(file.get(), dimensions.providers, where());
        write_string_table(file.get(), kTargetGroupsTable, kName, {dimensions.target_groups},
                           where());
        std::vector<std::vector<std::string>> measures(3);
        for (const Measure& m : dimensions.measures) {
            measures[0].push_back(m.name);
            measures[1].push_back(m.unit);
            measures[2].push_back(m.description);
        }
        static constexpr const char* kMeasureFields[] = {"name", "unit", "description"};
        write_string_table(file.get(), kMeasuresTable, kMeasureFields, measures, where());
        std::vector<std::vector<std::string>> months(1);
        for (const auto month : dimensions.months) {
            months[0].push_back(format_month(month));
        }
        static constexpr const char* kMonthFields[] = {"month"};
        write_string_table(file.get(), kMonthsTable, kMonthFields, months, where());
        // Only when given, so that files without traces keep the layout they had before.
        if (!dimensions.trace_events.empty()) {
            write_string_table(file.get(), kTraceEventsTable, kName, {dimensions.trace_events},
                               where());
        }
        if (!dimensions.states.empty()) {
            write_string_table(file.get(), kStatesTable, kName, {dimensions.states}, where());
        }
        if (!dimensions.breakdown_groups.empty()) {
            std::vector<std::vector<std::string>> groups(2);
            for (const BreakdownGroup& g : dimensions.breakdown_groups) {
                groups[0].push_back(g.breakdown);
                groups[1].push_back(g.name);
            }
            static constexpr const char* kGroupFields[] = {"breakdown", "name"};
            write_string_table(file.get(), kBreakdownGroupsTable, kGroupFields, groups, where());
        }
        check(dims.close(), "cannot write " + std::string(kDimensionsGroup) + " of " + where());

        rows = create_rows_dataset(file.get(), kMonthlyGroup, kMonthlyRows, row_type(true, where()),
                                   where());
        row_mem_type = row_type(false, where());
    }

    static void write_numeric_attribute(hid_t object, const char* name, hid_t file_type,
                                        hid_t mem_type, const void* value,
                                        const std::string& where) {
        const Dataspace space = scalar_space();
        const std::string what = "cannot write attribute '" + std::string(name) + "' in " + where;
        Attribute attr{check_id(
            H5Acreate2(object, name, file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT), what)};
        check(H5Awrite(attr.get(), mem_type, value), what);
    }

    /// Writes the first `count` buffered rows at the end of /monthly/rows.
    void write_buffered(std::size_t count) {
        throw_if_interrupted();
        append_rows(rows, row_mem_type, buffer.data(), count, rows_on_disk,
                    "cannot write " + std::string(kMonthlyRows) + " in " + where());
        buffer.erase(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(count));
    }

    void append(std::span<const MonthlyRow> new_rows) {
        check_codes(new_rows, rows_appended, sizes, "cannot write " + quoted(final_path));
        buffer.insert(buffer.end(), new_rows.begin(), new_rows.end());
        rows_appended += new_rows.size();
        // Only whole chunks, so the file does not depend on how the rows were batched.
        write_buffered(buffer.size() / kChunkRows * kChunkRows);
    }

    void append_traces(std::span<const TraceRow> new_rows) {
        check_codes(new_rows, traces.appended, sizes, "cannot write " + quoted(final_path));
        traces.add(new_rows, final_path);
    }

    void append_breakdowns(std::span<const BreakdownRow> new_rows) {
        check_codes(new_rows, breakdowns.appended, sizes, "cannot write " + quoted(final_path));
        breakdowns.add(new_rows, final_path);
    }

    /// Writes /traces/rows, a chunk per write, if any trace row was appended.
    void write_traces() {
        if (traces.appended == 0) {
            return; // no /traces group at all
        }
        const std::string what = "cannot write " + std::string(kTracesRows) + " in " + where();
        const Dataset dataset = create_rows_dataset(file.get(), kTracesGroup, kTracesRows,
                                                    trace_row_type(true, where()), where());
        traces.write_to(dataset, trace_row_type(false, where()), what);
    }

    /// Writes /breakdowns/rows, a chunk per write, if any breakdown row was appended.
    void write_breakdowns() {
        if (breakdowns.appended == 0) {
            return; // no /breakdowns group at all
        }
        const std::string what = "cannot write " + std::string(kBreakdownsRows) + " in " + where();
        const Dataset dataset = create_rows_dataset(file.get(), kBreakdownsGroup, kBreakdownsRows,
                                                    breakdown_row_type(true, where()), where());
        breakdowns.write_to(dataset, breakdown_row_type(false, where()), what);
    }

    void append_summary(std::span<const SummaryRow> new_rows, double level) {
        const std::string context = "cannot write " + quoted(final_path);
        check_confidence_level(level, context);
        if (new_rows.empty()) {
            return;
        }
        if (!summary.empty() && level != summary_level) {
            throw OutputError(context + ": summary rows at confidence level " +
                              format_double(level) + " follow rows at " +
                              format_double(summary_level) +
                              "; a file holds one summary at one level");
        }
        check_codes(new_rows, summary.size(), sizes, context);
        summary_level = level;
        summary.insert(summary.end(), new_rows.begin(), new_rows.end());
    }

    /// Writes /summary/rows, a chunk per write, and its confidence level, if any summary row
    /// was appended.
    void write_summary() {
        if (summary.empty()) {
            return; // no /summary group at all
        }
        const std::string what = "cannot write " + std::string(kSummaryRows) + " in " + where();
        Dataset dataset = create_rows_dataset(file.get(), kSummaryGroup, kSummaryRows,
                                              summary_row_type(true, where()), where());
        write_numeric_attribute(dataset.get(), kConfidenceLevelAttr, H5T_IEEE_F64LE,
                                H5T_NATIVE_DOUBLE, &summary_level,
                                std::string(kSummaryRows) + " of " + where());
        const Datatype mem_type = summary_row_type(false, where());
        hsize_t on_disk = 0;
        for (std::size_t first = 0; first < summary.size(); first += kChunkRows) {
            append_rows(dataset, mem_type, summary.data() + first,
                        std::min(kChunkRows, summary.size() - first), on_disk, what);
        }
        check(dataset.close(), what);
        summary.clear();
        summary.shrink_to_fit();
    }

    /// Everything `commit()` does but the rename: the temporary file is complete, closed and
    /// synced.
    void finish() {
        write_buffered(buffer.size());
        write_traces();
        write_breakdowns();
        write_summary();
        const std::string what = "cannot finish " + where();
        {
            Attribute complete{check_id(H5Aopen(file.get(), kCompleteAttr, H5P_DEFAULT), what)};
            const std::int32_t one = 1;
            check(H5Awrite(complete.get(), H5T_NATIVE_INT32, &one), what);
        }
        rows.reset();
        row_mem_type.reset();
        check(file.close(), what);
        sync_file(temp_path);
    }

    void commit() {
        finish();
        throw_if_interrupted();
        std::error_code ec;
        if (!force && std::filesystem::exists(final_path, ec)) {
            keep_temp = true;
            throw OutputError(quoted(final_path) +
                              " appeared while the results were being written; they are kept "
                              "in " +
                              quoted(temp_path));
        }
        rename_into_place(temp_path, final_path);
        state = State::Committed;
    }
};

ResultWriter::ResultWriter(std::filesystem::path final_path, bool force)
        : impl_(std::make_unique<Impl>()) {
    impl_->final_path = std::move(final_path);
    impl_->force = force;
    check_target(impl_->final_path, force);
    impl_->temp_path = temporary_path_for(impl_->final_path);
    create_empty_file(impl_->temp_path);
    check_free_space(impl_->final_path);
    // If this throws, ~Impl removes the temporary file.
    impl_->guarded({Impl::State::Open}, "create", [&] { impl_->create(); });
}

ResultWriter::ResultWriter(ResultWriter&&) noexcept = default;
ResultWriter& ResultWriter::operator=(ResultWriter&&) noexcept = default;
ResultWriter::~ResultWriter() = default;

void ResultWriter::write(const Metadata& metadata, const Dimensions& dimensions) {
    Impl& self = *impl_;
    self.guarded({Impl::State::Open}, "write", [&] {
        self.write_description(metadata, dimensions);
        self.state = Impl::State::Described;
    });
}

void ResultWriter::append_monthly(std::span<const MonthlyRow> rows) {
    Impl& self = *impl_;
    self.guarded({Impl::State::Described}, "append_monthly", [&] { self.append(rows); });
}

void ResultWriter::append_traces(std::span<const TraceRow> rows) {
    Impl& self = *impl_;
    self.guarded({Impl::State::Described}, "append_traces", [&] { self.append_traces(rows); });
}

void ResultWriter::append_breakdowns(std::span<const BreakdownRow> rows) {
    Impl& self = *impl_;
    self.guarded({Impl::State::Described}, "append_breakdowns",
                 [&] { self.append_breakdowns(rows); });
}

void ResultWriter::append_summary(std::span<const SummaryRow> rows, double level) {
    Impl& self = *impl_;
    self.guarded({Impl::State::Described}, "append_summary",
                 [&] { self.append_summary(rows, level); });
}

void ResultWriter::flush() {
    Impl& self = *impl_;
    self.guarded({Impl::State::Described}, "flush", [&] {
        self.write_buffered(self.buffer.size());
        check(H5Fflush(self.file.get(), H5F_SCOPE_GLOBAL), "cannot flush " + self.where());
    });
}

void ResultWriter::commit() {
    Impl& self = *impl_;
    self.guarded({Impl::State::Described}, "commit", [&] { self.commit(); });
}

void ResultWriter::write_wall_time(double seconds) {
    Impl& self = *impl_;
    self.guarded({Impl::State::Described}, "write_wall_time", [&] {
        Group meta{check_id(H5Gopen2(self.file.get(), kMetadataGroup, H5P_DEFAULT),
                            "cannot open " + std::string(kMetadataGroup) + " of " + self.where())};
        const std::string meta_where = std::string(kMetadataGroup) + " of " + self.where();
        Impl::write_numeric_attribute(meta.get(), kWallTimeAttr, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                                      &seconds, meta_where);
        check(meta.close(), "cannot write " + meta_where);
    });
}

void ResultWriter::read_monthly(const std::function<void(std::span<const MonthlyRow>)>& fn) {
    Impl& self = *impl_;
    self.guarded({Impl::State::Described}, "read_monthly", [&] {
        // The rows still buffered go to the file now, as `finish` would write them next.
        self.write_buffered(self.buffer.size());
        const std::string what =
            "cannot read back " + std::string(kMonthlyRows) + " of " + self.where();
        std::vector<MonthlyRow> chunk(8 * kChunkRows);
        for (hsize_t first = 0; first < self.rows_on_disk;) {
            throw_if_interrupted();
            const hsize_t n[1]{std::min<hsize_t>(chunk.size(), self.rows_on_disk - first)};
            const hsize_t offset[1]{first};
            const Dataspace file_space{check_id(H5Dget_space(self.rows.get()), what)};
            check(
                H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, offset, nullptr, n, nullptr),
                what);
            const Dataspace mem_space{check_id(H5Screate_simple(1, n, nullptr), what)};
            check(H5Dread(self.rows.get(), self.row_mem_type.get(), mem_space.get(),
                          file_space.get(), H5P_DEFAULT, chunk.data()),
                  what);
            fn(std::span<const MonthlyRow>(chunk.data(), static_cast<std::size_t>(n[0])));
            first += n[0];
        }
    });
}

std::filesystem::path ResultWriter::finish() {
    Impl& self = *impl_;
    self.guarded({Impl::State::Described}, "finish", [&] {
        self.finish();
        self.state = Impl::State::Committed; // the caller owns the temporary file now
    });
    return self.temp_path;
}

const std::filesystem::path& ResultWriter::final_path() const {
    return impl_->final_path;
}

const std::filesystem::path& ResultWriter::temporary_path() const {
    return impl_->temp_path;
}

} // namespace kokeilu::output
