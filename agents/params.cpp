// What the binding rows give generically: defaults, comparisons and the timing check.
#include "agents/params.hpp"

#include <type_traits>

namespace kokeilu::agents {

template <class T>
bool differs(const Param<T>& p, const T& a, const T& b) {
    return std::visit(
        [&](const auto& f) {
            using F = std::decay_t<decltype(f)>;
            if constexpr (std::is_same_v<F, ByHand>) {
                return false;
            } else if constexpr (std::is_same_v<F, ChoiceField<T>>) {
                return f.get(a) != f.get(b);
            } else if constexpr (std::is_same_v<F, Each<T, double>> ||
                                 std::is_same_v<F, Each<T, std::uint32_t>>) {
                return a.*f.member != b.*f.member;
            } else {
                return a.*f != b.*f;
            }
        },
        p.field);
}

template <class T>
void set_default(const Param<T>& p, T& t) {
    std::visit(
        [&](const auto& f) {
            using F = std::decay_t<decltype(f)>;
            if constexpr (std::is_same_v<F, ByHand> || std::is_same_v<F, Each<T, double>> ||
                          std::is_same_v<F, Each<T, std::uint32_t>>) {
                return;
            } else if constexpr (std::is_same_v<F, ChoiceField<T>>) {
                const auto& word = std::get<std::string>(p.def);
                for (std::size_t k = 0; k < p.choices.size(); ++k) {
                    if (p.choices[k] == word) {
                        f.set(t, k);
                    }
                }
            } else if constexpr (std::is_same_v<F, double T::*>) {
                t.*f = std::get<double>(p.def);
            } else if constexpr (std::is_same_v<F, int T::*>) {
                t.*f = static_cast<int>(std::get<std::int64_t>(p.def));
            } else if constexpr (std::is_same_v<F, std::uint32_t T::*>) {
                t.*f = static_cast<std::uint32_t>(std::get<std::int64_t>(p.def));
            } else if constexpr (std::is_same_v<F, std::vector<double> T::*>) {
                t.*f = std::get<Numbers>(p.def);
            } else { // std::array<double, N>
                const auto& v = std::get<Numbers>(p.def);
                for (std::size_t k = 0; k < (t.*f).size() && k < v.size(); ++k) {
                    (t.*f)[k] = v[k];
                }
            }
        },
        p.field);
}

template bool differs(const Param<ModelParams>&, const ModelParams&, const ModelParams&);
template bool differs(const Param<ServiceModel>&, const ServiceModel&, const ServiceModel&);
template bool differs(const Param<ServiceStage>&, const ServiceStage&, const ServiceStage&);
template void set_default(const Param<ModelParams>&, ModelParams&);
template void set_default(const Param<ServiceModel>&, ServiceModel&);
template void set_default(const Param<ServiceStage>&, ServiceStage&);

std::vector<const Params<ModelParams>*> model_param_tables() {
    return {&target_group_params(), &population_params(), &labour_market_params(),
            &process_params(),      &benefits_params(),   &provider_params()};
}

ModelParams default_model_params() {
    ModelParams q;
    for (const auto* table : model_param_tables()) {
        for (const auto& p : *table) {
            set_default(p, q);
        }
    }
    return q;
}

ServiceModel default_service_model() {
    ServiceModel m;
    for (const auto& p : service_model_params()) {
        set_default(p, m);
    }
    return m;
}

ServiceStage default_service_stage() {
    ServiceStage st;
    for (const auto& p : service_stage_params()) {
        set_default(p, st);
    }
    return st;
}

namespace {

template <class T>
bool timing_differs_in(const Params<T>& rows, const T& a, const T& b) {
    for (const auto& p : rows) {
        if (p.timing && differs(p, a, b)) {
            return true;
        }
    }
    return false;
}

} // namespace

bool timing_differs(const ModelParams& a, const ModelParams& b) {
    for (const auto* table : model_param_tables()) {
        if (timing_differs_in(*table, a, b)) {
            return true;
        }
    }
    if (a.models.size() != b.models.size()) {
        return true;
    }
    for (std::size_t m = 0; m < a.models.size(); ++m) {
        const auto& sa = a.models[m].stages;
        const auto& sb = b.models[m].stages;
        if (sa.size() != sb.size() ||
            timing_differs_in(service_model_params(), a.models[m], b.models[m])) {
            return true;
        }
        for (std::size_t k = 0; k < sa.size(); ++k) {
            if (timing_differs_in(service_stage_params(), sa[k], sb[k])) {
                return true;
            }
        }
    }
    return false;
}

} // namespace kokeilu::agents
