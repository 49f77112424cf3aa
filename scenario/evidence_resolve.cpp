// Loading the scenarios of an evidence file: each check's base and variant, checked like
// `kokeilu run` checks a scenario, each distinct scenario once.
#include "scenario/evidence.hpp"

#include "scenario/placed_sets.hpp"

#include <filesystem>
#include <map>

namespace kokeilu::scenario {

namespace {

namespace fs = std::filesystem;
namespace chr = std::chrono;

/// A `--set` text and, if the evidence file holds it, where.
using SetText = PlacedSet;

/// How to load a scenario named in the evidence file: "" is the built-in default; a file is
/// looked for next to the evidence file, then among the built-in configs.
std::optional<LoadOptions> scenario_options(const EvidenceFile& f, const std::string& name) {
    LoadOptions o;
    if (name.empty()) {
        return o;
    }
    if (!f.builtin) {
        const fs::path p = f.folder.empty() ? fs::path(name) : fs::path(f.folder) / name;
        std::error_code ec;
        if (fs::is_regular_file(p, ec)) {
            o.file = p.string();
            return o;
        }
    }
    std::string norm = fs::path(name).lexically_normal().generic_string();
    if (norm.rfind("configs/", 0) == 0) {
        norm = norm.substr(8);
    }
    for (const auto& b : builtin_configs()) {
        if (b.name == norm) {
            o.file = "configs/" + norm + " (built in)";
            o.text = std::string(b.text);
            return o;
        }
    }
    return std::nullopt;
}

/// A key of the resolved values and dated changes: equal keys run the same.
std::string scenario_key(const Scenario& s) {
    std::string key;
    for (const auto& [path, e] : s.values()) {
        key += path + '=' + to_toml(e.value) + '\n';
    }
    for (const auto& change : s.timeline()) {
        key += '@' + change.date.to_string() + '\n';
        for (const auto& [path, e] : change.set) {
            key += path + '=' + to_toml(e.value) + '\n';
        }
    }
    return key;
}

chr::year_month month_of(sim::Date d) {
    return chr::year{d.year()} / chr::month{static_cast<unsigned>(d.month())};
}

class Resolver {
public:
    Resolver(const EvidenceFile& file, const EvidenceRunOptions& options)
            : file_(file), options_(options) {
        common();
    }

    ResolvedEvidence run();

private:
    void common();
    /// Loads a scenario (base or variant of `check`); its index, or nothing after an error.
    std::optional<std::size_t> load(const EvidenceCheck& check, const EvidenceScenario& sc,
                                    const char* role);
    void remap(std::vector<Diagnostic>& diags, const std::vector<SetText>& sets,
               const std::string& context);
    void check_windows(const EvidenceCheck& check, const agents::ModelInput& base,
                       const agents::ModelInput& variant);

    const EvidenceFile& file_;
    const EvidenceRunOptions& options_;
    std::vector<SetText> common_;
    ResolvedEvidence out_;
    std::map<std::string, std::size_t> index_; ///< scenario_key -> index in out_.scenarios
    std::vector<Diagnostic> errors_;
};

void Resolver::common() {
    for (std::size_t i = 0; i < file_.sets.size(); ++i) {
        common_.push_back({file_.sets[i], file_.set_places[i]});
    }
    for (const auto& s : options_.sets) {
        common_.push_back({s, std::nullopt});
    }
    if (const auto scale = options_.scale ? options_.scale : file_.scale) {
        common_.push_back({"population.scale=" + to_toml(Value{*scale}), std::nullopt});
    }
    out_.seed = static_cast<std::uint64_t>(options_.seed.value_or(file_.seed.value_or(1)));
    out_.replications = options_.replications.value_or(file_.replications.value_or(2));
    common_.push_back({"scenario.seed=" + std::to_string(out_.seed), std::nullopt});
    common_.push_back({"scenario.replications=" + std::to_string(out_.replications), std::nullopt});
}

void Resolver::remap(std::vector<Diagnostic>& diags, const std::vector<SetText>& sets,
                     const std::string& context) {
    place_set_diagnostics(diags, sets, file_.display, context);
}

std::optional<std::size_t> Resolver::load(const EvidenceCheck& check, const EvidenceScenario& sc,
                                          const char* role) {
    const std::string context = "the " + std::string(role) + " of check `" + check.name + "`";
    auto options = scenario_options(file_, sc.scenario);
    if (!options) {
        errors_.push_back(Diagnostic{file_.display, sc.scenario_place.line,
                                     sc.scenario_place.column,
                                     "cannot find scenario `" + sc.scenario + "` (" + context +
                                         "; looked next to the evidence file and among the "
                                         "built-in configs)"});
        return std::nullopt;
    }
    std::vector<SetText> sets = common_;
    for (std::size_t i = 0; i < sc.sets.size(); ++i) {
        sets.push_back({sc.sets[i], sc.set_places[i]});
    }
    for (const auto& s : sets) {
        options->overrides.push_back(s.text);
    }
    try {
        Checked checked = check_scenario(*options);
        remap(checked.warnings, sets, context);
        out_.warnings.insert(out_.warnings.end(), checked.warnings.begin(), checked.warnings.end());
        const std::string key = scenario_key(checked.scenario);
        const auto [it, added] = index_.emplace(key, out_.scenarios.size());
        if (added) {
            out_.scenarios.push_back(std::move(checked));
        }
        return it->second;
    } catch (const ConfigError& e) {
        std::vector<Diagnostic> diags = e.diagnostics();
        remap(diags, sets, context);
        errors_.insert(errors_.end(), diags.begin(), diags.end());
        return std::nullopt;
    }
}

void Resolver::check_windows(const EvidenceCheck& check, const agents::ModelInput& base,
                             const agents::ModelInput& variant) {
    if (base.start != variant.start || base.end != variant.end) {
        errors_.push_back(Diagnostic{
            file_.display, check.place.line, check.place.column,
            "check `" + check.name + "`: the base and the variant simulate other months (" +
                base.start.to_string() + ".." + base.end.to_string() + " and " +
                variant.start.to_string() + ".." + variant.end.to_string() + ")"});
        return;
    }
    const auto first = month_of(base.start);
    const auto last = month_of(base.end);
    for (const auto& e : check.expect) {
        if (!e.window.last_month && (e.window.from < first || e.window.to > last)) {
            const MonthWindow run{first, last};
            errors_.push_back(
                Diagnostic{file_.display, e.window_place.line, e.window_place.column,
                           "check `" + check.name + "`: the window " + e.window.to_string() +
                               " is not within the simulated months " + run.to_string() +
                               " (set `window`, or the run's scenario.start and scenario.end)"});
        }
    }
}

ResolvedEvidence Resolver::run() {
    for (const auto& check : file_.checks) {
        const auto base = load(check, check.base, "base");
        const auto variant = load(check, check.change, "change");
        if (base && variant) {
            check_windows(check, out_.scenarios[*base].input, out_.scenarios[*variant].input);
        }
        out_.base.push_back(base.value_or(0));
        out_.variant.push_back(variant.value_or(0));
    }
    if (has_errors(errors_)) {
        errors_.insert(errors_.end(), out_.warnings.begin(), out_.warnings.end());
        sort_and_dedup(errors_, {file_.display});
        throw ConfigError(std::move(errors_));
    }
    sort_and_dedup(out_.warnings, {file_.display});
    return std::move(out_);
}

} // namespace

ResolvedEvidence resolve_evidence(const EvidenceFile& file, const EvidenceRunOptions& options) {
    return Resolver(file, options).run();
}

} // namespace kokeilu::scenario
