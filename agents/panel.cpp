// The panel: at each month end, every registered person is booked and counted once, and the
// month's flows, stocks, queues and provider measures become one snapshot.
#include "agents/panel.hpp"

#include "agents/law.hpp"
#include "agents/money.hpp"
#include "agents/services_rules.hpp"
#include "agents/staff.hpp"
#include "agents/target_group.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace kokeilu::agents::region {

namespace {

/// The q-quantile of a month's values (type 7, linear between order statistics); 0 if none.
double quantile(std::vector<float> values, double q) {
    if (values.empty()) {
        return 0.0;
    }
    const double h = q * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(lo),
                     values.end());
    const auto a = static_cast<double>(values[lo]);
    if (lo + 1 >= values.size()) {
        return a;
    }
    const auto b = static_cast<double>(
        *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(lo) + 1, values.end()));
    return a + (h - static_cast<double>(lo)) * (b - a);
}

/// One month's values of a region being filled: [local provider][group][metric].
struct Sheet {
    std::vector<double> v;
    std::vector<double> clients;    ///< registered per local provider
    std::vector<double> cohorts;    ///< [local provider][group][cohort metric]
    std::vector<double> breakdowns; ///< [local provider][breakdown group][breakdown slot]

    /// A provider's value (measures of a whole provider, under group `all`).
    double& at(std::uint8_t prov, std::size_t g, Metric m) { return v[panel_index(prov, g, m)]; }
    /// Counts one person in a month-end stock: in every row of theirs, as Store::book does.
    void count(std::uint8_t prov, const PersonRows& rows, Metric m) {
        v[panel_index(prov, rows.group, m)] += 1.0;
        if (const std::size_t slot = breakdown_slot(m); slot < kBreakdownMetricCount) {
            for (const std::uint8_t g : rows.breakdown) {
                breakdowns[breakdown_index(prov, g, slot)] += 1.0;
            }
        }
    }
};

/// The cohort outcomes checked at this month end, starting from the leavers counted ahead.
std::vector<double> take_pending_cohorts(Store& s, int month) {
    std::vector<double> cohorts(s.desks.size() * kGroups * kCohortMetricCount, 0.0);
    if (auto it = s.pending_cohorts.find(month); it != s.pending_cohorts.end()) {
        cohorts = std::move(it->second);
        cohorts.resize(s.desks.size() * kGroups * kCohortMetricCount, 0.0);
        s.pending_cohorts.erase(it);
    }
    return cohorts;
}

/// Whether the person is in a stage during which the register keeps them unemployed (the
/// stage's status is `unemployed`; the model's state is in services while it runs).
bool keeps_unemployed_status(const Store& s, const Agent& a) {
    return a.stage != kNoStage && a.service_provider != kNoProvider &&
           s.model_of(a.service_provider).stages[a.stage].status == JobseekerState::Unemployed;
}

/// A 3-month interview is up to date while the last is at most this many days old (91 and
/// the 5 working days' grace of agents/interviews.hpp).
constexpr std::int32_t kUpToDateInterviewDays = 98;

/// An unemployed person's stocks: laid off, duration band, interviews up to date, and a TYP
/// assessment come due.
void count_unemployed(Store& s, Sheet& sheet, std::uint32_t i, const PersonRows& rows) {
    const Agent& a = s.agent(i);
    sheet.count(a.provider, rows, Metric::Unemployed);
    if (laid_off(a)) {
        sheet.count(a.provider, rows, Metric::UnemployedLaidOff);
    }
    const double months = static_cast<double>(to_i32(s.now) - a.spell_start) /
                          SimTime::kMinutesPerDay / kDaysPerMonth;
    if ((a.flags & kTypDue) == 0 &&
        typ_assessment_required(static_cast<double>(a.lms_days), static_cast<int>(s.age_years(a)),
                                months)) {
        s.typ_due.push_back(i);
    }
    sheet.count(a.provider, rows,
                months < 3.0    ? Metric::UnemployedUnder3m
                : months < 12.0 ? Metric::Unemployed3to12m
                                : Metric::Unemployed12mPlus);
    if (months >= 3.0 &&
        to_i32(s.now) - a.last_interview <= kUpToDateInterviewDays * SimTime::kMinutesPerDay) {
        sheet.count(a.provider, rows, Metric::UnemployedInterviewsUpToDate);
    }
    // The register counts continuous unemployment: a service breaks it (Statistics Finland,
    // table 12ub: the long-term unemployed have been unemployed jobseekers for a year without a
    // break; those back from a service are counted apart). A job restarts the spell itself.
    // A stage with status `unemployed` (the TYP assessment) keeps the register's status.
    if (static_cast<double>(to_i32(s.now) - a.period_start) >=
        12.0 * kDaysPerMonth * SimTime::kMinutesPerDay) {
        sheet.count(a.provider, rows, Metric::Unemployed12mContinuous);
    }
}

/// The person's stock by state, and the service they are in.
void count_state(Store& s, Sheet& sheet, std::uint32_t i, const PersonRows& rows) {
    const Agent& a = s.agent(i);
    switch (a.state) {
    case JobseekerState::Unemployed: count_unemployed(s, sheet, i, rows); break;
    case JobseekerState::InServices:
        if (keeps_unemployed_status(s, a)) {
            count_unemployed(s, sheet, i, rows);
        } else {
            sheet.count(a.provider, rows, Metric::InServices);
        }
        break;
    case JobseekerState::InTraining: sheet.count(a.provider, rows, Metric::InTraining); break;
    case JobseekerState::EmployedSubsidised:
        sheet.count(a.provider, rows, Metric::EmployedSubsidised);
        break;
    case JobseekerState::EmployedOpenMarket:
        sheet.count(a.provider, rows, Metric::EmployedOpenMarket);
        break;
    case JobseekerState::Left: break;
    }
    // The register's service stocks: a stage that keeps the unemployed status is not one.
    if (a.state != JobseekerState::Unemployed && a.stage != kNoStage &&
        a.service_provider != kNoProvider && !keeps_unemployed_status(s, a)) {
        sheet.count(a.provider, rows,
                    service_metric(ServiceMeasure::Stock,
                                   s.model_of(a.service_provider).stages[a.stage].kind));
    }
}

/// One registered person at the month end: money booked to today, their cohort checkpoint,
/// an exhausted allowance converted, their provider rechecked, then their stocks counted.
void count_person(Store& s, Sheet& sheet, std::uint32_t i, int month) {
    accrue(s, i);
    Agent& a = s.agent(i);
    if ((a.flags & kInitialStock) == 0 && a.state != JobseekerState::Left) {
        const int since = month - a.reg_month;
        for (std::size_t h = 0; h < kCohortHorizons.size(); ++h) {
            if (since == kCohortHorizons[h] && a.reg_month >= s.sh->first_written_month) {
                sheet.cohorts[cohort_index(a.reg_provider, a.reg_group, h,
                                           static_cast<std::size_t>(a.state))] += 1.0;
            }
        }
    }
    if (convert_exhausted_allowance(s, a)) {
        s.trace(i, TraceKind::AllowanceEnds, a.state);
    }
    recheck(s, i);
    const PersonRows rows = rows_of(s, a);
    sheet.count(a.provider, rows, Metric::Jobseekers);
    sheet.clients[a.provider] += 1.0;
    count_state(s, sheet, i, rows);
}

/// The accruals and transfers booked during the month-end pass belong to the month that ended.
void keep_month_end_bookings(const Store& s, Sheet& sheet) {
    for (std::size_t k = 0; k < sheet.v.size(); ++k) {
        if (metric_booked_at_month_end(static_cast<Metric>(k % kMetricCount))) {
            sheet.v[k] = s.flows[k];
        }
    }
    for (std::size_t k = 0; k < sheet.breakdowns.size(); ++k) {
        if (metric_booked_at_month_end(kBreakdownMetrics[k % kBreakdownMetricCount])) {
            sheet.breakdowns[k] = s.breakdown_flows[k];
        }
    }
}

bool valid_wait(const Store& s, const Waiting& w, std::uint8_t stage) {
    const Agent& a = s.agent(w.agent);
    return a.spell == w.spell && a.state == JobseekerState::Unemployed && a.stage == stage;
}

/// Those waiting for a service's money, by provider and service.
void count_budget_queues(const Store& s, Sheet& sheet) {
    for (const BudgetState& b : s.budgets) {
        for (const BudgetWait& w : b.waiting) {
            if (valid_wait(s, w.who, w.stage)) {
                const auto kind = s.model_of(w.provider).stages[w.stage].kind;
                sheet.at(w.provider, kAllGroup, Metric::BudgetQueue) += 1.0;
                sheet.at(w.provider, kAllGroup, service_metric(ServiceMeasure::Queue, kind)) += 1.0;
            }
        }
    }
}

/// Provider l's staff queues: overdue tasks and first contacts held back by a caseload cap.
std::pair<double, double> overdue_and_intake(const Store& s, std::uint8_t l) {
    const StaffDesk& ps = s.desks[l];
    const std::int32_t now = to_i32(s.now);
    auto live_task = [&](const Task& t) {
        const Agent& a = s.agent(t.agent);
        return a.spell == t.spell && a.state == JobseekerState::Unemployed;
    };
    double overdue = 0.0;
    for (const Task& t : ps.tasks.all()) {
        overdue += live_task(t) && t.deadline < now ? 1.0 : 0.0;
    }
    double intake = 0.0;
    for (const Task& t : ps.intake) {
        if (live_task(t)) {
            intake += 1.0;
            overdue += t.deadline < now ? 1.0 : 0.0;
        }
    }
    return {overdue, intake};
}

/// Provider l's stage queues (in total and per service) and the month's mean waits.
double count_stage_queues(const Store& s, Sheet& sheet, std::uint8_t l) {
    const StageSeats& seats = s.seats[l];
    double queue = 0.0;
    const auto& stages = s.model_of(l).stages;
    for (std::size_t st = 0; st < seats.queues.stages(); ++st) {
        for (const Waiting& w : seats.queues.line(st)) {
            if (valid_wait(s, w, static_cast<std::uint8_t>(st)) && st < stages.size()) {
                queue += 1.0;
                sheet.at(l, kAllGroup, service_metric(ServiceMeasure::Queue, stages[st].kind)) +=
                    1.0;
            }
        }
    }
    for (std::size_t kind = 0; kind < kServiceKindCount; ++kind) {
        sheet.at(l, kAllGroup,
                 service_metric(ServiceMeasure::WaitMean, static_cast<ServiceKind>(kind))) =
            seats.wait_starts[kind] > 0.0 ? seats.wait_days[kind] / seats.wait_starts[kind] : 0.0;
    }
    return queue;
}

/// The measures of a whole provider (group `all`): staff, queues, first contacts.
void provider_measures(const Store& s, Sheet& sheet, std::uint8_t l) {
    const StaffDesk& ps = s.desks[l];
    const auto [overdue, intake] = overdue_and_intake(s, l);
    const double queue = count_stage_queues(s, sheet, l);
    double contacts = 0.0;
    for (std::size_t g = 0; g + 1 < kGroups; ++g) {
        contacts += sheet.at(l, g, Metric::FirstContacts);
    }
    const double staff = fte(s, l) * s.scale();
    sheet.at(l, kAllGroup, Metric::TimeToFirstContactMean) =
        contacts > 0.0 ? ps.contact_days_sum / contacts : 0.0;
    sheet.at(l, kAllGroup, Metric::TimeToFirstContactP50) = quantile(ps.contact_days, 0.5);
    sheet.at(l, kAllGroup, Metric::TimeToFirstContactP90) = quantile(ps.contact_days, 0.9);
    sheet.at(l, kAllGroup, Metric::FirstContactsOnTimeShare) =
        contacts > 0.0 ? ps.initial_on_time / contacts : 0.0;
    sheet.at(l, kAllGroup, Metric::IntakeQueue) = intake;
    sheet.at(l, kAllGroup, Metric::InterviewsOverdue) = overdue;
    sheet.at(l, kAllGroup, Metric::CaseloadPerCounsellor) =
        staff > 0.0 ? sheet.clients[l] / staff : 0.0;
    sheet.at(l, kAllGroup, Metric::StaffUtilisation) =
        ps.minutes_available > 0.0 ? ps.minutes_used / ps.minutes_available : 0.0;
    sheet.at(l, kAllGroup, Metric::ServiceQueue) = queue;
    sheet.at(l, kAllGroup, Metric::Counsellors) = fte(s, l);
    sheet.at(l, kAllGroup, Metric::SpendStaff) =
        fte(s, l) * s.p().counsellor_cost_eur_per_year / 12.0;
}

} // namespace

void snapshot(Store& s, int month) {
    Sheet sheet{s.flows, std::vector<double>(s.desks.size(), 0.0), take_pending_cohorts(s, month),
                s.breakdown_flows};
    for (const std::uint32_t i : s.live) {
        count_person(s, sheet, i, month);
    }
    keep_month_end_bookings(s, sheet);
    count_budget_queues(s, sheet);
    for (std::uint8_t l = 0; l < s.provider_count(); ++l) {
        provider_measures(s, sheet, l);
    }
    // Counts and money are scaled to the whole country; means, ratios and staff are not.
    const double inv = 1.0 / s.scale();
    for (std::size_t k = 0; k < sheet.v.size(); ++k) {
        if (metric_is_scaled(static_cast<Metric>(k % kMetricCount))) {
            sheet.v[k] *= inv;
        }
    }
    for (std::size_t k = 0; k < sheet.breakdowns.size(); ++k) {
        if (metric_is_scaled(kBreakdownMetrics[k % kBreakdownMetricCount])) {
            sheet.breakdowns[k] *= inv;
        }
    }
    if (month < s.sh->first_written_month) {
        return; // the warm-up: nothing is written
    }
    s.snapshots.emplace_back(month, std::move(sheet.v));
    for (double& x : sheet.cohorts) {
        x *= inv;
    }
    s.cohort_snapshots.push_back(std::move(sheet.cohorts));
    s.breakdown_snapshots.push_back(std::move(sheet.breakdowns));
}

} // namespace kokeilu::agents::region
