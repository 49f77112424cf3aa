// Numbers and text as the workshop report writes them (shared by its parts).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace kokeilu::analysis::report_detail {

/// Okabe & Ito's colour-blind-safe palette, ordered for lines on white (yellow last: faint).
inline constexpr std::array<const char*, 8> kColours = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                                        "#E69F00", "#56B4E9", "#000000", "#F0E442"};
/// Dash patterns, so that lines stay apart in black-and-white print.
inline constexpr std::array<const char*, 8> kDashes = {"",    "8 4",          "2 3", "10 3 2 3",
                                                       "4 4", "12 3 2 3 2 3", "1 5", "14 6"};

[[nodiscard]] inline const char* colour(std::size_t scenario) {
    return kColours[scenario % kColours.size()];
}
[[nodiscard]] inline const char* dash(std::size_t scenario) {
    return kDashes[scenario % kDashes.size()];
}

/// Fixed-point text in the classic locale, never "-0.0".
[[nodiscard]] std::string fixed(double x, int decimals);
/// Scientific text in the classic locale.
[[nodiscard]] std::string scientific(double x, int decimals);
/// A value for people: about three significant digits, scientific only for extreme sizes; "–"
/// for NaN.
[[nodiscard]] std::string format_value(double x);
/// format_value with a "+" before a positive number.
[[nodiscard]] std::string format_signed(double x);
/// As fmt's "{:.Nf}" (or "{:+.Nf}" with `sign`) prints it, "nan" for NaN: the figures of
/// `kokeilu compare`, so that the report can show the same text.
[[nodiscard]] std::string as_printed(double x, int decimals, bool sign = false);
/// A non-negative magnitude with `decimals` decimals and thousands separated by commas
/// ("2,400", "4.33").
[[nodiscard]] std::string grouped(double x, int decimals);
/// A coordinate in the SVG: one decimal is plenty at screen resolution.
[[nodiscard]] inline std::string coord(double x) {
    return fixed(x, 1);
}

} // namespace kokeilu::analysis::report_detail
