// The binding rows (agents/params.hpp): each key is declared once and reaches its field through
// the loader, and exactly the timing rows make a [[timeline]] change redraw timers.
#include "agents/params.hpp"
#include "agents/region_model.hpp"
#include "scenario/build.hpp"
#include "scenario/schema.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

using namespace kokeilu;
using agents::ModelParams;
using agents::Param;
using agents::ServiceModel;
using agents::ServiceStage;

namespace {

template <class T>
std::vector<const Param<T>*> rows_of();
template <>
std::vector<const Param<ModelParams>*> rows_of<ModelParams>() {
    std::vector<const Param<ModelParams>*> out;
    for (const auto* table : agents::model_param_tables()) {
        for (const auto& p : *table) {
            out.push_back(&p);
        }
    }
    return out;
}
template <>
std::vector<const Param<ServiceModel>*> rows_of<ServiceModel>() {
    std::vector<const Param<ServiceModel>*> out;
    for (const auto& p : agents::service_model_params()) {
        out.push_back(&p);
    }
    return out;
}
template <>
std::vector<const Param<ServiceStage>*> rows_of<ServiceStage>() {
    std::vector<const Param<ServiceStage>*> out;
    for (const auto& p : agents::service_stage_params()) {
        out.push_back(&p);
    }
    return out;
}

/// The structs of a built input a row of T fills: the first period's parameters, every service
/// model, every stage.
template <class T>
std::vector<const T*> parts(const agents::ModelInput& in) {
    const ModelParams& q = in.periods.front().second;
    std::vector<const T*> out;
    if constexpr (std::is_same_v<T, ModelParams>) {
        out.push_back(&q);
    } else {
        for (const ServiceModel& m : q.models) {
            if constexpr (std::is_same_v<T, ServiceModel>) {
                out.push_back(&m);
            } else {
                for (const ServiceStage& st : m.stages) {
                    out.push_back(&st);
                }
            }
        }
    }
    return out;
}

const scenario::Scenario& base_scenario() {
    static const scenario::Scenario s = scenario::load_scenario("", {});
    return s;
}
const agents::ModelInput& base_input() {
    static const agents::ModelInput in = scenario::build_model_input(base_scenario());
    return in;
}

/// A concrete key of row pattern `pattern` in the default scenario (its first provider, the
/// te_office model and that model's first stage that is not an exit).
std::string concrete_key(std::string_view pattern) {
    const auto& s = base_scenario();
    std::string stage;
    for (const auto& st : s.names("service_models.te_office.stages")) {
        if (stage.empty() && !s.boolean("service_models.te_office.stages." + st + ".exit")) {
            stage = st;
        }
    }
    const std::string first = pattern.substr(0, pattern.find('.')) == "providers"
                                  ? s.names("providers").front()
                                  : "te_office";
    std::vector<std::string> names{first, stage};
    std::string out;
    std::size_t used = 0;
    for (const auto& part : scenario::split_path(pattern)) {
        out += out.empty() ? "" : ".";
        out += part == "*" ? names[used++] : part;
    }
    return out;
}

/// `--set` values for `key` other than its value in the default scenario, in its range.
std::vector<std::string> candidates(const std::string& key) {
    const auto& s = base_scenario();
    const scenario::KeyDecl* decl = scenario::scenario_schema().find(key);
    REQUIRE(decl != nullptr);
    const scenario::Value now = s.find(key)->value;
    std::vector<scenario::Value> out;
    if (const auto* x = std::get_if<double>(&now)) {
        for (const double v : {*x * 0.5, *x + 0.25, *x + 1.0, *x * 0.5 + 0.5, 0.01}) {
            out.emplace_back(v);
        }
    } else if (const auto* n = std::get_if<std::int64_t>(&now)) {
        out.emplace_back(*n + 1);
        out.emplace_back(*n - 1);
    } else if (const auto* list = std::get_if<scenario::NumberList>(&now)) {
        auto reversed = *list;
        std::reverse(reversed.begin(), reversed.end());
        auto halved = *list;
        for (double& v : halved) {
            v *= 0.5;
        }
        auto longer = *list;
        longer.push_back(list->empty() ? 0.5 : list->back());
        if (!std::is_sorted(list->begin(), list->end())) {
            out.emplace_back(reversed); // keeps a sum (shares); ascending lists are halved
        }
        auto raised = *list;
        for (double& v : raised) {
            v += 0.5;
        }
        out.emplace_back(halved);
        out.emplace_back(raised); // a list of zeros (no halving or reversal changes it)
        out.emplace_back(longer);
    } else if (const auto* word = std::get_if<std::string>(&now)) {
        auto words = decl->choices;
        if (decl->type == scenario::Type::Reference) {
            words = s.names(decl->refers_to);
        }
        for (const auto& w : words) {
            out.emplace_back(w);
        }
        (void)word;
    }
    std::vector<std::string> sets;
    for (const auto& v : out) {
        if (v == now) {
            continue;
        }
        bool in_range = true;
        if (const auto* x = std::get_if<double>(&v)) {
            in_range = decl->range.contains(*x);
        } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
            in_range = decl->range.contains(static_cast<double>(*n));
        } else if (const auto* list = std::get_if<scenario::NumberList>(&v)) {
            in_range = std::all_of(list->begin(), list->end(),
                                   [&](double e) { return decl->range.contains(e); });
        }
        if (in_range) {
            sets.push_back(key + "=" + scenario::to_toml(v));
        }
    }
    return sets;
}

/// Sets every bound row's key of T to another valid value in one load (one `--set` each) and
/// checks that each row's field changed. (That a key fills no other field follows from the
/// generic reader, which writes only the row's field, and from no two rows sharing a field.)
template <class T>
void check_rows_reach_fields() {
    const auto before = parts<T>(base_input());
    std::vector<std::string> sets;
    std::vector<const Param<T>*> bound;
    for (const auto* row : rows_of<T>()) {
        if (std::holds_alternative<agents::ByHand>(row->field)) {
            continue;
        }
        const auto values = candidates(concrete_key(row->key));
        INFO(row->key);
        REQUIRE_FALSE(values.empty());
        sets.push_back(values.front());
        bound.push_back(row);
    }
    agents::ModelInput in;
    try {
        in = scenario::build_model_input(scenario::load_scenario("", sets));
    } catch (const scenario::ConfigError& e) {
        FAIL("the --set values of the test do not load: " << e.what());
    }
    const auto after = parts<T>(in);
    REQUIRE(after.size() == before.size());
    for (const auto* row : bound) {
        bool reached = false;
        for (std::size_t k = 0; k < after.size(); ++k) {
            reached = reached || agents::differs(*row, *before[k], *after[k]);
        }
        INFO(row->key);
        CHECK(reached);
    }
}

/// Changes the field of row `p` in `t` (to a different value of its type).
template <class T>
void perturb(const Param<T>& p, T& t) {
    std::visit(
        [&](const auto& f) {
            using F = std::decay_t<decltype(f)>;
            if constexpr (std::is_same_v<F, agents::ByHand>) {
                return;
            } else if constexpr (std::is_same_v<F, agents::ChoiceField<T>>) {
                f.set(t, (f.get(t) + 1) % p.choices.size());
            } else if constexpr (std::is_same_v<F, agents::Each<T, double>> ||
                                 std::is_same_v<F, agents::Each<T, std::uint32_t>>) {
                (t.*f.member).front() += 1;
            } else if constexpr (std::is_same_v<F, std::vector<double> T::*>) {
                (t.*f).push_back(0.5);
            } else if constexpr (std::is_same_v<F, double T::*> || std::is_same_v<F, int T::*> ||
                                 std::is_same_v<F, std::uint32_t T::*>) {
                t.*f += 1;
            } else {
                (t.*f).front() += 1.0;
            }
        },
        p.field);
}

ModelParams one_model_params() {
    ModelParams q = agents::default_model_params();
    q.counsellors = {1.0};
    q.municipal_counsellors = {0.0};
    q.service_model = {0};
    q.models = {agents::default_service_model()};
    q.models[0].stages = {agents::default_service_stage()};
    return q;
}

template <class T>
std::set<std::string> keys_of() {
    std::set<std::string> out;
    for (const auto* p : rows_of<T>()) {
        out.insert(std::string(p->key));
    }
    return out;
}

template <class T>
void check_unique() {
    const auto rows = rows_of<T>();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        for (std::size_t j = i + 1; j < rows.size(); ++j) {
            INFO(rows[i]->key << " and " << rows[j]->key);
            CHECK(rows[i]->key != rows[j]->key);
            if (!std::holds_alternative<agents::ByHand>(rows[i]->field)) {
                CHECK_FALSE(rows[i]->field == rows[j]->field);
            }
        }
    }
}

} // namespace

TEST_CASE("no two binding rows bind the same key or field", "[params]") {
    check_unique<ModelParams>();
    check_unique<ServiceModel>();
    check_unique<ServiceStage>();
    // Each row is one declaration of the schema, under its own pattern.
    std::set<std::string> all;
    for (const auto& k : keys_of<ModelParams>()) {
        all.insert(k);
    }
    for (const auto& k : keys_of<ServiceModel>()) {
        CHECK(all.insert(k).second);
    }
    for (const auto& k : keys_of<ServiceStage>()) {
        CHECK(all.insert(k).second);
    }
    for (const auto& k : all) {
        const auto n = std::count_if(scenario::scenario_schema().keys().begin(),
                                     scenario::scenario_schema().keys().end(),
                                     [&](const scenario::KeyDecl& d) { return d.pattern == k; });
        INFO(k);
        CHECK(n == 1);
    }
}

TEST_CASE("every binding row's key reaches its field", "[params]") {
    check_rows_reach_fields<ModelParams>();
    check_rows_reach_fields<ServiceModel>();
    check_rows_reach_fields<ServiceStage>();
}

TEST_CASE("a value set with --set is the field's value", "[params]") {
    const std::string lock_in = concrete_key("service_models.*.stages.*.lock_in");
    const auto in = scenario::build_model_input(scenario::load_scenario(
        "", {"labour_market.job_finding_per_month=0.123", lock_in + "=0.7",
             "process.interview_interval_days=77", "benefits.municipal_financing=\"te24\""}));
    const ModelParams& q = in.periods.front().second;
    CHECK(q.job_finding_per_month == 0.123);
    CHECK(q.interview_interval_days == 77);
    CHECK(q.te24_financing);
    const auto models = base_scenario().names("service_models");
    const auto& te = q.models[static_cast<std::size_t>(
        std::find(models.begin(), models.end(), "te_office") - models.begin())];
    const auto stage = scenario::split_path(lock_in)[3];
    CHECK(std::any_of(te.stages.begin(), te.stages.end(), [&](const ServiceStage& st) {
        return st.stage.name == stage && st.lock_in == 0.7;
    }));
}

TEST_CASE("exactly the timing rows make a timeline change redraw timers", "[params]") {
    const ModelParams a = one_model_params();
    for (const auto* p : rows_of<ModelParams>()) {
        ModelParams b = a;
        perturb(*p, b);
        INFO(p->key);
        CHECK(agents::region::changes_timing(a, b) == p->timing);
    }
    for (const auto* p : rows_of<ServiceModel>()) {
        ModelParams b = a;
        perturb(*p, b.models[0]);
        INFO(p->key);
        CHECK(agents::region::changes_timing(a, b) == p->timing);
    }
    for (const auto* p : rows_of<ServiceStage>()) {
        ModelParams b = a;
        perturb(*p, b.models[0].stages[0]);
        INFO(p->key);
        CHECK(agents::region::changes_timing(a, b) == p->timing);
    }
    // The timing parameters: rates and multipliers of job finding and exits, and the interview
    // schedule (the list changes_timing kept by hand before the rows).
    std::set<std::string> timing;
    for (const auto* p : rows_of<ModelParams>()) {
        if (p->timing) {
            timing.insert(std::string(p->key));
        }
    }
    for (const auto* p : rows_of<ServiceStage>()) {
        if (p->timing) {
            timing.insert(std::string(p->key));
        }
    }
    for (const auto* p : rows_of<ServiceModel>()) {
        if (p->timing) {
            timing.insert(std::string(p->key));
        }
    }
    CHECK(timing == std::set<std::string>{"labour_market.demand",
                                          "labour_market.job_finding_per_month",
                                          "labour_market.duration_factors",
                                          "labour_market.age_factors",
                                          "labour_market.retirement_age",
                                          "labour_market.need_factors",
                                          "labour_market.education_factors",
                                          "labour_market.other_exit_per_month",
                                          "labour_market.own_study_per_month",
                                          "labour_market.recall_per_month",
                                          "labour_market.vacancy_elasticity",
                                          "labour_market.vacancy_reference",
                                          "labour_market.seasonal_return_months",
                                          "process.interview_interval_days",
                                          "process.intensive_interval_days",
                                          "process.intensive_period_days",
                                          "process.interview_effect",
                                          "process.interview_effect_days",
                                          "process.interview_other_exit_effect",
                                          "process.job_search_effect",
                                          "benefits.earnings_related_max_days",
                                          "providers.*.service_model",
                                          "service_models.*.interview_interval_days",
                                          "service_models.*.stages.*.lock_in",
                                          "service_models.*.stages.*.after_effect",
                                          "service_models.*.stages.*.after_effect_months"});
    // A different number of models or stages is a change too.
    ModelParams fewer = a;
    fewer.models[0].stages.clear();
    CHECK(agents::region::changes_timing(a, fewer));
}

TEST_CASE("the rows' defaults fill models built by hand", "[params]") {
    const ModelParams q = agents::default_model_params();
    CHECK(q.job_finding_per_month == 0.2);
    CHECK(q.age_shares == std::array<double, 4>{0.122, 0.10, 0.42, 0.358});
    CHECK(q.interview_interval_days == 91);
    CHECK_FALSE(q.te24_financing);
    CHECK(q.counsellors.empty());
    CHECK(agents::default_service_stage().lock_in == 1.0);
    CHECK(agents::default_service_stage().status == agents::JobseekerState::InServices);
    CHECK(agents::default_service_model().intensive_from_group == 1);
}
