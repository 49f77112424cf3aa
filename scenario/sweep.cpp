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

/// Gathers resolved design points into a Sweep: each distinct scenario once, every diagnostic.
struct Collector {
    const SweepOptions& o;
    const Design& design;
    Sweep& out;
    std::vector<Diagnostic> errors;
    std::map<std::string, std::size_t> seen; ///< id -> index in out.points
    std::optional<agents::ModelInput> first; ///< the first point's: every point must match it

    void add(std::size_t i, Resolved r) {
        for (auto& d : r.diagnostics) {
            (d.severity == Severity::Error ? errors : out.warnings).push_back(std::move(d));
        }
        if (!r.checked) {
            return;
        }
        SweepPoint p;
        p.text = resolved_text(r.checked->scenario);
        p.id = sim::sha256_hex(p.text).substr(0, 16);
        if (!seen.emplace(p.id, out.points.size()).second) {
            return; // an identical scenario is one point
        }
        p.name = design.points[i].name;
        for (const auto& key : out.keys) {
            const Entry* e = r.checked->scenario.find(key);
            p.values.push_back(e != nullptr ? to_toml(e->value) : std::string());
        }
        if (!first) {
            first = r.checked->input;
        } else if (auto d = differs(*first, r.checked->input, o.file, design, p.name)) {
            errors.push_back(std::move(*d));
        }
        if (o.on_point) {
            o.on_point(r.checked->input);
        }
        out.points.push_back(std::move(p));
    }
};

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

    // In batches, so that memory holds one batch of resolved scenarios, not every point's.
    constexpr std::size_t kBatch = 64;
    Collector c{o, design, out, {}, {}, std::nullopt};
    for (std::size_t first = 0; first < design.points.size(); first += kBatch) {
        std::vector<Resolved> resolved(std::min(kBatch, design.points.size() - first));
        tbb::parallel_for(std::size_t{0}, resolved.size(), [&](std::size_t k) {
            resolved[k] = resolve_point(o, base_text, out.replications, design.points[first + k]);
        });
        for (std::size_t k = 0; k < resolved.size(); ++k) {
            c.add(first + k, std::move(resolved[k]));
        }
    }
    std::vector<Diagnostic>& errors = c.errors;
    if (has_errors(errors)) {
        errors.insert(errors.end(), out.warnings.begin(), out.warnings.end());
        sort_and_dedup(errors, {o.file});
        throw ConfigError(std::move(errors));
    }
    sort_and_dedup(out.warnings, {o.file});
    return out;
}

} // namespace kokeilu::scenario
