// CSV export: monthly.csv, measures.csv, traces.csv and summary.csv, each written under a
// temporary name and renamed.
#include "output/csv.hpp"

#include "output/detail/atomic_file.hpp"
#include "output/detail/validate.hpp"

#include <array>
#include <charconv>
#include <cmath>
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

/// Removes `path` if it exists: an earlier export's optional file that this one does not
/// write would otherwise sit beside this run's panel.
void remove_earlier(const std::filesystem::path& path) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    if (ec) {
        throw OutputError("cannot remove the earlier '" + path.string() + "': " + ec.message());
    }
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

void export_csv(const ResultFile& result, const std::filesystem::path& dir) {
    namespace fs = std::filesystem;
    const std::string context = "cannot export CSV to '" + dir.string() + "'";
    detail::check_description(result.metadata, result.dimensions, context);
    const auto sizes = detail::TableSizes::of(result.metadata, result.dimensions);
    detail::check_codes(result.monthly, 0, sizes, context);
    detail::check_codes(result.traces, 0, sizes, context);
    detail::check_codes(result.summary, 0, sizes, context);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        throw OutputError(context + ": " + ec.message());
    }
    if (!fs::is_directory(dir, ec)) {
        throw OutputError(context + ": it is not a folder");
    }

    // Every name is quoted once, not once per row.
    const auto quote_all = [](const auto& items, auto get) {
        std::vector<std::string> out;
        out.reserve(items.size());
        for (const auto& item : items) {
            out.push_back(csv_field(get(item)));
        }
        return out;
    };
    const auto self = [](const std::string& s) -> std::string_view { return s; };
    const auto scenarios = quote_all(result.metadata.scenario_names, self);
    const auto months = quote_all(result.dimensions.months,
                                  [](std::chrono::year_month m) { return format_month(m); });
    const auto providers =
        quote_all(result.dimensions.providers, [](const Provider& p) -> std::string_view {
            return p.name;
        });
    const auto kinds = quote_all(result.dimensions.providers,
                                 [](const Provider& p) { return to_string(p.kind); });
    const auto groups = quote_all(result.dimensions.target_groups, self);
    const auto measures = quote_all(result.dimensions.measures,
                                    [](const Measure& m) -> std::string_view { return m.name; });

    {
        detail::AtomicFile file(dir / "monthly.csv");
        std::string text;
        text.reserve(kFlushBytes + 4096);
        text += kMonthlyCsvHeader;
        text += '\n';
        std::array<char, 32> number{};
        for (const MonthlyRow& row : result.monthly) {
            text += scenarios[row.scenario];
            text += ',';
            const auto rep_end =
                std::to_chars(number.data(), number.data() + number.size(), row.replication).ptr;
            text.append(number.data(), rep_end);
            text += ',';
            text += months[row.month];
            text += ',';
            text += providers[row.provider];
            text += ',';
            text += kinds[row.provider];
            text += ',';
            text += groups[row.target_group];
            text += ',';
            text += measures[row.measure];
            text += ',';
            append_double(text, row.value);
            text += '\n';
            if (text.size() >= kFlushBytes) {
                file.write(text);
                text.clear();
            }
        }
        file.write(text);
        file.commit();
    }
    {
        detail::AtomicFile file(dir / "measures.csv");
        std::string text(kMeasuresCsvHeader);
        text += '\n';
        for (const Measure& m : result.dimensions.measures) {
            text += csv_field(m.name) + ',' + csv_field(m.unit) + ',' + csv_field(m.description);
            text += '\n';
        }
        file.write(text);
        file.commit();
    }
    // The optional tables: written only when they have rows; otherwise an earlier export's
    // copy is removed, since it would sit beside this run's panel.
    const auto write_optional = [](const fs::path& path, std::string_view header,
                                   const auto& rows, auto append_row) {
        if (rows.empty()) {
            remove_earlier(path);
            return;
        }
        detail::AtomicFile file(path);
        std::string text;
        text.reserve(kFlushBytes + 4096);
        text += header;
        text += '\n';
        for (const auto& row : rows) {
            append_row(text, row);
            text += '\n';
            if (text.size() >= kFlushBytes) {
                file.write(text);
                text.clear();
            }
        }
        file.write(text);
        file.commit();
    };
    const auto append_number = [](std::string& text, auto value) {
        std::array<char, 32> number{};
        const auto end = std::to_chars(number.data(), number.data() + number.size(), value).ptr;
        text.append(number.data(), end);
    };

    const auto events = quote_all(result.dimensions.trace_events, self);
    const auto states = quote_all(result.dimensions.states, self);
    write_optional(dir / "traces.csv", kTracesCsvHeader, result.traces,
                   [&](std::string& text, const TraceRow& row) {
                       text += scenarios[row.scenario];
                       text += ',';
                       append_number(text, row.replication);
                       text += ',';
                       append_number(text, row.agent);
                       text += ',';
                       text += format_trace_time(row.time);
                       text += ',';
                       text += events[row.event];
                       text += ',';
                       text += states[row.from_state];
                       text += ',';
                       text += states[row.to_state];
                       text += ',';
                       text += providers[row.provider];
                   });
    write_optional(dir / "summary.csv", kSummaryCsvHeader, result.summary,
                   [&](std::string& text, const SummaryRow& row) {
                       text += scenarios[row.scenario];
                       text += ',';
                       text += months[row.month];
                       text += ',';
                       text += providers[row.provider];
                       text += ',';
                       text += kinds[row.provider];
                       text += ',';
                       text += groups[row.target_group];
                       text += ',';
                       text += measures[row.measure];
                       text += ',';
                       append_number(text, row.replications);
                       text += ',';
                       append_double(text, row.mean);
                       text += ',';
                       append_double(text, row.std_error);
                       text += ',';
                       append_double(text, row.ci_low);
                       text += ',';
                       append_double(text, row.ci_high);
                   });
}

} // namespace kokeilu::output
