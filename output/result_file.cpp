// Provider kinds, months, trace times and the one-call `write_result`.
#include "output/result_file.hpp"

#include <charconv>
#include <chrono>
#include <cstdint>

namespace kokeilu::output {

namespace {

constexpr std::int64_t minutes_since_epoch(std::chrono::sys_days day) {
    return std::chrono::duration_cast<std::chrono::minutes>(day.time_since_epoch()).count();
}

/// Writes `value` as `width` decimal digits at `pos` of `text`.
void put_digits(std::string& text, std::size_t pos, std::uint64_t value, std::size_t width) {
    for (std::size_t i = 0; i < width; ++i) {
        text[pos + width - 1 - i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}

} // namespace

using std::chrono::January;
using std::chrono::sys_days;
using std::chrono::year;
static_assert(kFirstTraceTime == minutes_since_epoch(sys_days{year{0} / January / 1}));
static_assert(kLastTraceTime == minutes_since_epoch(sys_days{year{10000} / January / 1}) - 1);

std::string_view to_string(ProviderKind kind) {
    switch (kind) {
    case ProviderKind::TeOffice: return "te_office";
    case ProviderKind::Pilot: return "pilot";
    }
    throw OutputError("unknown provider kind " + std::to_string(static_cast<int>(kind)));
}

ProviderKind parse_provider_kind(std::string_view text) {
    if (text == "te_office") {
        return ProviderKind::TeOffice;
    }
    if (text == "pilot") {
        return ProviderKind::Pilot;
    }
    throw OutputError("unknown provider kind '" + std::string(text) +
                      "' (expected te_office or pilot)");
}

std::string format_month(std::chrono::year_month month) {
    const int year = static_cast<int>(month.year());
    const auto number = static_cast<unsigned>(month.month());
    if (!month.ok() || year < 0 || year > 9999) {
        throw OutputError("cannot format month " + std::to_string(year) + "-" +
                          std::to_string(number) + " as YYYY-MM");
    }
    std::string text = "0000-00";
    put_digits(text, 0, static_cast<unsigned>(year), 4);
    put_digits(text, 5, number, 2);
    return text;
}

std::string format_trace_time(std::int64_t minutes) {
    if (minutes < kFirstTraceTime || minutes > kLastTraceTime) {
        throw OutputError("cannot format time " + std::to_string(minutes) +
                          " (minutes since 1970-01-01T00:00) as YYYY-MM-DDTHH:MM: it is "
                          "outside 0000-01-01T00:00 .. 9999-12-31T23:59");
    }
    constexpr std::int64_t kPerDay = 24 * 60;
    // Floor division, so that times before 1970 fall on the right day.
    std::int64_t days = minutes / kPerDay;
    std::int64_t of_day = minutes % kPerDay;
    if (of_day < 0) {
        of_day += kPerDay;
        --days;
    }
    const std::chrono::year_month_day date{sys_days{std::chrono::days{days}}};
    std::string text = "0000-00-00T00:00";
    put_digits(text, 0, static_cast<std::uint64_t>(static_cast<int>(date.year())), 4);
    put_digits(text, 5, static_cast<unsigned>(date.month()), 2);
    put_digits(text, 8, static_cast<unsigned>(date.day()), 2);
    put_digits(text, 11, static_cast<std::uint64_t>(of_day / 60), 2);
    put_digits(text, 14, static_cast<std::uint64_t>(of_day % 60), 2);
    return text;
}

std::chrono::year_month parse_month(std::string_view text) {
    const auto bad = [&] {
        return OutputError("'" + std::string(text) + "' is not a month in the form YYYY-MM");
    };
    if (text.size() != 7 || text[4] != '-') {
        throw bad();
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i != 4 && (text[i] < '0' || text[i] > '9')) {
            throw bad();
        }
    }
    int year = 0;
    unsigned month = 0;
    std::from_chars(text.data(), text.data() + 4, year);
    std::from_chars(text.data() + 5, text.data() + 7, month);
    const std::chrono::year_month result{std::chrono::year{year}, std::chrono::month{month}};
    if (!result.ok()) {
        throw bad();
    }
    return result;
}

void write_result(const ResultFile& result, const std::filesystem::path& path, bool force) {
    if (result.schema_version != kSchemaVersion) {
        throw OutputError("cannot write '" + path.string() + "' with schema version " +
                          std::to_string(result.schema_version) + "; this Kokeilu writes " +
                          std::to_string(kSchemaVersion));
    }
    ResultWriter writer(path, force);
    writer.write(result.metadata, result.dimensions);
    writer.append_monthly(result.monthly);
    writer.append_traces(result.traces);
    writer.append_breakdowns(result.breakdowns);
    writer.append_summary(result.summary, result.summary_level);
    writer.commit();
}

} // namespace kokeilu::output
