// Resolving a sweep file into its distinct points, each checked like `kokeilu run` checks a
// scenario.
#include "scenario/sweep.hpp"

#include "scenario/build.hpp"
#include "sim/sha256.hpp"

#include <oneapi/tbb/parallel_for.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

namespace kokeilu::scenario {

namespace {

/// The sweep file's text; ConfigError if it cannot be read.
std::string read_text(const std::string& file) {
    std::error_code ec;
    std::ifstream in(file, std::ios::binary);
    if (file.empty() || !in || std::filesystem::is_directory(file, ec)) {
        throw ConfigError({Diagnostic{file, 0, 0, "cannot read the sweep file"}});
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (text.str().size() > kMaxInputBytes) {
        throw ConfigError({Diagnostic{file, 1, 1, "input too large (over 4 MiB)"}});
    }
    return text.str();
}

/// The same months and providers as the first point: they share the result tables.
std::optional<Diagnostic> differs(const agents::ModelInput& first, const agents::ModelInput& in,
                                  const std::string& display, const Design& design,
                                  const std::string& name) {
    bool same = first.start == in.start && first.end == in.end &&
                first.providers.size() == in.providers.size();
    for (std::size_t i = 0; same && i < in.providers.size(); ++i) {
        same = first.providers[i].name == in.providers[i].name;
    }
    if (same) {
        return std::nullopt;
    }
    return Diagnostic{display, design.place.line, design.place.column,
                      "point `" + name +
                          "` simulates other months or providers than the first point; the "
                          "points of a sweep share one result table, so they must share them"};
}

/// One design point checked: the scenario, or its diagnostics.
struct Resolved {
    std::optional<Checked> checked;
    std::vector<Diagnostic> diagnostics;
};

Resolved resolve_point(const SweepOptions& o, const std::string& base_text, int reps,
                       const DesignPoint& p) {
    LoadOptions lo;
    lo.file = o.file;
    lo.text = base_text;
    lo.overrides = o.sets;
    lo.overrides.push_back("scenario.replications=" + std::to_string(reps));
    for (const auto& s : p.sets) {
        lo.overrides.push_back(s.text);
    }
    Resolved r;
    try {
        r.checked = check_scenario(lo);
        r.diagnostics = std::move(r.checked->warnings);
    } catch (const ConfigError& e) {
        r.diagnostics = e.diagnostics();
    }
    // A warning about the scenario itself (not about a design value) is the same for every
    // point: left without the point's name, it is printed once.
    std::vector<Diagnostic> common;
    std::erase_if(r.diagnostics, [&](const Diagnostic& d) {
        const bool shared = d.severity == Severity::Warning && !d.file.empty();
        if (shared) {
            common.push_back(d);
        }
        return shared;
    });
    place_set_diagnostics(r.diagnostics, p.sets, o.file, "design point `" + p.name + "`");
    r.diagnostics.insert(r.diagnostics.end(), common.begin(), common.end());
    return r;
}

} // namespace

Sweep load_sweep(const SweepOptions& o) {
    const std::string text = read_text(o.file);
    const std::string base_text = without_design(text);
    Sweep out;
    out.display = o.file;
    // The sweep's scenario without its design: the keys a design may set, and its errors first.
    LoadOptions base_options;
    base_options.file = o.file;
    base_options.text = base_text;
    base_options.overrides = o.sets;
    Checked base = check_scenario(base_options);
    const Design design = read_design(text, o.file, base.scenario, o.yes);
    out.replications = design.replications > 0
                           ? design.replications
                           : static_cast<int>(base.scenario.integer("scenario.replications"));
    out.seed = static_cast<std::uint64_t>(base.scenario.integer("scenario.seed"));
    out.keys = design.keys;
    out.design_points = design.points.size();

    std::vector<Resolved> resolved(design.points.size());
    tbb::parallel_for(std::size_t{0}, design.points.size(), [&](std::size_t i) {
        resolved[i] = resolve_point(o, base_text, out.replications, design.points[i]);
    });
    std::vector<Diagnostic> errors;
    std::map<std::string, std::size_t> seen; // id -> index in out.points
    for (std::size_t i = 0; i < resolved.size(); ++i) {
        Resolved& r = resolved[i];
        for (auto& d : r.diagnostics) {
            (d.severity == Severity::Error ? errors : out.warnings).push_back(std::move(d));
        }
        if (!r.checked) {
            continue;
        }
        SweepPoint p;
        p.text = resolved_text(r.checked->scenario);
        p.id = sim::sha256_hex(p.text).substr(0, 16);
        if (!seen.emplace(p.id, out.points.size()).second) {
            continue; // an identical scenario is one point
        }
        p.name = design.points[i].name;
        for (const auto& key : out.keys) {
            const Entry* e = r.checked->scenario.find(key);
            p.values.push_back(e != nullptr ? to_toml(e->value) : std::string());
        }
        if (!out.inputs.empty()) {
            if (auto d = differs(out.inputs.front(), r.checked->input, o.file, design, p.name)) {
                errors.push_back(std::move(*d));
            }
        }
        out.points.push_back(std::move(p));
        out.inputs.push_back(std::move(r.checked->input));
    }
    if (has_errors(errors)) {
        errors.insert(errors.end(), out.warnings.begin(), out.warnings.end());
        sort_and_dedup(errors, {o.file});
        throw ConfigError(std::move(errors));
    }
    sort_and_dedup(out.warnings, {o.file});
    return out;
}

} // namespace kokeilu::scenario
