// The monthly measures of the model: one table with each measure's name, unit, meaning and
// properties (agents/metrics.cpp). output::standard_measures() and the result files' measure
// table are read from it.
//
// Adding a measure:
//  1. its enumerator in `Metric`, just before `ServiceBlock` (the per-service and cohort
//     metrics are computed from their positions, so they stay last);
//  2. its row at the end of kRows in agents/metrics.cpp: name, unit, level, scaling, booking,
//     aggregation and description (it then comes last in the schema order);
//  3. the line in the model that counts it: `s.flow(...)` in a component during the month, or
//     `sheet.at(...)` in agents/panel.cpp for month-end stocks and provider values;
//  4. the same row at the end of the "Measures" table of output/SCHEMA.md (a test compares).
// A measure per service kind is a `ServiceMeasure` and a row of kServiceRows instead.
#pragma once

#include "agents/service_kind.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace kokeilu::agents {

/// The measures kept per service kind.
enum class ServiceMeasure : std::uint8_t {
    Starts,   ///< starts during the month (per target group)
    Stock,    ///< persons in the service at the month end (per target group)
    Spend,    ///< service costs during the month (per target group)
    Queue,    ///< persons waiting for a seat or for money at the month end (provider)
    WaitMean, ///< mean days from referral to start over the month's starts (provider)
    Count
};
inline constexpr std::size_t kServiceMeasureCount = static_cast<std::size_t>(ServiceMeasure::Count);

/// The monthly measures the model fills; their names and properties are in metric_table().
enum class Metric : std::uint8_t {
    Jobseekers,
    Unemployed,
    InServices,
    InTraining,
    EmployedSubsidised,
    EmployedOpenMarket,
    Inflow,
    TransfersIn,
    TransfersOut,
    ExitsEmployment,
    TimeToFirstContactMean,
    InterviewsOverdue,
    CaseloadPerCounsellor,
    ServiceStarts,
    SpendState,
    SpendMunicipality,
    SpendUnemploymentFunds,
    ExitsOther,
    UnemployedUnder3m,
    Unemployed3to12m,
    Unemployed12mPlus,
    FirstContacts,
    InterviewsHeld,
    InterviewsLate,
    StaffUtilisation,
    ServiceQueue,
    Counsellors,
    TypReferrals,
    TimeToFirstContactP50,
    TimeToFirstContactP90,
    FirstContactsOnTimeShare,
    IntakeQueue,
    BudgetRefusals,
    BudgetQueue,
    ProfiledIntensive,
    BenefitDays,
    ExitsEducation,
    ExitsOutOfLabourForce,
    ExitsMoved,
    ExitsDeregistered,
    Reregistrations,
    UnemployedLaidOff,
    Recalls,
    SpendStaff,
    UnemploymentPeriodsStarted,
    Unemployed12mContinuous,
    SeasonalReturns,
    UnemployedInterviewsUpToDate,
    // Per service kind (ServiceMeasure x ServiceKind, see service_metric()).
    ServiceBlock,
    // Cohort outcomes: of the jobseekers who registered in a month, how many were in each state
    // at the end of the 3rd, 6th and 12th month after it (MonthPanel::cohorts).
    Cohort3mUnemployed =
        static_cast<std::uint8_t>(ServiceBlock) + kServiceMeasureCount * kServiceKindCount,
    Cohort3mInServices,
    Cohort3mInTraining,
    Cohort3mEmployedSubsidised,
    Cohort3mEmployedOpenMarket,
    Cohort3mLeftEmployment,
    Cohort3mLeftOther,
    Cohort6mUnemployed,
    Cohort6mInServices,
    Cohort6mInTraining,
    Cohort6mEmployedSubsidised,
    Cohort6mEmployedOpenMarket,
    Cohort6mLeftEmployment,
    Cohort6mLeftOther,
    Cohort12mUnemployed,
    Cohort12mInServices,
    Cohort12mInTraining,
    Cohort12mEmployedSubsidised,
    Cohort12mEmployedOpenMarket,
    Cohort12mLeftEmployment,
    Cohort12mLeftOther,
    Count
};
inline constexpr std::size_t kMetricCount = static_cast<std::size_t>(Metric::Count);

static_assert(static_cast<std::size_t>(Metric::Cohort3mUnemployed) ==
              static_cast<std::size_t>(Metric::ServiceBlock) +
                  kServiceMeasureCount * kServiceKindCount);
/// The metric of one measure of one service kind.
[[nodiscard]] constexpr Metric service_metric(ServiceMeasure m, ServiceKind k) {
    return static_cast<Metric>(static_cast<std::size_t>(Metric::ServiceBlock) +
                               static_cast<std::size_t>(m) * kServiceKindCount +
                               static_cast<std::size_t>(k));
}
[[nodiscard]] constexpr bool metric_is_service(Metric m) {
    const auto i = static_cast<std::size_t>(m);
    const auto first = static_cast<std::size_t>(Metric::ServiceBlock);
    return i >= first && i < first + kServiceMeasureCount * kServiceKindCount;
}
[[nodiscard]] constexpr ServiceMeasure service_measure_of(Metric m) {
    return static_cast<ServiceMeasure>(
        (static_cast<std::size_t>(m) - static_cast<std::size_t>(Metric::ServiceBlock)) /
        kServiceKindCount);
}
[[nodiscard]] constexpr ServiceKind service_kind_of(Metric m) {
    return static_cast<ServiceKind>(
        (static_cast<std::size_t>(m) - static_cast<std::size_t>(Metric::ServiceBlock)) %
        kServiceKindCount);
}
inline constexpr std::size_t kFirstCohortMetric =
    static_cast<std::size_t>(Metric::Cohort3mUnemployed);
inline constexpr std::size_t kCohortOutcomes = 7;
inline constexpr std::array<int, 3> kCohortHorizons{3, 6, 12};
inline constexpr std::size_t kCohortMetricCount = kMetricCount - kFirstCohortMetric;
static_assert(kCohortMetricCount == kCohortOutcomes * kCohortHorizons.size());

/// True for the cohort outcome metrics (written by registration month, see MonthPanel).
[[nodiscard]] constexpr bool metric_is_cohort(Metric m) {
    return static_cast<std::size_t>(m) >= kFirstCohortMetric;
}
/// Months after registration of a cohort metric (3, 6 or 12).
[[nodiscard]] constexpr int cohort_horizon(Metric m) {
    return kCohortHorizons[(static_cast<std::size_t>(m) - kFirstCohortMetric) / kCohortOutcomes];
}

/// Whose a measure is.
enum class MetricLevel : std::uint8_t {
    Person,   ///< of jobseekers: written per target group (not under `all`)
    Provider, ///< of a whole provider: written under target group `all` only
};

/// How values of a measure combine over providers, target groups and months (for reports).
enum class AggregationKind : std::uint8_t {
    Stock,    ///< a level at the month end: sums over providers and groups, not over months
    Flow,     ///< a count or amount during the month: sums over providers, groups and months
    Mean,     ///< a mean over the denominator's events: a mean weighted by the denominator
    Quantile, ///< a percentile over the denominator's events: no exact combination (a mean
              ///< weighted by the denominator is an approximation)
    Share,    ///< a fraction of the denominator: a mean weighted by the denominator
    Ratio,    ///< a quotient per unit of the denominator: a mean weighted by the denominator
    Cohort,   ///< persons of a registration month's cohort at a checkpoint: sums over
              ///< providers, groups and registration months
};

struct Aggregation {
    AggregationKind kind = AggregationKind::Stock;
    /// Mean, quantile, share and ratio: the measure the value is per, whose values (summed over
    /// the provider's target groups for a person-level one) weight it. Empty otherwise.
    std::optional<Metric> denominator;
};

/// One row of the measure table.
struct MetricInfo {
    Metric metric = Metric::Count;
    std::string_view name; ///< stable snake_case identifier (output/SCHEMA.md)
    std::string_view unit; ///< e.g. "persons", "EUR/month"
    MetricLevel level = MetricLevel::Person;
    bool scaled = true; ///< multiplied by 1 / population.scale (counts and money)
    /// The month's value includes what the month-end snapshot itself books (accruals of money
    /// and benefit days up to the month end, transfers at the month boundary): the model takes
    /// it from the month's flows after those bookings.
    bool booked_at_month_end = false;
    Aggregation aggregation;
    std::string_view description; ///< one sentence (output/SCHEMA.md)
};

/// Every metric's row, in Metric order (index = static_cast<std::size_t>(metric)).
[[nodiscard]] std::span<const MetricInfo> metric_table();
/// The row of one metric.
[[nodiscard]] const MetricInfo& metric_info(Metric m);
/// Every metric once, in the order of output/SCHEMA.md (measures were added to the schema at
/// its end as they came, while the per-service and cohort metrics stay last in Metric).
[[nodiscard]] std::span<const Metric> metric_schema_order();

/// The snake_case name of a metric (as in output/SCHEMA.md).
[[nodiscard]] std::string_view metric_name(Metric m);
/// True for metrics of a whole provider (written under target group `all`), false for
/// metrics of jobseekers (written per target group).
[[nodiscard]] bool metric_is_provider_level(Metric m);
/// False for means, shares and staff numbers, which are not multiplied by 1 / population.scale.
[[nodiscard]] bool metric_is_scaled(Metric m);
/// True for the measures whose month-end bookings count in the month that ended (spending,
/// benefit days, transfers; MetricInfo::booked_at_month_end).
[[nodiscard]] bool metric_booked_at_month_end(Metric m);

} // namespace kokeilu::agents
