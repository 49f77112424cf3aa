// The link between simulated time and the calendar: a run's clock.
#pragma once

#include "sim/calendar.hpp"
#include "sim/time.hpp"

namespace kokeilu::sim {

/// Maps simulated time to calendar dates for a run whose time 0 is midnight at the start of
/// `origin`, and counts deadlines in Finnish working days. A small immutable value.
class RunClock {
public:
    explicit constexpr RunClock(Date origin) : origin_(origin) {}

    [[nodiscard]] constexpr Date origin() const { return origin_; }

    /// The calendar day that time `t` falls on.
    [[nodiscard]] constexpr Date date_of(SimTime t) const {
        return origin_ + static_cast<int>(t.day_index());
    }

    /// Midnight at the start of day `d`.
    [[nodiscard]] constexpr SimTime start_of(Date d) const { return days(d - origin_); }

    /// Midnight at the start of the working day `n` working days after the day of `t`, with
    /// FinnishCalendar::add_working_days' convention (n = 0: that day if it is a working day,
    /// else the next one). Deadlines "within N working days" end at the end of that day.
    [[nodiscard]] SimTime add_working_days(SimTime t, int n) const {
        return start_of(FinnishCalendar::add_working_days(date_of(t), n));
    }

    /// Working days in [day of a, day of b).
    [[nodiscard]] int working_days_between(SimTime a, SimTime b) const {
        return FinnishCalendar::working_days_between(date_of(a), date_of(b));
    }

private:
    Date origin_;
};

} // namespace kokeilu::sim
