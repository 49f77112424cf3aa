// The declarations of every scenario key (the single source of configs/README.md).
#include "scenario/schema.hpp"

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

KeyDecl fixed(KeyDecl k) {
    k.timeline = false;
    return k;
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
    // [population]
    s.add(fixed(with_range(key("population.scale", Type::Float, Value{1.0}, "", "assumption",
                               "Fraction of Finland's jobseekers to simulate (0.01 for quick "
                               "runs)."),
                           0.0, 10.0, true)));
    // [service_models.NAME]: pathway graphs
    s.add(key("service_models.*.description", Type::String, Value{std::string()}, "", "",
              "What the service model is, in a sentence."));
    KeyDecl entry = key("service_models.*.entry", Type::Reference, std::nullopt, "", "",
                        "The stage a new client starts in.");
    entry.refers_to = "service_models.$1.stages";
    entry.timeline = false;
    s.add(entry);
    s.add(key("service_models.*.stages.*.description", Type::String, Value{std::string()}, "", "",
              "What happens in the stage."));
    s.add(fixed(key("service_models.*.stages.*.exit", Type::Bool, Value{false}, "", "",
                    "True for an absorbing exit (e.g. open-market employment); exits have no "
                    "`next`.")));
    s.add(with_range(key("service_models.*.stages.*.servers", Type::Integer,
                         Value{std::int64_t{0}}, "clients at once", "assumption",
                         "Clients the stage serves at once; 0 means no limit (no queue)."),
                     0.0, std::nullopt));
    KeyDecl dist = key("service_models.*.stages.*.duration", Type::Enum,
                       Value{std::string("exponential")}, "", "assumption",
                       "Distribution of the time spent in the stage.");
    dist.choices = {"none", "fixed", "exponential", "lognormal", "gamma"};
    s.add(dist);
    s.add(with_range(key("service_models.*.stages.*.duration_mean_days", Type::Float, Value{0.0},
                         "days", "assumption", "Mean time in the stage (0 with duration = none)."),
                     0.0, std::nullopt));
    s.add(with_range(key("service_models.*.stages.*.duration_cv", Type::Float, Value{1.0}, "",
                         "assumption",
                         "Coefficient of variation of the time in the stage (lognormal, gamma)."),
                     0.0, std::nullopt, true));
    s.add(with_range(key("service_models.*.stages.*.arrivals_per_day", Type::Float, Value{0.0},
                         "clients per day", "assumption",
                         "Poisson arrivals from outside straight into this stage (queueing "
                         "examples; jobseekers arrive through the population model)."),
                     0.0, std::nullopt));
    s.add(with_range(key("service_models.*.stages.*.next.*", Type::Float, std::nullopt, "",
                         "", "Probability of moving on to the named stage when this one ends; "
                             "each stage's probabilities sum to 1."),
                     0.0, 1.0));
    // [providers.NAME]
    KeyDecl kind = fixed(key("providers.*.kind", Type::Enum, std::nullopt, "", "DOMAIN.md §1",
                             "A state TE office or a municipal pilot area."));
    kind.choices = {"te_office", "pilot"};
    s.add(kind);
    s.add(fixed(key("providers.*.region", Type::String, Value{std::string()}, "", "DOMAIN.md §1.3",
                    "TE-office region (one of the 15).")));
    s.add(fixed(key("providers.*.municipalities", Type::ListOfStrings, Value{StringList{}}, "",
                    "DOMAIN.md §1.3; data/geography-population.md §1.2",
                    "Member municipalities of a pilot area (empty for a TE office, which serves "
                    "the rest of its region).")));
    KeyDecl model = key("providers.*.service_model", Type::Reference, std::nullopt, "", "",
                        "The service model the provider runs.");
    model.refers_to = "service_models";
    s.add(model);
    return s;
}

} // namespace

const Schema& scenario_schema() {
    static const Schema schema = build();
    return schema;
}

} // namespace kokeilu::scenario
