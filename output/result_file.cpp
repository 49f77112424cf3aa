// Provider kinds, months and the one-call `write_result`.
#include "output/result_file.hpp"

#include <charconv>

namespace kokeilu::output {

std::string_view to_string(ProviderKind kind) {
    switch (kind) {
    case ProviderKind::TeOffice:
        return "te_office";
    case ProviderKind::Pilot:
        return "pilot";
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
    const auto put = [&](std::size_t pos, unsigned value, std::size_t width) {
        for (std::size_t i = 0; i < width; ++i) {
            text[pos + width - 1 - i] = static_cast<char>('0' + value % 10);
            value /= 10;
        }
    };
    put(0, static_cast<unsigned>(year), 4);
    put(5, number, 2);
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
    writer.commit();
}

} // namespace kokeilu::output
