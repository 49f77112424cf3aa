// Observed series the model reads (built in from configs/data/), and how the scenario builder
// folds them into each period's monthly lists.
#pragma once

#include <string_view>
#include <vector>

namespace kokeilu::scenario {

/// The text of configs/data/vacancies.csv (built in).
[[nodiscard]] std::string_view builtin_vacancies_text();

/// One observation of a monthly series; `month` counts months from year 0 (year * 12 + m - 1).
struct MonthValue {
    int month = 0;
    double value = 0.0;
};

/// The observations of a series file (lines `YYYY-MM,value[,...]`; `#` comments and a header
/// line starting with `month` are skipped), in month order. Throws std::invalid_argument with
/// the line number on a malformed line or a month out of order.
[[nodiscard]] std::vector<MonthValue> parse_month_series(std::string_view text);

/// The series in month `month` (as MonthValue::month): log-linear between observations, the
/// first or last observation outside them.
[[nodiscard]] double series_at(const std::vector<MonthValue>& series, int month);

} // namespace kokeilu::scenario
