// Reading a sweep file's [design]: a grid, named points, a Latin hypercube and Sobol'
// points, checked against the declared keys and their ranges.
#include "scenario/schema.hpp"
#include "scenario/sweep.hpp"
#include "sim/distributions.hpp"
#include "sim/random.hpp"
#include "sim/sobol.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <sstream>

namespace kokeilu::scenario {

namespace {

Place place_of(const toml::node& node) {
    return Place{static_cast<int>(node.source().begin.line),
                 static_cast<int>(node.source().begin.column)};
}

Place place_of(const toml::key& key) {
    return Place{static_cast<int>(key.source().begin.line),
                 static_cast<int>(key.source().begin.column)};
}

/// A TOML value as the text of a `--set` value.
std::string value_text(const toml::node& node) {
    std::ostringstream os;
    node.visit([&](const auto& v) { os << v; });
    return os.str();
}

/// One key of a grid or hypercube, or of a named point.
struct KeyValues {
    std::string key;
    std::vector<PlacedSet> sets; ///< grid: one per value
};

class DesignReader {
public:
    DesignReader(std::string display, const Scenario& base, bool yes)
            : display_(std::move(display)), base_(base), yes_(yes) {}

    void read(const toml::table& design, Design& out);
    std::vector<Diagnostic> take() { return std::move(errors_); }

private:
    void error(Place p, std::string message) {
        errors_.push_back(Diagnostic{display_, p.line, p.column, std::move(message)});
    }
    void error(const toml::node& n, std::string message) { error(place_of(n), std::move(message)); }

    /// The declaration of a key the design may set, or an error at `where` and nullptr.
    const KeyDecl* check_key(const toml::key& key);
    /// For a numeric key: an error unless `x` is within its declared range.
    void check_range(const KeyDecl& decl, const std::string& key, double x,
                     const toml::node& where);
    void read_grid(const toml::table& grid, std::vector<DesignPoint>& out);
    void read_points(const toml::node& points, std::vector<DesignPoint>& out);
    /// A Latin hypercube (`kind` "latin_hypercube") or Sobol' points ("sobol") over ranges.
    void read_sampled(const toml::table& lhs, const std::string& kind,
                      std::vector<DesignPoint>& out);
    /// Adds `extra` points to the count; false (after an error) when there are too many.
    bool count(std::size_t extra, const toml::node& where);

    std::string display_;
    const Scenario& base_;
    bool yes_ = false;
    std::size_t count_ = 0;
    std::set<std::string> keys_;
    std::vector<Diagnostic> errors_;
};

const KeyDecl* DesignReader::check_key(const toml::key& name) {
    const std::string key(name.str());
    const Place where = place_of(name);
    const KeyDecl* decl = scenario_schema().find(key);
    if (decl == nullptr || base_.find(key) == nullptr) {
        std::vector<std::string> candidates;
        for (const auto& [path, entry] : base_.values()) {
            candidates.push_back(path);
        }
        const auto guess = did_you_mean(key, candidates);
        error(where, "unknown key `" + key + "` in the design" +
                         (guess ? "; did you mean `" + *guess + "`?"
                                : " (`kokeilu keys` lists the keys; `kokeilu show` the entries)"));
        return nullptr;
    }
    if (key == "scenario.replications") {
        error(where, "the design cannot sweep `scenario.replications`; set "
                     "`design.replications` instead");
        return nullptr;
    }
    keys_.insert(key);
    return decl;
}

void DesignReader::check_range(const KeyDecl& decl, const std::string& key, double x,
                               const toml::node& where) {
    if ((decl.type == Type::Integer || decl.type == Type::Float) && !decl.range.contains(x)) {
        std::ostringstream value;
        value << x;
        error(where, "the design's value " + value.str() + " of `" + key +
                         "` is outside the key's declared range (" + decl.range.describe() + ")");
    }
}

bool DesignReader::count(std::size_t extra, const toml::node& where) {
    count_ = count_ + std::min(extra, kMaxSweepPoints + 1);
    if (count_ > kMaxSweepPoints) {
        error(where, "the design has more than " + std::to_string(kMaxSweepPoints) +
                         " points, the most a sweep may have; split it into several sweeps");
        return false;
    }
    if (count_ > kSweepPointsWithoutYes && !yes_) {
        error(where, "the design has " + std::to_string(count_) + " points or more, over " +
                         std::to_string(kSweepPointsWithoutYes) +
                         " (a typo in a grid multiplies quickly); check it, then give --yes");
        return false;
    }
    return true;
}

void DesignReader::read_grid(const toml::table& grid, std::vector<DesignPoint>& out) {
    std::vector<KeyValues> axes;
    std::size_t size = 1;
    for (const auto& [k, node] : grid) {
        const std::string key(k.str());
        const KeyDecl* decl = check_key(k);
        const toml::array* values = node.as_array();
        if (values == nullptr || values->empty()) {
            error(node, "design.grid: `" + key + "` must be a non-empty list of values");
            continue;
        }
        if (decl == nullptr) {
            continue;
        }
        KeyValues axis{key, {}};
        for (const toml::node& v : *values) {
            if (const auto x = v.value<double>()) {
                check_range(*decl, key, *x, v);
            }
            axis.sets.push_back({key + "=" + value_text(v), place_of(v)});
        }
        size = std::min(size * axis.sets.size(), kMaxSweepPoints + 1);
        axes.push_back(std::move(axis));
    }
    if (axes.empty() || !errors_.empty() || !count(size, grid)) {
        return;
    }
    // The grid's points in key order, the last key varying fastest.
    std::vector<std::size_t> index(axes.size(), 0);
    for (std::size_t n = 0; n < size; ++n) {
        DesignPoint p{"grid " + std::to_string(n + 1), {}};
        for (std::size_t a = 0; a < axes.size(); ++a) {
            p.sets.push_back(axes[a].sets[index[a]]);
        }
        out.push_back(std::move(p));
        for (std::size_t a = axes.size(); a-- > 0;) {
            if (++index[a] < axes[a].sets.size()) {
                break;
            }
            index[a] = 0;
        }
    }
}

void DesignReader::read_points(const toml::node& node, std::vector<DesignPoint>& out) {
    const toml::array* arr = node.as_array();
    if (arr == nullptr || !arr->is_array_of_tables()) {
        error(node, "design.points must be [[design.points]] tables with `name` and `set`");
        return;
    }
    std::set<std::string> names;
    for (const toml::node& n : *arr) {
        const toml::table& t = *n.as_table();
        for (const auto& [k, v] : t) {
            if (k.str() != "name" && k.str() != "set") {
                error(v, "unknown key `" + std::string(k.str()) +
                             "` in [[design.points]] (expected `name` and `set`)");
            }
        }
        const auto name = t["name"].value<std::string>();
        const toml::table* set = t["set"].as_table();
        if (!name || name->empty() || set == nullptr) {
            error(t, "[[design.points]] needs a `name` and a `set` table of keys and values, "
                     "e.g. set = { \"pilot.end\" = 2023-06-30 }");
            continue;
        }
        if (!names.insert(*name).second) {
            error(t, "design point `" + *name + "` is defined twice");
        }
        DesignPoint p{*name, {}};
        for (const auto& [k, v] : *set) {
            const std::string key(k.str());
            if (const KeyDecl* decl = check_key(k)) {
                if (const auto x = v.value<double>()) {
                    check_range(*decl, key, *x, v);
                }
                p.sets.push_back({key + "=" + value_text(v), place_of(v)});
            }
        }
        if (count(1, t)) {
            out.push_back(std::move(p));
        }
    }
}

} // namespace

namespace {

/// A Latin hypercube sample of `n` points for one axis: stratum `perm[i]` of n, a uniform
/// place within it. Axis `axis` draws from its own stream of `seed`, so adding an axis leaves
/// the others' values as they were.
std::vector<double> hypercube_axis(std::uint64_t seed, std::size_t axis, std::size_t n) {
    sim::RandomStream rng(sim::StreamKey{seed, 0, axis, 0});
    std::vector<std::size_t> perm(n);
    std::iota(perm.begin(), perm.end(), std::size_t{0});
    for (std::size_t i = n; i-- > 1;) { // Fisher-Yates
        std::swap(perm[i], perm[sim::uniform_index(rng, i + 1)]);
    }
    std::vector<double> unit(n);
    for (std::size_t i = 0; i < n; ++i) {
        unit[i] = (static_cast<double>(perm[i]) + rng.uniform01()) / static_cast<double>(n);
    }
    return unit;
}

} // namespace

void DesignReader::read_sampled(const toml::table& lhs, const std::string& kind,
                                std::vector<DesignPoint>& out) {
    const bool sobol = kind == "sobol";
    const std::string what = sobol ? "Sobol' design" : "Latin hypercube";
    for (const auto& [k, v] : lhs) {
        if (k.str() != "samples" && k.str() != "seed" && k.str() != "ranges") {
            error(v, "unknown key `" + std::string(k.str()) + "` in [design." + kind +
                         "] (expected `samples`, `seed`, `ranges`)");
        }
    }
    const auto samples = lhs["samples"].value<std::int64_t>();
    const auto seed = lhs["seed"].value_or(std::int64_t{1});
    const toml::table* ranges = lhs["ranges"].as_table();
    if (!samples || *samples < 1 || seed < 0 || ranges == nullptr || ranges->empty()) {
        error(lhs, "[design." + kind +
                       "] needs `samples` (an integer >= 1), `ranges` (a table of key = [low, "
                       "high]) and may have `seed` (an integer >= 0)");
        return;
    }
    struct Axis {
        std::string key;
        double low;
        double high;
        bool integer;
        Place place;
    };
    std::vector<Axis> axes;
    for (const auto& [k, v] : *ranges) {
        const std::string key(k.str());
        const KeyDecl* decl = check_key(k);
        const toml::array* pair = v.as_array();
        const auto low =
            pair != nullptr && pair->size() == 2 ? (*pair)[0].value<double>() : std::nullopt;
        const auto high =
            pair != nullptr && pair->size() == 2 ? (*pair)[1].value<double>() : std::nullopt;
        if (!low || !high || !std::isfinite(*low) || !std::isfinite(*high) || *low > *high) {
            error(v, "design." + kind + ".ranges: `" + key +
                         "` must be [low, high], two numbers with low <= high");
            continue;
        }
        if (decl == nullptr) {
            continue;
        }
        if (decl->type != Type::Integer && decl->type != Type::Float) {
            error(v,
                  "a " + what + " needs numeric keys; `" + key + "` is " + type_name(decl->type));
            continue;
        }
        check_range(*decl, key, *low, (*pair)[0]);
        check_range(*decl, key, *high, (*pair)[1]);
        axes.push_back({key, *low, *high, decl->type == Type::Integer, place_of(v)});
    }
    if (sobol && axes.size() > sim::kSobolMaxDimensions) {
        error(*ranges, "a Sobol' design covers at most " +
                           std::to_string(sim::kSobolMaxDimensions) +
                           " keys (the built-in "
                           "direction numbers); this one has " +
                           std::to_string(axes.size()));
    }
    if (!errors_.empty() || !count(static_cast<std::size_t>(*samples), lhs)) {
        return;
    }
    const auto n = static_cast<std::size_t>(*samples);
    std::vector<DesignPoint> points(n);
    for (std::size_t i = 0; i < n; ++i) {
        points[i].name = (sobol ? "sobol " : "lhs ") + std::to_string(i + 1);
    }
    // Sobol' points: a random digital shift from the design's seed (sim/sobol.hpp).
    const std::vector<std::vector<double>> sobol_unit =
        sobol ? sim::sobol_points(n, axes.size(), static_cast<std::uint64_t>(seed))
              : std::vector<std::vector<double>>{};
    for (std::size_t a = 0; a < axes.size(); ++a) {
        const Axis& axis = axes[a];
        const std::vector<double> unit =
            sobol ? std::vector<double>{} : hypercube_axis(static_cast<std::uint64_t>(seed), a, n);
        for (std::size_t i = 0; i < n; ++i) {
            const double u = sobol ? sobol_unit[i][a] : unit[i];
            const double x = axis.low + u * (axis.high - axis.low);
            // Integers: rounded, within the range's whole numbers.
            const Value v =
                axis.integer
                    ? Value{std::clamp(std::llround(x), static_cast<long long>(std::ceil(axis.low)),
                                       static_cast<long long>(std::floor(axis.high)))}
                    : Value{x};
            points[i].sets.push_back({axis.key + "=" + to_toml(v), axis.place});
        }
    }
    out.insert(out.end(), points.begin(), points.end());
}

void DesignReader::read(const toml::table& design, Design& out) {
    static const std::vector<std::string> kKeys = {"replications", "grid", "points",
                                                   "latin_hypercube", "sobol"};
    for (const auto& [k, v] : design) {
        const std::string key(k.str());
        if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
            const auto guess = did_you_mean(key, kKeys);
            error(v, "unknown key `design." + key + "`" +
                         (guess ? "; did you mean `design." + *guess + "`?"
                                : " (expected replications, grid, points, latin_hypercube, "
                                  "sobol)"));
        }
    }
    if (const toml::node* r = design.get("replications")) {
        const auto reps = r->value<std::int64_t>();
        if (!reps || !r->is_integer() || *reps < 1 || *reps > 100000) {
            error(*r, "design.replications must be an integer in [1, 100000]");
        } else {
            out.replications = static_cast<int>(*reps);
        }
    }
    if (const toml::node* g = design.get("grid")) {
        if (const toml::table* t = g->as_table()) {
            read_grid(*t, out.points);
        } else {
            error(*g, "design.grid must be a table of key = [values]");
        }
    }
    if (const toml::node* p = design.get("points")) {
        read_points(*p, out.points);
    }
    for (const std::string kind : {"latin_hypercube", "sobol"}) {
        if (const toml::node* l = design.get(kind)) {
            if (const toml::table* t = l->as_table()) {
                read_sampled(*t, kind, out.points);
            } else {
                error(*l, "design." + kind + " must be a table");
            }
        }
    }
    if (out.points.empty() && errors_.empty()) {
        error(design, "the design has no points: give [design.grid], [[design.points]], "
                      "[design.latin_hypercube] or [design.sobol]");
    }
    out.keys.assign(keys_.begin(), keys_.end());
    out.place = place_of(design);
}

Design read_design(const std::string& sweep_text, const std::string& display, const Scenario& base,
                   bool yes) {
    toml::table root;
    try {
        root = toml::parse(std::string_view(sweep_text), std::string_view(display));
    } catch (const toml::parse_error& e) {
        throw ConfigError({Diagnostic{display, static_cast<int>(e.source().begin.line),
                                      static_cast<int>(e.source().begin.column),
                                      "TOML syntax: " + std::string(e.description())}});
    }
    const toml::table* design = root["design"].as_table();
    if (design == nullptr) {
        throw ConfigError({Diagnostic{display, 1, 1,
                                      "a sweep file needs a [design] table (a grid, named "
                                      "points, a Latin hypercube or Sobol' points); "
                                      "docs/SWEEPS.md"}});
    }
    DesignReader reader(display, base, yes);
    Design out;
    reader.read(*design, out);
    std::vector<Diagnostic> errors = reader.take();
    if (!errors.empty()) {
        sort_and_dedup(errors, {display});
        throw ConfigError(std::move(errors));
    }
    return out;
}

std::string without_design(const std::string& text) {
    std::string out;
    bool in_design = false;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        const auto first = line.find_first_not_of(" \t");
        if (first != std::string::npos && line[first] == '[') {
            std::string header =
                line.substr(line.find_first_not_of("[ \t", first) == std::string::npos
                                ? line.size()
                                : line.find_first_not_of("[ \t", first));
            header.erase(std::remove(header.begin(), header.end(), '"'), header.end());
            in_design = header.rfind("design", 0) == 0 &&
                        (header.size() == 6 || header[6] == '.' || header[6] == ']' ||
                         header[6] == ' ' || header[6] == '\t');
        }
        out += in_design ? "" : line;
        out += '\n';
    }
    return out;
}

} // namespace kokeilu::scenario
