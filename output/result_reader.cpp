// read_result: a whole result file back into memory, with every problem named.
#include "output/result_file.hpp"

#include "output/detail/hdf5.hpp"
#include "output/detail/layout.hpp"
#include "output/detail/provider_tables.hpp"
#include "output/detail/string_tables.hpp"
#include "output/detail/validate.hpp"
#include "sim/interrupt.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <functional>
#include <span>
#include <utility>

namespace kokeilu::output {

namespace {

using namespace detail;

/// A numeric field of a row table: its name in the file, its offset in `Row` and the native
/// type it is read as.
struct RowField {
    const char* name;
    std::size_t offset;
    hid_t mem_type;
};

/// Reads the whole row table `path` (a 1-D compound dataset with at least `fields`) into
/// `Row`s, converting each field to its native type.
template <typename Row>
std::vector<Row> read_rows(hid_t file, const char* path, std::span<const RowField> fields,
                           const std::string& where) {
    const std::string what = "cannot read " + std::string(path) + " in " + where;
    const Dataset dataset{check_id(H5Dopen2(file, path, H5P_DEFAULT), what)};
    const Datatype file_type{check_id(H5Dget_type(dataset.get()), what)};
    if (H5Tget_class(file_type.get()) != H5T_COMPOUND) {
        throw OutputError(what + ": it is not a table (compound dataset)");
    }
    for (const RowField& field : fields) {
        if (H5Tget_member_index(file_type.get(), field.name) < 0) {
            H5Eclear2(H5E_DEFAULT);
            throw OutputError(what + ": it has no field '" + field.name + "'");
        }
    }
    const Dataspace space{check_id(H5Dget_space(dataset.get()), what)};
    if (H5Sget_simple_extent_ndims(space.get()) != 1) {
        throw OutputError(what + ": it is not one-dimensional");
    }
    const auto count = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
    const Datatype mem_type{check_id(H5Tcreate(H5T_COMPOUND, sizeof(Row)), what)};
    for (const RowField& field : fields) {
        check(H5Tinsert(mem_type.get(), field.name, field.offset, field.mem_type), what);
    }
    std::vector<Row> rows(count);
    if (count > 0) {
        check(H5Dread(dataset.get(), mem_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, rows.data()),
              what);
    }
    return rows;
}

std::array<RowField, 7> monthly_fields() {
    const hid_t u32 = H5T_NATIVE_UINT32;
    return {RowField{"scenario", offsetof(MonthlyRow, scenario), u32},
            {"replication", offsetof(MonthlyRow, replication), u32},
            {"month", offsetof(MonthlyRow, month), u32},
            {"provider", offsetof(MonthlyRow, provider), u32},
            {"target_group", offsetof(MonthlyRow, target_group), u32},
            {"measure", offsetof(MonthlyRow, measure), u32},
            {"value", offsetof(MonthlyRow, value), H5T_NATIVE_DOUBLE}};
}

std::vector<MonthlyRow> read_monthly_rows(hid_t file, const std::string& where) {
    const auto fields = monthly_fields();
    return read_rows<MonthlyRow>(file, kMonthlyRows, fields, where);
}

std::array<RowField, 7> breakdown_fields() {
    const hid_t u32 = H5T_NATIVE_UINT32;
    return {RowField{"scenario", offsetof(BreakdownRow, scenario), u32},
            {"replication", offsetof(BreakdownRow, replication), u32},
            {"month", offsetof(BreakdownRow, month), u32},
            {"provider", offsetof(BreakdownRow, provider), u32},
            {"group", offsetof(BreakdownRow, group), u32},
            {"measure", offsetof(BreakdownRow, measure), u32},
            {"value", offsetof(BreakdownRow, value), H5T_NATIVE_DOUBLE}};
}

std::vector<BreakdownRow> read_breakdown_rows(hid_t file, const std::string& where) {
    const auto fields = breakdown_fields();
    return read_rows<BreakdownRow>(file, kBreakdownsRows, fields, where);
}

std::vector<TraceRow> read_trace_rows(hid_t file, const std::string& where) {
    const hid_t u32 = H5T_NATIVE_UINT32;
    const RowField fields[] = {
        {"scenario", offsetof(TraceRow, scenario), u32},
        {"replication", offsetof(TraceRow, replication), u32},
        {"agent", offsetof(TraceRow, agent), H5T_NATIVE_UINT64},
        {"time", offsetof(TraceRow, time), H5T_NATIVE_INT64},
        {"event", offsetof(TraceRow, event), u32},
        {"from_state", offsetof(TraceRow, from_state), u32},
        {"to_state", offsetof(TraceRow, to_state), u32},
        {"provider", offsetof(TraceRow, provider), u32},
    };
    return read_rows<TraceRow>(file, kTracesRows, fields, where);
}

std::vector<SummaryRow> read_summary_rows(hid_t file, const std::string& where) {
    const hid_t u32 = H5T_NATIVE_UINT32;
    const hid_t f64 = H5T_NATIVE_DOUBLE;
    const RowField fields[] = {
        {"scenario", offsetof(SummaryRow, scenario), u32},
        {"month", offsetof(SummaryRow, month), u32},
        {"provider", offsetof(SummaryRow, provider), u32},
        {"target_group", offsetof(SummaryRow, target_group), u32},
        {"measure", offsetof(SummaryRow, measure), u32},
        {"replications", offsetof(SummaryRow, replications), u32},
        {"mean", offsetof(SummaryRow, mean), f64},
        {"std_error", offsetof(SummaryRow, std_error), f64},
        {"ci_low", offsetof(SummaryRow, ci_low), f64},
        {"ci_high", offsetof(SummaryRow, ci_high), f64},
    };
    return read_rows<SummaryRow>(file, kSummaryRows, fields, where);
}

/// The confidence level of /summary/rows (its attribute `confidence_level`).
double read_summary_level(hid_t file, const std::string& where) {
    const std::string what = "cannot read " + std::string(kSummaryRows) + " in " + where;
    const Dataset dataset{check_id(H5Dopen2(file, kSummaryRows, H5P_DEFAULT), what)};
    const std::string dataset_where = std::string(kSummaryRows) + " of " + where;
    if (!has_attribute(dataset.get(), kConfidenceLevelAttr, dataset_where)) {
        throw OutputError(what + ": it has no attribute " + kConfidenceLevelAttr);
    }
    double level = 0.0;
    read_attribute(dataset.get(), kConfidenceLevelAttr, H5T_NATIVE_DOUBLE, &level, dataset_where);
    return level;
}

/// True if `path` (absolute, e.g. `/traces/rows`) exists in `file`, checking each link on
/// the way (H5Lexists needs the parent to exist).
bool exists(hid_t file, const char* path, const std::string& where) {
    const std::string full = path;
    for (std::size_t slash = full.find('/', 1);; slash = full.find('/', slash + 1)) {
        const std::string prefix = full.substr(0, slash);
        const htri_t found = H5Lexists(file, prefix.c_str(), H5P_DEFAULT);
        check(found, "cannot look for " + prefix + " in " + where);
        if (found == 0) {
            return false;
        }
        if (slash == std::string::npos) {
            return true;
        }
    }
}

/// The scenario texts of a version 1 file, which stored one text: a comparison's scenarios
/// joined, each after a heading line `# ==== scenario N: NAME ====` (left out here). A text
/// that does not start with the heading is one scenario's.
std::vector<std::string> split_legacy_scenario_text(const std::string& all) {
    const std::string heading = kLegacyScenarioHeading;
    if (all.rfind(heading, 0) != 0) {
        return {all};
    }
    std::vector<std::string> texts;
    for (std::size_t pos = 0; pos != std::string::npos;) {
        const std::size_t next = all.find("\n" + heading, pos);
        const std::size_t end = next == std::string::npos ? all.size() : next + 1;
        const std::size_t body = all.find('\n', pos); // the end of the heading line
        texts.push_back(body == std::string::npos || body >= end
                            ? std::string()
                            : all.substr(body + 1, end - body - 1));
        pos = next == std::string::npos ? next : next + 1;
    }
    return texts;
}

/// The scenario texts: an array from version 2 on, one joined text in version 1.
std::vector<std::string> read_scenario_texts(hid_t meta, std::int64_t version,
                                             const std::string& where) {
    if (version >= 2) {
        return read_string_array_attribute(meta, kScenarioTextsAttr, where);
    }
    return split_legacy_scenario_text(read_string_attribute(meta, kLegacyScenarioTextAttr, where));
}

} // namespace

namespace {

/// Opens a result file for reading after checking that it is one (an HDF5 file that exists).
File open_result(const std::filesystem::path& path, const std::string& where) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status)) {
        throw OutputError("cannot read " + where + ": no such file");
    }
    if (fs::is_directory(status)) {
        throw OutputError("cannot read " + where + ": it is a folder, not a result file");
    }
    const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
    if (is_hdf5 < 0) {
        throw OutputError("cannot read " + where + ": " + hdf5_error_message());
    }
    if (is_hdf5 == 0) {
        throw OutputError("cannot read " + where + ": it is not an HDF5 file");
    }
    return File{check_id(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT),
                         "cannot open " + where + " (damaged or truncated?)")};
}

/// The dimension tables (and scenario names) of an open result file, into `result`.
void read_tables(const File& file, const std::string& where, ResultFile& result) {
    static constexpr const char* kName[] = {"name"};
    result.metadata.scenario_names =
        std::move(read_string_table(file.get(), kScenariosTable, kName, where)[0]);
    result.dimensions.providers = read_provider_tables(file.get(), where);
    result.dimensions.target_groups =
        std::move(read_string_table(file.get(), kTargetGroupsTable, kName, where)[0]);
    static constexpr const char* kMeasureFields[] = {"name", "unit", "description"};
    auto measures = read_string_table(file.get(), kMeasuresTable, kMeasureFields, where);
    for (std::size_t i = 0; i < measures[0].size(); ++i) {
        result.dimensions.measures.push_back(
            Measure{measures[0][i], measures[1][i], measures[2][i]});
    }
    static constexpr const char* kMonthFields[] = {"month"};
    const auto months = read_string_table(file.get(), kMonthsTable, kMonthFields, where);
    for (const auto& text : months[0]) {
        try {
            result.dimensions.months.push_back(parse_month(text));
        } catch (const OutputError& e) {
            throw OutputError("cannot read " + std::string(kMonthsTable) + " in " + where + ": " +
                              e.what());
        }
    }
    if (exists(file.get(), kTraceEventsTable, where)) {
        result.dimensions.trace_events =
            std::move(read_string_table(file.get(), kTraceEventsTable, kName, where)[0]);
    }
    if (exists(file.get(), kStatesTable, where)) {
        result.dimensions.states =
            std::move(read_string_table(file.get(), kStatesTable, kName, where)[0]);
    }
    if (exists(file.get(), kBreakdownGroupsTable, where)) {
        static constexpr const char* kGroupFields[] = {"breakdown", "name"};
        const auto groups =
            read_string_table(file.get(), kBreakdownGroupsTable, kGroupFields, where);
        for (std::size_t i = 0; i < groups[0].size(); ++i) {
            result.dimensions.breakdown_groups.push_back({groups[0][i], groups[1][i]});
        }
    }
}

/// The metadata and dimension tables of an open result file, checked (schema version,
/// completeness), without its rows.
ResultFile read_head(const File& file, const std::string& where) {
    ResultFile result;
    if (!has_attribute(file.get(), kSchemaVersionAttr, where)) {
        throw OutputError("cannot read " + where +
                          ": it is not a Kokeilu result file (no attribute schema_version on /)");
    }
    std::int64_t version = 0;
    read_attribute(file.get(), kSchemaVersionAttr, H5T_NATIVE_INT64, &version, where);
    if (version < 1 || version > kSchemaVersion) {
        throw OutputError("cannot read " + where + ": it has schema version " +
                          std::to_string(version) + ", but this Kokeilu reads versions 1 to " +
                          std::to_string(kSchemaVersion));
    }
    result.schema_version = static_cast<int>(version);
    std::int64_t complete = 0;
    if (has_attribute(file.get(), kCompleteAttr, where)) {
        read_attribute(file.get(), kCompleteAttr, H5T_NATIVE_INT64, &complete, where);
    }
    if (complete != 1) {
        throw OutputError("cannot read " + where +
                          ": the file is incomplete (attribute complete is not 1): the run "
                          "that wrote it did not finish");
    }

    {
        const Group meta{check_id(H5Gopen2(file.get(), kMetadataGroup, H5P_DEFAULT),
                                  "cannot read " + std::string(kMetadataGroup) + " in " + where)};
        const std::string meta_where = std::string(kMetadataGroup) + " of " + where;
        Metadata& m = result.metadata;
        m.scenario_texts = read_scenario_texts(meta.get(), version, meta_where);
        read_attribute(meta.get(), kSeedAttr, H5T_NATIVE_UINT64, &m.seed, meta_where);
        read_attribute(meta.get(), kReplicationsAttr, H5T_NATIVE_UINT32, &m.replications,
                       meta_where);
        m.kokeilu_version = read_string_attribute(meta.get(), kVersionAttr, meta_where);
        m.git_revision = read_string_attribute(meta.get(), kGitRevisionAttr, meta_where);
        if (has_attribute(meta.get(), kWallTimeAttr, meta_where)) {
            double wall = 0.0;
            read_attribute(meta.get(), kWallTimeAttr, H5T_NATIVE_DOUBLE, &wall, meta_where);
            m.wall_time_s = wall;
        }
    }

    read_tables(file, where, result);
    check_description(result.metadata, result.dimensions,
                      "cannot read " + where + ": the file is inconsistent");
    return result;
}

/// Reads the row table `path` of `file` a block of at most `block` rows at a time into `buffer`
/// and hands each block to `fn`, its codes checked against `sizes`.
template <typename Row>
void read_blocks(hid_t file, const char* path, std::span<const RowField> fields,
                 const TableSizes& sizes, const std::string& where,
                 const std::function<void(std::span<const Row>)>& fn) {
    const std::string what = "cannot read " + std::string(path) + " in " + where;
    const Dataset dataset{check_id(H5Dopen2(file, path, H5P_DEFAULT), what)};
    const Dataspace space{check_id(H5Dget_space(dataset.get()), what)};
    if (H5Sget_simple_extent_ndims(space.get()) != 1) {
        throw OutputError(what + ": it is not one-dimensional");
    }
    const auto count = static_cast<hsize_t>(H5Sget_simple_extent_npoints(space.get()));
    const Datatype mem_type{check_id(H5Tcreate(H5T_COMPOUND, sizeof(Row)), what)};
    for (const RowField& field : fields) {
        check(H5Tinsert(mem_type.get(), field.name, field.offset, field.mem_type), what);
    }
    std::vector<Row> block(8 * kChunkRows);
    for (hsize_t first = 0; first < count;) {
        throw_if_interrupted();
        const hsize_t n[1]{std::min<hsize_t>(block.size(), count - first)};
        const hsize_t offset[1]{first};
        check(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, offset, nullptr, n, nullptr), what);
        const Dataspace mem_space{check_id(H5Screate_simple(1, n, nullptr), what)};
        check(H5Dread(dataset.get(), mem_type.get(), mem_space.get(), space.get(), H5P_DEFAULT,
                      block.data()),
              what);
        const std::span<const Row> rows(block.data(), static_cast<std::size_t>(n[0]));
        check_codes(rows, static_cast<std::size_t>(first), sizes,
                    "cannot read " + where + ": the file is inconsistent");
        fn(rows);
        first += n[0];
    }
}

} // namespace

ResultFile read_result(const std::filesystem::path& path) {
    const QuietErrors quiet;
    const std::string where = quoted(path);
    const File file = open_result(path, where);
    ResultFile result = read_head(file, where);
    result.monthly = read_monthly_rows(file.get(), where);
    if (exists(file.get(), kTracesRows, where)) {
        result.traces = read_trace_rows(file.get(), where);
    }
    if (exists(file.get(), kBreakdownsRows, where)) {
        result.breakdowns = read_breakdown_rows(file.get(), where);
    }
    if (exists(file.get(), kSummaryRows, where)) {
        result.summary = read_summary_rows(file.get(), where);
        result.summary_level = read_summary_level(file.get(), where);
    }

    const std::string inconsistent = "cannot read " + where + ": the file is inconsistent";
    check_description(result.metadata, result.dimensions, inconsistent);
    const TableSizes sizes = TableSizes::of(result.metadata, result.dimensions);
    check_codes(result.monthly, 0, sizes, inconsistent);
    check_codes(result.traces, 0, sizes, inconsistent);
    check_codes(result.summary, 0, sizes, inconsistent);
    check_codes(result.breakdowns, 0, sizes, inconsistent);
    check_confidence_level(result.summary_level, inconsistent);
    return result;
}

ResultFile read_result_head(const std::filesystem::path& path) {
    const QuietErrors quiet;
    const std::string where = quoted(path);
    return read_head(open_result(path, where), where);
}

void read_monthly_blocks(const std::filesystem::path& path,
                         const std::function<void(std::span<const MonthlyRow>)>& fn) {
    const QuietErrors quiet;
    const std::string where = quoted(path);
    const File file = open_result(path, where);
    const ResultFile head = read_head(file, where);
    const auto fields = monthly_fields();
    read_blocks<MonthlyRow>(file.get(), kMonthlyRows, fields,
                            TableSizes::of(head.metadata, head.dimensions), where, fn);
}

void read_breakdown_blocks(const std::filesystem::path& path,
                           const std::function<void(std::span<const BreakdownRow>)>& fn) {
    const QuietErrors quiet;
    const std::string where = quoted(path);
    const File file = open_result(path, where);
    const ResultFile head = read_head(file, where);
    if (!exists(file.get(), kBreakdownsRows, where)) {
        return;
    }
    const auto fields = breakdown_fields();
    read_blocks<BreakdownRow>(file.get(), kBreakdownsRows, fields,
                              TableSizes::of(head.metadata, head.dimensions), where, fn);
}

} // namespace kokeilu::output
