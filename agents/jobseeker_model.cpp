// The jobseeker model on the engine: one logical process per TE-office region.
//
// A region's LP owns its TE office, its pilot areas and every person who registers there. The
// regions never exchange events (moves between regions are exits), so a run's results are the
// same for any thread count by construction; the engine's order (time, priority, source, seq)
// fixes the order inside a region.
#include "agents/jobseeker_model.hpp"

#include "agents/benefits.hpp"
#include "agents/services_rules.hpp"
#include "agents/target_group.hpp"
#include "sim/clock.hpp"
#include "sim/distributions.hpp"
#include "sim/engine.hpp"
#include "sim/random.hpp"

#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <limits>
#include <stdexcept>

namespace kokeilu::agents {

namespace {

using sim::Date;
using sim::SimTime;

constexpr double kDaysPerMonth = 365.25 / 12.0;
constexpr std::uint8_t kNoProvider = 0xFF;
constexpr std::uint8_t kNoStage = 0xFF;
constexpr std::size_t kGroups = kTargetGroups.size();
constexpr std::size_t kAllGroup = kGroups - 1;
/// Grace after a periodic interview's due day before it counts as late (assumption).
constexpr int kInterviewGraceWorkingDays = 5;

constexpr unsigned kKindBits = 4;
constexpr std::uint16_t kKindMask = (1u << kKindBits) - 1;
constexpr std::uint16_t kEpochMask = 0x0FFF;

enum Kind : std::uint16_t {
    kMonthStart,   // region: snapshot the month that ended, schedule the new month's registrations
    kPolicy,       // region: a [[timeline]] period starts (data = period index)
    kPilotStart,   // region: clients and staff move to the pilots
    kPilotEnd,     // region: clients move back to the TE office
    kStaffDay,     // region: every provider works through its task queue
    kRegister,     // person (data): registers as a jobseeker
    kOpenStages,   // region: a month starts; stages closed last month take their waiting
    // Person timers from here on (data = person; cancelled by cancel_timers):
    kJobFound,     // agent (guarded)
    kOtherExit,    // agent (guarded)
    kServiceEnd,   // agent (guarded)
    kInterviewDue, // agent (guarded)
    kRegisteredJobEnd, // agent (guarded)
    kRecheck,      // agent: the allowance runs out or the 30th birthday (target group)
    kReturn,       // agent: registers again after an exit
    kRecall,       // agent: a laid-off jobseeker's employer takes them back
};
static_assert(kRecall <= kKindMask);

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
    kTypDue = 1u << 10, ///< the TYP assessment has become due (once per person)
    kTraced = 1u << 11, ///< every event of this person goes to the trace
    kTaskQueued = 1u << 12, ///< an interview of the current spell waits in a staff queue
    kIntensive = 1u << 13,  ///< profiled into a risk group with early intensive support
    kInCaseload = 1u << 14, ///< taken into personal service (counts toward a caseload cap)
    kReturning = 1u << 15,  ///< left the register and will register again (keeps the slot)
};

/// One person. Times are minutes since the start of the warm-up (int32: 4,000 years).
struct Agent {
    std::int32_t birth_day = 0;      ///< day index (may be negative)
    std::int32_t spell_start = 0;    ///< start of the current unemployment spell
    std::int32_t accrued_until = 0;  ///< benefits and service costs are booked up to here
    std::int32_t last_interview = 0;
    std::int32_t after_until = 0;    ///< end of the after-effect of the last service
    std::int32_t service_end = 0;
    std::int32_t boost_until = 0;    ///< end of the effect of the last interview
    std::uint32_t spell = 0;         ///< bumped when queued tasks become void
    float era_days = 0.0F;           ///< earnings-related (or basic) allowance days used
    float lms_days = 0.0F;           ///< unemployment-based labour-market subsidy days
    float service_cost = 0.0F;       ///< EUR a day of the current stage (state)
    std::uint16_t epoch = 0;         ///< bumped to cancel pending timers (see timer())
    std::uint16_t flags = 0;
    std::array<std::uint16_t, 4> draws{}; ///< per-purpose decision counters (wrap at 65,536)
    JobseekerState state = JobseekerState::Left;
    std::uint8_t provider = kNoProvider;     ///< local provider index
    std::uint8_t home_pilot = kNoProvider;   ///< local index of the pilot of the home municipality
    std::uint8_t stage = kNoStage;           ///< service stage (in service) or stage waited for
    std::uint8_t service_provider = kNoProvider;
    std::uint8_t after_stage = kNoStage;     ///< stage whose after-effect applies
    std::uint8_t after_model = 0;
    std::uint8_t reg_provider = kNoProvider; ///< provider and target group at registration
    std::uint8_t reg_group = 0;
    std::uint8_t traits = 1; ///< bits 0-1: education (kEducationMask); kLaidOffBit: laid off
    std::uint16_t reg_month = 0;            ///< month index (from the warm-up start) of registration
};
static_assert(sizeof(Agent) == 68, "the Agent record is sized for the memory target (bench/RESULTS.md)");

constexpr std::uint8_t kEducationMask = 0x03;
constexpr std::uint8_t kLaidOffBit = 0x80;
constexpr std::uint8_t kNoBenefitBit = 0x40; ///< registered without an unemployment benefit
/// 0 basic or unknown, 1 upper secondary, 2 tertiary.
[[nodiscard]] std::size_t education(const Agent& a) { return a.traits & kEducationMask; }
/// Fully laid off (status 03): unemployed, waiting to be recalled by the employer.
[[nodiscard]] bool laid_off(const Agent& a) { return (a.traits & kLaidOffBit) != 0; }
void end_lay_off(Agent& a) { a.traits = static_cast<std::uint8_t>(a.traits & ~kLaidOffBit); }

struct Task {
    std::uint32_t agent;
    std::uint32_t spell;
    std::int32_t deadline;
    bool initial;
    std::uint64_t order = 0; ///< arrival number at the provider: ties go first come, first served
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

struct ProviderState {
    TaskQueue tasks;
    std::vector<std::deque<Waiting>> waiting; ///< per stage of the provider's model
    std::vector<std::uint32_t> in_use;        ///< per stage
    double minutes_used = 0.0;
    double minutes_available = 0.0;
    double contact_days_sum = 0.0;
    std::vector<float> contact_days; ///< this month's times to first contact
    double initial_on_time = 0.0;    ///< this month's first contacts held by their deadline
    std::array<double, kServiceKindCount> wait_days{}; ///< this month's waits before starts
    std::array<double, kServiceKindCount> wait_starts{};
    double balance = 0.0; ///< staff minutes left today (negative: owed from an overrun)
    std::deque<Task> intake;     ///< first contacts held back by the caseload cap
    std::uint32_t caseload = 0;  ///< clients taken into personal service (kInCaseload)
};

/// What every region reads and nobody writes during the run.
struct Shared {
    const ModelInput* in = nullptr;
    std::uint64_t seed = 0;
    std::uint64_t replication = 0;
    Date origin;
    std::vector<Date> month_starts; ///< from the origin to the month after the end
    int first_written_month = 0;    ///< index into month_starts
    SimTime horizon;                ///< start of the day after the end
    SimTime pilot_start;
    SimTime pilot_end;              ///< start of the day after pilot.end
    std::vector<SimTime> period_starts;
};

/// True if going from period `a` to `b` changes when anyone's next job, exit or interview
/// comes: then every registered person's timers are redrawn. Other changes (benefit levels,
/// financing, staff, referral rates, deadlines of future tasks) apply from the next event on.
bool changes_timing(const ModelParams& a, const ModelParams& b) {
    if (a.demand != b.demand || a.job_finding_per_month != b.job_finding_per_month ||
        a.duration_factors != b.duration_factors || a.need_factors != b.need_factors ||
        a.education_factors != b.education_factors || a.recall_per_month != b.recall_per_month ||
        a.other_exit_per_month != b.other_exit_per_month ||
        a.interview_interval_days != b.interview_interval_days ||
        a.intensive_interval_days != b.intensive_interval_days ||
        a.intensive_period_days != b.intensive_period_days ||
        a.interview_effect != b.interview_effect || a.job_search_effect != b.job_search_effect ||
        a.interview_effect_days != b.interview_effect_days || a.service_model != b.service_model ||
        a.earnings_related_max_days != b.earnings_related_max_days ||
        a.models.size() != b.models.size()) {
        return true;
    }
    for (std::size_t m = 0; m < a.models.size(); ++m) {
        const auto& sa = a.models[m].stages;
        const auto& sb = b.models[m].stages;
        if (sa.size() != sb.size()) {
            return true;
        }
        for (std::size_t k = 0; k < sa.size(); ++k) {
            if (sa[k].lock_in != sb[k].lock_in || sa[k].after_effect != sb[k].after_effect ||
                sa[k].after_effect_days != sb[k].after_effect_days) {
                return true;
            }
        }
    }
    return false;
}

/// The q-quantile of a month's values (type 7, linear between order statistics); 0 if none.
double quantile(std::vector<float> values, double q) {
    if (values.empty()) {
        return 0.0;
    }
    const double h = q * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(lo), values.end());
    const double a = values[lo];
    if (lo + 1 >= values.size()) {
        return a;
    }
    const double b = *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(lo) + 1, values.end());
    return a + (h - static_cast<double>(lo)) * (b - a);
}

int month_offset(Date from, Date to) {
    return (to.year() - from.year()) * 12 + (to.month() - from.month());
}

/// Value `i` of a monthly index list; past its end a list of 12 or more values repeats its
/// last 12 (its last year, seasonality included), a shorter one its last value.
double indexed(const std::vector<double>& list, int i) {
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
double share_at(const std::vector<double>& list, int i) {
    return list.empty() ? 0.0 : indexed(list, i);
}


std::int32_t to_i32(SimTime t) { return static_cast<std::int32_t>(t.minutes()); }
SimTime from_i32(std::int32_t m) { return SimTime{m}; }

class RegionModel {
public:
    RegionModel(const Shared* shared, std::uint32_t region, sim::EntityId self,
                std::uint64_t first_person, std::vector<std::uint32_t> month_counts,
                std::uint32_t initial_count)
        : sh_(shared), region_(region), self_(self), first_person_(first_person),
          params_(&shared->in->periods.front().second) {
        const auto& in = *shared->in;
        for (std::uint32_t p = 0; p < in.providers.size(); ++p) {
            if (in.providers[p].region != region) {
                continue;
            }
            global_.push_back(p);
            if (in.providers[p].pilot) {
                pilots_.push_back(static_cast<std::uint8_t>(global_.size() - 1));
            } else {
                te_ = static_cast<std::uint8_t>(global_.size() - 1);
            }
        }
        if (te_ == kNoProvider) {
            throw std::invalid_argument("region `" + in.regions[region].name +
                                        "` has no TE office (a provider with kind = \"te_office\")");
        }
        if (global_.size() > 200) {
            throw std::invalid_argument("region `" + in.regions[region].name +
                                        "` has more than 200 providers");
        }
        providers_.resize(global_.size());
        month_counts_ = std::move(month_counts);
        initial_count_ = initial_count;
        std::size_t everyone = initial_count;
        for (const std::uint32_t n : month_counts_) {
            everyone += n;
        }
        slot_of_.assign(everyone, kNoSlot);
        gone_.state = JobseekerState::Left;
        resize_stage_tables();
        flows_.assign(global_.size() * kGroups * kMetricCount, 0.0);
        for (const BudgetQuota& q : in.quotas) {
            BudgetState b;
            b.quota = &q;
            if (q.provider) {
                const auto it = std::find(global_.begin(), global_.end(), *q.provider);
                if (it == global_.end()) {
                    continue;
                }
                b.provider = static_cast<std::uint8_t>(it - global_.begin());
            } else if (!q.region || *q.region != region) {
                continue;
            }
            b.left = q.eur_per_year * in.scale;
            budgets_.push_back(std::move(b));
        }
    }

    [[nodiscard]] std::size_t agent_count() const { return slot_of_.size(); }
    /// Bytes held for agents (the slots of the registered and the per-person arrays).
    [[nodiscard]] std::size_t agent_bytes() const {
        return slots_.capacity() * sizeof(Agent) + slot_of_.capacity() * sizeof(std::uint32_t) +
               live_.capacity() * sizeof(std::uint32_t);
    }
    [[nodiscard]] std::size_t live_count() const { return live_.size(); }
    [[nodiscard]] std::uint64_t stale_count() const { return stale_; }
    void set_traced(std::vector<std::uint32_t> local) { traced_ = std::move(local); }
    std::vector<TraceEvent>& trace_buffer() { return trace_buffer_; }
    [[nodiscard]] const std::vector<std::uint32_t>& providers() const { return global_; }
    /// The snapshots taken so far and not yet collected: per month, [local provider][group][metric].
    std::vector<std::pair<int, std::vector<double>>>& snapshots() { return snapshots_; }
    std::vector<std::vector<double>>& cohort_snapshots() { return cohort_snapshots_; }

    void handle(sim::Context& ctx, const sim::Event& ev) {
        now_ = ctx.now();
        const auto kind = static_cast<std::uint16_t>(ev.kind & kKindMask);
        if (kind >= kJobFound) {
            // A person's timer: void if the person has left or cancelled it since.
            const std::uint32_t i = ev.data;
            if (slot_of_[i] == kNoSlot ||
                (agent(i).epoch & kEpochMask) != static_cast<std::uint16_t>(ev.kind >> kKindBits)) {
                ++stale_;
                return;
            }
        }
        switch (kind) {
        case kMonthStart: month_start(ctx, ev.data); break;
        case kPolicy: policy(ctx, ev.data); break;
        case kPilotStart:
        case kPilotEnd: recheck_all(ctx); break;
        case kStaffDay: staff_day(ctx); break;
        case kRegister: register_agent(ctx, ev.data); break;
        case kOpenStages: open_stages(ctx); break;
        case kJobFound: job_found(ctx, ev.data); break;
        case kOtherExit: other_exit(ctx, ev.data); break;
        case kServiceEnd: service_end(ctx, ev.data); break;
        case kInterviewDue: interview_due(ev.data); break;
        case kRegisteredJobEnd: registered_job_end(ctx, ev.data); break;
        case kRecheck: recheck_due(ctx, ev.data); break;
        case kReturn: return_to_register(ctx, ev.data); break;
        case kRecall: recall(ctx, ev.data); break;
        default: throw std::logic_error("jobseeker model: unknown event kind");
        }
    }

private:
    const Shared* sh_;
    std::uint32_t region_;
    sim::EntityId self_;
    std::uint64_t first_person_;
    std::uint64_t stale_ = 0; ///< cancelled timers dropped
    std::vector<std::uint32_t> traced_;  ///< persons (local indices) to trace, sorted
    std::vector<TraceEvent> trace_buffer_;
    const ModelParams* params_;
    SimTime now_;
    std::vector<std::uint32_t> global_; ///< local provider -> global provider index
    std::uint8_t te_ = kNoProvider;
    std::vector<std::uint8_t> pilots_;
    std::vector<ProviderState> providers_;
    // Every person who will register has an index i (entity self_ + 1 + i) and a registration
    // time; only the registered hold an Agent, in a slot reused after they leave.
    static constexpr std::uint32_t kNoSlot = 0xFFFF'FFFFu;
    std::vector<std::uint32_t> month_counts_; ///< new registrations per month (from the origin)
    std::uint32_t initial_count_ = 0;
    std::vector<std::uint32_t> slot_of_;
    std::vector<Agent> slots_;
    std::vector<std::uint32_t> free_;
    Agent gone_; ///< what a person who has left looks like (state Left)

    Agent& agent(std::uint32_t i) {
        const std::uint32_t s = slot_of_[i];
        return s == kNoSlot ? gone_ : slots_[s];
    }
    [[nodiscard]] const Agent& agent(std::uint32_t i) const {
        const std::uint32_t s = slot_of_[i];
        return s == kNoSlot ? gone_ : slots_[s];
    }
    std::vector<std::uint32_t> live_;
    std::int32_t last_compaction_ = std::numeric_limits<std::int32_t>::min(); ///< of live_
    std::uint32_t next_to_schedule_ = 0; ///< local index of the next registration to schedule
    std::vector<double> flows_; ///< this month's flows, [local provider][group][metric]
    std::vector<std::pair<int, std::vector<double>>> snapshots_;
    /// Per snapshot: the cohort outcomes checked at that month end, [local provider][group][c].
    std::vector<std::vector<double>> cohort_snapshots_;
    /// Leavers counted ahead into the cohort checkpoints that fall after their exit, by
    /// checkpoint month.
    std::map<int, std::vector<double>> pending_cohorts_;
    int current_month_ = 0;
    std::vector<std::uint32_t> typ_due_; ///< found at the last month end, handled after it
    std::vector<BudgetState> budgets_;   ///< the quotas that apply in this region

    // ---- helpers ------------------------------------------------------------------------------

    [[nodiscard]] const ModelParams& p() const { return *params_; }
    [[nodiscard]] double scale() const { return sh_->in->scale; }
    /// The person's identity in random-stream keys (unique over all regions).
    [[nodiscard]] std::uint64_t person_key(std::uint32_t i) const { return first_person_ + i; }

    /// Schedules one of person i's timers. Persons are not engine entities (that would cost
    /// 16 bytes of engine bookkeeping for everyone who will ever register): their events are
    /// the region's, with the person in `data` and the person's epoch (12 bits) in the kind's
    /// high bits, so cancel_timers() voids them. A stale timer could only pass for a fresh one
    /// after 4,096 cancellations of the same person while it waits.
    void timer(sim::Context& ctx, SimTime at, std::uint32_t i, Kind kind) {
        ctx.schedule(at, self_,
                     static_cast<std::uint16_t>(kind | ((agent(i).epoch & kEpochMask) << kKindBits)),
                     i, 1);
    }
    void cancel_timers(std::uint32_t i) { ++agent(i).epoch; }

    /// Records an event of a traced person (a no-op for everyone else).
    void trace(std::uint32_t i, TraceKind kind, JobseekerState from) {
        const Agent& a = agent(i);
        if ((a.flags & kTraced) == 0) {
            return;
        }
        TraceEvent e;
        e.person = person_key(i);
        e.time = sh_->origin.days_since_epoch() * SimTime::kMinutesPerDay + now_.minutes();
        e.event = kind;
        e.from = from;
        e.to = a.state;
        e.provider = a.provider == kNoProvider ? 0 : global_[a.provider];
        trace_buffer_.push_back(e);
    }
    [[nodiscard]] std::int32_t today() const { return static_cast<std::int32_t>(now_.day_index()); }
    [[nodiscard]] Date date_now() const { return sh_->origin + static_cast<int>(now_.day_index()); }
    [[nodiscard]] bool pilots_active() const {
        return now_ >= sh_->pilot_start && now_ < sh_->pilot_end;
    }
    [[nodiscard]] const ServiceModel& model_of(std::uint8_t local) const {
        return p().models[p().service_model[global_[local]]];
    }

    /// The budget that pays for service `kind` at provider `local`: the provider's own quota
    /// first, then its region's; nullptr when the service has no quota.
    BudgetState* budget_for(std::uint8_t local, ServiceKind kind) {
        BudgetState* regional = nullptr;
        for (BudgetState& b : budgets_) {
            const auto& sv = b.quota->services;
            if (std::find(sv.begin(), sv.end(), kind) == sv.end()) {
                continue;
            }
            if (b.provider == local) {
                return &b;
            }
            if (b.provider == kNoProvider && regional == nullptr) {
                regional = &b;
            }
        }
        return regional;
    }

    [[nodiscard]] bool closed_now(const ServiceStage& st) const {
        return st.closed_months != 0 && ((st.closed_months >> (date_now().month() - 1)) & 1u) != 0;
    }

    /// At 00:00 on a month's first day: the jobseekers waiting for a stage that was closed
    /// and is open now are referred again, first come first served (seats and budgets apply).
    void open_stages(sim::Context& ctx) {
        for (std::uint8_t l = 0; l < providers_.size(); ++l) {
            const auto& stages = model_of(l).stages;
            for (std::size_t s = 0; s < stages.size() && s < providers_[l].waiting.size(); ++s) {
                if (stages[s].closed_months == 0 || closed_now(stages[s])) {
                    continue;
                }
                std::deque<Waiting> waiting;
                waiting.swap(providers_[l].waiting[s]);
                for (const Waiting& w : waiting) {
                    Agent& a = agent(w.agent);
                    if (a.spell != w.spell || a.state != JobseekerState::Unemployed ||
                        a.stage != s) {
                        continue;
                    }
                    a.stage = kNoStage;
                    enter_stage(ctx, w.agent, l, static_cast<std::uint32_t>(s), kNoStage, w.since);
                }
            }
        }
    }

    /// Moves person i's caseload place (if any) from one provider to another.
    void move_caseload(const Agent& a, std::uint8_t from, std::uint8_t to) {
        if ((a.flags & kInCaseload) == 0) {
            return;
        }
        if (from != kNoProvider && providers_[from].caseload > 0) {
            --providers_[from].caseload;
        }
        if (to != kNoProvider) {
            ++providers_[to].caseload;
        }
    }

    sim::RandomStream rng(std::uint32_t i, Purpose purpose) {
        Agent& a = agent(i);
        const std::uint16_t n = a.draws[static_cast<std::size_t>(purpose) - 1]++;
        return sim::RandomStream(sim::StreamKey{sh_->seed, sh_->replication, person_key(i),
                                                (std::uint64_t{purpose} << 32) | n});
    }

    double& flow(std::uint8_t provider, std::size_t group, Metric m) {
        return flows_[(std::size_t{provider} * kGroups + group) * kMetricCount +
                      static_cast<std::size_t>(m)];
    }

    [[nodiscard]] double age_years(const Agent& a) const {
        return (static_cast<double>(today()) - a.birth_day) / 365.25;
    }

    [[nodiscard]] TargetGroupFacts facts(const Agent& a) const {
        TargetGroupFacts f;
        f.status = LabourStatus::Unemployed;
        f.age_years = static_cast<int>(age_years(a));
        f.language = (a.flags & kForeign) != 0   ? LanguageGroup::Foreign
                     : (a.flags & kSwedish) != 0 ? LanguageGroup::Swedish
                                                 : LanguageGroup::Finnish;
        f.immigrant = (a.flags & kForeign) != 0;
        f.benefit = (a.flags & kEarningsRelated) != 0       ? BenefitType::EarningsRelated
                    : (a.flags & kLabourMarketSubsidy) != 0 ? BenefitType::LabourMarketSubsidy
                    : (a.traits & kNoBenefitBit) != 0       ? BenefitType::None
                                                            : BenefitType::Basic;
        f.lives_in_pilot_municipality = true;
        return f;
    }

    [[nodiscard]] static LabourStatus register_status(JobseekerState s) {
        switch (s) {
        case JobseekerState::Unemployed: return LabourStatus::Unemployed;
        case JobseekerState::InServices: return LabourStatus::InService;
        case JobseekerState::InTraining: return LabourStatus::InTraining;
        case JobseekerState::EmployedSubsidised: return LabourStatus::EmployedSubsidised;
        case JobseekerState::EmployedOpenMarket: return LabourStatus::EmployedOpenMarket;
        case JobseekerState::Left: break;
        }
        return LabourStatus::OutsideLabourForce;
    }

    /// The output's target group: the rule's reason judged as if the person were unemployed
    /// and lived in a pilot municipality (so the groups partition everyone, whatever their state).
    [[nodiscard]] std::size_t group_of(const Agent& a) const {
        switch (classify_target_group(facts(a))) {
        case TargetGroupReason::NoEarningsRelatedAllowance: return 0;
        case TargetGroupReason::UnderThirty: return 1;
        case TargetGroupReason::ImmigrantOrForeignLanguage: return 2;
        default: return 3;
        }
    }

    [[nodiscard]] std::uint8_t desired_provider(const Agent& a) const {
        if (a.home_pilot == kNoProvider || !pilots_active()) {
            return te_;
        }
        if (p().pilots_serve_everyone) {
            return a.home_pilot;
        }
        if (a.state == JobseekerState::EmployedOpenMarket) {
            // Status 01 is not in the target group, but a client who finds such a job stays
            // with the provider they have ([S33]; the pilots' statistics count them).
            return a.provider != kNoProvider ? a.provider : te_;
        }
        // The law's rule with the person's real status (rule 3 covers the unemployed and those
        // in services, not subsidised employees).
        TargetGroupFacts f = facts(a);
        f.status = register_status(a.state);
        return in_pilot_target_group(f) ? a.home_pilot : te_;
    }

    void recheck(std::uint32_t i) {
        Agent& a = agent(i);
        const std::uint8_t want = desired_provider(a);
        if (want != a.provider) {
            const std::size_t g = group_of(a);
            flow(a.provider, g, Metric::TransfersOut) += 1.0;
            flow(want, g, Metric::TransfersIn) += 1.0;
            move_caseload(a, a.provider, want);
            a.provider = want;
            trace(i, TraceKind::Transfer, a.state);
        }
    }

    [[nodiscard]] double fte(std::uint8_t local) const {
        const auto& in = *sh_->in;
        const std::uint32_t g = global_[local];
        // The state staff the TE office keeps after the pilots took theirs.
        double te_left = p().counsellors[global_[te_]];
        double residents = 0.0;
        if (pilots_active()) {
            for (const std::uint8_t pl : pilots_) {
                te_left -= p().counsellors[global_[pl]];
                residents += in.providers[global_[pl]].resident_share;
            }
        }
        te_left = std::max(te_left, 0.0);
        if (pilots_active() && p().pilots_serve_everyone) {
            // TE24: all the region's state staff (those the pilots took included) are split
            // among the areas by where the jobseekers live; municipal staff stay where they are.
            const double state = p().counsellors[global_[te_]];
            return in.providers[g].pilot
                       ? state * in.providers[g].resident_share + p().municipal_counsellors[g]
                       : state * std::max(1.0 - residents, 0.0);
        }
        if (in.providers[g].pilot) {
            return pilots_active() ? p().counsellors[g] + p().municipal_counsellors[g] : 0.0;
        }
        return te_left;
    }

    void resize_stage_tables() {
        for (std::uint8_t l = 0; l < providers_.size(); ++l) {
            const std::size_t n = model_of(l).stages.size();
            providers_[l].waiting.resize(std::max(providers_[l].waiting.size(), n));
            providers_[l].in_use.resize(std::max(providers_[l].in_use.size(), n), 0);
        }
    }

    // ---- money --------------------------------------------------------------------------------

    /// Books benefits and service costs from a.accrued_until to now, to this month.
    void accrue(std::uint32_t i) {
        Agent& a = agent(i);
        const std::int32_t now = to_i32(now_);
        const double days = static_cast<double>(now - a.accrued_until) / SimTime::kMinutesPerDay;
        // The day the booked period starts (shares and rates of that day apply to all of it).
        const Date from = sh_->origin + static_cast<int>(from_i32(a.accrued_until).day_index());
        a.accrued_until = now;
        if (days <= 0.0 || a.state == JobseekerState::Left || a.provider == kNoProvider) {
            return;
        }
        const std::size_t g = group_of(a);
        double state_eur = 0.0;
        double municipal_eur = 0.0;
        double funds_eur = 0.0;
        const bool unemployed = a.state == JobseekerState::Unemployed;
        const bool paid = a.state != JobseekerState::EmployedOpenMarket &&
                          a.state != JobseekerState::EmployedSubsidised &&
                          (a.traits & kNoBenefitBit) == 0;
        if (paid) {
            const double benefit_days = days * 5.0 / 7.0; // paid five days a week
            flow(a.provider, g, Metric::BenefitDays) += benefit_days;
            const bool earnings_related = (a.flags & kEarningsRelated) != 0;
            const bool subsidy = (a.flags & kLabourMarketSubsidy) != 0;
            const double basic = benefit_days * p().basic_daily_eur;
            // The municipality's share of the basic amount. TE24 (from 2025): of every
            // unemployment benefit, also during services, stepping up with the benefit days
            // (earnings-related and basic allowance days plus labour-market subsidy days paid on
            // the basis of unemployment; assumption: days in services do not advance it). The
            // 2015 rule: of labour-market subsidy paid on the basis of unemployment only.
            double share = 0.0;
            if (p().te24_financing) {
                share = municipal_share_te24(
                    static_cast<double>(a.era_days) + static_cast<double>(a.lms_days),
                    p().te24_share_from_days, p().te24_shares);
            } else if (subsidy && unemployed) {
                share = municipal_share_of_lms(static_cast<int>(a.lms_days), from);
            }
            municipal_eur += basic * share;
            if (earnings_related) {
                // The municipal part comes out of the funds' payment.
                funds_eur += benefit_days * p().earnings_related_daily_eur - basic * share;
                a.era_days += static_cast<float>(benefit_days);
            } else {
                state_eur += basic * (1.0 - share);
                if (subsidy && unemployed) {
                    a.lms_days += static_cast<float>(benefit_days);
                } else if (!subsidy && p().te24_financing) {
                    a.era_days += static_cast<float>(benefit_days); // basic allowance days
                }
            }
        }
        if (!unemployed && a.stage != kNoStage && a.service_provider != kNoProvider) {
            const double service_eur = days * static_cast<double>(a.service_cost);
            state_eur += service_eur;
            flow(a.provider, g,
                 service_metric(ServiceMeasure::Spend,
                                model_of(a.service_provider).stages[a.stage].kind)) += service_eur;
        }
        flow(a.provider, g, Metric::SpendState) += state_eur;
        flow(a.provider, g, Metric::SpendMunicipality) += municipal_eur;
        flow(a.provider, g, Metric::SpendUnemploymentFunds) += funds_eur;
    }

    // ---- the labour market ---------------------------------------------------------------------

    [[nodiscard]] double demand_at(Date d) const {
        const RegionSpec& r = sh_->in->regions[region_];
        const auto& list = r.demand.empty() ? p().demand : r.demand;
        return r.demand_factor * indexed(list, month_offset(sh_->in->index_start, d));
    }

    /// Draws the time of the next job or other exit, under the current state, and schedules it.
    void schedule_spell_end(sim::Context& ctx, std::uint32_t i) {
        Agent& a = agent(i);
        auto r = rng(i, kSpell);
        const double horizon = sh_->horizon.days();
        const double now = now_.days();
        double base = p().job_finding_per_month / kDaysPerMonth * p().education_factors[education(a)];
        if ((a.flags & kNeedSkills) != 0) {
            base *= p().need_factors[0];
        }
        if ((a.flags & kNeedWorkAbility) != 0) {
            base *= p().need_factors[1];
        }
        if ((a.flags & kNeedSocial) != 0) {
            base *= p().need_factors[2];
        }
        if (a.state != JobseekerState::Unemployed && a.stage != kNoStage &&
            a.service_provider != kNoProvider) {
            base *= model_of(a.service_provider).stages[a.stage].lock_in;
        }
        double after = 1.0;
        if (a.after_stage != kNoStage && a.after_model < p().models.size() &&
            a.after_stage < p().models[a.after_model].stages.size()) {
            after = p().models[a.after_model].stages[a.after_stage].after_effect;
        }
        const double after_until = static_cast<double>(a.after_until) / SimTime::kMinutesPerDay;
        const double boost = std::max(1.0, p().interview_effect);
        const double spell0 = static_cast<double>(a.spell_start) / SimTime::kMinutesPerDay;
        const double t3 = spell0 + 3.0 * kDaysPerMonth;
        const double t12 = spell0 + 12.0 * kDaysPerMonth;

        double e = sim::exponential(r, 1.0);
        double t = now;
        double job_at = std::numeric_limits<double>::infinity();
        int month = static_cast<int>(std::upper_bound(sh_->month_starts.begin(),
                                                      sh_->month_starts.end(), date_now()) -
                                     sh_->month_starts.begin()) - 1;
        while (t < horizon && base > 0.0) {
            const Date month_date = sh_->month_starts[static_cast<std::size_t>(month)];
            const double month_end =
                static_cast<std::size_t>(month + 1) < sh_->month_starts.size()
                    ? static_cast<double>(sh_->month_starts[static_cast<std::size_t>(month + 1)] -
                                          sh_->origin)
                    : horizon;
            double seg_end = std::min(month_end, horizon);
            double dur = p().duration_factors[2];
            if (t < t3) {
                dur = p().duration_factors[0];
                seg_end = std::min(seg_end, t3);
            } else if (t < t12) {
                dur = p().duration_factors[1];
                seg_end = std::min(seg_end, t12);
            }
            double aft = 1.0;
            if (t < after_until) {
                aft = after;
                seg_end = std::min(seg_end, after_until);
            }
            // The interview effect is handled by thinning: proposals at the boosted rate,
            // accepted in job_found() with probability (actual factor / boost).
            aft *= boost;
            // The job-search obligation (the laid off only from 3 months on).
            const double obligation = laid_off(a) && t < t3 ? 1.0 : p().job_search_effect;
            const double rate = base * demand_at(month_date) * dur * aft * obligation;
            const double mass = rate * (seg_end - t);
            if (mass >= e && rate > 0.0) {
                job_at = t + e / rate;
                break;
            }
            e -= mass;
            t = seg_end;
            if (t >= month_end) {
                ++month;
                if (static_cast<std::size_t>(month) + 1 > sh_->month_starts.size()) {
                    break;
                }
            }
        }
        const double other_rate = p().other_exit_per_month / kDaysPerMonth;
        const double other_at =
            other_rate > 0.0 ? now + sim::exponential(r, other_rate) : std::numeric_limits<double>::infinity();
        const double recall_rate = laid_off(a) && a.state == JobseekerState::Unemployed
                                       ? p().recall_per_month / kDaysPerMonth
                                       : 0.0;
        const double recall_at = recall_rate > 0.0 ? now + sim::exponential(r, recall_rate)
                                                   : std::numeric_limits<double>::infinity();
        const double at = std::min({job_at, other_at, recall_at});
        if (at < horizon) {
            const SimTime when = std::max(now_, sim::from_days(at));
            timer(ctx, when, i,
                  at == recall_at ? kRecall : job_at <= other_at ? kJobFound : kOtherExit);
        }
        schedule_recheck(ctx, i, at);
    }

    /// The day membership of the pilots' target group can next change while nothing else
    /// happens to the person: the earnings-related allowance runs out, or the 30th birthday
    /// (DOMAIN.md §2.1). Scheduled only if it comes before `next_change` (days), the person's
    /// next drawn state change, which reschedules it.
    void schedule_recheck(sim::Context& ctx, std::uint32_t i, double next_change) {
        const Agent& a = agent(i);
        if (a.home_pilot == kNoProvider || now_ >= sh_->pilot_end) {
            return; // membership cannot change: no pilot at home, or the pilots are over
        }
        double due = std::numeric_limits<double>::infinity();
        const double birthday30 = a.birth_day + std::ceil(30.0 * 365.25);
        if (birthday30 > now_.days()) {
            due = birthday30;
        }
        if ((a.flags & kEarningsRelated) != 0 && a.state != JobseekerState::EmployedOpenMarket &&
            a.state != JobseekerState::EmployedSubsidised) {
            // Benefit days accrue five a week from accrued_until.
            const double left =
                static_cast<double>(p().earnings_related_max_days) - static_cast<double>(a.era_days);
            const double from = static_cast<double>(a.accrued_until) / SimTime::kMinutesPerDay;
            due = std::min(due, from + std::max(left, 0.0) * 7.0 / 5.0);
        }
        // Before the pilots start, the pilot.start event re-checks everyone.
        due = std::max(due, sh_->pilot_start.days());
        if (due < next_change && due < sh_->horizon.days() && due < sh_->pilot_end.days()) {
            // At least a minute on, so a recheck always moves the booking forward.
            timer(ctx, std::max(now_ + sim::minutes(1), sim::from_days(due)), i, kRecheck);
        }
    }

    /// A recheck timer: book the benefits to today, convert an exhausted allowance and move the
    /// person to the provider the rule now gives.
    void recheck_due(sim::Context& ctx, std::uint32_t i) {
        Agent& a = agent(i);
        if (a.state == JobseekerState::Left || a.state == JobseekerState::EmployedOpenMarket) {
            return;
        }
        accrue(i);
        if (convert_exhausted_allowance(a)) {
            trace(i, TraceKind::AllowanceEnds, a.state);
        }
        recheck(i);
        schedule_recheck(ctx, i, std::numeric_limits<double>::infinity());
    }

    // ---- lifecycle ----------------------------------------------------------------------------

    /// `live_` lists the registered in increasing index (registration order), so month-end
    /// passes walk memory forwards. Leavers are dropped lazily, at the next month end.
    void add_live(std::uint32_t i) { live_.push_back(i); }

    void compact_live() {
        live_.erase(std::remove_if(live_.begin(), live_.end(),
                                   [&](std::uint32_t i) {
                                       if (agent(i).state != JobseekerState::Left) {
                                           return false;
                                       }
                                       if ((agent(i).flags & kReturning) == 0) {
                                           free_.push_back(slot_of_[i]);
                                           slot_of_[i] = kNoSlot;
                                       }
                                       return true;
                                   }),
                    live_.end());
        last_compaction_ = to_i32(now_);
    }

    void draw_attributes(std::uint32_t i) {
        Agent& a = agent(i);
        auto r = rng(i, kAttributes);
        const auto& q = p();
        std::size_t band = 0;
        {
            double total = 0.0;
            for (const double w : q.age_shares) {
                total += w;
            }
            double u = r.uniform01() * total;
            while (band + 1 < q.age_shares.size() && u >= q.age_shares[band]) {
                u -= q.age_shares[band];
                ++band;
            }
        }
        static constexpr std::array<double, 5> kBandEdges{17.0, 25.0, 30.0, 50.0, 65.0};
        const double age = sim::uniform(r, kBandEdges[band], kBandEdges[band + 1]);
        a.birth_day = today() - static_cast<std::int32_t>(age * 365.25);
        const double lang = r.uniform01();
        if (lang < q.foreign_language_share) {
            a.flags |= kForeign;
        } else if (lang < q.foreign_language_share + q.swedish_share) {
            a.flags |= kSwedish;
        }
        const bool lay_off =
            r.uniform01() < share_at(q.laid_off_share, month_offset(sh_->in->index_start, date_now()));
        if (lay_off) {
            a.traits = static_cast<std::uint8_t>(a.traits | kLaidOffBit);
        }
        if (r.uniform01() < (lay_off ? q.laid_off_earnings_related : q.earnings_related_shares[band])) {
            a.flags |= kEarningsRelated;
        } else if (r.uniform01() < q.no_benefit_share) {
            a.traits = static_cast<std::uint8_t>(a.traits | kNoBenefitBit);
        } else if (r.uniform01() < q.labour_market_subsidy_share) {
            a.flags |= kLabourMarketSubsidy;
        }
        {
            const double u = r.uniform01() * (q.education_shares[0] + q.education_shares[1] +
                                              q.education_shares[2]);
            const unsigned level = u < q.education_shares[0]                           ? 0U
                                   : u < q.education_shares[0] + q.education_shares[1] ? 1U
                                                                                       : 2U;
            a.traits = static_cast<std::uint8_t>((a.traits & kLaidOffBit) | level);
        }
        if (r.uniform01() < q.need_shares[0]) {
            a.flags |= kNeedSkills;
        }
        if (r.uniform01() < q.need_shares[1]) {
            a.flags |= kNeedWorkAbility;
        }
        if (r.uniform01() < q.need_shares[2]) {
            a.flags |= kNeedSocial;
        }
        // Home municipality: one of the region's pilot areas, or the rest of the region.
        double u = r.uniform01();
        for (const std::uint8_t pl : pilots_) {
            const double share = sh_->in->providers[global_[pl]].resident_share;
            if (u < share) {
                a.home_pilot = pl;
                break;
            }
            u -= share;
        }
        if ((a.flags & kInitialStock) != 0) {
            // Already unemployed when the warm-up starts: elapsed duration with a mean of 8.4
            // months gives a long-term share of exp(-12/8.4) = 0.24, as in Dec 2019 (DOMAIN §5.1).
            const double elapsed = sim::exponential(r, 1.0 / (8.4 * kDaysPerMonth));
            a.spell_start = to_i32(now_) - static_cast<std::int32_t>(elapsed * SimTime::kMinutesPerDay);
            const double benefit_days = elapsed * 5.0 / 7.0;
            if ((a.flags & kEarningsRelated) != 0) {
                a.era_days = static_cast<float>(benefit_days);
            } else if ((a.flags & kLabourMarketSubsidy) != 0) {
                a.lms_days = static_cast<float>(benefit_days);
            }
            a.last_interview = to_i32(now_) - static_cast<std::int32_t>(
                r.uniform01() * p().interview_interval_days * SimTime::kMinutesPerDay);
            a.flags |= kFirstContactDone;
        }
        if ((a.flags & kLabourMarketSubsidy) != 0 && q.prior_lms_share > 0.0 &&
            r.uniform01() < q.prior_lms_share) {
            // Labour-market subsidy received in earlier spells: it counts towards the municipal
            // share and the TYP trigger. Someone who already had 300 days was assessed for TYP
            // in an earlier spell (assumption).
            a.lms_days += static_cast<float>(sim::exponential(r, 1.0 / q.prior_lms_days_mean));
            if (a.lms_days >= 300.0F) {
                a.flags |= kTypDue;
            }
        }
    }

    void register_agent(sim::Context& ctx, std::uint32_t i) {
        std::uint32_t slot = 0;
        if (free_.empty()) {
            slot = static_cast<std::uint32_t>(slots_.size());
            slots_.emplace_back();
        } else {
            slot = free_.back();
            free_.pop_back();
            slots_[slot] = Agent{};
        }
        slot_of_[i] = slot;
        Agent& a = slots_[slot];
        if (i < initial_count_) {
            a.flags = kInitialStock;
        }
        if (!traced_.empty() && std::binary_search(traced_.begin(), traced_.end(), i)) {
            a.flags |= kTraced;
        }
        draw_attributes(i);
        a.state = JobseekerState::Unemployed;
        if ((a.flags & kInitialStock) == 0) {
            a.spell_start = to_i32(now_);
        }
        a.accrued_until = to_i32(now_);
        convert_exhausted_allowance(a);
        a.provider = kNoProvider;
        a.provider = desired_provider(a);
        add_live(i);
        a.reg_provider = a.provider;
        a.reg_group = static_cast<std::uint8_t>(group_of(a));
        if ((a.flags & kFirstContactDone) != 0) {
            a.flags |= kInCaseload; // the initial stock is already some counsellor's client
            ++providers_[a.provider].caseload;
        } else {
            profile(a);
        }
        a.reg_month = static_cast<std::uint16_t>(current_month_);
        flow(a.provider, group_of(a), Metric::Inflow) += (a.flags & kInitialStock) != 0 ? 0.0 : 1.0;
        trace(i, TraceKind::Register, JobseekerState::Left);
        start_unemployment(ctx, i, (a.flags & kInitialStock) == 0);
    }

    /// Profiling at registration: the risk of still being unemployed 12 months on, from the
    /// model's own rates for the person's attributes and today's demand (a perfectly informed
    /// tool, an assumption: real profiling tools see less), sorted into the provider's risk
    /// groups.
    void profile(Agent& a) {
        const ServiceModel& m = model_of(a.provider);
        if (m.risk_thresholds.empty()) {
            return;
        }
        double base =
            p().job_finding_per_month * p().education_factors[education(a)] * demand_at(date_now());
        for (std::size_t k = 0; k < 3; ++k) {
            if ((a.flags & (kNeedSkills << k)) != 0) {
                base *= p().need_factors[k];
            }
        }
        const double months_exposed = 3.0 * p().duration_factors[0] + 9.0 * p().duration_factors[1];
        const double risk = std::exp(-(base * months_exposed + 12.0 * p().other_exit_per_month));
        std::uint32_t group = 0;
        while (group < m.risk_thresholds.size() && risk >= m.risk_thresholds[group]) {
            ++group;
        }
        if (group >= m.intensive_from_group) {
            a.flags |= kIntensive;
            flow(a.provider, group_of(a), Metric::ProfiledIntensive) += 1.0;
        }
    }

    /// Timers of an unemployed jobseeker: the first interview (a task with a deadline) or the
    /// next periodic one, and the spell's end.
    void start_unemployment(sim::Context& ctx, std::uint32_t i, bool new_registration) {
        Agent& a = agent(i);
        ++a.spell;
        a.flags = static_cast<std::uint16_t>(a.flags & ~kTaskQueued); // its queued tasks are void
        if (new_registration) {
            const Date deadline_day =
                contact_deadline(date_now(), p().initial_interview_working_days);
            const std::int32_t deadline =
                static_cast<std::int32_t>((deadline_day - sh_->origin + 1) * SimTime::kMinutesPerDay);
            providers_[a.provider].tasks.push(Task{i, a.spell, deadline, true});
            a.flags |= kTaskQueued;
        } else {
            schedule_next_interview(ctx, i);
        }
        schedule_spell_end(ctx, i);
    }

    /// Days between interviews for this jobseeker now (the intensive interval early in a spell).
    [[nodiscard]] int current_interval(const Agent& a) const {
        const bool intensive = p().intensive_interval_days > 0 &&
                               now_ < from_i32(a.spell_start) + sim::days(p().intensive_period_days);
        return intensive ? p().intensive_interval_days : p().interview_interval_days;
    }

    void schedule_next_interview(sim::Context& ctx, std::uint32_t i) {
        const Agent& a = agent(i);
        const int interval = current_interval(a);
        SimTime due = from_i32(a.last_interview) + sim::days(interval);
        // Due at 07:00 on its day, before the day's staff work (08:00).
        due = sim::days(std::max(due, now_).day_index()) + sim::hours(7);
        if (due < now_) {
            due += sim::days(1);
        }
        if (due < sh_->horizon) {
            timer(ctx, due, i, kInterviewDue);
        }
    }

    void interview_due(std::uint32_t i) {
        Agent& a = agent(i);
        if (a.state != JobseekerState::Unemployed) {
            return;
        }
        const Date deadline_day =
            sim::FinnishCalendar::add_working_days(date_now(), kInterviewGraceWorkingDays);
        const std::int32_t deadline =
            static_cast<std::int32_t>((deadline_day - sh_->origin + 1) * SimTime::kMinutesPerDay);
        providers_[a.provider].tasks.push(Task{i, a.spell, deadline, false});
        a.flags |= kTaskQueued;
    }

    /// True if the earnings-related allowance has just run out (labour-market subsidy now).
    bool convert_exhausted_allowance(Agent& a) {
        if ((a.flags & kEarningsRelated) != 0 &&
            a.era_days >= static_cast<float>(p().earnings_related_max_days)) {
            a.flags = static_cast<std::uint16_t>((a.flags & ~kEarningsRelated) | kLabourMarketSubsidy);
            a.lms_days = a.era_days - static_cast<float>(p().earnings_related_max_days);
            return true;
        }
        return false;
    }

    [[nodiscard]] std::size_t cohort_index(std::uint8_t provider, std::size_t group,
                                           std::size_t horizon, std::size_t outcome) const {
        return (std::size_t{provider} * kGroups + group) * kCohortMetricCount +
               horizon * kCohortOutcomes + outcome;
    }

    void leave(std::uint32_t i, Metric exit_metric) {
        Agent& a = agent(i);
        flow(a.provider, group_of(a), exit_metric) += 1.0;
        move_caseload(a, a.provider, kNoProvider);
        a.flags = static_cast<std::uint16_t>(a.flags & ~kInCaseload);
        if ((a.flags & kInitialStock) == 0) {
            // Gone for good: this is their state at every later cohort checkpoint.
            const std::size_t outcome = exit_metric == Metric::ExitsEmployment ? 5 : 6;
            for (std::size_t h = 0; h < kCohortHorizons.size(); ++h) {
                const int checkpoint = a.reg_month + kCohortHorizons[h];
                if (checkpoint >= current_month_ &&
                    checkpoint >= sh_->first_written_month + kCohortHorizons[h] &&
                    static_cast<std::size_t>(checkpoint) + 1 < sh_->month_starts.size()) {
                    auto& v = pending_cohorts_[checkpoint];
                    v.resize(providers_.size() * kGroups * kCohortMetricCount, 0.0);
                    v[cohort_index(a.reg_provider, a.reg_group, h, outcome)] += 1.0;
                }
            }
        }
        const JobseekerState before = a.state;
        a.state = JobseekerState::Left;
        a.stage = kNoStage;
        trace(i, exit_metric == Metric::ExitsEmployment ? TraceKind::ExitEmployment
                                                         : TraceKind::ExitOther,
              before);
    }

    void release_seat(sim::Context& ctx, std::uint32_t i) {
        Agent& a = agent(i);
        if (a.state == JobseekerState::Unemployed || a.state == JobseekerState::Left ||
            a.stage == kNoStage || a.service_provider == kNoProvider) {
            return;
        }
        const std::uint8_t prov = a.service_provider;
        const std::uint8_t stage = a.stage;
        auto& ps = providers_[prov];
        if (ps.in_use[stage] > 0) {
            --ps.in_use[stage];
        }
        a.stage = kNoStage;
        a.service_provider = kNoProvider;
        if (closed_now(model_of(prov).stages[stage])) {
            return; // the waiting start when the stage opens
        }
        // The next valid jobseeker waiting for this stage takes the seat.
        auto& q = ps.waiting[stage];
        while (!q.empty()) {
            const Waiting w = q.front();
            q.pop_front();
            Agent& b = agent(w.agent);
            if (b.spell == w.spell && b.state == JobseekerState::Unemployed && b.stage == stage) {
                start_stage(ctx, w.agent, prov, stage, w.since);
                break;
            }
        }
    }

    void job_found(sim::Context& ctx, std::uint32_t i) {
        Agent& a = agent(i);
        if (a.state == JobseekerState::Left || a.state == JobseekerState::EmployedOpenMarket) {
            return;
        }
        auto r = rng(i, kSpell);
        {
            // Thinning (see schedule_spell_end): the proposal came at the rate with the
            // interview effect; it stands with probability (effect now) / (effect assumed).
            const double boost = std::max(1.0, p().interview_effect);
            const double actual = to_i32(now_) < a.boost_until ? p().interview_effect : 1.0;
            if (r.uniform01() * boost >= actual) {
                schedule_spell_end(ctx, i);
                return;
            }
        }
        accrue(i);
        release_seat(ctx, i);
        cancel_timers(i);
        end_lay_off(a); // a new job ends the lay-off
        if (r.uniform01() < p().registered_job_share) {
            const JobseekerState before = a.state;
            a.state = JobseekerState::EmployedOpenMarket;
            trace(i, TraceKind::RegisteredJob, before);
            a.stage = kNoStage;
            ++a.spell;
            a.flags = static_cast<std::uint16_t>(a.flags & ~kTaskQueued); // its queued tasks are void
            const double months = sim::exponential(r, 1.0 / p().registered_job_months);
            const SimTime end = now_ + sim::from_days(months * kDaysPerMonth);
            if (end < sh_->horizon) {
                timer(ctx, end, i, kRegisteredJobEnd);
            }
            return;
        }
        leave(i, Metric::ExitsEmployment);
        maybe_return(ctx, i);
    }

    /// After an exit (other than a move away) the person registers again, as a new spell,
    /// with probability `reregister_share`, after an exponential time of mean
    /// `reregister_months` (assumption); the slot is kept meanwhile.
    void maybe_return(sim::Context& ctx, std::uint32_t i) {
        if (p().reregister_share <= 0.0) {
            return;
        }
        Agent& a = agent(i);
        auto r = rng(i, kSpell);
        if (r.uniform01() >= p().reregister_share) {
            return;
        }
        const double months = sim::exponential(r, 1.0 / p().reregister_months);
        const SimTime at = now_ + sim::from_days(months * kDaysPerMonth);
        if (at < sh_->horizon) {
            a.flags |= kReturning;
            timer(ctx, at, i, kReturn);
        }
    }

    void return_to_register(sim::Context& ctx, std::uint32_t i) {
        Agent& a = agent(i);
        if ((a.flags & kReturning) == 0 || a.state != JobseekerState::Left) {
            return;
        }
        a.flags = static_cast<std::uint16_t>(a.flags & ~(kReturning | kInitialStock | kTypDue |
                                                          kIntensive | kAssessed | kTaskQueued));
        if (a.accrued_until < last_compaction_) {
            add_live(i); // dropped from live_ at the last month start
        }
        a.state = JobseekerState::Unemployed;
        a.stage = kNoStage;
        a.service_provider = kNoProvider;
        a.spell_start = to_i32(now_);
        a.accrued_until = to_i32(now_);
        a.last_interview = to_i32(now_);
        a.after_stage = kNoStage;
        end_lay_off(a);
        convert_exhausted_allowance(a);
        a.provider = kNoProvider;
        a.provider = desired_provider(a);
        a.reg_provider = a.provider;
        a.reg_group = static_cast<std::uint8_t>(group_of(a));
        a.reg_month = static_cast<std::uint16_t>(current_month_);
        flow(a.provider, group_of(a), Metric::Inflow) += 1.0;
        flow(a.provider, group_of(a), Metric::Reregistrations) += 1.0;
        profile(a);
        trace(i, TraceKind::Register, JobseekerState::Left);
        start_unemployment(ctx, i, true);
    }

    void registered_job_end(sim::Context& ctx, std::uint32_t i) {
        Agent& a = agent(i);
        if (a.state != JobseekerState::EmployedOpenMarket) {
            return;
        }
        accrue(i);
        auto r = rng(i, kSpell);
        if (r.uniform01() < p().return_after_job_share) {
            a.state = JobseekerState::Unemployed;
            a.spell_start = to_i32(now_);
            a.last_interview = to_i32(now_);
            trace(i, TraceKind::JobEnds, JobseekerState::EmployedOpenMarket);
            recheck(i);
            start_unemployment(ctx, i, false);
            return;
        }
        leave(i, Metric::ExitsEmployment);
        maybe_return(ctx, i);
    }

    /// A laid-off jobseeker goes back to their employer: an exit to employment.
    void recall(sim::Context& ctx, std::uint32_t i) {
        Agent& a = agent(i);
        if (a.state != JobseekerState::Unemployed || !laid_off(a)) {
            return;
        }
        accrue(i);
        release_seat(ctx, i);
        cancel_timers(i);
        flow(a.provider, group_of(a), Metric::Recalls) += 1.0;
        end_lay_off(a);
        leave(i, Metric::ExitsEmployment);
        maybe_return(ctx, i);
    }

    void other_exit(sim::Context& ctx, std::uint32_t i) {
        Agent& a = agent(i);
        if (a.state == JobseekerState::Left || a.state == JobseekerState::EmployedOpenMarket) {
            return;
        }
        accrue(i);
        release_seat(ctx, i);
        cancel_timers(i);
        // Where to (assumption: DOMAIN.md has no split of exits by destination).
        static constexpr std::array<Metric, 4> kDestinations{
            Metric::ExitsEducation, Metric::ExitsOutOfLabourForce, Metric::ExitsMoved,
            Metric::ExitsDeregistered};
        const auto& shares = p().other_exit_shares;
        double u = rng(i, kSpell).uniform01() * (shares[0] + shares[1] + shares[2] + shares[3]);
        std::size_t d = 0;
        while (d + 1 < shares.size() && u >= shares[d]) {
            u -= shares[d];
            ++d;
        }
        flow(a.provider, group_of(a), kDestinations[d]) += 1.0;
        leave(i, Metric::ExitsOther);
        if (kDestinations[d] != Metric::ExitsMoved) {
            maybe_return(ctx, i); // a move away is to another region: a new person there
        }
    }

    // ---- services -----------------------------------------------------------------------------

    [[nodiscard]] bool has_need(const Agent& a, Need n) const {
        switch (n) {
        case Need::None: return true;
        case Need::Skills: return (a.flags & kNeedSkills) != 0 && (a.flags & kAssessed) != 0;
        case Need::WorkAbility: return (a.flags & kNeedWorkAbility) != 0 && (a.flags & kAssessed) != 0;
        case Need::Social: return (a.flags & kNeedSocial) != 0 && (a.flags & kAssessed) != 0;
        case Need::ForeignLanguage: return (a.flags & kForeign) != 0;
        }
        return false;
    }

    /// Enters stage `s` of the model of provider `prov`: starts it, waits for a seat, or routes
    /// on at once (a stage without duration); an exit stage returns to job search.
    /// `since` is when the jobseeker was referred (for the waits per service).
    void enter_stage(sim::Context& ctx, std::uint32_t i, std::uint8_t prov, std::uint32_t s,
                     std::uint32_t from_stage, std::int32_t since) {
        Agent& a = agent(i);
        const ServiceModel& m = model_of(prov);
        for (int hops = 0; hops < 64; ++hops) {
            const ServiceStage& st = m.stages[s];
            if (st.stage.exit) {
                return_to_job_search(ctx, i, prov, from_stage);
                return;
            }
            if (st.stage.duration.kind != Duration::Kind::None) {
                if (closed_now(st)) {
                    // No starts this month (e.g. the summer break of courses): wait for the
                    // next open month.
                    wait_unemployed(ctx, i, prov, from_stage, s);
                    providers_[prov].waiting[s].push_back(Waiting{i, a.spell, since});
                    trace(i, TraceKind::WaitForService, a.state);
                    return;
                }
                if (BudgetState* b = budget_for(prov, st.kind); b != nullptr && b->left <= 0.0) {
                    // This year's money for the service is spent.
                    if (b->quota->queue) {
                        wait_unemployed(ctx, i, prov, from_stage, s);
                        b->waiting.push_back(
                            BudgetWait{Waiting{i, a.spell, since}, prov, static_cast<std::uint8_t>(s)});
                        trace(i, TraceKind::WaitForBudget, a.state);
                    } else {
                        flow(a.provider, group_of(a), Metric::BudgetRefusals) += 1.0;
                        trace(i, TraceKind::BudgetRefused, a.state);
                        wait_unemployed(ctx, i, prov, from_stage, kNoStage);
                    }
                    return;
                }
                auto& ps = providers_[prov];
                const std::uint32_t seats =
                    st.stage.servers == 0
                        ? std::numeric_limits<std::uint32_t>::max()
                        : std::max<std::uint32_t>(1, static_cast<std::uint32_t>(std::lround(
                                                         st.stage.servers * scale())));
                if (ps.in_use[s] < seats) {
                    start_stage(ctx, i, prov, static_cast<std::uint8_t>(s), since);
                } else {
                    // Waits, unemployed and searching, for a seat.
                    wait_unemployed(ctx, i, prov, from_stage, s);
                    ps.waiting[s].push_back(Waiting{i, a.spell, since});
                    trace(i, TraceKind::WaitForService, a.state);
                }
                return;
            }
            const auto next = route(i, m, s);
            if (!next) {
                return_to_job_search(ctx, i, prov, from_stage);
                return;
            }
            s = *next;
        }
        return_to_job_search(ctx, i, prov, from_stage);
    }

    /// The jobseeker searches for work while waiting for stage `s` (or, with kNoStage, after a
    /// refusal): one coming out of a service returns to job search first.
    void wait_unemployed(sim::Context& ctx, std::uint32_t i, std::uint8_t prov,
                         std::uint32_t from_stage, std::uint32_t s) {
        Agent& a = agent(i);
        if (a.state == JobseekerState::Unemployed) {
            schedule_next_interview(ctx, i);
        } else {
            return_to_job_search(ctx, i, prov, from_stage);
        }
        a.stage = static_cast<std::uint8_t>(s);
        a.service_provider = kNoProvider;
    }

    std::optional<std::uint32_t> route(std::uint32_t i, const ServiceModel& m, std::uint32_t s) {
        const Agent& a = agent(i);
        const Stage& st = m.stages[s].stage;
        std::array<double, 32> w{};
        double total = 0.0;
        const std::size_t n = std::min<std::size_t>(st.next.size(), w.size());
        for (std::size_t k = 0; k < n; ++k) {
            if (has_need(a, m.stages[st.next[k]].requires_need)) {
                w[k] = st.next_probability[k];
                total += w[k];
            }
        }
        if (total <= 0.0) {
            return std::nullopt;
        }
        auto r = rng(i, kService);
        double u = r.uniform01() * total;
        for (std::size_t k = 0; k < n; ++k) {
            if (w[k] > 0.0 && u < w[k]) {
                return st.next[k];
            }
            u -= w[k];
        }
        for (std::size_t k = n; k-- > 0;) {
            if (w[k] > 0.0) {
                return st.next[k];
            }
        }
        return std::nullopt;
    }

    void start_stage(sim::Context& ctx, std::uint32_t i, std::uint8_t prov, std::uint8_t s,
                     std::int32_t since) {
        Agent& a = agent(i);
        const ServiceStage& st = model_of(prov).stages[s];
        const auto kind = static_cast<std::size_t>(st.kind);
        providers_[prov].wait_days[kind] +=
            static_cast<double>(std::max(to_i32(now_) - since, 0)) / SimTime::kMinutesPerDay;
        providers_[prov].wait_starts[kind] += 1.0;
        accrue(i);
        cancel_timers(i);
        ++providers_[prov].in_use[s];
        const JobseekerState before = a.state;
        a.state = st.status == JobseekerState::Unemployed ? JobseekerState::InServices : st.status;
        a.stage = s;
        a.service_provider = prov;
        trace(i, TraceKind::ServiceStart, before);
        ++a.spell;
        a.flags = static_cast<std::uint16_t>(a.flags & ~kTaskQueued); // its queued tasks are void
        flow(a.provider, group_of(a), Metric::ServiceStarts) += 1.0;
        flow(a.provider, group_of(a), service_metric(ServiceMeasure::Starts, st.kind)) += 1.0;
        auto r = rng(i, kService);
        SimTime length = st.stage.duration.draw(r);
        a.service_cost = static_cast<float>(st.cost_per_day_eur);
        if (st.kind == ServiceKind::WorkTrial) {
            // At most 6 months with one employer (DOMAIN.md §3.2 [S53]; the 12-month total over
            // employers is not tracked).
            length = std::min(length, sim::from_days(6.0 * kDaysPerMonth));
        }
        if (st.kind == ServiceKind::RehabilitativeWorkActivity) {
            // 3 to 24 months (DOMAIN.md §3.2 [S51]).
            length = std::clamp(length, sim::from_days(3.0 * kDaysPerMonth),
                                sim::from_days(24.0 * kDaysPerMonth));
        }
        if (st.kind == ServiceKind::StartUpGrant) {
            // Paid at the level of the basic daily allowance, five days a week, for at most
            // 12 months (DOMAIN.md §3.2 [S57]).
            length = std::min(length, sim::days(365));
            a.service_cost = static_cast<float>(p().basic_daily_eur * 5.0 / 7.0);
        }
        if (st.kind == ServiceKind::PaySubsidy) {
            const double months = static_cast<double>(to_i32(now_) - a.spell_start) /
                                  SimTime::kMinutesPerDay / kDaysPerMonth;
            const auto terms =
                pay_subsidy_terms(months, (a.flags & kNeedWorkAbility) != 0, date_now());
            length = sim::from_days(terms.months * kDaysPerMonth);
            a.service_cost = static_cast<float>(
                std::min(terms.rate * p().pay_subsidy_wage_cost_eur_month, terms.cap_eur_month) /
                kDaysPerMonth);
        }
        const SimTime end = now_ + std::max(length, sim::minutes(1));
        a.service_end = to_i32(std::min(end, sh_->horizon));
        if (BudgetState* b = budget_for(prov, st.kind)) {
            // The start commits the service's whole cost to this year's budget.
            b->left -= static_cast<double>(a.service_cost) * (end - now_).days();
        }
        if (end < sh_->horizon) {
            timer(ctx, end, i, kServiceEnd);
        }
        schedule_spell_end(ctx, i);
    }

    void service_end(sim::Context& ctx, std::uint32_t i) {
        Agent& a = agent(i);
        if (a.state == JobseekerState::Left || a.state == JobseekerState::Unemployed ||
            a.stage == kNoStage) {
            return;
        }
        const std::uint8_t prov = a.service_provider;
        const std::uint8_t s = a.stage;
        accrue(i);
        release_seat(ctx, i);
        cancel_timers(i);
        const auto next = route(i, model_of(prov), s);
        if (next) {
            enter_stage(ctx, i, prov, *next, s, to_i32(now_));
        } else {
            return_to_job_search(ctx, i, prov, s);
        }
    }

    void return_to_job_search(sim::Context& ctx, std::uint32_t i, std::uint8_t prov,
                              std::uint32_t from_stage) {
        Agent& a = agent(i);
        const JobseekerState before = a.state;
        const bool was_unemployed = before == JobseekerState::Unemployed;
        accrue(i);
        cancel_timers(i);
        a.state = JobseekerState::Unemployed;
        a.stage = kNoStage;
        a.service_provider = kNoProvider;
        if (!was_unemployed) {
            trace(i, TraceKind::ServiceEnd, before);
        }
        if (!was_unemployed && from_stage != kNoStage) {
            // The unemployment duration runs on through services (assumption: the register's
            // rules on when a service breaks "continuous unemployment" are not modelled).
            const ServiceStage& st = model_of(prov).stages[from_stage];
            a.after_stage = static_cast<std::uint8_t>(from_stage);
            a.after_model = static_cast<std::uint8_t>(p().service_model[global_[prov]]);
            a.after_until = to_i32(now_ + sim::from_days(st.after_effect_days));
        }
        a.last_interview = to_i32(now_);
        recheck(i);
        start_unemployment(ctx, i, false);
    }

    // ---- staff work ---------------------------------------------------------------------------

    void staff_day(sim::Context& ctx) {
        const double minutes_per_fte = p().counsellor_minutes_per_day;
        for (std::uint8_t l = 0; l < providers_.size(); ++l) {
            // Minutes carry over: a task that overruns the day is paid back the next day, and
            // an unused day is not banked (staff cannot work ahead of demand). So a provider
            // with less than one task's minutes a day (a small pilot at a small scale) still
            // does the right amount of work on average.
            auto& ps = providers_[l];
            const double cap = model_of(l).caseload_cap * fte(l) * scale();
            // First contacts held back by a caseload cap go ahead as places free up.
            for (double room = cap - ps.caseload; room > 0.0 && !ps.intake.empty(); room -= 1.0) {
                ps.tasks.push(ps.intake.front());
                ps.intake.pop_front();
            }
            if (cap <= 0.0) {
                for (const Task& t : ps.intake) {
                    ps.tasks.push(t); // the cap was lifted
                }
                ps.intake.clear();
            }
            const double today_minutes = fte(l) * scale() * minutes_per_fte;
            ps.minutes_available += today_minutes;
            ps.balance = std::min(ps.balance, 0.0) + today_minutes;
            double used = 0.0;
            auto& tasks = ps.tasks;
            while (ps.balance > 0.0 && !tasks.empty()) {
                const Task t = tasks.pop();
                Agent& a = agent(t.agent);
                if (a.spell != t.spell || a.state != JobseekerState::Unemployed) {
                    continue; // the jobseeker has moved on: nothing to do
                }
                if (a.provider != l) {
                    providers_[a.provider].tasks.push(t); // transferred: the new provider does it
                    continue;
                }
                if (t.initial && cap > 0.0 && static_cast<double>(ps.caseload) >= cap) {
                    ps.intake.push_back(t); // no place in a counsellor's caseload yet
                    continue;
                }
                const double minutes = interview(ctx, t);
                ps.balance -= minutes;
                used += minutes;
            }
            ps.minutes_used += used;
        }
        // Next working day, 08:00.
        const Date next = sim::FinnishCalendar::add_working_days(date_now() + 1, 0);
        const SimTime at = sim::days(next - sh_->origin) + sim::hours(8);
        if (at < sh_->horizon) {
            ctx.schedule(at, self_, kStaffDay, 0, 1);
        }
    }

    /// Holds an interview (the first contact and initial interview, or a periodic one);
    /// returns the staff minutes it took.
    double interview(sim::Context& ctx, const Task& t) {
        const std::uint32_t i = t.agent;
        Agent& a = agent(i);
        a.flags = static_cast<std::uint16_t>(a.flags & ~kTaskQueued);
        const ServiceModel& m = model_of(a.provider);
        auto r = rng(i, kProcess);
        double minutes = t.initial ? m.contact_minutes : m.interview_minutes;
        const std::size_t g = group_of(a);
        const bool intensive = (a.flags & kIntensive) != 0 && !m.risk_thresholds.empty();
        if ((a.flags & kAssessed) == 0 &&
            (r.uniform01() < (t.initial ? m.assess_at_start : m.assess_at_interview) ||
             (intensive && t.initial))) {
            a.flags |= kAssessed;
            minutes += m.assessment_minutes;
            trace(i, TraceKind::Assessment, a.state);
        }
        flow(a.provider, g, Metric::InterviewsHeld) += 1.0;
        const bool late = to_i32(now_) > t.deadline;
        if (late) {
            flow(a.provider, g, Metric::InterviewsLate) += 1.0;
        }
        if (t.initial) {
            a.flags |= kFirstContactDone;
            if ((a.flags & kInCaseload) == 0) {
                a.flags |= kInCaseload;
                ++providers_[a.provider].caseload;
            }
            flow(a.provider, g, Metric::FirstContacts) += 1.0;
            auto& ps = providers_[a.provider];
            const double days = (now_ - from_i32(a.spell_start)).days();
            ps.contact_days_sum += days;
            ps.contact_days.push_back(static_cast<float>(days));
            ps.initial_on_time += late ? 0.0 : 1.0;
        }
        a.last_interview = to_i32(now_);
        a.boost_until = to_i32(now_ + sim::from_days(p().interview_effect_days));
        trace(i, t.initial ? TraceKind::FirstContact : TraceKind::Interview, a.state);
        const bool needs = (a.flags & (kNeedSkills | kNeedWorkAbility | kNeedSocial)) != 0;
        // Referral rates are per 3 months: interviews held more often than every 91 days (the
        // Nordic model's job-search discussions) refer proportionally less each.
        const double per_quarter = std::min(1.0, static_cast<double>(current_interval(a)) / 91.0);
        const double usual =
            (a.flags & kAssessed) != 0 && needs ? m.referral_assessed : m.referral_other;
        // The laid off wait to be recalled: no services (assumption).
        const double referral =
            laid_off(a) ? 0.0
                        : (intensive ? std::max(usual, m.referral_intensive) : usual) *
                              (t.initial ? 1.0 : per_quarter);
        if (r.uniform01() < referral && !m.stages.empty()) {
            enter_stage(ctx, i, a.provider, m.entry, kNoStage, to_i32(now_));
        } else {
            schedule_next_interview(ctx, i);
        }
        return minutes;
    }

    // ---- region events ------------------------------------------------------------------------

    void month_start(sim::Context& ctx, std::uint32_t k) {
        compact_live();
        current_month_ = static_cast<int>(k);
        if (k > 0) {
            // Every month end books money and re-checks membership and TYP; from
            // scenario.start on it also writes the month's results.
            snapshot(static_cast<int>(k) - 1);
        }
        std::fill(flows_.begin(), flows_.end(), 0.0);
        for (auto& ps : providers_) {
            ps.minutes_used = 0.0;
            ps.minutes_available = 0.0;
            ps.contact_days_sum = 0.0;
            ps.contact_days.clear();
            ps.initial_on_time = 0.0;
            ps.wait_days.fill(0.0);
            ps.wait_starts.fill(0.0);
        }
        if (k > 0 && sh_->month_starts[k].month() == 1) {
            new_budget_year(ctx);
        }
        // TYP assessments that became due by the month end (counted in the new month).
        for (const std::uint32_t i : typ_due_) {
            Agent& a = agent(i);
            if (a.state != JobseekerState::Unemployed || (a.flags & kTypDue) != 0) {
                continue;
            }
            a.flags |= kTypDue;
            flow(a.provider, group_of(a), Metric::TypReferrals) += 1.0;
            trace(i, TraceKind::TypDue, a.state);
            if (const auto typ = model_of(a.provider).typ_stage) {
                enter_stage(ctx, i, a.provider, *typ, kNoStage, to_i32(now_));
            }
        }
        typ_due_.clear();
        if (k + 1 >= sh_->month_starts.size()) {
            return; // the month after the end: only the snapshot
        }
        // The initial stock registers at the start; each month's registrations are spread
        // uniformly over the month, drawn only now so that nobody's registration time is held
        // for the whole run. Local indices follow registration order.
        if (k == 0) {
            for (; next_to_schedule_ < initial_count_; ++next_to_schedule_) {
                ctx.schedule(SimTime::zero(), self_, kRegister, next_to_schedule_, 1);
            }
        }
        if (k < month_counts_.size() && month_counts_[k] > 0) {
            sim::RandomStream rs(sim::StreamKey{sh_->seed, sh_->replication,
                                                0xFFFF'0000ULL + region_, (1ULL << 32) | k});
            const double first = static_cast<double>(sh_->month_starts[k] - sh_->origin);
            const double len = static_cast<double>(sh_->month_starts[k + 1] - sh_->month_starts[k]);
            std::vector<std::int32_t> times(month_counts_[k]);
            for (auto& t : times) {
                t = static_cast<std::int32_t>((first + rs.uniform01() * len) * SimTime::kMinutesPerDay);
            }
            std::sort(times.begin(), times.end());
            for (const std::int32_t t : times) {
                ctx.schedule(from_i32(t), self_, kRegister, next_to_schedule_++, 1);
            }
        }
        if (k > 0 && any_closed_months()) {
            ctx.schedule(sim::days(sh_->month_starts[k] - sh_->origin), self_, kOpenStages, 0, 1);
        }
        // The month's books close at its last minute (23:59 on its last day), before anything
        // dated on the next month's first day happens.
        ctx.schedule(sim::days(sh_->month_starts[k + 1] - sh_->origin) - sim::minutes(1), self_,
                     kMonthStart, k + 1, 0);
        if (k == 0) {
            for (std::uint32_t pi = 1; pi < sh_->period_starts.size(); ++pi) {
                if (sh_->period_starts[pi] < sh_->horizon) {
                    ctx.schedule(sh_->period_starts[pi], self_, kPolicy, pi, 1);
                }
            }
            if (sh_->pilot_start < sh_->horizon) {
                ctx.schedule(std::max(sh_->pilot_start, now_), self_, kPilotStart, 0, 1);
            }
            if (sh_->pilot_end < sh_->horizon) {
                ctx.schedule(sh_->pilot_end, self_, kPilotEnd, 0, 1);
            }
            const Date first = sim::FinnishCalendar::add_working_days(sh_->origin, 0);
            ctx.schedule(sim::days(first - sh_->origin) + sim::hours(8), self_, kStaffDay, 0, 1);
        }
    }

    void policy(sim::Context& ctx, std::uint32_t period) {
        const ModelParams& before = *params_;
        params_ = &sh_->in->periods[period].second;
        resize_stage_tables();
        if (before.pilots_serve_everyone != params_->pilots_serve_everyone) {
            recheck_all(ctx); // a new target-group rule moves people today
        }
        if (!changes_timing(before, *params_)) {
            return; // e.g. a new benefit level: money is booked at the new rate from now on
        }
        // New rates and interview rules apply at once, also to jobseekers already registered.
        for (const std::uint32_t i : live_) {
            Agent& a = agent(i);
            if (a.state == JobseekerState::EmployedOpenMarket || a.state == JobseekerState::Left) {
                continue;
            }
            cancel_timers(i);
            schedule_spell_end(ctx, i);
            if (a.state == JobseekerState::Unemployed) {
                // A jobseeker whose interview already waits in a queue keeps that one.
                if ((a.flags & kFirstContactDone) != 0 && (a.flags & kTaskQueued) == 0) {
                    schedule_next_interview(ctx, i);
                }
            } else if (from_i32(a.service_end) < sh_->horizon) {
                timer(ctx, std::max(now_, from_i32(a.service_end)), i, kServiceEnd);
            }
        }
    }

    [[nodiscard]] bool any_closed_months() const {
        for (const auto& [date, q] : sh_->in->periods) {
            for (const ServiceModel& m : q.models) {
                for (const ServiceStage& st : m.stages) {
                    if (st.closed_months != 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /// A new year's money: budgets start again (what was overspent is not carried over) and
    /// those waiting for money are referred again, first come first served, while it lasts.
    void new_budget_year(sim::Context& ctx) {
        for (BudgetState& b : budgets_) {
            b.left = b.quota->eur_per_year * scale();
            while (b.left > 0.0 && !b.waiting.empty()) {
                const BudgetWait w = b.waiting.front();
                b.waiting.pop_front();
                Agent& a = agent(w.who.agent);
                if (a.spell != w.who.spell || a.state != JobseekerState::Unemployed ||
                    a.stage != w.stage || w.stage >= model_of(w.provider).stages.size()) {
                    continue; // moved on meanwhile
                }
                a.stage = kNoStage;
                enter_stage(ctx, w.who.agent, w.provider, w.stage, kNoStage, w.who.since);
            }
        }
    }

    void recheck_all(sim::Context&) {
        for (const std::uint32_t i : live_) {
            if (agent(i).state != JobseekerState::Left) {
                recheck(i);
            }
        }
    }

    void snapshot(int month) {
        std::vector<double> v = flows_;
        auto at = [&](std::uint8_t prov, std::size_t g, Metric m) -> double& {
            return v[(std::size_t{prov} * kGroups + g) * kMetricCount + static_cast<std::size_t>(m)];
        };
        std::vector<double> clients(providers_.size(), 0.0);
        const std::int32_t now = to_i32(now_);
        std::vector<double> cohorts(providers_.size() * kGroups * kCohortMetricCount, 0.0);
        if (auto it = pending_cohorts_.find(month); it != pending_cohorts_.end()) {
            cohorts = std::move(it->second);
            cohorts.resize(providers_.size() * kGroups * kCohortMetricCount, 0.0);
            pending_cohorts_.erase(it);
        }
        for (const std::uint32_t i : live_) {
            accrue(i);
            Agent& a = agent(i);
            if ((a.flags & kInitialStock) == 0 && a.state != JobseekerState::Left) {
                const int since = month - a.reg_month;
                for (std::size_t h = 0; h < kCohortHorizons.size(); ++h) {
                    if (since == kCohortHorizons[h] &&
                        a.reg_month >= sh_->first_written_month) {
                        cohorts[cohort_index(a.reg_provider, a.reg_group, h,
                                             static_cast<std::size_t>(a.state))] += 1.0;
                    }
                }
            }
            if (convert_exhausted_allowance(a)) {
                trace(i, TraceKind::AllowanceEnds, a.state);
            }
            recheck(i);
            const std::size_t g = group_of(a);
            at(a.provider, g, Metric::Jobseekers) += 1.0;
            clients[a.provider] += 1.0;
            switch (a.state) {
            case JobseekerState::Unemployed: {
                at(a.provider, g, Metric::Unemployed) += 1.0;
                if (laid_off(a)) {
                    at(a.provider, g, Metric::UnemployedLaidOff) += 1.0;
                }
                const double months = static_cast<double>(now - a.spell_start) /
                                      SimTime::kMinutesPerDay / kDaysPerMonth;
                if ((a.flags & kTypDue) == 0 &&
                    typ_assessment_required(static_cast<double>(a.lms_days),
                                            static_cast<int>(age_years(a)), months)) {
                    typ_due_.push_back(i);
                }
                at(a.provider, g,
                   months < 3.0    ? Metric::UnemployedUnder3m
                   : months < 12.0 ? Metric::Unemployed3to12m
                                   : Metric::Unemployed12mPlus) += 1.0;
                break;
            }
            case JobseekerState::InServices: at(a.provider, g, Metric::InServices) += 1.0; break;
            case JobseekerState::InTraining: at(a.provider, g, Metric::InTraining) += 1.0; break;
            case JobseekerState::EmployedSubsidised:
                at(a.provider, g, Metric::EmployedSubsidised) += 1.0;
                break;
            case JobseekerState::EmployedOpenMarket:
                at(a.provider, g, Metric::EmployedOpenMarket) += 1.0;
                break;
            case JobseekerState::Left: break;
            }
            if (a.state != JobseekerState::Unemployed && a.stage != kNoStage &&
                a.service_provider != kNoProvider) {
                at(a.provider, g,
                   service_metric(ServiceMeasure::Stock,
                                  model_of(a.service_provider).stages[a.stage].kind)) += 1.0;
            }
        }
        // The accruals and transfers just booked belong to the month that ended.
        for (std::size_t k = 0; k < v.size(); ++k) {
            const auto m = static_cast<Metric>(k % kMetricCount);
            if (m == Metric::SpendState || m == Metric::SpendMunicipality ||
                m == Metric::SpendUnemploymentFunds || m == Metric::TransfersIn ||
                m == Metric::TransfersOut || m == Metric::BenefitDays ||
                (metric_is_service(m) && service_measure_of(m) == ServiceMeasure::Spend)) {
                v[k] = flows_[k];
            }
        }
        auto valid_wait = [&](const Waiting& w, std::uint8_t stage) {
            const Agent& a = agent(w.agent);
            return a.spell == w.spell && a.state == JobseekerState::Unemployed && a.stage == stage;
        };
        for (const BudgetState& b : budgets_) {
            for (const BudgetWait& w : b.waiting) {
                if (valid_wait(w.who, w.stage)) {
                    const auto kind = model_of(w.provider).stages[w.stage].kind;
                    at(w.provider, kAllGroup, Metric::BudgetQueue) += 1.0;
                    at(w.provider, kAllGroup, service_metric(ServiceMeasure::Queue, kind)) += 1.0;
                }
            }
        }
        const double inv = 1.0 / scale();
        for (std::uint8_t l = 0; l < providers_.size(); ++l) {
            const auto& ps = providers_[l];
            auto live_task = [&](const Task& t) {
                const Agent& a = agent(t.agent);
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
            double queue = 0.0;
            const auto& stages = model_of(l).stages;
            for (std::size_t st = 0; st < ps.waiting.size(); ++st) {
                for (const Waiting& w : ps.waiting[st]) {
                    if (valid_wait(w, static_cast<std::uint8_t>(st)) && st < stages.size()) {
                        queue += 1.0;
                        at(l, kAllGroup, service_metric(ServiceMeasure::Queue, stages[st].kind)) += 1.0;
                    }
                }
            }
            for (std::size_t kind = 0; kind < kServiceKindCount; ++kind) {
                at(l, kAllGroup,
                   service_metric(ServiceMeasure::WaitMean, static_cast<ServiceKind>(kind))) =
                    ps.wait_starts[kind] > 0.0 ? ps.wait_days[kind] / ps.wait_starts[kind] : 0.0;
            }
            double contacts = 0.0;
            for (std::size_t g = 0; g + 1 < kGroups; ++g) {
                contacts += v[(std::size_t{l} * kGroups + g) * kMetricCount +
                              static_cast<std::size_t>(Metric::FirstContacts)];
            }
            const double staff = fte(l) * scale();
            at(l, kAllGroup, Metric::TimeToFirstContactMean) =
                contacts > 0.0 ? ps.contact_days_sum / contacts : 0.0;
            at(l, kAllGroup, Metric::TimeToFirstContactP50) = quantile(ps.contact_days, 0.5);
            at(l, kAllGroup, Metric::TimeToFirstContactP90) = quantile(ps.contact_days, 0.9);
            at(l, kAllGroup, Metric::FirstContactsOnTimeShare) =
                contacts > 0.0 ? ps.initial_on_time / contacts : 0.0;
            at(l, kAllGroup, Metric::IntakeQueue) = intake;
            at(l, kAllGroup, Metric::InterviewsOverdue) = overdue;
            at(l, kAllGroup, Metric::CaseloadPerCounsellor) = staff > 0.0 ? clients[l] / staff : 0.0;
            at(l, kAllGroup, Metric::StaffUtilisation) =
                ps.minutes_available > 0.0 ? ps.minutes_used / ps.minutes_available : 0.0;
            at(l, kAllGroup, Metric::ServiceQueue) = queue;
            at(l, kAllGroup, Metric::Counsellors) = fte(l);
        }
        // Counts and money are scaled to the whole country; means, ratios and staff are not.
        for (std::size_t k = 0; k < v.size(); ++k) {
            if (metric_is_scaled(static_cast<Metric>(k % kMetricCount))) {
                v[k] *= inv;
            }
        }
        if (month < sh_->first_written_month) {
            return; // the warm-up: nothing is written
        }
        snapshots_.emplace_back(month, std::move(v));
        for (double& x : cohorts) {
            x *= inv;
        }
        cohort_snapshots_.push_back(std::move(cohorts));
    }
};

} // namespace

ModelRunStats run_model(const ModelInput& input, std::uint64_t seed, std::uint64_t replication,
                        int threads, const MonthCallback& on_month, const std::atomic<bool>* stop,
                        const TraceOptions& trace) {
    if (input.regions.empty() || input.providers.empty() || input.periods.empty()) {
        throw std::invalid_argument("the model needs regions, providers and parameters");
    }
    if (!(input.scale > 0.0)) {
        throw std::invalid_argument("population.scale must be positive");
    }
    for (const auto& [date, q] : input.periods) {
        if (q.counsellors.size() != input.providers.size() ||
            q.municipal_counsellors.size() != input.providers.size() ||
            q.service_model.size() != input.providers.size()) {
            throw std::invalid_argument("provider parameters do not match the provider list");
        }
        for (std::size_t r = 0; r < input.regions.size(); ++r) {
            double taken = 0.0;
            double te = 0.0;
            double residents = 0.0;
            for (std::size_t pr = 0; pr < input.providers.size(); ++pr) {
                if (input.providers[pr].region != r) {
                    continue;
                }
                if (input.providers[pr].pilot) {
                    taken += q.counsellors[pr];
                    residents += input.providers[pr].resident_share;
                } else {
                    te += q.counsellors[pr];
                }
            }
            if (taken > te + 1e-9) {
                throw std::invalid_argument(
                    "region `" + input.regions[r].name + "`: its pilots take " +
                    std::to_string(taken) + " counsellors from a TE office that has " +
                    std::to_string(te) + " (providers.*.counsellors)");
            }
            if (residents > 1.0 + 1e-9) {
                throw std::invalid_argument("region `" + input.regions[r].name +
                                            "`: the resident shares of its pilots sum to more "
                                            "than 1 (providers.*.resident_share)");
            }
        }
    }

    Shared sh;
    sh.in = &input;
    sh.seed = seed;
    sh.replication = replication;
    const Date start_month(input.start.year(), input.start.month(), 1);
    int y = start_month.year();
    int mo = start_month.month() - input.warmup_months;
    while (mo < 1) {
        mo += 12;
        --y;
    }
    sh.origin = Date(y, mo, 1);
    for (Date d = sh.origin;;) {
        sh.month_starts.push_back(d);
        if (d > input.end) {
            break;
        }
        const int ny = d.month() == 12 ? d.year() + 1 : d.year();
        const int nm = d.month() == 12 ? 1 : d.month() + 1;
        d = Date(ny, nm, 1);
    }
    sh.first_written_month = input.warmup_months;
    sh.horizon = sim::days((input.end + 1) - sh.origin);
    sh.pilot_start = sim::days(std::max<std::int64_t>(input.pilot_start - sh.origin, 0));
    sh.pilot_end = sim::days(std::max<std::int64_t>((input.pilot_end + 1) - sh.origin, 0));
    for (const auto& [date, q] : input.periods) {
        sh.period_starts.push_back(sim::days(std::max<std::int64_t>(date - sh.origin, 0)));
    }
    auto params_at = [&](Date d) -> const ModelParams& {
        const ModelParams* q = &input.periods.front().second;
        for (const auto& [date, pq] : input.periods) {
            if (date <= d) {
                q = &pq;
            }
        }
        return *q;
    };

    // Registrations of each region: the initial stock, then each month's new spells.
    const auto regions = static_cast<std::uint32_t>(input.regions.size());
    std::vector<sim::LpId> lp_of;
    std::vector<RegionModel> models;
    std::vector<sim::EntityId> region_entity;
    std::uint64_t next_person = 0;
    ModelRunStats stats;
    for (std::uint32_t r = 0; r < regions; ++r) {
        const double share = input.regions[r].jobseeker_share;
        sim::RandomStream rs(sim::StreamKey{seed, replication, 0xFFFF'0000ULL + r, 7});
        const double initial = input.initial_unemployed * input.scale * share;
        const auto n0 = static_cast<std::uint32_t>(std::floor(initial + rs.uniform01()));
        std::vector<std::uint32_t> counts;
        for (std::size_t k = 0; k + 1 < sh.month_starts.size(); ++k) {
            const Date m0 = sh.month_starts[k];
            const ModelParams& q = params_at(m0);
            const double expected = q.inflow_per_month * input.scale * share *
                                    indexed(q.inflow_index, month_offset(input.index_start, m0));
            counts.push_back(static_cast<std::uint32_t>(std::floor(expected + rs.uniform01())));
        }
        // One engine entity per region; persons are numbered across regions for their random
        // streams (region r's persons follow those of regions 0..r-1, one number apart).
        region_entity.push_back(r);
        lp_of.push_back(r);
        models.emplace_back(&sh, r, r, next_person + 1, std::move(counts), n0);
        next_person += 1 + models.back().agent_count();
        stats.agents += models.back().agent_count();
    }
    if (next_person > std::numeric_limits<std::uint32_t>::max() / 2) {
        throw std::invalid_argument("too many persons for one run; lower population.scale");
    }
    stats.person_id_end = next_person;
    // Traced persons: the ids asked for, and `sample` ids spread evenly over everyone.
    if (!trace.persons.empty() || trace.sample > 0) {
        std::vector<std::uint64_t> ids = trace.persons;
        for (std::uint64_t k = 0; k < trace.sample; ++k) {
            ids.push_back((2 * k + 1) * next_person / (2 * std::uint64_t{trace.sample}));
        }
        std::uint64_t first = 0;
        for (auto& m : models) {
            const std::uint64_t begin = first + 1;
            const std::uint64_t end = begin + m.agent_count();
            std::vector<std::uint32_t> local;
            for (const std::uint64_t id : ids) {
                if (id >= begin && id < end) {
                    local.push_back(static_cast<std::uint32_t>(id - begin));
                }
            }
            std::sort(local.begin(), local.end());
            local.erase(std::unique(local.begin(), local.end()), local.end());
            m.set_traced(std::move(local));
            first = end;
        }
    }

    sim::Engine<RegionModel> engine(sim::Partition(std::move(lp_of)), sim::days(7), std::move(models));
    for (std::uint32_t r = 0; r < regions; ++r) {
        engine.schedule_initial(region_entity[r], region_entity[r], SimTime::zero(), kMonthStart, 0, 0);
    }

    tbb::task_arena arena(std::max(1, threads));
    std::uint64_t engine_events = 0;
    MonthPanel panel;
    const std::size_t providers = input.providers.size();
    for (std::size_t k = 1; k < sh.month_starts.size(); ++k) {
        const SimTime until = sim::days(sh.month_starts[k] - sh.origin);
        sim::RunStats rs;
        arena.execute([&] { rs = engine.run_until(std::min(until, sh.horizon), stop); });
        engine_events += rs.events;
        if (rs.interrupted) {
            stats.events = engine_events;
            stats.interrupted = true;
            return stats;
        }
        std::uint64_t live = 0;
        panel.traces.clear();
        panel.values.assign(providers * kGroups * kMetricCount, 0.0);
        panel.cohorts.assign(providers * kGroups * kCohortMetricCount, 0.0);
        bool any = false;
        for (std::uint32_t r = 0; r < regions; ++r) {
            auto& m = engine.model(r);
            live += m.live_count();
            auto& buffer = m.trace_buffer();
            panel.traces.insert(panel.traces.end(), buffer.begin(), buffer.end());
            buffer.clear();
            auto& snaps = m.snapshots();
            auto& cohort_snaps = m.cohort_snapshots();
            // A region's blocks are per local provider; the panel's per global provider.
            const auto& prov = m.providers();
            auto scatter = [&](const std::vector<double>& from, std::vector<double>& to,
                               std::size_t width) {
                for (std::size_t l = 0; l < prov.size(); ++l) {
                    std::copy_n(from.begin() + static_cast<std::ptrdiff_t>(l * width), width,
                                to.begin() + static_cast<std::ptrdiff_t>(prov[l] * width));
                }
            };
            for (const auto& c : cohort_snaps) {
                scatter(c, panel.cohorts, kGroups * kCohortMetricCount);
            }
            cohort_snaps.clear();
            for (const auto& [month, values] : snaps) {
                any = true;
                const Date d = sh.month_starts[static_cast<std::size_t>(month)];
                panel.year = d.year();
                panel.month = d.month();
                scatter(values, panel.values, kGroups * kMetricCount);
            }
            snaps.clear();
        }
        stats.peak_live = std::max(stats.peak_live, live);
        stats.stale_events = 0;
        for (std::uint32_t r = 0; r < regions; ++r) {
            stats.stale_events += engine.model(r).stale_count();
        }
        stats.events = engine_events - stats.stale_events; // cancelled timers are not events
        panel.events = stats.events;
        if (any && on_month) {
            on_month(panel);
        }
    }
    return stats;
}

} // namespace kokeilu::agents
