// Services: referral along a service model's pathway, seats and their queues, yearly budgets,
// starts and ends of stages, and the return to job search.
#include "agents/services.hpp"

#include "agents/interviews.hpp"
#include "agents/labour_market.hpp"
#include "agents/law.hpp"
#include "agents/money.hpp"
#include "agents/params.hpp"
#include "agents/services_rules.hpp"
#include "agents/transition.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>

namespace kokeilu::agents::region {

namespace {

bool closed_now(const Store& s, const ServiceStage& st) {
    return st.closed_months != 0 && ((st.closed_months >> (s.date_now().month() - 1)) & 1u) != 0;
}

/// The budget that pays for service `kind` at provider `local`: the provider's own quota
/// first, then its region's; nullptr when the service has no quota.
BudgetState* budget_for(Store& s, std::uint8_t local, ServiceKind kind) {
    BudgetState* regional = nullptr;
    for (BudgetState& b : s.budgets) {
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

bool has_need(const Agent& a, Need n) {
    switch (n) {
    case Need::None: return true;
    case Need::Skills: return (a.flags & kNeedSkills) != 0 && (a.flags & kAssessed) != 0;
    case Need::WorkAbility: return (a.flags & kNeedWorkAbility) != 0 && (a.flags & kAssessed) != 0;
    case Need::Social: return (a.flags & kNeedSocial) != 0 && (a.flags & kAssessed) != 0;
    case Need::ForeignLanguage: return (a.flags & kForeign) != 0;
    }
    return false;
}

std::optional<std::uint32_t> route(Store& s, std::uint32_t i, const ServiceModel& m,
                                   std::uint32_t stage) {
    const Agent& a = s.agent(i);
    const Stage& st = m.stages[stage].stage;
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
    auto r = s.rng(i, kService);
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

/// How long a stage starting now lasts and what it costs a day (EUR, state), under the
/// stage's rules (its limits and how it is paid; DOMAIN.md §3.2).
struct StageTerms {
    SimTime length;
    float cost_per_day = 0.0F;
};

StageTerms stage_terms(const Store& s, const Agent& a, const ServiceStage& st,
                       sim::RandomStream& r) {
    SimTime length = st.stage.duration.draw(r);
    auto cost = static_cast<float>(st.cost_per_day_eur);
    if (st.max_days > 0.0) {
        length = std::min(length, sim::from_days(st.max_days));
    }
    if (st.min_days > 0.0) {
        length = std::max(length, sim::from_days(st.min_days));
    }
    switch (st.paid_as) {
    case StagePayment::CostPerDay: break;
    case StagePayment::BasicAllowance:
        cost = static_cast<float>(s.p().basic_daily_eur * 5.0 / 7.0);
        break;
    case StagePayment::PaySubsidy: {
        const double months = static_cast<double>(to_i32(s.now) - a.spell_start) /
                              SimTime::kMinutesPerDay / kDaysPerMonth;
        const auto terms = pay_subsidy_terms(months, (a.flags & kNeedWorkAbility) != 0,
                                             s.date_now(), s.p().pay_subsidy_rules);
        length = sim::from_days(terms.months * kDaysPerMonth);
        cost = static_cast<float>(
            std::min(terms.rate * s.p().pay_subsidy_wage_cost_eur_month, terms.cap_eur_month) /
            kDaysPerMonth);
        break;
    }
    }
    return {length, cost};
}

/// The length, cost and budget commitment of the stage person i has just started, its end
/// timer and the next spell end under its lock-in.
void schedule_stage_end(Store& s, sim::Context& ctx, std::uint32_t i, std::uint8_t prov,
                        const ServiceStage& st) {
    Agent& a = s.agent(i);
    auto r = s.rng(i, kService);
    const StageTerms terms = stage_terms(s, a, st, r);
    a.service_cost = terms.cost_per_day;
    const SimTime end = s.now + std::max(terms.length, sim::minutes(1));
    a.service_end = to_i32(std::min(end, s.sh->horizon));
    if (st.status != JobseekerState::Unemployed) { // the register's status changes
        a.period_start = std::max(a.period_start, a.service_end);
    }
    if (BudgetState* b = budget_for(s, prov, st.kind)) {
        // The start commits the service's whole cost to this year's budget.
        b->left -= static_cast<double>(a.service_cost) * (end - s.now).days();
    }
    if (end < s.sh->horizon) {
        s.timer(ctx, end, i, kServiceEnd);
    }
    schedule_spell_end(s, ctx, i);
}

/// The jobseeker searches for work while waiting for stage `stage` (or, with kNoStage, after a
/// refusal): one coming out of a service returns to job search first.
void wait_unemployed(Store& s, sim::Context& ctx, std::uint32_t i, std::uint8_t prov,
                     std::uint32_t from_stage, std::uint32_t stage) {
    Agent& a = s.agent(i);
    if (a.state == JobseekerState::Unemployed) {
        schedule_next_interview(s, ctx, i);
    } else {
        return_to_job_search(s, ctx, i, prov, from_stage);
    }
    a.stage = static_cast<std::uint8_t>(stage);
    a.service_provider = kNoProvider;
}

} // namespace

void open_stages(Store& s, sim::Context& ctx) {
    for (std::uint8_t l = 0; l < s.provider_count(); ++l) {
        const auto& stages = s.model_of(l).stages;
        for (std::size_t k = 0; k < stages.size() && k < s.seats[l].queues.stages(); ++k) {
            if (stages[k].closed_months == 0 || closed_now(s, stages[k])) {
                continue;
            }
            for (const Waiting& w : s.seats[l].queues.take_line(k)) {
                Agent& a = s.agent(w.agent);
                if (a.spell != w.spell || a.state != JobseekerState::Unemployed || a.stage != k) {
                    continue;
                }
                a.stage = kNoStage;
                enter_stage(s, ctx, w.agent, l, static_cast<std::uint32_t>(k), kNoStage, w.since);
            }
        }
    }
}

void own_study(Store& s, sim::Context& ctx, std::uint32_t i) {
    const Agent& a = s.agent(i);
    const std::uint32_t stage = own_study_stage(s.model_of(a.provider));
    if (!free_to_study(a) || stage >= s.model_of(a.provider).stages.size()) {
        schedule_spell_end(s, ctx, i);
        return;
    }
    s.trace(i, TraceKind::OwnStudy, a.state);
    enter_stage(s, ctx, i, a.provider, stage, kNoStage, to_i32(s.now));
}

void enter_stage(Store& s, sim::Context& ctx, std::uint32_t i, std::uint8_t prov,
                 std::uint32_t stage, std::uint32_t from_stage, std::int32_t since) {
    Agent& a = s.agent(i);
    const ServiceModel& m = s.model_of(prov);
    for (int hops = 0; hops < 64; ++hops) {
        const ServiceStage& st = m.stages[stage];
        if (st.stage.exit) {
            return_to_job_search(s, ctx, i, prov, from_stage);
            return;
        }
        if (st.stage.duration.kind != Duration::Kind::None) {
            if (closed_now(s, st)) {
                // No starts this month (e.g. the summer break of courses): wait for the
                // next open month.
                wait_unemployed(s, ctx, i, prov, from_stage, stage);
                s.seats[prov].queues.wait(stage, Waiting{i, a.spell, since});
                s.trace(i, TraceKind::WaitForService, a.state);
                return;
            }
            if (BudgetState* b = budget_for(s, prov, st.kind); b != nullptr && b->left <= 0.0) {
                // This year's money for the service is spent.
                if (b->quota->queue) {
                    wait_unemployed(s, ctx, i, prov, from_stage, stage);
                    b->waiting.push_back(BudgetWait{Waiting{i, a.spell, since}, prov,
                                                    static_cast<std::uint8_t>(stage)});
                    s.trace(i, TraceKind::WaitForBudget, a.state);
                } else {
                    s.book(a.provider, rows_of(s, a), Metric::BudgetRefusals);
                    s.trace(i, TraceKind::BudgetRefused, a.state);
                    wait_unemployed(s, ctx, i, prov, from_stage, kNoStage);
                }
                return;
            }
            StageSeats& ps = s.seats[prov];
            const std::uint32_t seats =
                st.stage.servers == 0
                    ? 0 // no limit
                    : std::max<std::uint32_t>(
                          1, static_cast<std::uint32_t>(std::lround(st.stage.servers * s.scale())));
            if (ps.queues.has_seat(stage, seats)) {
                start_stage(s, ctx, i, prov, static_cast<std::uint8_t>(stage), since);
            } else {
                // Waits, unemployed and searching, for a seat.
                wait_unemployed(s, ctx, i, prov, from_stage, stage);
                ps.queues.wait(stage, Waiting{i, a.spell, since});
                s.trace(i, TraceKind::WaitForService, a.state);
            }
            return;
        }
        const auto next = route(s, i, m, stage);
        if (!next) {
            return_to_job_search(s, ctx, i, prov, from_stage);
            return;
        }
        stage = *next;
    }
    return_to_job_search(s, ctx, i, prov, from_stage);
}

void start_stage(Store& s, sim::Context& ctx, std::uint32_t i, std::uint8_t prov,
                 std::uint8_t stage, std::int32_t since) {
    const ServiceStage& st = s.model_of(prov).stages[stage];
    const auto kind = static_cast<std::size_t>(st.kind);
    s.seats[prov].wait_days[kind] +=
        static_cast<double>(std::max(to_i32(s.now) - since, 0)) / SimTime::kMinutesPerDay;
    s.seats[prov].wait_starts[kind] += 1.0;
    // No seat to free: a jobseeker starts a stage from job search or from a stage just left.
    transition(
        s, ctx, i, {TraceKind::ServiceStart, false, true},
        [&](Agent& a) {
            s.seats[prov].queues.take(stage);
            a.state =
                st.status == JobseekerState::Unemployed ? JobseekerState::InServices : st.status;
            a.stage = stage;
            a.service_provider = prov;
            ++a.spell;
            a.flags = static_cast<std::uint16_t>(a.flags & ~kTaskQueued); // tasks void
            const PersonRows rows = rows_of(s, a);
            s.book(a.provider, rows, Metric::ServiceStarts);
            s.book(a.provider, rows, service_metric(ServiceMeasure::Starts, st.kind));
        },
        [&] { schedule_stage_end(s, ctx, i, prov, st); });
}

void release_seat(Store& s, sim::Context& ctx, std::uint32_t i) {
    Agent& a = s.agent(i);
    if (a.state == JobseekerState::Unemployed || a.state == JobseekerState::Left ||
        a.stage == kNoStage || a.service_provider == kNoProvider) {
        return;
    }
    const std::uint8_t prov = a.service_provider;
    const std::uint8_t stage = a.stage;
    StageQueues<Waiting>& queues = s.seats[prov].queues;
    queues.free(stage);
    a.stage = kNoStage;
    a.service_provider = kNoProvider;
    if (closed_now(s, s.model_of(prov).stages[stage])) {
        return; // the waiting start when the stage opens
    }
    // The next valid jobseeker waiting for this stage takes the seat.
    const auto next = queues.next(stage, [&](const Waiting& w) {
        const Agent& b = s.agent(w.agent);
        return b.spell == w.spell && b.state == JobseekerState::Unemployed && b.stage == stage;
    });
    if (next) {
        start_stage(s, ctx, next->agent, prov, stage, next->since);
    }
}

void service_end(Store& s, sim::Context& ctx, std::uint32_t i) {
    const Agent& a = s.agent(i);
    if (a.state == JobseekerState::Left || a.state == JobseekerState::Unemployed ||
        a.stage == kNoStage) {
        return;
    }
    const std::uint8_t prov = a.service_provider;
    const std::uint8_t stage = a.stage;
    // The state stays until the next stage starts or the person returns to job search.
    transition(
        s, ctx, i, {}, [](Agent&) {},
        [&] {
            const auto next = route(s, i, s.model_of(prov), stage);
            if (next) {
                enter_stage(s, ctx, i, prov, *next, stage, to_i32(s.now));
            } else {
                return_to_job_search(s, ctx, i, prov, stage);
            }
        });
}

void return_to_job_search(Store& s, sim::Context& ctx, std::uint32_t i, std::uint8_t prov,
                          std::uint32_t from_stage) {
    const bool was_unemployed = s.agent(i).state == JobseekerState::Unemployed;
    // A referral that ends at once (an exit stage, a refusal) leaves an unemployed person's
    // record as it was, untraced; no seat is held on the way back from a service.
    const Change change{was_unemployed ? TraceKind::Count : TraceKind::ServiceEnd, false, true};
    transition(
        s, ctx, i, change,
        [&](Agent& a) {
            a.state = JobseekerState::Unemployed;
            a.stage = kNoStage;
            a.service_provider = kNoProvider;
            if (!was_unemployed && from_stage != kNoStage) {
                // The unemployment duration runs on through services (assumption: the
                // register's rules on when a service breaks "continuous unemployment"
                // are not modelled).
                const ServiceStage& st = s.model_of(prov).stages[from_stage];
                a.after_stage = static_cast<std::uint8_t>(from_stage);
                a.after_model = static_cast<std::uint8_t>(s.p().service_model[s.global[prov]]);
                a.after_until =
                    to_i32(s.now + sim::from_days(st.after_effect_months * 365.25 / 12.0));
            }
            a.last_interview = to_i32(s.now);
        },
        [&] {
            recheck(s, i);
            if (!was_unemployed) {
                s.book(s.agent(i).provider, rows_of(s, s.agent(i)),
                       Metric::UnemploymentPeriodsStarted);
            }
            start_unemployment(s, ctx, i, false);
        });
}

void release_budgets(Store& s, sim::Context& ctx, bool new_year) {
    for (BudgetState& b : s.budgets) {
        if (new_year) {
            b.left = b.quota->instalment() * s.scale();
        } else if (b.quota->monthly) {
            b.left += b.quota->instalment() * s.scale();
        } else {
            continue;
        }
        while (b.left > 0.0 && !b.waiting.empty()) {
            const BudgetWait w = b.waiting.front();
            b.waiting.pop_front();
            Agent& a = s.agent(w.who.agent);
            if (a.spell != w.who.spell || a.state != JobseekerState::Unemployed ||
                a.stage != w.stage || w.stage >= s.model_of(w.provider).stages.size()) {
                continue; // moved on meanwhile
            }
            a.stage = kNoStage;
            enter_stage(s, ctx, w.who.agent, w.provider, w.stage, kNoStage, w.who.since);
        }
    }
}

bool any_closed_months(const Store& s) {
    for (const auto& [date, q] : s.sh->in->periods) {
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

} // namespace kokeilu::agents::region

namespace kokeilu::agents {

namespace {

const Params<ServiceModel> kServiceModelParams{
    {.key = "service_models.*.initial_interview_working_days",
     .field = &ServiceModel::initial_interview_working_days,
     .def = std::int64_t{0},
     .unit = "working days",
     .range = between(0.0, 250.0),
     .source = "assumption (a what-if of one model or area; the law sets one national "
               "deadline, DOMAIN.md §3.1)",
     .doc = "The model's own deadline for the initial interview after registration; 0: "
            "the national process.initial_interview_working_days."},
    {.key = "service_models.*.interview_interval_days",
     .field = &ServiceModel::interview_interval_days,
     .def = std::int64_t{0},
     .unit = "days",
     .range = between(0.0, 730.0),
     .source = "assumption (a what-if of one model or area; the law sets one national "
               "interval, DOMAIN.md §3.1)",
     .doc = "The model's own interval of periodic interviews while unemployed; 0: the "
            "national process.interview_interval_days. The Nordic model's early job-search "
            "discussions (process.intensive_interval_days) still come first.",
     .timing = true},
    {.key = "service_models.*.contact_minutes",
     .field = &ServiceModel::contact_minutes,
     .def = 60.0,
     .unit = "minutes",
     .range = at_least(0.0),
     .source = "assumption",
     .doc = "Staff time of the first contact and initial interview."},
    {.key = "service_models.*.interview_minutes",
     .field = &ServiceModel::interview_minutes,
     .def = 40.0,
     .unit = "minutes",
     .range = at_least(0.0),
     .source = "assumption",
     .doc = "Staff time of a periodic interview."},
    {.key = "service_models.*.assessment_minutes",
     .field = &ServiceModel::assessment_minutes,
     .def = 90.0,
     .unit = "minutes",
     .range = at_least(0.0),
     .source = "assumption",
     .doc = "Extra staff time of a service-need assessment (skills, work ability, "
            "social and health needs)."},
    {.key = "service_models.*.assess_at_start",
     .field = &ServiceModel::assess_at_start,
     .def = 0.3,
     .range = between(0.0, 1.0),
     .source = "assumption (DESIGN.md: the pilots' strong start vs the TE office's "
               "later assessment)",
     .doc = "Probability that the initial interview includes a full assessment."},
    {.key = "service_models.*.assess_at_interview",
     .field = &ServiceModel::assess_at_interview,
     .def = 0.1,
     .range = between(0.0, 1.0),
     .source = "assumption",
     .doc = "Probability that a periodic interview of a not yet assessed "
            "jobseeker includes an assessment."},
    {.key = "service_models.*.referral_assessed",
     .field = &ServiceModel::referral_assessed,
     .def = 0.6,
     .range = between(0.0, 1.0),
     .source = "assumption",
     .doc = "Probability that an interview refers an assessed jobseeker with a need "
            "to the service pathway (per 3 months: interviews held more often refer "
            "proportionally less each)."},
    {.key = "service_models.*.referral_other",
     .field = &ServiceModel::referral_other,
     .def = 0.08,
     .range = between(0.0, 1.0),
     .source = "assumption",
     .doc = "Probability that an interview refers any other jobseeker to the "
            "service pathway (per 3 months, like referral_assessed)."},
    // Read by hand: the stage is resolved in the model's pathway.
    {.key = "service_models.*.typ_stage",
     .field = ByHand{},
     .def = "",
     .source = "DOMAIN.md §3.2: TYP needs assessment after 300 days of labour-market "
               "subsidy or 6 / 12 months of unemployment (law 1369/2014) [S50]",
     .doc = "Stage of the pathway a jobseeker enters when the TYP assessment becomes due "
            "(checked at each month end); empty: the model has no multi-professional "
            "joint service and only counts the referrals."},
    {.key = "service_models.*.caseload_cap_per_counsellor",
     .field = &ServiceModel::caseload_cap,
     .def = 0.0,
     .unit = "jobseekers/FTE",
     .range = at_least(0.0),
     .source = "assumption; DOMAIN.md §10: lower caseloads shorten unemployment "
               "[S100][S101]",
     .doc = "Most jobseekers a provider takes into personal service per counsellor; "
            "a new registration beyond it waits for its first contact until a "
            "client leaves (counted in intake_queue). 0: no cap."},
    {.key = "service_models.*.risk_thresholds",
     .field = &ServiceModel::risk_thresholds,
     .def = Numbers{},
     .unit = "probability",
     .range = between(0.0, 1.0),
     .source = "assumption; DOMAIN.md §10: Austria's AMS uses 3 groups [S103], Sweden 4 "
               "risk classes targeting about 10 % of new registrants [S104]",
     .doc = "Profiling at registration: the estimated risk of still being "
            "unemployed 12 months on puts a jobseeker in risk group k when it is at "
            "least the k-th threshold (ascending; three thresholds make four "
            "groups). Empty: no profiling."},
    {.key = "service_models.*.intensive_from_group",
     .field = &ServiceModel::intensive_from_group,
     .def = std::int64_t{1},
     .range = between(0.0, 10.0),
     .source = "assumption",
     .doc = "Risk groups from this one up (0 = lowest) get early intensive support: "
            "a full assessment at the first contact and referral_intensive."},
    {.key = "service_models.*.referral_intensive",
     .field = &ServiceModel::referral_intensive,
     .def = 0.0,
     .range = between(0.0, 1.0),
     .source = "assumption",
     .doc = "Referral probability per interview (as referral_assessed) for "
            "jobseekers in intensive support, if higher than their usual one."},
};

} // namespace

const Params<ServiceModel>& service_model_params() {
    return kServiceModelParams;
}

namespace {

std::vector<std::string> service_kind_names() {
    std::vector<std::string> names;
    for (std::size_t k = 0; k < kServiceKindCount; ++k) {
        names.emplace_back(service_kind_name(static_cast<ServiceKind>(k)));
    }
    return names;
}

} // namespace

namespace {

const Params<ServiceStage> kServiceStageParams{
    {.key = "service_models.*.stages.*.status",
     .field = choice<&ServiceStage::status>(),
     .def = "in_services",
     .source = "DOMAIN.md §2.1 (register codes)",
     .doc = "The jobseeker's register status while in the stage. `unemployed`: the "
            "register keeps them unemployed (counted in `unemployed`, and the long-term "
            "count is not broken) while the model has them in the stage; every other "
            "status breaks the continuous unemployment the register counts.",
     .choices = {"unemployed", "in_services", "in_training", "employed_subsidised"}},
    {.key = "service_models.*.stages.*.kind",
     .field = choice<&ServiceStage::kind>(),
     .def = "other",
     .source = "DOMAIN.md §3.2",
     .doc = "Which employment service the stage is: the output counts starts, "
            "stock, waits and spending per service, and budgets name services. "
            "The rules of a service are the stage's own keys (paid_as, "
            "min_days, max_days).",
     .choices = service_kind_names()},
    {.key = "service_models.*.stages.*.requires",
     .field = choice<&ServiceStage::requires_need>(),
     .def = "none",
     .source = "assumption",
     .doc = "A need the jobseeker must have (found by an assessment) to be routed "
            "to this stage; other stages share its probability. "
            "`foreign_language` is known from registration (integration "
            "training).",
     .choices = {"none", "skills", "work_ability", "social", "foreign_language"}},
    // Read by hand: a set of months, with its own checks.
    {.key = "service_models.*.stages.*.closed_months",
     .field = ByHand{},
     .def = Numbers{},
     .unit = "month numbers (1-12)",
     .range = between(1.0, 12.0),
     .source = "assumption; the training stock (status 08) is lowest in June-July "
               "(data/observed_monthly.csv)",
     .doc = "Calendar months in which the stage starts nobody (e.g. [7]: courses "
            "have a summer break); referrals wait, unemployed, for the next open "
            "month."},
    {.key = "service_models.*.stages.*.lock_in",
     .field = &ServiceStage::lock_in,
     .def = 1.0,
     .range = at_least(0.0),
     .source = "assumption",
     .doc = "Multiplier of the job-finding rate while in the stage.",
     .timing = true},
    {.key = "service_models.*.stages.*.after_effect",
     .field = &ServiceStage::after_effect,
     .def = 1.0,
     .range = at_least(0.0),
     .source = "assumption; DOMAIN.md §3.2: 22 % / 25 % in work 3 / 6 months after "
               "any service, 50 % 2 months after training",
     .doc = "Multiplier of the job-finding rate after the stage ends.",
     .timing = true},
    {.key = "service_models.*.stages.*.after_effect_months",
     .field = &ServiceStage::after_effect_months,
     .def = 0.0,
     .unit = "months",
     .range = at_least(0.0),
     .source = "assumption",
     .doc = "How long the after-effect lasts.",
     .timing = true},
    {.key = "service_models.*.stages.*.paid_as",
     .field = choice<&ServiceStage::paid_as>(),
     .def = "cost_per_day",
     .source = "DOMAIN.md §3.2",
     .doc = "What a day in the stage costs the state: `cost_per_day` "
            "(cost_per_day_eur); `basic_allowance` (the basic daily allowance, five "
            "days a week: the start-up grant [S57]); `pay_subsidy` (length and cost "
            "by the row of law.pay_subsidy in force on the start date, instead of "
            "duration, min_days, max_days and cost_per_day_eur).",
     .choices = {"cost_per_day", "basic_allowance", "pay_subsidy"}},
    {.key = "service_models.*.stages.*.min_days",
     .field = &ServiceStage::min_days,
     .def = 0.0,
     .unit = "days",
     .range = at_least(0.0),
     .source = "DOMAIN.md §3.2 (rehabilitative work activity at least 3 months [S51])",
     .doc = "Shortest stay: shorter drawn durations are lengthened (0: no limit)."},
    {.key = "service_models.*.stages.*.max_days",
     .field = &ServiceStage::max_days,
     .def = 0.0,
     .unit = "days",
     .range = at_least(0.0),
     .source = "DOMAIN.md §3.2 (work trial at most 6 months [S53], rehabilitative "
               "work 24 months [S51], start-up grant 12 months [S57])",
     .doc = "Longest stay: longer drawn durations are cut (0: no limit)."},
    {.key = "service_models.*.stages.*.cost_per_day_eur",
     .field = &ServiceStage::cost_per_day_eur,
     .def = 0.0,
     .unit = "EUR/day",
     .range = at_least(0.0),
     .source = "DOMAIN.md §5.4 (training 51.5 EUR per student-day [S58])",
     .doc = "State cost per calendar day in the stage."},
};

} // namespace

const Params<ServiceStage>& service_stage_params() {
    return kServiceStageParams;
}

} // namespace kokeilu::agents
