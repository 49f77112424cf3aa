// Model parameters declared once: one binding row per scenario key, with its documentation, its
// default and range, the field it fills and whether a change of it redraws persons' timers.
// The rows are plain data, declared next to the component that uses them; scenario/keys.cpp
// turns them into key declarations (and so configs/README.md), scenario/build.cpp reads them
// with one generic reader, and region::changes_timing compares the fields of the timing rows.
#pragma once

#include "agents/jobseeker_model.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kokeilu::agents {

/// A field holding one of a key's words as the word's index (an enum in the order of the
/// words, or a bool for two words).
template <class T>
struct ChoiceField {
    std::size_t (*get)(const T&) = nullptr;
    void (*set)(T&, std::size_t) = nullptr;
    bool operator==(const ChoiceField&) const = default;
};

/// A key whose rows fill one element per entry of a collection (`providers.*.counsellors`):
/// a number, or (with `refers_to`) the index of the named entry of another collection.
template <class T, class V>
struct Each {
    std::vector<V> T::*member = nullptr;
    bool operator==(const Each&) const = default;
};

/// A key declared with its component but read by scenario/build.cpp itself, because its value
/// needs more than itself (a stage name resolved in the pathway, a set of months).
struct ByHand {
    bool operator==(const ByHand&) const = default;
};

/// The field a row fills; the key's type follows from it (double: a number, int and uint32: an
/// integer, vector and array: a list of numbers, an array of N exactly N of them: 12 for the
/// months of a year).
template <class T>
using Field =
    std::variant<ByHand, double T::*, int T::*, std::uint32_t T::*, std::vector<double> T::*,
                 std::array<double, 3> T::*, std::array<double, 4> T::*, std::array<double, 5> T::*,
                 std::array<double, 12> T::*, ChoiceField<T>, Each<T, double>,
                 Each<T, std::uint32_t>>;

/// A key's default: none (the key is required), a number, an integer, a list or a word.
using ParamDefault =
    std::variant<std::monostate, double, std::int64_t, std::vector<double>, std::string>;
using Numbers = std::vector<double>;

/// The allowed values of a number (and of each number of a list).
struct ParamRange {
    std::optional<double> min;
    std::optional<double> max;
    bool min_exclusive = false;
};
[[nodiscard]] inline ParamRange at_least(double min) {
    return {min, std::nullopt, false};
}
[[nodiscard]] inline ParamRange above(double min) {
    return {min, std::nullopt, true};
}
[[nodiscard]] inline ParamRange between(double min, double max) {
    return {min, max, false};
}
[[nodiscard]] inline ParamRange above_up_to(double min, double max) {
    return {min, max, true};
}

/// One parameter: a key of a struct T (ModelParams, ServiceModel or ServiceStage). Every key of
/// a row may change on a [[timeline]] date (the structs are what a period holds).
template <class T>
struct Param {
    std::string_view key = {}; ///< the key pattern, `*` for a name the user chooses
    Field<T> field = {};
    ParamDefault def = {}; ///< none: the key is required
    std::string_view unit = {};
    ParamRange range = {};
    std::string_view source = {}; ///< where the default comes from, or "assumption"
    std::string_view doc = {};    ///< one sentence for configs/README.md
    /// A change at a [[timeline]] date changes when someone's next job, exit or interview comes,
    /// so every registered person's timers are redrawn (region::changes_timing).
    bool timing = false;
    std::vector<std::string> choices = {}; ///< ChoiceField: the words, index = field value
    std::string_view refers_to = {};       ///< Each<T, uint32>: the collection named
};

/// A ChoiceField of member M (an enum or bool whose values are the word indices).
template <class M>
struct MemberOf;
template <class T, class E>
struct MemberOf<E T::*> {
    using Object = T;
    using Value = E;
};
template <auto M>
[[nodiscard]] ChoiceField<typename MemberOf<decltype(M)>::Object> choice() {
    using T = typename MemberOf<decltype(M)>::Object;
    using E = typename MemberOf<decltype(M)>::Value;
    return {[](const T& t) { return static_cast<std::size_t>(t.*M); },
            [](T& t, std::size_t k) { t.*M = static_cast<E>(k); }};
}
template <class T, class V>
[[nodiscard]] Each<T, V> each(std::vector<V> T::*member) {
    return {member};
}

template <class T>
using Params = std::vector<Param<T>>;

// The tables, each defined in the component that uses its parameters (namespace-scope data,
// ready once static initialisation is done: do not call these from another file's static
// initialiser), in the order of the key reference (configs/README.md).
const Params<ModelParams>& target_group_params();   ///< agents/law.cpp: [pilot]
const Params<ModelParams>& population_params();     ///< agents/population.cpp: [population]
const Params<ModelParams>& labour_market_params();  ///< agents/labour_market.cpp
const Params<ModelParams>& process_params();        ///< agents/interviews.cpp: [process]
const Params<ModelParams>& benefits_params();       ///< agents/money.cpp: [benefits]
const Params<ModelParams>& provider_params();       ///< agents/staff.cpp: [providers.NAME]
const Params<ServiceModel>& service_model_params(); ///< agents/services.cpp
const Params<ServiceStage>& service_stage_params(); ///< agents/services.cpp
/// Every table of ModelParams rows above.
std::vector<const Params<ModelParams>*> model_param_tables();

/// True if `a` and `b` differ in the field of row `p` (false for a ByHand row).
template <class T>
[[nodiscard]] bool differs(const Param<T>& p, const T& a, const T& b);
/// Sets the field of row `p` to the row's default (an Each field: left as it is).
template <class T>
void set_default(const Param<T>& p, T& t);

/// The parameters with every row's default; per-provider lists and service models are empty.
[[nodiscard]] ModelParams default_model_params();
/// A service model and a stage with every row's default (for models built by hand in tests).
[[nodiscard]] ServiceModel default_service_model();
[[nodiscard]] ServiceStage default_service_stage();

/// True if some timing row's field differs between `a` and `b` (ModelParams rows, and the stage
/// rows of each service model; a different number of models or stages counts as a change).
[[nodiscard]] bool timing_differs(const ModelParams& a, const ModelParams& b);

} // namespace kokeilu::agents
