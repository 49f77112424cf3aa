// CSV export: monthly.csv, measures.csv, traces.csv, summary.csv and breakdowns.csv, each written
// under a temporary name and renamed.
#include "output/csv.hpp"

#include "output/detail/atomic_file.hpp"
#include "output/detail/validate.hpp"
#include "output/output_set.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <concepts>
#include <system_error>
#include <vector>

namespace kokeilu::output {

namespace {

/// Bytes collected before each write to the temporary file.
constexpr std::size_t kFlushBytes = std::size_t{1} << 20;

/// Appends `value` to `text` in the shortest round-trip form; any NaN as `nan` (`to_chars`
/// would write a NaN with its sign bit set, as 0.0 / 0.0 gives on x86, as `-nan`).
void append_double(std::string& text, double value) {
    if (std::isnan(value)) {
        text += "nan";
        return;
    }
    std::array<char, 32> buffer{};
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    if (ec != std::errc{}) {
        throw OutputError("cannot format the number " + std::to_string(value));
    }
    text.append(buffer.data(), end);
}

} // namespace

std::string csv_field(std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(field);
    }
    std::string quoted;
    quoted.reserve(field.size() + 2);
    quoted += '"';
    for (const char c : field) {
        if (c == '"') {
            quoted += '"';
        }
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

std::string format_double(double value) {
    std::string text;
    append_double(text, value);
    return text;
}

namespace {

/// One table being written: its temporary file and the text waiting to go into it.
struct Table {
    std::unique_ptr<detail::AtomicFile> file;
    std::string text;

    void open(const std::filesystem::path& path, std::string_view header) {
        file = std::make_unique<detail::AtomicFile>(path);
        text.reserve(kFlushBytes + 4096);
        text += header;
        text += '\n';
    }
    void end_line() {
        text += '\n';
        if (text.size() >= kFlushBytes) {
            file->write(text);
            text.clear();
        }
    }
    void finish(OutputSet& set) {
        file->write(text);
        text.clear();
        set.adopt(file->finish(), file->final_path());
    }
};

template <typename T>
void append_number(std::string& text, T value) {
    std::array<char, 32> number{};
    const auto end = std::to_chars(number.data(), number.data() + number.size(), value).ptr;
    text.append(number.data(), end);
}

/// One CSV field: text as it is (names are quoted once, up front), numbers in shortest form.
void append_field(std::string& text, std::string_view field) {
    text += field;
}
void append_field(std::string& text, double value) {
    append_double(text, value);
}
template <std::integral T>
void append_field(std::string& text, T value) {
    append_number(text, value);
}

/// The fields of one line, separated by commas.
template <typename First, typename... Rest>
void append_fields(std::string& text, const First& first, const Rest&... rest) {
    append_field(text, first);
    ((text += ',', append_field(text, rest)), ...);
}

std::vector<std::string> quoted(const std::vector<std::string>& names) {
    std::vector<std::string> out;
    out.reserve(names.size());
    for (const auto& n : names) {
        out.push_back(csv_field(n));
    }
    return out;
}

} // namespace

struct CsvWriter::Impl {
    std::filesystem::path dir;
    std::string context;
    detail::TableSizes sizes;
    bool replace = false;
    // Every name is quoted once, not once per row.
    std::vector<std::string> scenarios, months, providers, kinds, groups, measures, events, states;
    std::vector<std::string> breakdown_groups; ///< `breakdown,name`, each quoted
    Dimensions dimensions;
    Table monthly, traces, summary, breakdowns;
    std::size_t monthly_rows = 0, trace_rows = 0, summary_rows = 0, breakdown_rows = 0;

    void open_optional(Table& table, const char* name, std::string_view header) {
        if (!table.file) {
            detail::check_target(dir / name, replace);
            table.open(dir / name, header);
        }
    }
};

const std::vector<std::string>& CsvWriter::table_names() {
    static const std::vector<std::string> names{"monthly.csv", "measures.csv", "traces.csv",
                                                "summary.csv", "breakdowns.csv"};
    return names;
}

CsvWriter::CsvWriter(const std::filesystem::path& dir, const Metadata& metadata,
                     const Dimensions& dimensions, bool replace)
        : impl_(std::make_unique<Impl>()) {
    namespace fs = std::filesystem;
    Impl& self = *impl_;
    self.dir = dir;
    self.replace = replace;
    self.context = "cannot export CSV to '" + dir.string() + "'";
    detail::check_description(metadata, dimensions, self.context);
    self.sizes = detail::TableSizes::of(metadata, dimensions);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        throw OutputError(self.context + ": " + ec.message());
    }
    if (!fs::is_directory(dir, ec)) {
        throw OutputError(self.context + ": it is not a folder");
    }
    for (const auto& name : table_names()) {
        detail::check_target(dir / name, replace);
    }
    self.dimensions = dimensions;
    self.scenarios = quoted(metadata.scenario_names);
    for (const auto m : dimensions.months) {
        self.months.push_back(csv_field(format_month(m)));
    }
    for (const auto& p : dimensions.providers) {
        self.providers.push_back(csv_field(p.name));
        self.kinds.push_back(csv_field(to_string(p.kind)));
    }
    self.groups = quoted(dimensions.target_groups);
    for (const auto& m : dimensions.measures) {
        self.measures.push_back(csv_field(m.name));
    }
    self.events = quoted(dimensions.trace_events);
    self.states = quoted(dimensions.states);
    for (const auto& g : dimensions.breakdown_groups) {
        self.breakdown_groups.push_back(csv_field(g.breakdown) + ',' + csv_field(g.name));
    }
    self.monthly.open(dir / "monthly.csv", kMonthlyCsvHeader);
}

CsvWriter::~CsvWriter() = default;

void CsvWriter::append_monthly(std::span<const MonthlyRow> rows) {
    Impl& self = *impl_;
    detail::check_codes(rows, self.monthly_rows, self.sizes, self.context);
    self.monthly_rows += rows.size();
    std::string& text = self.monthly.text;
    for (const MonthlyRow& row : rows) {
        append_fields(text, self.scenarios[row.scenario], row.replication, self.months[row.month],
                      self.providers[row.provider], self.kinds[row.provider],
                      self.groups[row.target_group], self.measures[row.measure], row.value);
        self.monthly.end_line();
    }
}

void CsvWriter::append_traces(std::span<const TraceRow> rows) {
    Impl& self = *impl_;
    if (rows.empty()) {
        return;
    }
    detail::check_codes(rows, self.trace_rows, self.sizes, self.context);
    self.trace_rows += rows.size();
    self.open_optional(self.traces, "traces.csv", kTracesCsvHeader);
    std::string& text = self.traces.text;
    for (const TraceRow& row : rows) {
        append_fields(text, self.scenarios[row.scenario], row.replication, row.agent,
                      format_trace_time(row.time), self.events[row.event],
                      self.states[row.from_state], self.states[row.to_state],
                      self.providers[row.provider]);
        self.traces.end_line();
    }
}

void CsvWriter::append_summary(std::span<const SummaryRow> rows) {
    Impl& self = *impl_;
    if (rows.empty()) {
        return;
    }
    detail::check_codes(rows, self.summary_rows, self.sizes, self.context);
    self.summary_rows += rows.size();
    self.open_optional(self.summary, "summary.csv", kSummaryCsvHeader);
    std::string& text = self.summary.text;
    for (const SummaryRow& row : rows) {
        append_fields(text, self.scenarios[row.scenario], self.months[row.month],
                      self.providers[row.provider], self.kinds[row.provider],
                      self.groups[row.target_group], self.measures[row.measure], row.replications,
                      row.mean, row.std_error, row.ci_low, row.ci_high);
        self.summary.end_line();
    }
}

void CsvWriter::append_breakdowns(std::span<const BreakdownRow> rows) {
    Impl& self = *impl_;
    if (rows.empty()) {
        return;
    }
    detail::check_codes(rows, self.breakdown_rows, self.sizes, self.context);
    self.breakdown_rows += rows.size();
    self.open_optional(self.breakdowns, "breakdowns.csv", kBreakdownsCsvHeader);
    std::string& text = self.breakdowns.text;
    for (const BreakdownRow& row : rows) {
        append_fields(text, self.scenarios[row.scenario], row.replication, self.months[row.month],
                      self.providers[row.provider], self.kinds[row.provider],
                      self.breakdown_groups[row.group], self.measures[row.measure], row.value);
        self.breakdowns.end_line();
    }
}

void CsvWriter::finish(OutputSet& set) {
    Impl& self = *impl_;
    self.monthly.finish(set);
    Table measures;
    measures.open(self.dir / "measures.csv", kMeasuresCsvHeader);
    for (const Measure& m : self.dimensions.measures) {
        measures.text +=
            csv_field(m.name) + ',' + csv_field(m.unit) + ',' + csv_field(m.description);
        measures.end_line();
    }
    measures.finish(set);
    // The optional tables: written only when they have rows; otherwise an earlier export's
    // copy is removed, since it would sit beside this run's panel.
    for (auto [table, name] :
         {std::pair{&self.traces, "traces.csv"}, std::pair{&self.summary, "summary.csv"},
          std::pair{&self.breakdowns, "breakdowns.csv"}}) {
        if (table->file) {
            table->finish(set);
        } else {
            set.remove_at_commit(self.dir / name);
        }
    }
}

void export_csv(const ResultFile& result, const std::filesystem::path& dir, bool replace) {
    OutputSet set(replace);
    {
        CsvWriter writer(dir, result.metadata, result.dimensions, replace);
        writer.append_monthly(result.monthly);
        writer.append_traces(result.traces);
        writer.append_summary(result.summary);
        writer.append_breakdowns(result.breakdowns);
        writer.finish(set);
    }
    set.commit();
}

std::vector<std::filesystem::path> csv_tables_in(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> out;
    for (const auto& name : CsvWriter::table_names()) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(dir / name, ec)) {
            out.push_back(dir / name);
        }
    }
    return out;
}

} // namespace kokeilu::output
