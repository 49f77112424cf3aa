// The records of the jobseeker model: constants, event kinds, the person (Agent), the providers'
// desks and stage seats, budgets and what every region reads. Internal to agents/.
#pragma once

#include "agents/jobseeker_model.hpp"
#include "agents/stage_queues.hpp"
#include "sim/clock.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <vector>

namespace kokeilu::agents::region {

using sim::Date;
using sim::SimTime;

using sim::SimTime;

constexpr double kDaysPerMonth = 365.25 / 12.0;
constexpr std::uint8_t kNoProvider = 0xFF;
constexpr std::uint8_t kNoStage = 0xFF;
constexpr std::size_t kGroups = kTargetGroups.size();
constexpr std::size_t kAllGroup = kGroups - 1;

constexpr unsigned kKindBits = 4;
constexpr std::uint16_t kKindMask = (1u << kKindBits) - 1;
constexpr std::uint16_t kEpochMask = 0x0FFF;

enum Kind : std::uint16_t {
    kMonthStart, // region: snapshot the month that ended, schedule the new month's registrations
    kPolicy,     // region: a [[timeline]] period starts (data = period index)
    kPilotStart, // region: clients and staff move to the pilots
    kPilotEnd,   // region: clients move back to the TE office
    kStaffDay,   // region: every provider works through its task queue
    kRegister,   // person (data): registers as a jobseeker
    kOpenStages, // region: a month starts; stages closed last month take their waiting
    // Person timers from here on (data = person; cancelled by cancel_timers):
    kJobFound,         // agent (guarded)
    kOtherExit,        // agent (guarded)
    kServiceEnd,       // agent (guarded)
    kInterviewDue,     // agent (guarded)
    kRegisteredJobEnd, // agent (guarded)
    kRecheck,          // agent: the allowance runs out or the 30th birthday (target group)
    kReturn,           // agent: registers again after an exit
    kRecall,           // agent: a laid-off jobseeker's employer takes them back
    kOwnStudy,         // agent (guarded): starts self-motivated study on their own initiative
};
static_assert(kOwnStudy <= kKindMask);

// Random-stream purposes (high bits) and per-agent draw counters (low bits).
enum Purpose : std::uint64_t { kAttributes = 1, kSpell = 2, kProcess = 3, kService = 4 };

enum Flag : std::uint16_t {
    kEarningsRelated = 1u << 0,
    kLabourMarketSubsidy = 1u << 1,
    kForeign = 1u << 2,
    kSwedish = 1u << 3,
    kNeedSkills = 1u << 4,
    kNeedWorkAbility = 1u << 5,
    kNeedSocial = 1u << 6,
    kAssessed = 1u << 7,
    kFirstContactDone = 1u << 8,
    kInitialStock = 1u << 9,
    kTypDue = 1u << 10,     ///< the TYP assessment has become due (once per person)
    kTraced = 1u << 11,     ///< every event of this person goes to the trace
    kTaskQueued = 1u << 12, ///< an interview of the current spell waits in a staff queue
    kIntensive = 1u << 13,  ///< profiled into a risk group with early intensive support
    kInCaseload = 1u << 14, ///< taken into personal service (counts toward a caseload cap)
    kReturning = 1u << 15,  ///< left the register and will register again (keeps the slot)
};

/// One person. Times are minutes since the start of the warm-up (int32: 4,000 years).
struct Agent {
    std::int32_t birth_day = 0;     ///< day index (may be negative)
    std::int32_t spell_start = 0;   ///< start of the current unemployment spell
    std::int32_t accrued_until = 0; ///< benefits and service costs are booked up to here
    std::int32_t last_interview = 0;
    std::int32_t after_until = 0; ///< end of the after-effect of the last service
    std::int32_t service_end = 0;
    /// Start of the register's continuous unemployment: the spell's start or the end of the
    /// last stage that changed the register status (a stage with status `unemployed` keeps it).
    std::int32_t period_start = 0;
    std::int32_t boost_until = 0; ///< end of the effect of the last interview
    std::uint32_t spell = 0;      ///< bumped when queued tasks become void
    float era_days = 0.0F;        ///< earnings-related (or basic) allowance days used
    float lms_days = 0.0F;        ///< unemployment-based labour-market subsidy days
    float service_cost = 0.0F;    ///< EUR a day of the current stage (state)
    std::uint16_t epoch = 0;      ///< bumped to cancel pending timers (see timer())
    std::uint16_t flags = 0;
    std::array<std::uint16_t, 4> draws{}; ///< per-purpose decision counters (wrap at 65,536)
    JobseekerState state = JobseekerState::Left;
    std::uint8_t provider = kNoProvider;   ///< local provider index
    std::uint8_t home_pilot = kNoProvider; ///< local index of the pilot of the home municipality
    std::uint8_t stage = kNoStage;         ///< service stage (in service) or stage waited for
    std::uint8_t service_provider = kNoProvider;
    std::uint8_t after_stage = kNoStage; ///< stage whose after-effect applies
    std::uint8_t after_model = 0;
    std::uint8_t reg_provider = kNoProvider; ///< provider and target group at registration
    std::uint8_t reg_group = 0;
    std::uint8_t traits = 1;     ///< bits 0-1: education (kEducationMask); kLaidOffBit: laid off
    std::uint16_t reg_month = 0; ///< month index (from the warm-up start) of registration
};
static_assert(sizeof(Agent) == 72,
              "the Agent record is sized for the memory target (bench/RESULTS.md)");

constexpr std::uint8_t kEducationMask = 0x03;
constexpr std::uint8_t kLaidOffBit = 0x80;
constexpr std::uint8_t kNoBenefitBit = 0x40; ///< registered without an unemployment benefit
/// 0 basic or unknown, 1 upper secondary, 2 tertiary.
[[nodiscard]] inline std::size_t education(const Agent& a) {
    return a.traits & kEducationMask;
}
/// Fully laid off (status 03): unemployed, waiting to be recalled by the employer.
[[nodiscard]] inline bool laid_off(const Agent& a) {
    return (a.traits & kLaidOffBit) != 0;
}
inline void end_lay_off(Agent& a) {
    a.traits = static_cast<std::uint8_t>(a.traits & ~kLaidOffBit);
}
/// A seasonal registrant: their work or studies resume on a known date
/// (labour_market.seasonal_registrants); cleared when the spell ends.
constexpr std::uint8_t kSeasonalBit = 0x20;
[[nodiscard]] inline bool seasonal(const Agent& a) {
    return (a.traits & kSeasonalBit) != 0;
}
inline void end_season(Agent& a) {
    a.traits = static_cast<std::uint8_t>(a.traits & ~kSeasonalBit);
}
/// Free to start self-motivated study on their own initiative (labour_market.
/// own_study_per_month): unemployed, in no stage and waiting for none, neither laid off nor
/// waiting for their season.
[[nodiscard]] inline bool free_to_study(const Agent& a) {
    return a.state == JobseekerState::Unemployed && a.stage == kNoStage && !laid_off(a) &&
           !seasonal(a);
}

struct Task {
    std::uint32_t agent;
    std::uint32_t spell;
    std::int32_t deadline;
    bool initial;
    bool followup = false;   ///< an extra meeting in spare staff time (process.followup_min_days)
    std::uint64_t order = 0; ///< arrival number at the provider: ties go first come, first served
};

/// A meeting held with someone who stayed unemployed: a candidate for a follow-up meeting
/// when staff have time to spare.
struct Met {
    std::uint32_t agent;
    std::uint32_t spell;
    std::int32_t at; ///< the meeting's time (Agent::last_interview)
};

/// Staff work the most urgent task first: earliest deadline, then first come.
struct LaterTask {
    bool operator()(const Task& a, const Task& b) const {
        return a.deadline != b.deadline ? a.deadline > b.deadline : a.order > b.order;
    }
};

/// A provider's pending contacts and interviews, earliest deadline first.
class TaskQueue {
public:
    void push(Task t) {
        t.order = next_++;
        heap_.push_back(t);
        std::push_heap(heap_.begin(), heap_.end(), LaterTask{});
    }
    Task pop() {
        std::pop_heap(heap_.begin(), heap_.end(), LaterTask{});
        const Task t = heap_.back();
        heap_.pop_back();
        return t;
    }
    [[nodiscard]] bool empty() const { return heap_.empty(); }
    [[nodiscard]] const std::vector<Task>& all() const { return heap_; }

private:
    std::vector<Task> heap_;
    std::uint64_t next_ = 0;
};

struct Waiting {
    std::uint32_t agent;
    std::uint32_t spell;
    std::int32_t since = 0; ///< when the jobseeker was referred
};

/// One waiting for a service's money: a referral to `stage` of `provider`'s model.
struct BudgetWait {
    Waiting who;
    std::uint8_t provider;
    std::uint8_t stage;
};

/// A yearly budget as one region sees it (a provider's, or the region's shared one).
struct BudgetState {
    const BudgetQuota* quota = nullptr;
    std::uint8_t provider = 0xFF; ///< local provider, or 0xFF for every provider of the region
    double left = 0.0;            ///< EUR left this year (at the run's scale)
    std::deque<BudgetWait> waiting;
};

/// A provider's staff: the task queue (first contacts and interviews), the minutes of the day
/// and month, the caseload and this month's first-contact times.
struct StaffDesk {
    TaskQueue tasks;
    double minutes_used = 0.0;
    double minutes_available = 0.0;
    double contact_days_sum = 0.0;
    std::vector<float> contact_days; ///< this month's times to first contact
    double initial_on_time = 0.0;    ///< this month's first contacts held by their deadline
    double balance = 0.0;            ///< staff minutes left today (negative: owed from an overrun)
    std::deque<Task> intake;         ///< first contacts held back by the caseload cap
    std::deque<Met> met;             ///< meetings held, oldest first (follow-up candidates)
    std::uint32_t caseload = 0;      ///< clients taken into personal service (kInCaseload)
};

/// A provider's service stages: who waits for a seat, the seats in use, this month's waits.
struct StageSeats {
    StageQueues<Waiting> queues;                       ///< per stage of the provider's model
    std::array<double, kServiceKindCount> wait_days{}; ///< this month's waits before starts
    std::array<double, kServiceKindCount> wait_starts{};
};

/// What every region reads and nobody writes during the run.
struct Shared {
    const ModelInput* in = nullptr;
    std::uint64_t seed = 0;
    std::uint64_t replication = 0;
    Date origin;
    std::vector<Date> month_starts; ///< from the origin to the month after the end
    /// month_starts[k]'s offset from the input's index_start (the index of monthly lists)
    std::vector<int> list_index;
    int first_written_month = 0; ///< index into month_starts
    SimTime horizon;             ///< start of the day after the end
    SimTime pilot_start;
    SimTime pilot_end; ///< start of the day after pilot.end
    std::vector<SimTime> period_starts;
};

inline int month_offset(Date from, Date to) {
    return (to.year() - from.year()) * 12 + (to.month() - from.month());
}

/// Value `i` of a monthly index list; past its end a list of 12 or more values repeats its
/// last 12 (its last year, seasonality included), a shorter one its last value.
inline double indexed(const std::vector<double>& list, int i) {
    if (list.empty()) {
        return 1.0;
    }
    const int n = static_cast<int>(list.size());
    if (i >= n && n >= 12) {
        i = n - 12 + (i - n) % 12;
    }
    return list[static_cast<std::size_t>(std::clamp(i, 0, n - 1))];
}

/// A monthly share list's value `i` (0 for an empty list; past the end as indexed()).
inline double share_at(const std::vector<double>& list, int i) {
    return list.empty() ? 0.0 : indexed(list, i);
}

inline std::int32_t to_i32(SimTime t) {
    return static_cast<std::int32_t>(t.minutes());
}
inline SimTime from_i32(std::int32_t m) {
    return SimTime{m};
}

/// Index of (local provider, target group, metric) in a region's flows and snapshots.
[[nodiscard]] inline std::size_t panel_index(std::uint8_t provider, std::size_t group, Metric m) {
    return (std::size_t{provider} * kGroups + group) * kMetricCount + static_cast<std::size_t>(m);
}

/// The rows of the output a person's measures go to now: their target group and their group
/// of each breakdown (law.hpp rows_of()).
struct PersonRows {
    std::uint8_t group = 0; ///< target group (index into kTargetGroups)
    std::array<std::uint8_t, kBreakdownCount> breakdown{}; ///< codes into kBreakdownGroups
};

/// Values per local provider in a region's breakdown flows and snapshots.
constexpr std::size_t kBreakdownWidth = kBreakdownGroupCount * kBreakdownMetricCount;

/// Index of (local provider, breakdown group, position in kBreakdownMetrics) in a region's
/// breakdown flows and snapshots.
[[nodiscard]] inline std::size_t breakdown_index(std::uint8_t provider, std::size_t group,
                                                 std::size_t slot) {
    return std::size_t{provider} * kBreakdownWidth + group * kBreakdownMetricCount + slot;
}

/// Index of (local provider, target group, horizon, outcome) in a region's cohort table.
[[nodiscard]] inline std::size_t cohort_index(std::uint8_t provider, std::size_t group,
                                              std::size_t horizon, std::size_t outcome) {
    return (std::size_t{provider} * kGroups + group) * kCohortMetricCount +
           horizon * kCohortOutcomes + outcome;
}

} // namespace kokeilu::agents::region
