// Calendar days (`Date`) and the Finnish working-day calendar used for deadlines.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace kokeilu::sim {

namespace detail {
/// Throws `std::invalid_argument` describing why (year, month, day) is not a valid date.
[[noreturn]] void throw_invalid_date(int year, int month, int day);
/// Throws `std::out_of_range` for a day count outside the range that `Date` supports.
[[noreturn]] void throw_date_out_of_range(std::int64_t days_since_epoch);
} // namespace detail

/// A calendar day in the proleptic Gregorian calendar, stored as whole days since 1970-01-01.
///
/// A small value type (4 bytes, trivially copyable) built on `std::chrono::sys_days`.
/// Invariant: the year lies in `kMinYear..kMaxYear` (the range of `std::chrono::year`);
/// constructors and `parse` enforce it, and arithmetic must not leave it (precondition).
/// The default value is 1970-01-01.
class Date {
public:
    using rep = std::int32_t;

    static constexpr int kMinYear = -32767;
    static constexpr int kMaxYear = 32767;

    constexpr Date() = default;

    /// The date `year`-`month`-`day` (month 1..12, day 1..31).
    /// Throws `std::invalid_argument` if there is no such date, e.g. 2021-02-30.
    constexpr Date(int year, int month, int day) {
        namespace chr = std::chrono;
        if (year < kMinYear || year > kMaxYear || month < 1 || month > 12 || day < 1 || day > 31) {
            detail::throw_invalid_date(year, month, day);
        }
        const chr::year_month_day parts{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                                        chr::day{static_cast<unsigned>(day)}};
        if (!parts.ok()) {
            detail::throw_invalid_date(year, month, day);
        }
        days_ = static_cast<rep>(chr::sys_days{parts}.time_since_epoch().count());
    }

    /// The date `days` days after 1970-01-01 (negative: before).
    /// Throws `std::out_of_range` if the year would fall outside `kMinYear..kMaxYear`.
    static constexpr Date from_days_since_epoch(std::int64_t days) {
        if (days < kMinDays || days > kMaxDays) {
            detail::throw_date_out_of_range(days);
        }
        Date d;
        d.days_ = static_cast<rep>(days);
        return d;
    }
    /// Converts from `std::chrono`; throws `std::out_of_range` like `from_days_since_epoch`.
    static constexpr Date from_sys_days(std::chrono::sys_days d) {
        return from_days_since_epoch(d.time_since_epoch().count());
    }

    /// Parses strictly `YYYY-MM-DD` (four-digit year, two-digit month and day, nothing else).
    /// Throws `std::invalid_argument` quoting `text` if it is malformed or not a real date.
    static Date parse(std::string_view text);

    /// Whole days since 1970-01-01 (negative before it).
    [[nodiscard]] constexpr rep days_since_epoch() const { return days_; }
    [[nodiscard]] constexpr std::chrono::sys_days to_sys_days() const {
        return std::chrono::sys_days{std::chrono::days{days_}};
    }

    [[nodiscard]] constexpr int year() const { return static_cast<int>(ymd().year()); }
    /// Month of the year, 1..12.
    [[nodiscard]] constexpr int month() const {
        return static_cast<int>(static_cast<unsigned>(ymd().month()));
    }
    /// Day of the month, 1..31.
    [[nodiscard]] constexpr int day() const {
        return static_cast<int>(static_cast<unsigned>(ymd().day()));
    }
    /// ISO 8601 day of the week: Monday = 1 .. Sunday = 7.
    [[nodiscard]] constexpr int weekday() const {
        // 1970-01-01 was a Thursday (ISO 4); `r` is 0 on Thursdays, also before 1970.
        const int r = (days_ % 7 + 7) % 7;
        return (r + 3) % 7 + 1;
    }
    /// The first day of this date's month.
    [[nodiscard]] constexpr Date first_of_month() const {
        const auto ymd_now = ymd();
        return from_sys_days(std::chrono::sys_days{ymd_now.year() / ymd_now.month() / 1});
    }
    /// Number of days in this date's month, 28..31.
    [[nodiscard]] constexpr int days_in_month() const {
        const auto ymd_now = ymd();
        const auto last = ymd_now.year() / ymd_now.month() / std::chrono::last;
        return static_cast<int>(static_cast<unsigned>(last.day()));
    }

    /// ISO 8601 `YYYY-MM-DD` (years outside 0..9999 get a sign or more digits).
    [[nodiscard]] std::string to_string() const;

    constexpr auto operator<=>(const Date&) const = default;

    constexpr Date& operator+=(int n) {
        days_ = static_cast<rep>(days_ + n);
        return *this;
    }
    constexpr Date& operator-=(int n) {
        days_ = static_cast<rep>(days_ - n);
        return *this;
    }
    /// The date `n` calendar days later (earlier if `n` < 0).
    friend constexpr Date operator+(Date d, int n) { return d += n; }
    friend constexpr Date operator+(int n, Date d) { return d += n; }
    friend constexpr Date operator-(Date d, int n) { return d -= n; }
    /// Signed number of calendar days from `b` to `a`.
    friend constexpr int operator-(Date a, Date b) { return a.days_ - b.days_; }

private:
    static constexpr std::int64_t kMinDays =
        std::chrono::sys_days{std::chrono::year{kMinYear} / 1 / 1}.time_since_epoch().count();
    static constexpr std::int64_t kMaxDays =
        std::chrono::sys_days{std::chrono::year{kMaxYear} / 12 / 31}.time_since_epoch().count();

    [[nodiscard]] constexpr std::chrono::year_month_day ymd() const {
        return std::chrono::year_month_day{to_sys_days()};
    }

    rep days_ = 0;
};

/// Writes `d.to_string()` (so test frameworks and logs print dates readably).
std::ostream& operator<<(std::ostream& os, Date d);

/// Finnish public holidays and working days, for dates from 2000-01-01 to 2050-12-31.
///
/// A working day is a Monday..Friday that is not one of these days:
/// New Year's Day (1 Jan), Epiphany (6 Jan), Good Friday, Easter Sunday, Easter Monday,
/// May Day (1 May), Ascension Day (Easter + 39), Whitsun (Easter + 49), Midsummer Eve (the
/// Friday in 19..25 June), Midsummer Day (the Saturday in 20..26 June), All Saints' Day (the
/// Saturday in 31 Oct..6 Nov), Independence Day (6 Dec), Christmas Eve (24 Dec), Christmas
/// Day (25 Dec) and St Stephen's Day (26 Dec).
///
/// Legally, Midsummer Eve and Christmas Eve are not public holidays in Finland, but almost
/// all workplaces and offices close on them, so this calendar lists them as holidays and
/// treats them as non-working days.
///
/// Every function throws `std::out_of_range` (naming the date) for a date outside the range.
/// Lookups are O(1) in tables computed at compile time: all functions are thread-safe.
class FinnishCalendar {
public:
    FinnishCalendar() = delete;

    static constexpr int kFirstYear = 2000;
    static constexpr int kLastYear = 2050;

    /// True if `d` is one of the holidays listed above (including the two Eves).
    [[nodiscard]] static bool is_public_holiday(Date d);
    /// English name of the holiday on `d` (e.g. "Midsummer Eve"), or nullopt on other days.
    /// The view refers to a string literal. In years when Ascension Day falls on 1 May
    /// (2008 in the range) the name is "May Day and Ascension Day".
    [[nodiscard]] static std::optional<std::string_view> holiday_name(Date d);
    /// True if `d` is a Monday..Friday and not a holiday.
    [[nodiscard]] static bool is_working_day(Date d);

    /// The working day `w` for which `working_days_between(from, w) == n`.
    ///
    /// Convention: move forward to the first working day on or after `from` (counted as
    /// working day 0), then step `n` working days. So `n` = 0 returns `from` if it is a working
    /// day and otherwise the next working day; for a working day `from`, `n` = 1 is the next
    /// working day (Thursday 2021-04-01 + 1 = Tuesday 2021-04-06, after Easter); from a
    /// Saturday, `n` = 0 gives Monday and `n` = 1 Tuesday. Negative `n` steps backwards (from
    /// a working day or a Saturday, -1 is the previous working day). O(1).
    /// Throws `std::out_of_range` if `from` or the result lies outside the calendar's range.
    [[nodiscard]] static Date add_working_days(Date from, int n);

    /// Number of working days in the half-open range [a, b); negative if b < a (then minus
    /// the count in [b, a)). `a` and `b` may also be 2051-01-01, the end of the range. O(1).
    [[nodiscard]] static int working_days_between(Date a, Date b);

    /// Gregorian Easter Sunday of `year` (anonymous Meeus/Jones/Butcher algorithm).
    /// Valid for any year from 1583 to `Date::kMaxYear` (throws `std::out_of_range` otherwise),
    /// not just the calendar's range.
    [[nodiscard]] static Date easter_sunday(int year);
};

} // namespace kokeilu::sim
