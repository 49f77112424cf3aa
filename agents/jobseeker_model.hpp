// The jobseeker model: Finland's unemployed jobseekers, their providers and the service process.
#pragma once

#include "agents/benefits.hpp"
#include "agents/breakdowns.hpp"
#include "agents/metrics.hpp"
#include "agents/pathway.hpp"
#include "agents/service_kind.hpp"
#include "agents/services_rules.hpp"
#include "sim/calendar.hpp"
#include "sim/event.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kokeilu::agents {

/// Where a registered jobseeker is (the register's status codes, DOMAIN.md §2.1).
enum class JobseekerState : std::uint8_t {
    Unemployed,         ///< 02/03
    InServices,         ///< 07
    InTraining,         ///< 08
    EmployedSubsidised, ///< 00
    EmployedOpenMarket, ///< 01, still registered (short or part-time work)
    Left,               ///< not registered (any exit)
};

/// A need that an assessment can find, or an attribute; service stages may require one.
enum class Need : std::uint8_t {
    None = 0,
    Skills = 1,
    WorkAbility = 2,
    Social = 3,
    ForeignLanguage = 4, ///< an attribute known at registration (integration training)
};

/// What a day in a stage costs the state.
enum class StagePayment : std::uint8_t {
    CostPerDay,     ///< the stage's cost_per_day_eur
    BasicAllowance, ///< the basic daily allowance, five days a week (start-up grant [S57])
    PaySubsidy,     ///< length and cost by the pay-subsidy rules of the start date
};

/// A stage of a service model's pathway, with what it means for the jobseeker. The keys of
/// the fields from `status` on are the rows of service_stage_params() (agents/services.cpp),
/// which hold their defaults: default_service_stage() (agents/params.hpp).
struct ServiceStage {
    Stage stage; ///< name, exit, servers (seats per provider at scale 1; 0 = no limit), duration,
                 ///< routing
    JobseekerState status{};
    Need requires_need{};
    double lock_in{};      ///< job-finding multiplier while in the stage
    double after_effect{}; ///< job-finding multiplier after the stage
    double after_effect_months{};
    double cost_per_day_eur{}; ///< paid by the state
    ServiceKind kind{};
    StagePayment paid_as{};
    double min_days{}; ///< drawn lengths shorter than this are lengthened (0: no limit)
    double max_days{}; ///< drawn lengths longer than this are cut (0: no limit)
    /// Bit m-1 set: no starts in calendar month m (referrals wait for the next open month).
    std::uint16_t closed_months = 0;
};

/// How a provider works: staff time per task, assessment and referral, and the service pathway
/// (entered on referral; reaching an exit stage returns the jobseeker to job search). The
/// numbers are the rows of service_model_params() (agents/services.cpp), which hold their
/// defaults: default_service_model() (agents/params.hpp).
struct ServiceModel {
    std::string name;
    double contact_minutes{};
    double interview_minutes{};
    double assessment_minutes{};
    double assess_at_start{};
    double assess_at_interview{};
    double referral_assessed{};
    double referral_other{};
    /// The model's own first-contact deadline and periodic-interview interval; 0: the national
    /// process.initial_interview_working_days and process.interview_interval_days.
    int initial_interview_working_days{};
    int interview_interval_days{};
    std::uint32_t entry = 0;
    std::vector<ServiceStage> stages;
    std::optional<std::uint32_t> typ_stage; ///< where a due TYP assessment leads, if anywhere
    /// Jobseekers a provider takes into personal service per counsellor FTE (0: no cap). A
    /// registration beyond the cap waits for its first contact until a client leaves.
    double caseload_cap{};
    /// Profiling at registration: a jobseeker's risk of still being unemployed after 12 months
    /// (from the labour-market model's rates for their attributes) falls into risk group k
    /// when it is at least thresholds[k-1]; empty: no profiling.
    std::vector<double> risk_thresholds;
    /// Risk groups from this one up get early intensive support: assessed at the first contact
    /// and referred with `referral_intensive` (ignored without thresholds).
    std::uint32_t intensive_from_group{};
    double referral_intensive{};
};

/// The stage a jobseeker starts on their own initiative (labour_market.own_study_per_month):
/// the model's first stage of kind self_motivated_study, or m.stages.size() if it has none.
[[nodiscard]] inline std::uint32_t own_study_stage(const ServiceModel& m) {
    std::uint32_t k = 0;
    while (k < m.stages.size() && m.stages[k].kind != ServiceKind::SelfMotivatedStudy) {
        ++k;
    }
    return k;
}

/// A yearly budget in euros for some services of one provider (a pilot's pay-subsidy and
/// start-up-grant money) or of all providers of a region (training bought by the ELY centre).
/// A start commits the service's expected cost; a start that would overrun waits for next
/// year's money (`queue`) or is refused and the jobseeker returns to job search.
struct BudgetQuota {
    std::string name;
    std::optional<std::uint32_t> provider; ///< one provider, or
    std::optional<std::uint32_t> region;   ///< every provider of the region
    std::vector<ServiceKind> services;
    double eur_per_year = 0.0; ///< at scale 1
    bool queue = false;        ///< queue (true) or refuse (false) when exhausted
    bool monthly = false;      ///< released a twelfth on the first of each month (else yearly)

    /// The money released at a release date (a year's, or a month's), at scale 1.
    [[nodiscard]] double instalment() const { return monthly ? eur_per_year / 12.0 : eur_per_year; }
};

struct RegionSpec {
    std::string name;
    double jobseeker_share = 0.0;
    /// The region's own monthly demand index (from ModelInput::index_start); empty: the
    /// national labour_market.demand of the period.
    std::vector<double> demand;
    double demand_factor = 1.0; ///< multiplies the region's index
};

struct ProviderSpec {
    std::string name;
    bool pilot = false;
    std::uint32_t region = 0;
    double resident_share = 0.0; ///< pilots: share of the region's jobseekers living in the area
};

/// Everything that may change on a date ([[timeline]]): one of these per period. Each field
/// read from one key is filled by its row (agents/params.hpp; the rows are declared next to the
/// component that uses them), which holds its key, default, range and documentation; a
/// ModelParams{} holds zeros, default_model_params() the rows' defaults.
struct ModelParams {
    // population of new registrations
    double inflow_per_month{};
    std::array<double, 4> age_shares{};
    std::array<double, 4> earnings_related_shares{};
    double foreign_language_share{};
    double swedish_share{};
    double no_benefit_share{}; ///< of those without earnings-related allowance
    /// Share of new labour-market-subsidy recipients with subsidy days from earlier spells, and
    /// the mean of those days (exponential).
    double prior_lms_share{};
    double prior_lms_days_mean{};
    double labour_market_subsidy_share{};
    std::array<double, 3> need_shares{};
    /// Basic or unknown, upper secondary, tertiary education.
    std::array<double, 3> education_shares{};
    // labour market
    std::vector<double> demand;
    std::vector<double> inflow_index;
    double job_finding_per_month{};
    std::array<double, 3> duration_factors{};
    /// Multipliers of the job-finding rate by age band: under 25, 25-29, 30-49, 50-54, 55 and
    /// over (the bands of the output's age breakdown).
    std::array<double, 5> age_factors{};
    std::array<double, 3> need_factors{};
    std::array<double, 3> education_factors{};
    double other_exit_per_month{};
    double own_study_per_month{}; ///< rate of starting self-motivated study unprompted
    double retirement_age{};      ///< years; 0: no one retires
    /// How other exits divide: education, out of the labour force, moved away, deregistered.
    std::array<double, 4> other_exit_shares{};
    double registered_job_share{};
    double registered_job_months{};
    /// Month-of-year multipliers of the rate at which registered jobs end (January first).
    std::array<double, 12> job_end_seasons{};
    double return_after_job_share{};
    double reregister_share{};  ///< of those who leave (other than by moving away)
    double reregister_months{}; ///< mean time before they register again
    /// Share of each month's new jobseekers who are fully laid off (monthly from index_start;
    /// empty: none), their recall rate and their share with earnings-related allowance.
    std::vector<double> laid_off_share;
    double recall_per_month{};
    /// The demand index follows vacancies: (vacancies / reference)^elasticity (0: off). The
    /// scenario builder folds it into `demand`, so the run reads only the demand list.
    double vacancy_elasticity{};
    double vacancy_reference{};
    /// Month-of-year multipliers of the inflow (January first), folded into `inflow_index`.
    std::array<double, 12> inflow_seasons{};
    /// Seasonal registrants by month of year (persons a month before scaling, on top of the
    /// inflow) and when they go back: months from the start of the month they register in.
    std::array<double, 12> seasonal_registrants{};
    std::array<double, 12> seasonal_return_months{};
    double laid_off_earnings_related{};
    // process (the law)
    int initial_interview_working_days{};
    int interview_interval_days{};
    int intensive_interval_days{};
    int intensive_period_days{};
    int followup_min_days{}; ///< extra meetings in spare staff time after this many days; 0: none
    double counsellor_minutes_per_day{};
    double counsellor_cost_eur_per_year{};
    double interview_effect{};            ///< job-finding multiplier after an interview
    double interview_other_exit_effect{}; ///< other-exit multiplier after an interview
    double interview_effect_days{};
    /// Job-finding multiplier of the job-search obligation (the laid off: after 3 months).
    double job_search_effect{};
    /// Multipliers of the referral chance of an interview by age band (as age_factors).
    std::array<double, 5> referral_age_factors{};
    // benefits
    double basic_daily_eur{};
    double earnings_related_daily_eur{};
    int earnings_related_max_days{};
    double pay_subsidy_wage_cost_eur_month{};
    /// Municipal co-financing: the 2015 labour-market-subsidy rule (false) or TE24's (true):
    /// te24_shares[k] of the basic amount from te24_share_from_days[k] benefit days on.
    bool te24_financing{};
    std::vector<double> te24_share_from_days;
    std::vector<double> te24_shares;
    /// The law's dated tables (configs/law.toml; the same in every period): each row applies
    /// from its date, looked up on the day that matters (a subsidy's start, a booked day).
    std::vector<PaySubsidyRule> pay_subsidy_rules = default_pay_subsidy_rules();
    std::vector<LmsShareRule> lms_share_rules = default_lms_share_rules();
    /// The pilots serve every jobseeker living in their area, with the TE staff split among
    /// them by resident share (TE24), instead of law 1269/2020's target group.
    bool pilots_serve_everyone{};
    /// The state staff a pilot takes on pilot.start: its share of the TE office's clients
    /// (true, `by_clients`) or its providers.*.counsellors (false, `as_listed`).
    bool staff_as_listed{};
    double pilot_staff_factor = 1.0; ///< multiplies the pilots' counsellors
    // providers (same order as ModelInput::providers)
    std::vector<double> counsellors;           ///< state FTE (TE: before the pilots)
    std::vector<double> municipal_counsellors; ///< pilots' own FTE
    std::vector<std::uint32_t> service_model;  ///< index into `models`
    std::vector<ServiceModel> models;
};

/// A scenario, resolved for the model.
struct ModelInput {
    std::string name;
    sim::Date start; ///< first written day (a month start)
    sim::Date end;   ///< last simulated day
    sim::Date pilot_start;
    sim::Date pilot_end;
    sim::Date index_start; ///< month of demand[0] and inflow_index[0]
    int warmup_months = 12;
    double scale = 1.0;
    double initial_unemployed = 251400.0;
    std::vector<RegionSpec> regions;
    std::vector<ProviderSpec> providers;
    /// (first day, parameters) in date order; the first entry's day is ignored (it applies
    /// from the start of the warm-up).
    std::vector<std::pair<sim::Date, ModelParams>> periods;
    std::vector<BudgetQuota> quotas;
};

/// Target groups of the output: the reason a jobseeker is (or is not) in the pilots' target
/// group, evaluated as if they lived in a pilot municipality, plus `all` for provider metrics.
inline constexpr std::array<std::string_view, 5> kTargetGroups{
    "no_earnings_related", "under_30", "foreign_language", "earnings_related_30_plus", "all"};

/// What a traced person's history records (TraceEvent::event).
enum class TraceKind : std::uint8_t {
    Register,       ///< registers as a jobseeker (or is in the initial stock)
    FirstContact,   ///< first contact and initial interview held
    Interview,      ///< periodic interview held
    Assessment,     ///< service needs assessed (with an interview)
    WaitForService, ///< referred to a stage that has no free seat
    ServiceStart,   ///< starts a service stage
    ServiceEnd,     ///< a service ends and the person returns to job search
    RegisteredJob,  ///< finds a short or part-time job and stays registered
    JobEnds,        ///< such a job ends and the person is unemployed again
    ExitEmployment, ///< leaves the register for work
    ExitOther,      ///< leaves the register for another reason
    Transfer,       ///< moves between a TE office and a pilot
    AllowanceEnds,  ///< earnings-related allowance exhausted: labour-market subsidy from now
    TypDue,         ///< the multi-professional (TYP) assessment becomes due
    WaitForBudget,  ///< referred to a service whose yearly budget is spent; waits for money
    BudgetRefused,  ///< referred to a service whose yearly budget is spent; refused
    OwnStudy,       ///< applies for self-motivated study on their own initiative (a start or wait
                    ///< follows)
    Count
};
/// snake_case names of TraceKind (as written to result files).
[[nodiscard]] std::string_view trace_kind_name(TraceKind k);
/// Names of the states in traces: the five JobseekerState values and "not_registered".
[[nodiscard]] std::string_view state_name(JobseekerState s);

struct TraceEvent {
    std::uint64_t person = 0; ///< person id (stable for a seed and a set of regions)
    std::int64_t time = 0;    ///< minutes since 1970-01-01T00:00
    TraceKind event = TraceKind::Register;
    JobseekerState from = JobseekerState::Left;
    JobseekerState to = JobseekerState::Left;
    std::uint32_t provider = 0; ///< provider after the event (index into ModelInput::providers)
};

/// Whom to trace: explicit person ids and/or about `sample` persons spread evenly over all
/// who register (by id, so over regions by size and over time).
struct TraceOptions {
    std::vector<std::uint64_t> persons;
    std::uint32_t sample = 0;
};

/// One month's values of one replication: value(provider, group, metric).
struct MonthPanel {
    int year = 0;
    int month = 0;
    std::uint64_t events = 0;   ///< events handled so far in this run (for progress displays)
    std::vector<double> values; ///< [provider][group][metric], scaled to the whole country
    /// Cohort outcomes whose checkpoint is this month: [provider][group][cohort metric -
    /// kFirstCohortMetric], counting the jobseekers who registered `cohort_horizon(metric)`
    /// months before this one, by the provider and target group they registered with (the
    /// initial stock is not a cohort). Scaled like `values`.
    std::vector<double> cohorts;
    /// The breakdowns' values (agents/breakdowns.hpp): [provider][breakdown group][measure of
    /// kBreakdownMetrics], the same month-end stocks and month's flows as `values`, by age band
    /// and by language instead of target group. Scaled like `values`.
    std::vector<double> breakdowns;
    /// Events of traced persons during this month, in the order they happened within each
    /// region, regions in order.
    std::vector<TraceEvent> traces;

    [[nodiscard]] double value(std::size_t provider, std::size_t group, Metric m) const {
        return values[(provider * kTargetGroups.size() + group) * kMetricCount +
                      static_cast<std::size_t>(m)];
    }
    /// The value of measure `m` (one of kBreakdownMetrics) of a breakdown group.
    [[nodiscard]] double breakdown(std::size_t provider, std::size_t group, Metric m) const {
        return breakdowns[(provider * kBreakdownGroupCount + group) * kBreakdownMetricCount +
                          breakdown_slot(m)];
    }
    [[nodiscard]] double cohort(std::size_t provider, std::size_t group, Metric m) const {
        return cohorts[(provider * kTargetGroups.size() + group) * kCohortMetricCount +
                       static_cast<std::size_t>(m) - kFirstCohortMetric];
    }
};

struct ModelRunStats {
    std::uint64_t events = 0;
    std::uint64_t stale_events = 0;  ///< cancelled timers dropped unseen
    std::uint64_t agents = 0;        ///< persons created (initial stock and registrations)
    std::uint64_t peak_live = 0;     ///< most registered at one month end (simulated, unscaled)
    std::uint64_t person_id_end = 0; ///< person ids of this run are below this (ids start at 1)
    bool interrupted = false;
};

/// Called after each written month, in month order, from the thread that called run_model.
using MonthCallback = std::function<void(const MonthPanel&)>;

/// Runs one replication of the model (one logical process per region; `threads` workers) and
/// reports every written month to `on_month`. Results are identical for any thread count.
/// Stops early (returning interrupted) when `stop` becomes true. Throws std::invalid_argument
/// for inconsistent input (e.g. a TE office with fewer counsellors than its pilots take).
ModelRunStats run_model(const ModelInput& input, std::uint64_t seed, std::uint64_t replication,
                        int threads, const MonthCallback& on_month,
                        const std::atomic<bool>* stop = nullptr, const TraceOptions& trace = {});

} // namespace kokeilu::agents
