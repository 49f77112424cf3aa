// The declarations of every scenario key (the single source of configs/README.md).
#include "scenario/schema.hpp"

#include "agents/jobseeker_model.hpp"
#include "agents/params.hpp"

#include <type_traits>

namespace kokeilu::scenario {

namespace {

KeyDecl key(std::string pattern, Type type, std::optional<Value> def, std::string unit,
            std::string source, std::string doc) {
    KeyDecl k;
    k.pattern = std::move(pattern);
    k.type = type;
    k.default_value = std::move(def);
    k.unit = std::move(unit);
    k.source = std::move(source);
    k.doc = std::move(doc);
    return k;
}

KeyDecl with_range(KeyDecl k, std::optional<double> min, std::optional<double> max,
                   bool min_exclusive = false) {
    k.range.min = min;
    k.range.max = max;
    k.range.min_exclusive = min_exclusive;
    return k;
}

/// A description: free text, up to 2,000 characters (names and other strings: 200).
KeyDecl free_text(KeyDecl k) {
    k.max_length = 2000;
    return k;
}

KeyDecl fixed(KeyDecl k) {
    k.timeline = false;
    return k;
}

/// The key type a binding row's field holds (agents/params.hpp).
template <class T>
Type type_of(const agents::Param<T>& p) {
    return std::visit(
        [&](const auto& f) {
            using F = std::decay_t<decltype(f)>;
            if constexpr (std::is_same_v<F, agents::ByHand>) {
                return std::holds_alternative<agents::Numbers>(p.def) ? Type::ListOfNumbers
                                                                      : Type::String;
            } else if constexpr (std::is_same_v<F, agents::ChoiceField<T>>) {
                return Type::Enum;
            } else if constexpr (std::is_same_v<F, agents::Each<T, double>> ||
                                 std::is_same_v<F, double T::*>) {
                return Type::Float;
            } else if constexpr (std::is_same_v<F, agents::Each<T, std::uint32_t>>) {
                return Type::Reference;
            } else if constexpr (std::is_same_v<F, int T::*> ||
                                 std::is_same_v<F, std::uint32_t T::*>) {
                return Type::Integer;
            } else {
                return Type::ListOfNumbers;
            }
        },
        p.field);
}

std::optional<Value> value_of(const agents::ParamDefault& d) {
    return std::visit(
        [](const auto& v) -> std::optional<Value> {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) {
                return std::nullopt;
            } else {
                return Value{v};
            }
        },
        d);
}

/// The declarations of a table of binding rows (every one may change on a [[timeline]] date).
template <class T>
void add_params(Schema& s, const agents::Params<T>& rows) {
    for (const auto& p : rows) {
        KeyDecl k = key(std::string(p.key), type_of(p), value_of(p.def), std::string(p.unit),
                        std::string(p.source), std::string(p.doc));
        k.range.min = p.range.min;
        k.range.max = p.range.max;
        k.range.min_exclusive = p.range.min_exclusive;
        k.choices = p.choices;
        k.refers_to = std::string(p.refers_to);
        s.add(std::move(k));
    }
}

/// [law.pay_subsidy.NAME], [law.municipal_lms_share.NAME]: the law's dated tables, one row
/// per NAME, each in force from its `from` date until the next row's (configs/law.toml).
void add_law_keys(Schema& s) {
    s.add(fixed(key("law.pay_subsidy.*.from", Type::Date, std::nullopt, "",
                    "DOMAIN.md §0, §3.2 (the 2023 reform from 1.7.2023, HE 175/2022) [S55]",
                    "First day of this row of the pay-subsidy rules; a subsidy starting on a "
                    "day gets the terms of the row in force then (the latest `from` on or before "
                    "it). A run with a stage paid as `pay_subsidy` needs a row in force on its "
                    "first day (the warm-up's).")));
    s.add(fixed(
        with_range(key("law.pay_subsidy.*.from_months", Type::ListOfNumbers, Value{NumberList{0.0}},
                       "months", "DOMAIN.md §3.2: 12 and 24 months until 30.6.2023 [S54]",
                       "Months of unemployment (the current spell) from which each tier "
                       "applies: ascending, the first 0."),
                   0.0, 600.0)));
    s.add(fixed(with_range(key("law.pay_subsidy.*.rates", Type::ListOfNumbers, std::nullopt, "",
                               "DOMAIN.md §3.2: 30/40/50 % until 30.6.2023 [S54], 50 % from "
                               "1.7.2023 [S55]",
                               "Share of the wage cost (benefits.pay_subsidy_wage_cost_eur_month) "
                               "paid, one per tier."),
                           0.0, 1.0)));
    s.add(fixed(
        with_range(key("law.pay_subsidy.*.months", Type::ListOfNumbers, std::nullopt, "months",
                       "DOMAIN.md §3.2: 6/12/24 months until 30.6.2023 [S54]; typical "
                       "periods of 5 or 10 months from 1.7.2023 [S55]",
                       "Length of the subsidy, one per tier (the stage lasts exactly "
                       "this long, whatever its duration keys)."),
                   0.0, 120.0, true)));
    s.add(fixed(
        with_range(key("law.pay_subsidy.*.cap_eur_month", Type::Float, std::nullopt, "EUR/month",
                       "DOMAIN.md §3.2: 1,400 (firms, 2021) [S54]; 1,260 from 1.7.2023 "
                       "[S55]",
                       "Most the subsidy pays a month."),
                   0.0, std::nullopt)));
    s.add(fixed(with_range(key("law.pay_subsidy.*.reduced_work_ability_rate", Type::Float,
                               Value{0.0}, "", "DOMAIN.md §3.2: 70 % from 1.7.2023 [S55]",
                               "Rate for a jobseeker with a work-ability need instead of the "
                               "tier's (0: the tier's)."),
                           0.0, 1.0)));
    s.add(fixed(with_range(key("law.pay_subsidy.*.reduced_work_ability_cap_eur_month", Type::Float,
                               Value{0.0}, "EUR/month", "DOMAIN.md §3.2: 1,770 from 1.7.2023 [S55]",
                               "Monthly cap for a jobseeker with a work-ability need instead of "
                               "cap_eur_month (0: cap_eur_month)."),
                           0.0, std::nullopt)));
    s.add(fixed(key("law.municipal_lms_share.*.from", Type::Date, std::nullopt, "",
                    "DOMAIN.md §5.3: the 2006 rule [S70], the 2015 rule [S67][S68]",
                    "First day of this row of the municipal share of labour-market subsidy; a "
                    "booked day gets the share of the row in force then. Before the first row "
                    "the municipality pays nothing (benefits.municipal_financing = `lms_2015`).")));
    s.add(fixed(with_range(key("law.municipal_lms_share.*.from_days", Type::ListOfNumbers,
                               std::nullopt, "LMS days",
                               "DOMAIN.md §5.3: 500 days (2006) [S70]; 300 and 1,000 days "
                               "(2015) [S67]",
                               "Days of labour-market subsidy paid on the basis of unemployment "
                               "after which each share applies (ascending)."),
                           0.0, 100000.0)));
    s.add(
        fixed(with_range(key("law.municipal_lms_share.*.shares", Type::ListOfNumbers, std::nullopt,
                             "", "DOMAIN.md §5.3: 50 % (2006) [S70]; 50 % and 70 % (2015) [S67]",
                             "The municipality's share of the subsidy from each from_days, one "
                             "per step."),
                         0.0, 1.0)));
}

Schema build() {
    using sim::Date;
    Schema s;
    // [scenario]
    s.add(fixed(key("scenario.name", Type::String, Value{std::string("Finland 2019-2024")}, "", "",
                    "A name for the scenario, shown in reports.")));
    s.add(fixed(key("scenario.start", Type::Date, Value{Date(2019, 1, 1)}, "",
                    "the start of the observed monthly series (data/observed_monthly.csv)",
                    "First simulated day.")));
    s.add(fixed(key("scenario.end", Type::Date, Value{Date(2024, 12, 31)}, "",
                    "DOMAIN.md §0: the pilots ran to 31.12.2024 (HE 17/2022) [S36]",
                    "Last simulated day (inclusive).")));
    s.add(fixed(with_range(key("scenario.seed", Type::Integer, Value{std::int64_t{1}}, "",
                               "assumption", "Seed of all random streams."),
                           0.0, std::nullopt)));
    s.add(fixed(with_range(key("scenario.replications", Type::Integer, Value{std::int64_t{1}}, "",
                               "assumption", "Independent replications of the run."),
                           1.0, 100000.0)));
    // [pilot]
    s.add(fixed(key("pilot.start", Type::Date, Value{Date(2021, 3, 1)}, "",
                    "DOMAIN.md §0: law 1269/2020 in force 1.3.2021 [S2][S3][S31]",
                    "Day the municipal pilots start and clients move from the TE offices.")));
    s.add(fixed(key("pilot.end", Type::Date, Value{Date(2024, 12, 31)}, "",
                    "DOMAIN.md §0: extended from 30.6.2023 to 31.12.2024 by HE 17/2022 [S36]",
                    "Last day of the pilots (30.6.2023 for the original term).")));
    add_params(s, agents::target_group_params());
    // [population]
    s.add(fixed(with_range(key("population.scale", Type::Float, Value{1.0}, "", "assumption",
                               "Fraction of Finland's jobseekers to simulate (0.01 for quick "
                               "runs)."),
                           0.0, 10.0, true)));
    s.add(fixed(with_range(key("population.warmup_months", Type::Integer, Value{std::int64_t{12}},
                               "months", "assumption",
                               "Months simulated before scenario.start to fill the service "
                               "stocks; nothing from them is written."),
                           0.0, 120.0)));
    s.add(fixed(with_range(key("population.initial_unemployed", Type::Float, Value{251400.0},
                               "persons", "data/observed_monthly.csv, 2019-01 (TEM)",
                               "Unemployed jobseekers in the whole country at the start of the "
                               "warm-up, before scaling (at most 10 million: a sanity limit)."),
                           0.0, 10e6)));
    add_params(s, agents::population_params());
    // [labour_market]
    s.add(fixed(key("labour_market.index_start", Type::Date, Value{Date(2018, 1, 1)}, "", "",
                    "Month of the first value of labour_market.demand and inflow_index.")));
    add_params(s, agents::labour_market_params());
    // [process]: the law's contact and interview rules, the same for every provider
    add_params(s, agents::process_params());
    // [benefits]
    add_params(s, agents::benefits_params());
    add_law_keys(s);
    // [regions.NAME]: the 15 TE-office regions
    s.add(fixed(key("regions.*.name", Type::String, Value{std::string()}, "", "",
                    "The region's name as written in reports.")));
    s.add(fixed(with_range(key("regions.*.jobseeker_share", Type::Float, std::nullopt, "",
                               "data/geography-population.md §2; assumption where not found",
                               "The region's share of the country's unemployed jobseekers; "
                               "the shares of all regions sum to 1."),
                           0.0, 1.0)));
    s.add(fixed(with_range(key("regions.*.demand_factor", Type::Float, Value{1.0}, "",
                               "assumption (data/ has no regional monthly series to fit)",
                               "Multiplies the region's labour-demand index (the job-finding "
                               "rate)."),
                           0.0, std::nullopt)));
    s.add(fixed(with_range(key("regions.*.demand", Type::ListOfNumbers, Value{NumberList{}}, "",
                               "assumption",
                               "The region's own monthly labour-demand index from "
                               "labour_market.index_start (same rules as "
                               "labour_market.demand); empty: the national index."),
                           0.0, std::nullopt)));
    // [service_models.NAME]: pathway graphs
    s.add(free_text(key("service_models.*.description", Type::String, Value{std::string()}, "", "",
                        "What the service model is, in a sentence.")));
    s.add(fixed(key("service_models.*.extends", Type::String, Value{std::string()}, "", "",
                    "Another service model this one starts from: every key of that model that "
                    "this one does not set is taken from it (a stage's `next` as a whole). "
                    "Dated changes ([[timeline]]) of the other model do not carry over.")));
    KeyDecl entry = key("service_models.*.entry", Type::Reference, std::nullopt, "", "",
                        "The stage a new client starts in.");
    entry.refers_to = "service_models.$1.stages";
    entry.timeline = false;
    s.add(entry);
    add_params(s, agents::service_model_params());
    s.add(free_text(key("service_models.*.stages.*.description", Type::String, Value{std::string()},
                        "", "", "What happens in the stage.")));
    s.add(fixed(key("service_models.*.stages.*.exit", Type::Bool, Value{false}, "", "",
                    "True for an absorbing exit (e.g. open-market employment); exits have no "
                    "`next`.")));
    s.add(with_range(key("service_models.*.stages.*.servers", Type::Integer, Value{std::int64_t{0}},
                         "clients at once", "assumption",
                         "Clients the stage serves at once; 0 means no limit (no queue)."),
                     0.0, std::nullopt));
    KeyDecl dist =
        key("service_models.*.stages.*.duration", Type::Enum, Value{std::string("exponential")}, "",
            "assumption", "Distribution of the time spent in the stage.");
    dist.choices = {"none", "fixed", "exponential", "lognormal", "gamma"};
    s.add(dist);
    s.add(with_range(key("service_models.*.stages.*.duration_mean_days", Type::Float, Value{0.0},
                         "days", "assumption",
                         "Mean time in the stage (0 with duration = none; at most 100 years)."),
                     0.0, 36525.0));
    s.add(with_range(key("service_models.*.stages.*.duration_cv", Type::Float, Value{1.0}, "",
                         "assumption",
                         "Coefficient of variation of the time in the stage (lognormal, gamma; "
                         "0.01 to 10, the range in which their samplers are sound)."),
                     0.01, 10.0));
    s.add(with_range(key("service_models.*.stages.*.arrivals_per_day", Type::Float, Value{0.0},
                         "clients per day", "assumption",
                         "Poisson arrivals from outside straight into this stage (queueing "
                         "examples; jobseekers arrive through the population model)."),
                     0.0, std::nullopt));
    add_params(s, agents::service_stage_params());
    s.add(with_range(key("service_models.*.stages.*.next.*", Type::Float, std::nullopt, "", "",
                         "Probability of moving on to the named stage when this one ends; "
                         "each stage's probabilities sum to 1."),
                     0.0, 1.0));
    // [providers.NAME]
    KeyDecl kind = fixed(key("providers.*.kind", Type::Enum, std::nullopt, "", "DOMAIN.md §1",
                             "A state TE office or a municipal pilot area."));
    kind.choices = {"te_office", "pilot"};
    s.add(kind);
    KeyDecl region = fixed(key("providers.*.region", Type::Reference, std::nullopt, "",
                               "DOMAIN.md §1.3; data/geography-population.md §2",
                               "The TE-office region the provider belongs to."));
    region.refers_to = "regions";
    s.add(region);
    s.add(fixed(
        with_range(key("providers.*.resident_share", Type::Float, Value{0.0}, "", "assumption",
                       "Pilots: share of the region's jobseekers who live in the pilot's "
                       "municipalities (the TE office serves the rest of the region)."),
                   0.0, 1.0)));
    s.add(fixed(key("providers.*.municipalities", Type::ListOfStrings, Value{StringList{}}, "",
                    "DOMAIN.md §1.3; data/geography-population.md §1.2",
                    "Member municipalities of a pilot area (empty for a TE office, which serves "
                    "the rest of its region).")));
    add_params(s, agents::provider_params());
    // [budgets.NAME]
    KeyDecl bprov = fixed(key("budgets.*.provider", Type::Reference, Value{std::string()}, "", "",
                              "The provider whose money this is (a pilot's pay-subsidy and "
                              "start-up-grant budget); leave out for a regional budget."));
    bprov.refers_to = "providers";
    s.add(bprov);
    KeyDecl bregion = fixed(key("budgets.*.region", Type::Reference, Value{std::string()}, "", "",
                                "The region all of whose providers share the money (training "
                                "bought by the ELY centre); leave out for a provider's budget."));
    bregion.refers_to = "regions";
    s.add(bregion);
    s.add(fixed(key("budgets.*.services", Type::ListOfStrings, std::nullopt, "", "DOMAIN.md §5.4",
                    "The services (values of service_models.*.stages.*.kind) the budget pays "
                    "for.")));
    s.add(fixed(with_range(key("budgets.*.eur_per_year", Type::Float, std::nullopt, "EUR/year",
                               "assumption (DOMAIN.md §5.4 has national totals only)",
                               "Money per calendar year at population.scale 1. A start commits "
                               "the service's whole cost; overspending is not carried over."),
                           0.0, std::nullopt)));
    KeyDecl exhausted = fixed(key("budgets.*.when_exhausted", Type::Enum,
                                  Value{std::string("refuse")}, "", "assumption",
                                  "What a referral gets once the year's money is spent: "
                                  "`refuse` (back to job search, counted in budget_refusals) "
                                  "or `queue` (waits for next year's money, counted in "
                                  "budget_queue)."));
    exhausted.choices = {"refuse", "queue"};
    s.add(exhausted);
    KeyDecl released =
        fixed(key("budgets.*.released", Type::Enum, Value{std::string("yearly")}, "", "assumption",
                  "When the money becomes available: `yearly` (all of it on 1 "
                  "January) or `monthly` (a twelfth on the first of each month, "
                  "what is left carried to the next month within the year: "
                  "spending managed to last the year)."));
    released.choices = {"yearly", "monthly"};
    s.add(released);
    return s;
}

} // namespace

const Schema& scenario_schema() {
    static const Schema schema = build();
    return schema;
}

} // namespace kokeilu::scenario
