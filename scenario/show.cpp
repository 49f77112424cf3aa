// `kokeilu show`: the resolved scenario as TOML, each value commented with its origin.
#include "scenario/scenario.hpp"
#include "scenario/schema.hpp"

#include <algorithm>
#include <map>
#include <sstream>

namespace kokeilu::scenario {

namespace {

bool is_bare(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-';
    });
}

std::string key_text(const std::string& segment) {
    return is_bare(segment) ? segment : to_toml(Value{segment});
}

std::string table_header(const std::string& path) {
    std::string out;
    for (const auto& seg : split_path(path)) {
        out += out.empty() ? "" : ".";
        out += key_text(seg);
    }
    return out;
}

/// Position of a key's declaration, so output follows the schema's order.
std::size_t decl_rank(const std::string& path) {
    const auto& keys = scenario_schema().keys();
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (path_matches(keys[i].pattern, path)) {
            return i;
        }
    }
    return keys.size();
}

/// A table's leaves in the schema's declaration order (ties keep their order); each leaf's
/// rank is looked up once.
void sort_by_declaration(const std::string& table,
                         std::vector<std::pair<std::string, const Entry*>>& leaves) {
    std::vector<std::pair<std::size_t, std::size_t>> ranked; // (declaration rank, position)
    ranked.reserve(leaves.size());
    for (std::size_t k = 0; k < leaves.size(); ++k) {
        ranked.emplace_back(decl_rank(table + "." + leaves[k].first), k);
    }
    std::sort(ranked.begin(), ranked.end()); // position breaks ties: a stable order
    std::vector<std::pair<std::string, const Entry*>> sorted;
    sorted.reserve(leaves.size());
    for (const auto& r : ranked) {
        sorted.push_back(std::move(leaves[r.second]));
    }
    leaves = std::move(sorted);
}

void emit_value(std::ostringstream& os, const std::string& key, const Entry& e, bool origins) {
    os << key << " = " << to_toml(e.value);
    if (origins) {
        os << "  # " << e.origin.describe();
    }
    os << '\n';
}

/// The scenario as TOML; with `origins`, the header, sources and each value's origin as
/// comments.
std::string scenario_toml(const Scenario& scenario, bool origins) {
    // Group leaves by their table; order tables by the first key's declaration, then by name.
    std::map<std::string, std::vector<std::pair<std::string, const Entry*>>> tables;
    for (const auto& [path, e] : scenario.values()) {
        const auto dot = path.rfind('.');
        tables[path.substr(0, dot)].emplace_back(path.substr(dot + 1), &e);
    }
    std::vector<std::pair<std::pair<std::size_t, std::string>, std::string>> order;
    for (auto& [table_path, leaves] : tables) {
        const std::string& table = table_path;
        sort_by_declaration(table, leaves);
        // Top-level tables in declaration order; inside one, by path, so that a stage's
        // sub-tables follow the stage.
        const std::string top = table.substr(0, table.find('.'));
        std::size_t rank = scenario_schema().keys().size();
        const auto& keys = scenario_schema().keys();
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (keys[i].pattern.compare(0, top.size() + 1, top + ".") == 0) {
                rank = i;
                break;
            }
        }
        order.push_back({{rank, table}, table});
    }
    std::sort(order.begin(), order.end());
    std::ostringstream os;
    if (origins) {
        os << "# The resolved scenario: every key with its value and where it came from.\n"
              "# `kokeilu validate` accepts this file and it reproduces the same run.\n";
        for (const auto& src : scenario.sources()) {
            os << "# source: " << src.name << '\n';
        }
    }
    for (const auto& [rank, table] : order) {
        os << (os.tellp() > 0 ? "\n[" : "[") << table_header(table) << "]\n";
        for (const auto& [key, e] : tables[table]) {
            emit_value(os, key_text(key), *e, origins);
        }
    }
    for (const auto& change : scenario.timeline()) {
        os << "\n[[timeline]]";
        if (origins) {
            os << "  # " << change.origin.describe();
        }
        os << "\ndate = " << change.date.to_string() << '\n';
        if (!change.note.empty()) {
            os << "note = " << to_toml(Value{change.note}) << '\n';
        }
        os << "[timeline.set]\n";
        for (const auto& [path, e] : change.set) {
            emit_value(os, to_toml(Value{path}), e, origins);
        }
    }
    return os.str();
}

} // namespace

std::string show_toml(const Scenario& scenario) {
    return scenario_toml(scenario, true);
}

std::string resolved_text(const Scenario& scenario) {
    return scenario_toml(scenario, false);
}

} // namespace kokeilu::scenario
