// Simulated time: a strong integer count of minutes since the start of a run.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>

namespace kokeilu::sim {

/// A point or span of simulated time, counted in whole minutes.
///
/// One minute is the resolution of the whole engine: staff work is booked in minutes
/// (an interview takes 45 minutes), and calendar deadlines are whole working days, so a
/// finer tick would buy nothing. An `int64_t` of minutes spans about 17 million years.
/// Time 0 is midnight at the start of the run's first calendar day (see `Date`).
class SimTime {
public:
    using rep = std::int64_t;

    constexpr SimTime() = default;
    constexpr explicit SimTime(rep minutes) : minutes_(minutes) {}

    [[nodiscard]] constexpr rep minutes() const { return minutes_; }
    /// Whole days since time 0, rounded towards minus infinity.
    [[nodiscard]] constexpr rep day_index() const {
        return minutes_ >= 0 ? minutes_ / kMinutesPerDay
                             : -((-minutes_ + kMinutesPerDay - 1) / kMinutesPerDay);
    }
    /// The time as a real number of days (for reports and analytic comparisons).
    [[nodiscard]] constexpr double days() const {
        return static_cast<double>(minutes_) / static_cast<double>(kMinutesPerDay);
    }

    static constexpr rep kMinutesPerDay = 24 * 60;
    static constexpr SimTime max() { return SimTime{std::numeric_limits<rep>::max()}; }
    static constexpr SimTime zero() { return SimTime{0}; }

    constexpr auto operator<=>(const SimTime&) const = default;

    constexpr SimTime& operator+=(SimTime d) {
        minutes_ += d.minutes_;
        return *this;
    }
    constexpr SimTime& operator-=(SimTime d) {
        minutes_ -= d.minutes_;
        return *this;
    }
    friend constexpr SimTime operator+(SimTime a, SimTime b) {
        return SimTime{a.minutes_ + b.minutes_};
    }
    friend constexpr SimTime operator-(SimTime a, SimTime b) {
        return SimTime{a.minutes_ - b.minutes_};
    }
    friend constexpr SimTime operator*(SimTime a, rep k) { return SimTime{a.minutes_ * k}; }
    friend constexpr SimTime operator*(rep k, SimTime a) { return SimTime{a.minutes_ * k}; }

private:
    rep minutes_ = 0;
};

constexpr SimTime minutes(SimTime::rep n) {
    return SimTime{n};
}
constexpr SimTime hours(SimTime::rep n) {
    return SimTime{n * 60};
}
constexpr SimTime days(SimTime::rep n) {
    return SimTime{n * SimTime::kMinutesPerDay};
}

/// Converts a real number of days to the nearest whole minute (ties away from zero).
constexpr SimTime from_days(double d) {
    const double m = d * static_cast<double>(SimTime::kMinutesPerDay);
    return SimTime{static_cast<SimTime::rep>(m >= 0.0 ? m + 0.5 : m - 0.5)};
}

} // namespace kokeilu::sim
