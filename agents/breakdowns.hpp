// The output's breakdowns besides the target group: every jobseeker by age band and by
// language. Each breakdown partitions the jobseekers on its own, independently of the law's
// target-group reason (so its `under_25` and `25_29` hold every jobseeker under 30, whatever
// their benefit). Written to result files apart from the target groups (output/SCHEMA.md,
// "Breakdowns"), so that no sum over one dimension counts a person twice.
//
// Adding a measure to the breakdowns: its Metric in kBreakdownMetrics (it must be a person
// measure: Store::book and the month-end count book every person measure to every breakdown
// row the measure is kept in).
#pragma once

#include "agents/metrics.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kokeilu::agents {

/// The breakdowns; each puts every jobseeker in exactly one of its groups.
enum class Breakdown : std::uint8_t { AgeBand, Language };
inline constexpr std::size_t kBreakdownCount = 2;
/// The breakdowns' names as written to result files (Breakdown order).
inline constexpr std::array<std::string_view, kBreakdownCount> kBreakdownNames{"age_band",
                                                                               "language"};

/// One group of a breakdown.
struct BreakdownGroup {
    Breakdown breakdown;
    std::string_view name;
};

/// Upper ends (exclusive, whole years of age) of the age bands but the last, which is open.
inline constexpr std::array<int, 5> kAgeBandEnds{25, 30, 50, 55, 65};

/// Every breakdown's groups, breakdown after breakdown: the index is the group's code.
inline constexpr std::array<BreakdownGroup, 9> kBreakdownGroups{{
    {Breakdown::AgeBand, "under_25"},
    {Breakdown::AgeBand, "25_29"},
    {Breakdown::AgeBand, "30_49"},
    {Breakdown::AgeBand, "50_54"},
    {Breakdown::AgeBand, "55_64"},
    {Breakdown::AgeBand, "65_plus"},
    {Breakdown::Language, "finnish"},
    {Breakdown::Language, "swedish"},
    {Breakdown::Language, "foreign"},
}};
inline constexpr std::size_t kBreakdownGroupCount = kBreakdownGroups.size();
inline constexpr std::size_t kFirstAgeBandGroup = 0;
inline constexpr std::size_t kFirstLanguageGroup = kFirstAgeBandGroup + kAgeBandEnds.size() + 1;
static_assert(kBreakdownGroups[kFirstLanguageGroup].breakdown == Breakdown::Language &&
              kBreakdownGroups[kFirstLanguageGroup - 1].breakdown == Breakdown::AgeBand);

/// The group code of an age in whole years (as the target-group rule counts it).
[[nodiscard]] constexpr std::size_t age_band_group(int age_years) {
    std::size_t band = 0;
    while (band < kAgeBandEnds.size() && age_years >= kAgeBandEnds[band]) {
        ++band;
    }
    return kFirstAgeBandGroup + band;
}

/// The value for an age of a list by age band (under 25, 25-29, 30-49, 50-54, 55-64): those
/// aged 65 and over take the last band's.
[[nodiscard]] constexpr double by_age_band(const std::array<double, 5>& values, int age_years) {
    const std::size_t band = age_band_group(age_years) - kFirstAgeBandGroup;
    return values[std::min(band, values.size() - 1)];
}

/// The group codes of the languages: Finnish (or unknown), Swedish, foreign.
inline constexpr std::size_t kFinnishGroup = kFirstLanguageGroup;
inline constexpr std::size_t kSwedishGroup = kFirstLanguageGroup + 1;
inline constexpr std::size_t kForeignGroup = kFirstLanguageGroup + 2;

/// The measures kept per breakdown group: the register's stocks by state (which add up to
/// `jobseekers`), long-term unemployment, and the flows in, out and into services and first
/// contacts. Every other measure is kept per target group only (issue 15: output size).
inline constexpr std::array<Metric, 13> kBreakdownMetrics{
    Metric::Jobseekers,
    Metric::Unemployed,
    Metric::Unemployed12mPlus,
    Metric::Unemployed12mContinuous,
    Metric::InServices,
    Metric::InTraining,
    Metric::EmployedSubsidised,
    Metric::EmployedOpenMarket,
    Metric::Inflow,
    Metric::ExitsEmployment,
    Metric::ExitsOther,
    Metric::ServiceStarts,
    Metric::FirstContacts,
};
inline constexpr std::size_t kBreakdownMetricCount = kBreakdownMetrics.size();

/// For each Metric, its position in kBreakdownMetrics, or kBreakdownMetricCount if the
/// breakdowns do not keep it.
inline constexpr std::array<std::uint8_t, kMetricCount> kBreakdownSlot = [] {
    std::array<std::uint8_t, kMetricCount> slot{};
    slot.fill(static_cast<std::uint8_t>(kBreakdownMetricCount));
    for (std::size_t k = 0; k < kBreakdownMetricCount; ++k) {
        slot[static_cast<std::size_t>(kBreakdownMetrics[k])] = static_cast<std::uint8_t>(k);
    }
    return slot;
}();

/// The position of `m` in kBreakdownMetrics, or kBreakdownMetricCount.
[[nodiscard]] constexpr std::size_t breakdown_slot(Metric m) {
    return kBreakdownSlot[static_cast<std::size_t>(m)];
}

} // namespace kokeilu::agents
