// The months of the headline outcomes.
#include "app/headline_window.hpp"

#include "scenario/evidence.hpp"

#include <algorithm>

namespace kokeilu::app {

std::optional<HeadlineWindow>
headline_window(const std::string& option, std::chrono::year_month first,
                std::chrono::year_month last, std::chrono::year_month pilot_from,
                std::chrono::year_month pilot_to, const char* cmd, std::ostream& err) {
    if (option.empty()) {
        const auto from = std::max(pilot_from, first);
        const auto to = std::min(pilot_to, last);
        return from <= to ? HeadlineWindow{from, to} : HeadlineWindow{first, last};
    }
    std::string why;
    const auto w = scenario::parse_month_window(option, why);
    if (!w) {
        err << cmd << ": error: --window " << option << ": " << why << '\n';
        return std::nullopt;
    }
    if (w->last_month) {
        return HeadlineWindow{last, last};
    }
    if (w->from < first || w->to > last) {
        const scenario::MonthWindow run{first, last};
        err << cmd << ": error: --window " << option << " is not within the simulated months "
            << run.to_string() << '\n';
        return std::nullopt;
    }
    return HeadlineWindow{w->from, w->to};
}

} // namespace kokeilu::app
