// The months of the headline outcomes, shared by `kokeilu run`, `compare` and `report`.
#pragma once

#include <chrono>
#include <optional>
#include <ostream>
#include <string>

namespace kokeilu::app {

/// The months of the headline outcomes (inclusive), the same for every scenario.
struct HeadlineWindow {
    std::chrono::year_month from;
    std::chrono::year_month to;
};

/// `option` (--window FROM..TO, or a single month) when given, else the reference's pilot
/// period (`pilot_from` to `pilot_to`) within the run's months `first`..`last`, else (the
/// pilot period is outside the run) the whole run. Prints an error to `err` as `cmd` and
/// returns nothing for a --window that is not months within the run.
[[nodiscard]] std::optional<HeadlineWindow>
headline_window(const std::string& option, std::chrono::year_month first,
                std::chrono::year_month last, std::chrono::year_month pilot_from,
                std::chrono::year_month pilot_to, const char* cmd, std::ostream& err);

} // namespace kokeilu::app
