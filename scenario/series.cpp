// Monthly series files: parsing and log-linear interpolation.
#include "scenario/series.hpp"

#include <cmath>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>

namespace kokeilu::scenario {

namespace {

/// The whole of `text` as a number, or nothing.
std::optional<double> number(std::string_view text) {
    const std::string copy(text);
    char* end = nullptr;
    const double x = std::strtod(copy.c_str(), &end);
    if (copy.empty() || end != copy.c_str() + copy.size()) {
        return std::nullopt;
    }
    return x;
}

/// One line `YYYY-MM,value[,...]` as a MonthValue.
MonthValue parse_line(std::string_view line, std::size_t number_of_line) {
    const auto fail = [&](const std::string& why) {
        return std::invalid_argument("line " + std::to_string(number_of_line) + ": " + why + ": `" +
                                     std::string(line) + "`");
    };
    if (line.size() < 9 || line[4] != '-' || line[7] != ',') {
        throw fail("expected YYYY-MM,value");
    }
    const auto year = number(line.substr(0, 4));
    const auto month = number(line.substr(5, 2));
    const auto rest = line.substr(8);
    const auto value = number(rest.substr(0, rest.find(',')));
    if (!year || !month || *month < 1 || *month > 12) {
        throw fail("not a month YYYY-MM");
    }
    if (!value || !(*value > 0.0)) {
        throw fail("the value must be a positive number (series are interpolated in logs)");
    }
    return {static_cast<int>(*year) * 12 + static_cast<int>(*month) - 1, *value};
}

} // namespace

std::vector<MonthValue> parse_month_series(std::string_view text) {
    std::vector<MonthValue> out;
    std::size_t number = 0;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        ++number;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.empty() || line.front() == '#' || line.rfind("month", 0) == 0) {
            continue;
        }
        const MonthValue mv = parse_line(line, number);
        if (!out.empty() && mv.month <= out.back().month) {
            throw std::invalid_argument("line " + std::to_string(number) +
                                        ": months must increase");
        }
        out.push_back(mv);
    }
    if (out.empty()) {
        throw std::invalid_argument("the series has no observations");
    }
    return out;
}

double series_at(const std::vector<MonthValue>& series, int month) {
    if (month <= series.front().month) {
        return series.front().value;
    }
    for (std::size_t k = 1; k < series.size(); ++k) {
        if (month <= series[k].month) {
            const MonthValue& a = series[k - 1];
            const MonthValue& b = series[k];
            const double t = static_cast<double>(month - a.month) / (b.month - a.month);
            return std::exp((1.0 - t) * std::log(a.value) + t * std::log(b.value));
        }
    }
    return series.back().value;
}

} // namespace kokeilu::scenario
