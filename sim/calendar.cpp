// Calendar days and the Finnish working-day calendar: parsing, formatting, holiday tables.
#include "sim/calendar.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kokeilu::sim {

namespace {

constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

/// Appends `value` zero-padded to `width` digits (with a leading '-' if negative).
void append_padded(std::string& out, int value, int width) {
    if (value < 0) {
        out += '-';
    }
    const std::string digits = std::to_string(value < 0 ? -static_cast<long>(value) : value);
    for (auto i = static_cast<int>(digits.size()); i < width; ++i) {
        out += '0';
    }
    out += digits;
}

std::string format_ymd(int year, int month, int day) {
    std::string out;
    out.reserve(11);
    append_padded(out, year, 4);
    out += '-';
    append_padded(out, month, 2);
    out += '-';
    append_padded(out, day, 2);
    return out;
}

} // namespace

namespace detail {

void throw_invalid_date(int year, int month, int day) {
    std::string msg = "invalid date " + format_ymd(year, month, day) + ": ";
    if (year < Date::kMinYear || year > Date::kMaxYear) {
        msg += "year " + std::to_string(year) + " is outside " + std::to_string(Date::kMinYear) +
               ".." + std::to_string(Date::kMaxYear);
    } else if (month < 1 || month > 12) {
        msg += "month " + std::to_string(month) + " is not in 1..12";
    } else {
        const int last = Date(year, month, 1).days_in_month();
        msg += "day " + std::to_string(day) + " is not in 1.." + std::to_string(last) + " (" +
               std::string(kMonthNames[static_cast<std::size_t>(month - 1)]) + " " +
               std::to_string(year) + " has " + std::to_string(last) + " days)";
    }
    throw std::invalid_argument(msg);
}

void throw_date_out_of_range(std::int64_t days_since_epoch) {
    throw std::out_of_range("day count " + std::to_string(days_since_epoch) +
                            " since 1970-01-01 is outside the years " +
                            std::to_string(Date::kMinYear) + ".." + std::to_string(Date::kMaxYear) +
                            " that Date supports");
}

} // namespace detail

// ---------------------------------------------------------------------------------------------
// Date

Date Date::parse(std::string_view text) {
    const auto error = [text](std::string_view why) {
        return std::invalid_argument("Date::parse: \"" + std::string(text) + "\" " +
                                     std::string(why));
    };
    // Checked by hand rather than with from_chars so that signs, spaces and short fields
    // ("2021-6-5") are all rejected: the format is exactly ten characters.
    constexpr std::string_view kShape = "dddd-dd-dd";
    bool shape_ok = text.size() == kShape.size();
    for (std::size_t i = 0; shape_ok && i < kShape.size(); ++i) {
        const char c = text[i];
        shape_ok = kShape[i] == 'd' ? (c >= '0' && c <= '9') : c == kShape[i];
    }
    if (!shape_ok) {
        throw error("is not of the form YYYY-MM-DD");
    }
    const auto number = [text](std::size_t pos, std::size_t len) {
        int v = 0;
        for (std::size_t i = pos; i < pos + len; ++i) {
            v = v * 10 + (text[i] - '0');
        }
        return v;
    };
    const int y = number(0, 4);
    const int m = number(5, 2);
    const int d = number(8, 2);
    try {
        return Date(y, m, d);
    } catch (const std::invalid_argument& e) {
        // Keep the constructor's explanation (which field is wrong) and add the input text.
        throw error(std::string("is not a valid calendar date (") + e.what() + ")");
    }
}

std::string Date::to_string() const {
    const auto ymd_now = ymd();
    return format_ymd(static_cast<int>(ymd_now.year()),
                      static_cast<int>(static_cast<unsigned>(ymd_now.month())),
                      static_cast<int>(static_cast<unsigned>(ymd_now.day())));
}

std::ostream& operator<<(std::ostream& os, Date d) {
    return os << d.to_string();
}

// ---------------------------------------------------------------------------------------------
// FinnishCalendar

namespace {

enum class Holiday : std::uint8_t {
    None,
    NewYearsDay,
    Epiphany,
    GoodFriday,
    EasterSunday,
    EasterMonday,
    MayDay,
    AscensionDay,
    MayDayAndAscensionDay,
    Whitsun,
    MidsummerEve,
    MidsummerDay,
    AllSaintsDay,
    IndependenceDay,
    ChristmasEve,
    ChristmasDay,
    StStephensDay,
};

// Indexed by Holiday.
constexpr std::array<std::string_view, 17> kHolidayNames = {
    "",
    "New Year's Day",
    "Epiphany",
    "Good Friday",
    "Easter Sunday",
    "Easter Monday",
    "May Day",
    "Ascension Day",
    "May Day and Ascension Day",
    "Whitsun",
    "Midsummer Eve",
    "Midsummer Day",
    "All Saints' Day",
    "Independence Day",
    "Christmas Eve",
    "Christmas Day",
    "St Stephen's Day",
};

constexpr Date kFirstDate{FinnishCalendar::kFirstYear, 1, 1};
constexpr Date kEndDate{FinnishCalendar::kLastYear + 1, 1, 1}; // exclusive
constexpr int kDayCount = kEndDate - kFirstDate;

constexpr Date easter_sunday_of(int year) {
    // Anonymous Gregorian algorithm (Meeus, "Astronomical Algorithms", ch. 8).
    const int a = year % 19;
    const int b = year / 100;
    const int c = year % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return Date{year, month, day};
}

/// The first date on or after `d` that falls on ISO weekday `iso_weekday`.
constexpr Date next_weekday_on_or_after(Date d, int iso_weekday) {
    return d + (iso_weekday - d.weekday() + 7) % 7;
}

// The working-day tables for the whole range. They are built at compile time, so they live
// in read-only data: no initialisation order, locking or first-call cost.
struct Tables {
    // Holiday on each day of the range (index = days since kFirstDate).
    std::array<Holiday, kDayCount> holiday{};
    // Bit i set if day i is a working day; 2.3 kB, so the hot lookup stays in L1 cache.
    std::array<std::uint64_t, (kDayCount + 63) / 64> working_bits{};
    // Number of working days in [kFirstDate, kFirstDate + i), for i in 0..kDayCount.
    std::array<std::uint16_t, kDayCount + 1> working_before{};
    // Index of the k-th working day (0-based); entries from working_count on are unused.
    std::array<std::uint16_t, kDayCount> working_index{};
    int working_count = 0;
};

constexpr Tables build_tables() {
    Tables t;
    const auto mark = [&t](Date d, Holiday h) {
        auto& slot = t.holiday[static_cast<std::size_t>(d - kFirstDate)];
        // Ascension Day (Easter + 39) is the only movable holiday that can land on a fixed
        // one: on 1 May when Easter is on 23 March (2008).
        slot = (slot == Holiday::MayDay && h == Holiday::AscensionDay)
                   ? Holiday::MayDayAndAscensionDay
                   : h;
    };
    for (int y = FinnishCalendar::kFirstYear; y <= FinnishCalendar::kLastYear; ++y) {
        mark(Date{y, 1, 1}, Holiday::NewYearsDay);
        mark(Date{y, 1, 6}, Holiday::Epiphany);
        mark(Date{y, 5, 1}, Holiday::MayDay);
        const Date easter = easter_sunday_of(y);
        mark(easter - 2, Holiday::GoodFriday);
        mark(easter, Holiday::EasterSunday);
        mark(easter + 1, Holiday::EasterMonday);
        mark(easter + 39, Holiday::AscensionDay);
        mark(easter + 49, Holiday::Whitsun);
        const Date midsummer_eve = next_weekday_on_or_after(Date{y, 6, 19}, 5);
        mark(midsummer_eve, Holiday::MidsummerEve);
        mark(midsummer_eve + 1, Holiday::MidsummerDay);
        mark(next_weekday_on_or_after(Date{y, 10, 31}, 6), Holiday::AllSaintsDay);
        mark(Date{y, 12, 6}, Holiday::IndependenceDay);
        mark(Date{y, 12, 24}, Holiday::ChristmasEve);
        mark(Date{y, 12, 25}, Holiday::ChristmasDay);
        mark(Date{y, 12, 26}, Holiday::StStephensDay);
    }
    for (int i = 0; i < kDayCount; ++i) {
        const auto ui = static_cast<std::size_t>(i);
        const bool working = (kFirstDate + i).weekday() <= 5 && t.holiday[ui] == Holiday::None;
        t.working_before[ui + 1] =
            static_cast<std::uint16_t>(t.working_before[ui] + (working ? 1 : 0));
        if (working) {
            t.working_bits[ui / 64] |= std::uint64_t{1} << (ui % 64);
            t.working_index[static_cast<std::size_t>(t.working_count++)] =
                static_cast<std::uint16_t>(i);
        }
    }
    return t;
}

constexpr Tables kTables = build_tables();

static_assert(kDayCount < 65536, "table entries are 16-bit");
static_assert(easter_sunday_of(2008) == Date(2008, 3, 23));

[[noreturn]] void throw_outside_range(std::string_view function, Date d) {
    throw std::out_of_range("FinnishCalendar::" + std::string(function) + ": " + d.to_string() +
                            " is outside the calendar's range " + kFirstDate.to_string() + ".." +
                            (kEndDate - 1).to_string());
}

/// Index of `d` in the tables; throws unless d is in [kFirstDate, kFirstDate + limit).
inline std::size_t index_of(std::string_view function, Date d, int limit = kDayCount) {
    const int i = d - kFirstDate;
    if (i < 0 || i >= limit) [[unlikely]] {
        throw_outside_range(function, d);
    }
    return static_cast<std::size_t>(i);
}

} // namespace

bool FinnishCalendar::is_public_holiday(Date d) {
    return kTables.holiday[index_of("is_public_holiday", d)] != Holiday::None;
}

std::optional<std::string_view> FinnishCalendar::holiday_name(Date d) {
    const Holiday h = kTables.holiday[index_of("holiday_name", d)];
    if (h == Holiday::None) {
        return std::nullopt;
    }
    return kHolidayNames[static_cast<std::size_t>(h)];
}

bool FinnishCalendar::is_working_day(Date d) {
    const std::size_t i = index_of("is_working_day", d);
    return ((kTables.working_bits[i / 64] >> (i % 64)) & 1U) != 0;
}

Date FinnishCalendar::add_working_days(Date from, int n) {
    const std::size_t i = index_of("add_working_days", from);
    // The rank of the first working day on or after `from` is the number of working days
    // before it; the answer is the working day whose rank is n higher.
    const std::int64_t rank = std::int64_t{kTables.working_before[i]} + n;
    if (rank < 0 || rank >= kTables.working_count) [[unlikely]] {
        throw std::out_of_range("FinnishCalendar::add_working_days(" + from.to_string() + ", " +
                                std::to_string(n) + "): the result falls outside the range " +
                                kFirstDate.to_string() + ".." + (kEndDate - 1).to_string());
    }
    return kFirstDate + kTables.working_index[static_cast<std::size_t>(rank)];
}

int FinnishCalendar::working_days_between(Date a, Date b) {
    // kDayCount + 1 admits kEndDate as the exclusive end of a range.
    const std::size_t i = index_of("working_days_between", a, kDayCount + 1);
    const std::size_t j = index_of("working_days_between", b, kDayCount + 1);
    return int{kTables.working_before[j]} - int{kTables.working_before[i]};
}

Date FinnishCalendar::easter_sunday(int year) {
    if (year < 1583 || year > Date::kMaxYear) {
        throw std::out_of_range("FinnishCalendar::easter_sunday: year " + std::to_string(year) +
                                " is outside 1583.." + std::to_string(Date::kMaxYear) +
                                " (Gregorian calendar only)");
    }
    return easter_sunday_of(year);
}

} // namespace kokeilu::sim
