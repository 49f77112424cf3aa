// Unit tests for sim::Date and sim::FinnishCalendar.
#include "sim/calendar.hpp"
#include "sim/clock.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace {

using Catch::Matchers::Contains;
using kokeilu::sim::Date;
using kokeilu::sim::FinnishCalendar;

constexpr Date kFirst{2000, 1, 1};
constexpr Date kEnd{2051, 1, 1}; // exclusive end of the calendar's range

/// Reference: step one calendar day at a time (shares only is_working_day with the code
/// under test, not its prefix tables).
Date slow_add_working_days(Date from, int n) {
    Date d = from;
    while (!FinnishCalendar::is_working_day(d)) {
        d += 1;
    }
    for (int k = 0; k < n; ++k) {
        d += 1;
        while (!FinnishCalendar::is_working_day(d)) {
            d += 1;
        }
    }
    return d;
}

int slow_working_days_between(Date a, Date b) {
    int count = 0;
    for (Date d = a; d < b; d += 1) {
        count += FinnishCalendar::is_working_day(d) ? 1 : 0;
    }
    return count;
}

/// Reference Easter by Gauss's algorithm (with its two exceptions), written independently
/// of the Meeus/Jones/Butcher version in calendar.cpp.
std::chrono::year_month_day gauss_easter(int y) {
    using namespace std::chrono;
    const int a = y % 19;
    const int b = y % 4;
    const int c = y % 7;
    const int k = y / 100;
    const int p = (13 + 8 * k) / 25;
    const int q = k / 4;
    const int m = (15 - p + k - q) % 30;
    const int n = (4 + k - q) % 7;
    const int d = (19 * a + m) % 30;
    const int e = (2 * b + 4 * c + 6 * d + n) % 7;
    if (d == 29 && e == 6) {
        return year{y} / April / 19;
    }
    if (d == 28 && e == 6 && (11 * m + 11) % 30 < 19) {
        return year{y} / April / 18;
    }
    const int march_day = 22 + d + e;
    return march_day <= 31 ? year{y} / March / day{static_cast<unsigned>(march_day)}
                           : year{y} / April / day{static_cast<unsigned>(march_day - 31)};
}

/// Reference holiday dates of one year, straight from the rules, via std::chrono only.
std::set<std::chrono::sys_days> reference_holidays(int y) {
    using namespace std::chrono;
    const year yr{y};
    std::set<sys_days> out = {yr / January / 1,  yr / January / 6,   yr / May / 1,
                              yr / December / 6, yr / December / 24, yr / December / 25,
                              yr / December / 26};
    const sys_days easter{gauss_easter(y)};
    for (const int offset : {-2, 0, 1, 39, 49}) {
        out.insert(easter + days{offset});
    }
    for (sys_days d = yr / June / 19; d <= sys_days{yr / June / 25}; d += days{1}) {
        if (weekday{d} == Friday) {
            out.insert(d);           // Midsummer Eve
            out.insert(d + days{1}); // Midsummer Day
        }
    }
    for (sys_days d = yr / October / 31; d <= sys_days{yr / November / 6}; d += days{1}) {
        if (weekday{d} == Saturday) {
            out.insert(d); // All Saints' Day
        }
    }
    return out;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Date

TEST_CASE("a date exposes its year, month, day and ISO weekday", "[unit][sim][calendar]") {
    STATIC_REQUIRE(Date{}.days_since_epoch() == 0);
    STATIC_REQUIRE(Date(1970, 1, 1).days_since_epoch() == 0);
    STATIC_REQUIRE(Date(2021, 3, 1).weekday() == 1);

    const Date d(2021, 3, 1);
    CHECK(d.year() == 2021);
    CHECK(d.month() == 3);
    CHECK(d.day() == 1);
    CHECK(d.weekday() == 1); // Monday

    CHECK(Date(1970, 1, 1).weekday() == 4);   // Thursday
    CHECK(Date(1969, 12, 28).weekday() == 7); // Sunday, before the epoch
    CHECK(Date(2000, 1, 1).weekday() == 6);   // Saturday
    CHECK(Date(2024, 2, 29).weekday() == 4);  // Thursday
    CHECK(Date(2021, 3, 7).weekday() == 7);   // Sunday

    CHECK(Date(2000, 1, 1).days_since_epoch() == 10957);
    CHECK(Date(1969, 12, 31).days_since_epoch() == -1);
}

TEST_CASE("weekday agrees with std::chrono on every day of two centuries",
          "[unit][sim][calendar]") {
    int mismatches = 0;
    for (Date d(1950, 1, 1); d < Date(2150, 1, 1); d += 1) {
        const auto iso = std::chrono::weekday{d.to_sys_days()}.iso_encoding();
        if (static_cast<unsigned>(d.weekday()) != iso) {
            ++mismatches;
            FAIL_CHECK("weekday mismatch on " << d);
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("constructing an impossible date throws invalid_argument naming it",
          "[unit][sim][calendar]") {
    CHECK_THROWS_AS(Date(2021, 2, 30), std::invalid_argument);
    CHECK_THROWS_WITH(Date(2021, 2, 30), Contains("2021-02-30") && Contains("28 days"));
    CHECK_THROWS_WITH(Date(2021, 13, 1), Contains("2021-13-01") && Contains("month 13"));
    CHECK_THROWS_AS(Date(2021, 0, 10), std::invalid_argument);
    CHECK_THROWS_AS(Date(2021, 4, 31), std::invalid_argument);
    CHECK_THROWS_AS(Date(2021, 4, 0), std::invalid_argument);
    CHECK_THROWS_AS(Date(2021, 1, -1), std::invalid_argument);
    CHECK_THROWS_AS(Date(2021, 1, 300), std::invalid_argument);
    CHECK_THROWS_AS(Date(1900, 2, 29), std::invalid_argument); // century, not leap
    CHECK_THROWS_AS(Date(2100, 2, 29), std::invalid_argument);
    CHECK_THROWS_AS(Date(40000, 1, 1), std::invalid_argument);
    CHECK_NOTHROW(Date(2000, 2, 29)); // divisible by 400, leap
    CHECK_NOTHROW(Date(2024, 2, 29));
    CHECK_NOTHROW(Date(2021, 12, 31));
}

TEST_CASE("date arithmetic moves by whole calendar days", "[unit][sim][calendar]") {
    const Date d(2021, 2, 27);
    CHECK(d + 1 == Date(2021, 2, 28));
    CHECK(d + 2 == Date(2021, 3, 1));
    CHECK(2 + d == Date(2021, 3, 1));
    CHECK(Date(2024, 2, 28) + 1 == Date(2024, 2, 29));
    CHECK(Date(2021, 12, 31) + 1 == Date(2022, 1, 1));
    CHECK(Date(2022, 1, 1) - 1 == Date(2021, 12, 31));
    CHECK(d + (-30) == Date(2021, 1, 28));
    CHECK(Date(2022, 1, 1) - Date(2021, 1, 1) == 365);
    CHECK(Date(2024, 1, 1) - Date(2025, 1, 1) == -366);

    Date e = d;
    e += 10;
    CHECK(e == Date(2021, 3, 9));
    e -= 10;
    CHECK(e == d);

    CHECK(Date(2021, 1, 1) < Date(2021, 1, 2));
    CHECK(Date(1969, 12, 31) < Date(1970, 1, 1));
    CHECK(Date(2021, 1, 1) != Date(2021, 1, 2));
    CHECK((Date(2021, 5, 5) <=> Date(2021, 5, 5)) == std::strong_ordering::equal);
}

TEST_CASE("first_of_month and days_in_month describe the date's month", "[unit][sim][calendar]") {
    CHECK(Date(2021, 3, 17).first_of_month() == Date(2021, 3, 1));
    CHECK(Date(2021, 3, 1).first_of_month() == Date(2021, 3, 1));
    CHECK(Date(1969, 12, 31).first_of_month() == Date(1969, 12, 1));
    CHECK(Date(2021, 2, 10).days_in_month() == 28);
    CHECK(Date(2024, 2, 10).days_in_month() == 29);
    CHECK(Date(2000, 2, 1).days_in_month() == 29);
    CHECK(Date(2100, 2, 1).days_in_month() == 28);
    CHECK(Date(2021, 4, 30).days_in_month() == 30);
    CHECK(Date(2021, 12, 1).days_in_month() == 31);
}

TEST_CASE("to_string writes ISO YYYY-MM-DD and parse reads it back", "[unit][sim][calendar]") {
    CHECK(Date(2021, 6, 5).to_string() == "2021-06-05");
    CHECK(Date(5, 3, 4).to_string() == "0005-03-04");
    CHECK(Date(-1, 1, 1).to_string() == "-0001-01-01");
    CHECK(Date(12345, 10, 10).to_string() == "12345-10-10");
    CHECK(Date::parse("2021-06-05") == Date(2021, 6, 5));
    CHECK(Date::parse("0000-01-01") == Date(0, 1, 1));
    CHECK(Date::parse("9999-12-31") == Date(9999, 12, 31));

    int mismatches = 0;
    for (Date d(1890, 1, 1); d < Date(2110, 1, 1); d += 1) {
        if (Date::parse(d.to_string()) != d) {
            ++mismatches;
            FAIL_CHECK("round trip failed for " << d);
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("parse rejects anything but a real date written as YYYY-MM-DD", "[unit][sim][calendar]") {
    const std::string text = GENERATE(
        as<std::string>{}, "", "2021-6-05", "2021-06-5", "21-06-05", " 2021-06-05", "2021-06-05 ",
        "+2021-06-05", "2021/06/05", "2021-06-05T00:00", "abcd-ef-gh", "2021-0a-05", "-021-06-05",
        "2021-02-30", "2021-13-01", "2021-00-01", "2021-01-00", "2021-04-31");
    CAPTURE(text);
    CHECK_THROWS_AS(Date::parse(text), std::invalid_argument);
    CHECK_THROWS_WITH(Date::parse(text), Contains("\"" + text + "\""));
}

TEST_CASE("from_days_since_epoch and from_sys_days reject days outside the year range",
          "[unit][sim][calendar]") {
    CHECK(Date::from_days_since_epoch(0) == Date(1970, 1, 1));
    CHECK(Date::from_days_since_epoch(-1) == Date(1969, 12, 31));
    CHECK(Date::from_sys_days(Date(2021, 3, 1).to_sys_days()) == Date(2021, 3, 1));
    CHECK(Date::from_days_since_epoch(Date(32767, 12, 31).days_since_epoch()) ==
          Date(32767, 12, 31));
    CHECK(Date::from_days_since_epoch(Date(-32767, 1, 1).days_since_epoch()) == Date(-32767, 1, 1));
    CHECK_THROWS_AS(Date::from_days_since_epoch(Date(32767, 12, 31).days_since_epoch() + 1),
                    std::out_of_range);
    CHECK_THROWS_AS(Date::from_days_since_epoch(Date(-32767, 1, 1).days_since_epoch() - 1),
                    std::out_of_range);
    CHECK_THROWS_AS(Date::from_days_since_epoch(std::int64_t{1} << 40), std::out_of_range);
}

// ---------------------------------------------------------------------------------------------
// FinnishCalendar: holidays

TEST_CASE("Easter Sunday falls on its known dates", "[unit][sim][calendar]") {
    CHECK(FinnishCalendar::easter_sunday(2000) == Date(2000, 4, 23));
    CHECK(FinnishCalendar::easter_sunday(2008) == Date(2008, 3, 23));
    CHECK(FinnishCalendar::easter_sunday(2019) == Date(2019, 4, 21));
    CHECK(FinnishCalendar::easter_sunday(2021) == Date(2021, 4, 4));
    CHECK(FinnishCalendar::easter_sunday(2024) == Date(2024, 3, 31));
    CHECK(FinnishCalendar::easter_sunday(2038) == Date(2038, 4, 25));
    CHECK(FinnishCalendar::easter_sunday(2050) == Date(2050, 4, 10));
    CHECK(FinnishCalendar::easter_sunday(1818) == Date(1818, 3, 22)); // earliest possible
    CHECK(FinnishCalendar::easter_sunday(1943) == Date(1943, 4, 25)); // latest possible

    for (const int y : {2000, 2019, 2024, 2038, 2050}) {
        CAPTURE(y);
        CHECK(FinnishCalendar::holiday_name(FinnishCalendar::easter_sunday(y)) == "Easter Sunday");
    }
    CHECK_THROWS_AS(FinnishCalendar::easter_sunday(1582), std::out_of_range);
}

TEST_CASE("Easter agrees with Gauss's algorithm for every Gregorian year to 9999",
          "[unit][sim][calendar]") {
    int mismatches = 0;
    for (int y = 1583; y <= 9999; ++y) {
        const Date expected = Date::from_sys_days(std::chrono::sys_days{gauss_easter(y)});
        const Date actual = FinnishCalendar::easter_sunday(y);
        if (actual != expected) {
            ++mismatches;
            FAIL_CHECK(y << ": got " << actual << ", Gauss gives " << expected);
        }
        if (actual.weekday() != 7) {
            ++mismatches;
            FAIL_CHECK(y << ": Easter " << actual << " is not a Sunday");
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("Finnish holidays fall on their known dates with English names",
          "[unit][sim][calendar]") {
    using Row = std::tuple<Date, std::string_view>;
    const auto [date, name] = GENERATE(table<Date, std::string_view>({
        Row{Date(2021, 1, 1), "New Year's Day"},
        Row{Date(2021, 1, 6), "Epiphany"},
        Row{Date(2021, 4, 2), "Good Friday"},
        Row{Date(2021, 4, 4), "Easter Sunday"},
        Row{Date(2022, 4, 18), "Easter Monday"},
        Row{Date(2021, 5, 1), "May Day"},
        Row{Date(2023, 5, 18), "Ascension Day"},
        Row{Date(2021, 5, 13), "Ascension Day"},
        Row{Date(2008, 5, 1), "May Day and Ascension Day"},
        Row{Date(2021, 5, 23), "Whitsun"},
        Row{Date(2021, 6, 25), "Midsummer Eve"}, // latest possible (25 June)
        Row{Date(2021, 6, 26), "Midsummer Day"},
        Row{Date(2020, 6, 19), "Midsummer Eve"}, // earliest possible (19 June)
        Row{Date(2020, 6, 20), "Midsummer Day"},
        Row{Date(2022, 11, 5), "All Saints' Day"},
        Row{Date(2020, 10, 31), "All Saints' Day"}, // earliest possible
        Row{Date(2021, 11, 6), "All Saints' Day"},  // latest possible
        Row{Date(2021, 12, 6), "Independence Day"},
        Row{Date(2017, 12, 6), "Independence Day"},
        Row{Date(2021, 12, 24), "Christmas Eve"},
        Row{Date(2021, 12, 25), "Christmas Day"},
        Row{Date(2021, 12, 26), "St Stephen's Day"},
    }));
    CAPTURE(date, name);
    CHECK(FinnishCalendar::is_public_holiday(date));
    CHECK(FinnishCalendar::holiday_name(date) == name);
    CHECK_FALSE(FinnishCalendar::is_working_day(date));
}

TEST_CASE("ordinary days have no holiday name", "[unit][sim][calendar]") {
    for (const Date d :
         {Date(2021, 3, 1), Date(2021, 6, 24), Date(2021, 12, 23), Date(2021, 12, 27),
          Date(2021, 12, 31), Date(2021, 11, 1), Date(2021, 4, 6), Date(2008, 5, 2)}) {
        CAPTURE(d);
        CHECK_FALSE(FinnishCalendar::is_public_holiday(d));
        CHECK(FinnishCalendar::holiday_name(d) == std::nullopt);
        CHECK(FinnishCalendar::is_working_day(d));
    }
    CHECK_FALSE(FinnishCalendar::is_working_day(Date(2021, 3, 6))); // Saturday
    CHECK_FALSE(FinnishCalendar::is_working_day(Date(2021, 3, 7))); // Sunday
    CHECK(FinnishCalendar::holiday_name(Date(2021, 3, 6)) == std::nullopt);
}

TEST_CASE("holidays and working days match the rules in every year of the range",
          "[unit][sim][calendar]") {
    int mismatches = 0;
    for (int y = FinnishCalendar::kFirstYear; y <= FinnishCalendar::kLastYear; ++y) {
        const auto holidays = reference_holidays(y);
        for (Date d(y, 1, 1); d < Date(y + 1, 1, 1); d += 1) {
            const bool holiday = holidays.count(d.to_sys_days()) != 0;
            const bool working = !holiday && d.weekday() <= 5;
            if (FinnishCalendar::is_public_holiday(d) != holiday ||
                FinnishCalendar::holiday_name(d).has_value() != holiday ||
                FinnishCalendar::is_working_day(d) != working) {
                ++mismatches;
                FAIL_CHECK("mismatch on " << d << ": reference holiday=" << holiday
                                          << " working=" << working);
            }
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("2021 has 253 working days, counted by brute force", "[unit][sim][calendar]") {
    using namespace std::chrono;
    // Written out by hand from a 2021 wall calendar, independently of calendar.cpp.
    const std::vector<year_month_day> holidays_2021 = {
        2021y / January / 1,   2021y / January / 6,   2021y / April / 2,     2021y / April / 4,
        2021y / April / 5,     2021y / May / 1,       2021y / May / 13,      2021y / May / 23,
        2021y / June / 25,     2021y / June / 26,     2021y / November / 6,  2021y / December / 6,
        2021y / December / 24, 2021y / December / 25, 2021y / December / 26,
    };
    int brute = 0;
    for (sys_days d = 2021y / January / 1; d < sys_days{2022y / January / 1}; d += days{1}) {
        const weekday wd{d};
        const bool holiday = std::find(holidays_2021.begin(), holidays_2021.end(),
                                       year_month_day{d}) != holidays_2021.end();
        if (wd != Saturday && wd != Sunday && !holiday) {
            ++brute;
        }
    }
    CHECK(brute == 253); // 261 weekdays minus 8 holidays that fall on weekdays

    int by_lookup = 0;
    for (Date d(2021, 1, 1); d < Date(2022, 1, 1); d += 1) {
        by_lookup += FinnishCalendar::is_working_day(d) ? 1 : 0;
    }
    CHECK(by_lookup == brute);
    CHECK(FinnishCalendar::working_days_between(Date(2021, 1, 1), Date(2022, 1, 1)) == brute);
    for (const auto& ymd : holidays_2021) {
        CHECK(FinnishCalendar::is_public_holiday(Date::from_sys_days(sys_days{ymd})));
    }
}

// ---------------------------------------------------------------------------------------------
// FinnishCalendar: working-day arithmetic

TEST_CASE("add_working_days skips weekends and holidays", "[unit][sim][calendar]") {
    SECTION("across a weekend") {
        CHECK(FinnishCalendar::add_working_days(Date(2021, 3, 5), 1) == Date(2021, 3, 8));
        CHECK(FinnishCalendar::add_working_days(Date(2021, 3, 4), 2) == Date(2021, 3, 8));
        CHECK(FinnishCalendar::add_working_days(Date(2021, 3, 1), 5) == Date(2021, 3, 8));
        CHECK(FinnishCalendar::add_working_days(Date(2021, 3, 1), 10) == Date(2021, 3, 15));
    }
    SECTION("across Easter") {
        // Thursday, then Good Friday, Saturday, Easter Sunday, Easter Monday.
        CHECK(FinnishCalendar::add_working_days(Date(2021, 4, 1), 1) == Date(2021, 4, 6));
        CHECK(FinnishCalendar::add_working_days(Date(2021, 4, 6), -1) == Date(2021, 4, 1));
    }
    SECTION("across Midsummer") {
        CHECK(FinnishCalendar::add_working_days(Date(2021, 6, 24), 1) == Date(2021, 6, 28));
    }
    SECTION("across Christmas and New Year") {
        CHECK(FinnishCalendar::add_working_days(Date(2021, 12, 23), 1) == Date(2021, 12, 27));
        CHECK(FinnishCalendar::add_working_days(Date(2021, 12, 31), 1) == Date(2022, 1, 3));
        // 23.12 (0), 27..31.12 (1..5), 3..5.1 (6..8), 6.1 is Epiphany, 7.1 (9).
        CHECK(FinnishCalendar::add_working_days(Date(2021, 12, 23), 9) == Date(2022, 1, 7));
        CHECK(FinnishCalendar::add_working_days(Date(2020, 12, 23), 1) == Date(2020, 12, 28));
    }
    SECTION("n = 0 keeps a working day and rolls a non-working day forward") {
        CHECK(FinnishCalendar::add_working_days(Date(2021, 3, 3), 0) == Date(2021, 3, 3));
        CHECK(FinnishCalendar::add_working_days(Date(2021, 3, 6), 0) == Date(2021, 3, 8));
        CHECK(FinnishCalendar::add_working_days(Date(2021, 4, 2), 0) == Date(2021, 4, 6));
    }
    SECTION("from a non-working day, the first working day on or after it counts as 0") {
        CHECK(FinnishCalendar::add_working_days(Date(2021, 3, 6), 1) == Date(2021, 3, 9));
        CHECK(FinnishCalendar::add_working_days(Date(2021, 3, 6), -1) == Date(2021, 3, 5));
    }
    SECTION("negative n steps back over weekends and holidays") {
        CHECK(FinnishCalendar::add_working_days(Date(2021, 3, 8), -1) == Date(2021, 3, 5));
        CHECK(FinnishCalendar::add_working_days(Date(2022, 1, 3), -1) == Date(2021, 12, 31));
        CHECK(FinnishCalendar::add_working_days(Date(2021, 12, 27), -1) == Date(2021, 12, 23));
    }
}

TEST_CASE("working_days_between counts working days in a half-open range",
          "[unit][sim][calendar]") {
    CHECK(FinnishCalendar::working_days_between(Date(2021, 3, 1), Date(2021, 3, 1)) == 0);
    CHECK(FinnishCalendar::working_days_between(Date(2021, 3, 1), Date(2021, 3, 2)) == 1);
    CHECK(FinnishCalendar::working_days_between(Date(2021, 3, 1), Date(2021, 3, 8)) == 5);
    CHECK(FinnishCalendar::working_days_between(Date(2021, 3, 6), Date(2021, 3, 8)) == 0);
    CHECK(FinnishCalendar::working_days_between(Date(2021, 4, 1), Date(2021, 4, 7)) == 2);
    CHECK(FinnishCalendar::working_days_between(Date(2021, 3, 8), Date(2021, 3, 1)) == -5);
    CHECK(FinnishCalendar::working_days_between(kFirst, kEnd) ==
          slow_working_days_between(kFirst, kEnd));
    CHECK(FinnishCalendar::working_days_between(Date(2050, 1, 1), kEnd) ==
          slow_working_days_between(Date(2050, 1, 1), kEnd));
}

TEST_CASE("add_working_days and working_days_between are inverse for every start date",
          "[unit][sim][calendar][property]") {
    int failures = 0;
    int checked = 0;
    for (Date a = kFirst; a < kEnd; a += 1) {
        const int ahead = FinnishCalendar::working_days_between(a, kEnd);
        const int behind = FinnishCalendar::working_days_between(kFirst, a);
        for (const int n : {0, 1, 2, 3, 4, 5, 6, 7, 10, 19, 20, 21, 60, 250, 1000, 5000}) {
            for (const int signed_n : {n, -n}) {
                if (signed_n >= ahead || -signed_n > behind) {
                    continue; // result outside the range; checked in the range test
                }
                const Date w = FinnishCalendar::add_working_days(a, signed_n);
                ++checked;
                if (!FinnishCalendar::is_working_day(w) ||
                    FinnishCalendar::working_days_between(a, w) != signed_n ||
                    (signed_n >= 0 && w < a)) {
                    ++failures;
                    FAIL_CHECK("add_working_days(" << a << ", " << signed_n << ") = " << w);
                }
            }
        }
    }
    CHECK(checked > 500000);
    CHECK(failures == 0);
}

TEST_CASE("add_working_days and working_days_between match day-by-day counting",
          "[unit][sim][calendar][property]") {
    const auto seed = Catch::rngSeed();
    CAPTURE(seed);
    const int offset = GENERATE(take(200, random(0, (kEnd - kFirst) - 800)));
    const int n = GENERATE(take(3, random(0, 500)));
    const Date a = kFirst + offset;
    CAPTURE(a, n);
    const Date w = FinnishCalendar::add_working_days(a, n);
    CHECK(w == slow_add_working_days(a, n));
    CHECK(FinnishCalendar::working_days_between(a, w) == n);
    CHECK(FinnishCalendar::working_days_between(a, a + n) == slow_working_days_between(a, a + n));
}

TEST_CASE("the Finnish calendar rejects dates outside 2000-2050", "[unit][sim][calendar]") {
    const Date before(1999, 12, 31);
    const Date after(2051, 1, 1);
    for (const Date d : {before, after, Date(1970, 1, 1), Date(2100, 6, 1)}) {
        CAPTURE(d);
        CHECK_THROWS_AS(FinnishCalendar::is_working_day(d), std::out_of_range);
        CHECK_THROWS_AS(FinnishCalendar::is_public_holiday(d), std::out_of_range);
        CHECK_THROWS_AS(FinnishCalendar::holiday_name(d), std::out_of_range);
        CHECK_THROWS_AS(FinnishCalendar::add_working_days(d, 0), std::out_of_range);
        CHECK_THROWS_WITH(FinnishCalendar::is_working_day(d), Contains(d.to_string()));
    }
    CHECK_NOTHROW(FinnishCalendar::is_working_day(kFirst));
    CHECK_NOTHROW(FinnishCalendar::is_working_day(Date(2050, 12, 31)));

    // kEnd is allowed as the exclusive end of a range, but nothing beyond it.
    CHECK_NOTHROW(FinnishCalendar::working_days_between(kFirst, kEnd));
    CHECK_THROWS_AS(FinnishCalendar::working_days_between(kFirst, kEnd + 1), std::out_of_range);
    CHECK_THROWS_AS(FinnishCalendar::working_days_between(before, kEnd), std::out_of_range);

    // Results that would leave the range.
    Date last_working(2050, 12, 31);
    while (!FinnishCalendar::is_working_day(last_working)) {
        last_working -= 1;
    }
    CHECK(FinnishCalendar::add_working_days(last_working, 0) == last_working);
    CHECK_THROWS_AS(FinnishCalendar::add_working_days(last_working, 1), std::out_of_range);
    CHECK_THROWS_WITH(FinnishCalendar::add_working_days(last_working, 1),
                      Contains(last_working.to_string()));
    CHECK_THROWS_AS(FinnishCalendar::add_working_days(last_working + 1, 0), std::out_of_range);
    CHECK(FinnishCalendar::add_working_days(kFirst, 0) == Date(2000, 1, 3));
    CHECK_THROWS_AS(FinnishCalendar::add_working_days(Date(2000, 1, 3), -1), std::out_of_range);
}

TEST_CASE("a run clock maps minutes to dates and counts working days", "[unit][sim][calendar]") {
    using kokeilu::sim::days;
    using kokeilu::sim::hours;
    using kokeilu::sim::RunClock;
    using kokeilu::sim::SimTime;
    const RunClock clock(Date(2021, 3, 1)); // a Monday, the pilots' first day
    CHECK(clock.date_of(SimTime{0}) == Date(2021, 3, 1));
    CHECK(clock.date_of(days(1) - SimTime{1}) == Date(2021, 3, 1));
    CHECK(clock.date_of(days(1)) == Date(2021, 3, 2));
    CHECK(clock.date_of(SimTime{-1}) == Date(2021, 2, 28));
    CHECK(clock.start_of(Date(2021, 3, 31)) == days(30));
    // Easter 2021: Thursday 1 April + 1 working day is Tuesday 6 April.
    const SimTime thursday_noon = clock.start_of(Date(2021, 4, 1)) + hours(12);
    CHECK(clock.date_of(clock.add_working_days(thursday_noon, 1)) == Date(2021, 4, 6));
    CHECK(clock.working_days_between(SimTime{0}, clock.start_of(Date(2021, 3, 8))) == 5);
}
