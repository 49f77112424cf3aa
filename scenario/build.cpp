// Building domain objects from a scenario.
#include "scenario/build.hpp"

#include "scenario/schema.hpp"

#include <algorithm>

namespace kokeilu::scenario {

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
            if (prob > 0.0) {
                p.stages[i].next.push_back(*p.find(target));
                p.stages[i].next_probability.push_back(prob);
            }
        }
    }
    p.entry = *p.find(scenario.string(base + ".entry"));
    return p;
}

} // namespace kokeilu::scenario
