// Writing and reading sweep manifests.
#include "scenario/sweep_manifest.hpp"

#include "sim/sha256.hpp"

#include <toml++/toml.h>

#include <sstream>

namespace kokeilu::scenario {

namespace {

constexpr std::string_view kHashPrefix = "# sha256 = ";

/// A scenario text as a TOML string: a multi-line literal string (readable) unless it holds
/// `'''`, else an escaped basic string.
std::string text_literal(const std::string& text) {
    if (text.find("'''") == std::string::npos) {
        return "'''\n" + text + "'''";
    }
    return to_toml(Value{text});
}

std::string string_list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i > 0 ? ", " : "") + to_toml(Value{items[i]});
    }
    return out + "]";
}

ConfigError manifest_error(const std::string& display, const std::string& message, int line = 1) {
    return ConfigError({Diagnostic{display, line, 1, message}});
}

SweepPoint read_point(toml::table& t, const std::string& display,
                      const std::vector<std::string>& keys) {
    SweepPoint p;
    const auto line = static_cast<int>(t.source().begin.line);
    p.id = t["id"].value_or(std::string());
    p.name = t["name"].value_or(std::string());
    if (toml::value<std::string>* text = t["scenario"].as_string()) {
        p.text = std::move(text->get()); // the manifest's largest part: moved, not copied
    }
    const toml::table* values = t["values"].as_table();
    if (p.id.empty() || p.text.empty() || values == nullptr) {
        throw manifest_error(display, "a [[points]] entry needs id, name, values and scenario",
                             line);
    }
    if (sim::sha256_hex(p.text).substr(0, 16) != p.id) {
        throw manifest_error(display, "point " + p.id + ": its id is not the hash of its scenario",
                             line);
    }
    for (const auto& key : keys) {
        const toml::node* v = values->get(key);
        if (v == nullptr) {
            throw manifest_error(display, "point " + p.id + " has no value of `" + key + "`", line);
        }
        std::ostringstream os;
        v->visit([&](const auto& x) { os << x; });
        p.values.push_back(os.str());
    }
    return p;
}

/// The manifest's text without its hash line; ConfigError if the hash is missing or wrong.
std::string_view checked_body(std::string_view text, const std::string& display) {
    const auto last = text.rfind(kHashPrefix);
    if (last == std::string::npos || (last > 0 && text[last - 1] != '\n')) {
        throw manifest_error(display, "not a sweep manifest (no `# sha256 = ` line at its end); "
                                      "`kokeilu sweep plan` writes one");
    }
    std::string hash(text.substr(last + kHashPrefix.size()));
    while (!hash.empty() && (hash.back() == '\n' || hash.back() == '\r')) {
        hash.pop_back();
    }
    const std::string_view body = text.substr(0, last);
    if (sim::sha256_hex(body) != hash) {
        throw manifest_error(display,
                             "the manifest's content does not match its hash (it was edited "
                             "by hand, or damaged); plan the sweep again into a new folder "
                             "with `kokeilu sweep plan`");
    }
    return body;
}

} // namespace

std::vector<SweepShard> plan_shards(std::size_t units, std::size_t shards) {
    shards = std::max<std::size_t>(1, std::min(shards, units));
    std::vector<SweepShard> out;
    std::size_t first = 0;
    for (std::size_t k = 0; k < shards; ++k) {
        const std::size_t count = units / shards + (k < units % shards ? 1 : 0);
        out.push_back({first, count});
        first += count;
    }
    return out;
}

std::string manifest_text(SweepManifest& m) {
    std::ostringstream os;
    os << "# A Kokeilu sweep, planned by `kokeilu sweep plan`: the points (each with its "
          "resolved\n# scenario; its id is the start of the SHA-256 of that text), the "
          "replications and\n# the shards. Do not edit: the last line is the SHA-256 of "
          "everything above it.\n\n[sweep]\n";
    os << "file = " << to_toml(Value{m.sweep_file}) << '\n';
    os << "kokeilu_version = " << to_toml(Value{m.kokeilu_version}) << '\n';
    os << "seed = " << m.seed << '\n';
    os << "replications = " << m.replications << '\n';
    os << "points = " << m.points.size() << '\n';
    os << "units = " << m.units() << '\n';
    os << "keys = " << string_list(m.keys) << '\n';
    for (std::size_t k = 0; k < m.shards.size(); ++k) {
        os << "\n[[shards]]\nindex = " << k << "\nfirst_unit = " << m.shards[k].first
           << "\nunits = " << m.shards[k].count << '\n';
    }
    for (std::size_t i = 0; i < m.points.size(); ++i) {
        const SweepPoint& p = m.points[i];
        os << "\n[[points]]\nindex = " << i << "\nid = " << to_toml(Value{p.id})
           << "\nname = " << to_toml(Value{p.name}) << "\nvalues = {";
        for (std::size_t k = 0; k < m.keys.size(); ++k) {
            os << (k > 0 ? ", " : " ") << to_toml(Value{m.keys[k]}) << " = " << p.values[k];
        }
        os << (m.keys.empty() ? "}" : " }") << "\nscenario = " << text_literal(p.text) << '\n';
    }
    const std::string body = os.str();
    m.sha256 = sim::sha256_hex(body);
    return body + std::string(kHashPrefix) + m.sha256 + '\n';
}

SweepManifest parse_manifest(const std::string& text, const std::string& display) {
    const std::string_view body = checked_body(text, display);
    toml::table root;
    try {
        root = toml::parse(body, std::string_view(display));
    } catch (const toml::parse_error& e) {
        throw manifest_error(display, "TOML syntax: " + std::string(e.description()),
                             static_cast<int>(e.source().begin.line));
    }
    SweepManifest m;
    m.sha256 = sim::sha256_hex(body);
    m.sweep_file = root["sweep"]["file"].value_or(std::string());
    m.kokeilu_version = root["sweep"]["kokeilu_version"].value_or(std::string());
    m.seed = static_cast<std::uint64_t>(root["sweep"]["seed"].value_or(std::int64_t{0}));
    m.replications = static_cast<int>(root["sweep"]["replications"].value_or(std::int64_t{0}));
    if (const toml::array* keys = root["sweep"]["keys"].as_array()) {
        for (const auto& k : *keys) {
            m.keys.push_back(k.value_or(std::string()));
        }
    }
    if (toml::array* points = root["points"].as_array()) {
        for (auto& p : *points) {
            if (toml::table* t = p.as_table()) {
                m.points.push_back(read_point(*t, display, m.keys));
            }
        }
    }
    if (const toml::array* shards = root["shards"].as_array()) {
        for (const auto& s : *shards) {
            const toml::table* t = s.as_table();
            if (t == nullptr) {
                throw manifest_error(display, "`shards` must be [[shards]] tables");
            }
            m.shards.push_back(
                {static_cast<std::size_t>((*t)["first_unit"].value_or(std::int64_t{-1})),
                 static_cast<std::size_t>((*t)["units"].value_or(std::int64_t{0}))});
        }
    }
    std::size_t next = 0;
    for (const auto& s : m.shards) {
        if (s.first != next || s.count == 0) {
            throw manifest_error(display, "the shards do not cover the units in order");
        }
        next += s.count;
    }
    if (m.replications < 1 || m.points.empty() || next != m.units()) {
        throw manifest_error(display, "the manifest has no points, no replications or shards that "
                                      "do not cover every unit");
    }
    return m;
}

} // namespace kokeilu::scenario
