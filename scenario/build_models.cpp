// Service models and parameter sets from a scenario: the pathway of a model, the stages and
// their checks, one period's parameters.
#include "scenario/build.hpp"
#include "scenario/build_parts.hpp"
#include "scenario/schema.hpp"

#include "agents/params.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <tuple>
#include <type_traits>

namespace kokeilu::scenario {

using namespace build_detail;

agents::Pathway build_pathway(const Scenario& scenario, std::string_view model) {
    const auto models = scenario.names("service_models");
    if (std::find(models.begin(), models.end(), model) == models.end()) {
        std::string message = "no service model `" + std::string(model) + "` in the scenario";
        if (auto g = did_you_mean(model, models)) {
            message += "; did you mean `" + *g + "`?";
        }
        throw ConfigError({Diagnostic{"", 0, 0, std::move(message)}});
    }
    const std::string base = "service_models." + std::string(model);
    agents::Pathway p;
    p.name = std::string(model);
    const auto stage_names = scenario.names(base + ".stages");
    for (const auto& name : stage_names) {
        const std::string key = base + ".stages." + name;
        agents::Stage st;
        st.name = name;
        st.exit = scenario.boolean(key + ".exit");
        st.servers = static_cast<std::uint32_t>(scenario.integer(key + ".servers"));
        st.duration.kind = agents::Duration::parse_kind(scenario.string(key + ".duration"));
        st.duration.mean_days = scenario.number(key + ".duration_mean_days");
        st.duration.cv = scenario.number(key + ".duration_cv");
        st.arrivals_per_day = scenario.number(key + ".arrivals_per_day");
        p.stages.push_back(std::move(st));
    }
    for (std::uint32_t i = 0; i < p.stages.size(); ++i) {
        const std::string next = base + ".stages." + p.stages[i].name + ".next";
        for (const auto& target : scenario.names(next)) {
            const double prob = scenario.number(next + "." + target);
            const auto to = p.find(target);
            if (prob > 0.0 && to) { // an unknown target: check_pathways reports it
                p.stages[i].next.push_back(*to);
                p.stages[i].next_probability.push_back(prob);
            }
        }
    }
    p.entry = p.find(scenario.string(base + ".entry")).value_or(0); // else reported by the loader
    return p;
}

namespace {

/// The checks of ModelParams that involve more than one value: shares that sum to 1, weights
/// not all 0, lists of the same length, ascending steps.
void check_params(const Scenario& s, const agents::ModelParams& q, std::vector<Diagnostic>& diags) {
    if (const double sum = q.age_shares[0] + q.age_shares[1] + q.age_shares[2] + q.age_shares[3];
        s.numbers("population.age_shares").size() == 4 && std::abs(sum - 1.0) > kShareTolerance) {
        diags.push_back(at_key(s, "population.age_shares",
                               "population.age_shares must sum to 1, got " + amount(sum)));
    }
    if (q.foreign_language_share + q.swedish_share > 1.0) {
        diags.push_back(at_key(s, "population.swedish_share",
                               "population.foreign_language_share + swedish_share exceed 1"));
    }
    if (q.education_shares[0] + q.education_shares[1] + q.education_shares[2] <= 0.0) {
        diags.push_back(at_key(s, "population.education_shares",
                               "population.education_shares must not all be 0"));
    }
    if (q.other_exit_shares[0] + q.other_exit_shares[1] + q.other_exit_shares[2] +
            q.other_exit_shares[3] <=
        0.0) {
        diags.push_back(at_key(s, "labour_market.other_exit_shares",
                               "labour_market.other_exit_shares must not all be 0"));
    }
    if (q.te24_shares.size() != q.te24_share_from_days.size()) {
        diags.push_back(at_key(s, "benefits.te24_shares",
                               "benefits.te24_shares must have one value per "
                               "te24_share_from_days value (" +
                                   std::to_string(q.te24_share_from_days.size()) + "), got " +
                                   std::to_string(q.te24_shares.size())));
    }
    if (!std::is_sorted(q.te24_share_from_days.begin(), q.te24_share_from_days.end())) {
        diags.push_back(at_key(s, "benefits.te24_share_from_days",
                               "benefits.te24_share_from_days must be in ascending order"));
    }
}

/// One stage of a service model with what it means for the jobseeker (status, need, effects,
/// cost and the law's rules of the service): its rows, closed_months and the checks.
agents::ServiceStage service_stage_of(const Scenario& s, const std::string& model,
                                      const agents::Stage& st, std::vector<Diagnostic>& diags) {
    const std::string key = "service_models." + model + ".stages." + st.name;
    agents::ServiceStage ss;
    ss.stage = st;
    read_params(s, agents::service_stage_params(), {model, st.name}, ss, diags);
    if (ss.min_days > 0.0 && ss.max_days > 0.0 && ss.min_days > ss.max_days) {
        model_error(s, {key + ".min_days", key + ".max_days"},
                    key + ".min_days (" + amount(ss.min_days) + ") is above max_days (" +
                        amount(ss.max_days) + ")",
                    diags);
    }
    for (const double month : s.numbers(key + ".closed_months")) {
        if (month != std::floor(month)) {
            model_error(s, {key + ".closed_months"},
                        key + ".closed_months must be whole month numbers", diags);
            break;
        }
        ss.closed_months = static_cast<std::uint16_t>(ss.closed_months |
                                                      (1u << (static_cast<unsigned>(month) - 1)));
    }
    if (ss.closed_months == 0xFFF) {
        model_error(s, {key + ".closed_months"}, key + ".closed_months closes every month", diags);
    }
    if (st.arrivals_per_day > 0.0) {
        model_error(s, {key + ".arrivals_per_day"},
                    key + ".arrivals_per_day is for queueing examples such as "
                          "configs/examples/jackson.toml, which the tests run through the "
                          "pathway engine (agents::run_pathway); in the jobseeker model "
                          "clients arrive by registration, so it cannot run such a scenario",
                    diags);
    }
    return ss;
}

/// A service model: its rows (staff minutes, assessment, referral, profiling), typ_stage and
/// its pathway.
agents::ServiceModel service_model_of(const Scenario& s, const std::string& m,
                                      std::vector<Diagnostic>& diags) {
    const std::string base = "service_models." + m;
    agents::ServiceModel sm;
    sm.name = m;
    read_params(s, agents::service_model_params(), {m}, sm, diags);
    if (!std::is_sorted(sm.risk_thresholds.begin(), sm.risk_thresholds.end())) {
        model_error(s, {base + ".risk_thresholds"},
                    base + ".risk_thresholds must be in ascending order", diags);
    }
    const agents::Pathway path = build_pathway(s, m);
    sm.entry = path.entry;
    for (const auto& st : path.stages) {
        sm.stages.push_back(service_stage_of(s, m, st, diags));
    }
    if (const auto& typ = s.string(base + ".typ_stage"); !typ.empty()) {
        const auto stage = path.find(typ);
        if (!stage || path.stages[*stage].exit) {
            diags.push_back(at_key(s, base + ".typ_stage",
                                   base + ".typ_stage names `" + typ +
                                       "`, which is not a "
                                       "non-exit stage of the model"));
        } else {
            sm.typ_stage = *stage;
        }
    }
    if (sm.stages.size() > 200) {
        diags.push_back(at_key(s, base + ".entry", base + " has more than 200 stages"));
    }
    return sm;
}

} // namespace

namespace build_detail {

agents::ModelParams params_of(const Scenario& s, const std::vector<std::string>& models,
                              std::vector<Diagnostic>& diags) {
    agents::ModelParams q;
    for (const auto* table : agents::model_param_tables()) {
        read_params(s, *table, {}, q, diags);
    }
    check_params(s, q, diags);
    for (const auto& m : models) {
        q.models.push_back(service_model_of(s, m, diags));
    }
    return q;
}

} // namespace build_detail

} // namespace kokeilu::scenario
