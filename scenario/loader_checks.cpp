// The scenario loader's [[timeline]], defaults and cross-checks: references between entries,
// service-model inheritance, and what timeline changes may touch.
#include "scenario/loader.hpp"
#include "scenario/loader_text.hpp"
#include "scenario/pathway.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <tuple>

namespace kokeilu::scenario {

using namespace std::string_view_literals;

void Loader::read_timeline(const toml::node& node, const std::string& file) {
    const auto* arr = node.as_array();
    if (arr == nullptr || !arr->is_array_of_tables()) {
        error(origin_of(file, node.source()),
              "timeline must be an array of tables: write each change as [[timeline]]");
        return;
    }
    std::optional<sim::Date> previous;
    for (const auto& el : *arr) {
        const auto& t = *el.as_table();
        TimelineChange change;
        change.origin = origin_of(file, t.source(), Origin::Kind::Timeline);
        bool ok = true;
        bool have_date = false;
        for (auto&& [k, v] : t) {
            const Origin ko = origin_of(file, k.source());
            if (k.str() == "date"sv) {
                const auto* d = v.as_date();
                if (d == nullptr) {
                    error(origin_of(file, v.source()),
                          "timeline.date must be a date, got " + describe_node(v) +
                              (v.is_string() ? " (write dates unquoted: 2022-05-02)" : ""));
                    ok = false;
                    continue;
                }
                try {
                    change.date = sim::Date(d->get().year, d->get().month, d->get().day);
                    have_date = true;
                } catch (const std::exception& e) {
                    error(origin_of(file, v.source()), std::string("timeline.date: ") + e.what());
                    ok = false;
                }
            } else if (k.str() == "note"sv) {
                if (auto s = v.value_exact<std::string>()) {
                    change.note = *s;
                } else {
                    error(origin_of(file, v.source()),
                          "timeline.note must be a string, got " + describe_node(v));
                }
            } else if (k.str() == "set"sv) {
                if (const auto* st = v.as_table()) {
                    flatten_set(*st, "", file, change);
                } else {
                    error(origin_of(file, v.source()),
                          "timeline.set must be a table of keys to change, got " +
                              describe_node(v));
                    ok = false;
                }
            } else {
                std::string message = "unknown key `timeline." + std::string(k.str()) + "`";
                if (auto g = did_you_mean(k.str(), {"date", "note", "set"})) {
                    message += "; did you mean `timeline." + *g + "`?";
                }
                error(ko, std::move(message));
            }
        }
        if (!have_date) {
            if (ok) {
                error(change.origin, "timeline entry without a date");
            }
            continue;
        }
        // Equal dates are allowed: entries of one day apply in file order (after a parent's).
        if (previous && change.date < *previous) {
            error(change.origin, "timeline dates out of order: " + change.date.to_string() +
                                     " comes after " + previous->to_string() +
                                     " (each [[timeline]] entry must be dated on or after "
                                     "the one before)");
        }
        previous = change.date;
        out_.timeline_.push_back(std::move(change));
    }
}

void Loader::flatten_set(const toml::table& table, const std::string& prefix,
                         const std::string& file, TimelineChange& change) {
    for (auto&& [k, v] : table) {
        const std::string path = canonical_path(k.str(), prefix);
        if (const auto* sub = v.as_table()) {
            flatten_set(*sub, path, file, change);
            continue;
        }
        const KeyDecl* decl = schema_.find(path);
        const Origin ko = origin_of(file, k.source());
        if (decl == nullptr) {
            const std::string parent = parent_path(path);
            unknown_key(path, parent, ko);
            continue;
        }
        if (!decl->timeline) {
            error(ko, path + " cannot be changed by the timeline (it is fixed for the whole run)");
            continue;
        }
        if (auto value = convert(v, *decl, path, file)) {
            Origin o = origin_of(file, v.source(), Origin::Kind::Timeline);
            if (in_range(*value, *decl, path, o)) {
                change.set[path] = Entry{std::move(*value), o};
            }
        }
    }
}

void Loader::fill_defaults() {
    // Instances of each collection: every concrete prefix of a known path that matches it.
    std::map<std::string, std::set<std::string>> instances;
    const auto collections = schema_.collections();
    auto record = [&](const std::string& path) {
        const auto segs = split_path(path);
        std::string prefix;
        for (std::size_t i = 0; i < segs.size(); ++i) {
            prefix += i ? "." : "";
            prefix += segs[i];
            for (const auto& c : collections) {
                if (path_matches(c, prefix)) {
                    instances[c].insert(prefix);
                }
            }
        }
    };
    for (const auto& [path, e] : out_.values_) {
        record(path);
    }
    for (const auto& [path, o] : out_.tables_) {
        record(path);
    }
    for (const auto& decl : schema_.keys()) {
        const auto segs = split_path(decl.pattern);
        if (segs.back() == "*") {
            continue; // map entries (e.g. next.<stage>) exist only where given
        }
        const std::string parent = parent_path(decl.pattern);
        std::vector<std::string> targets;
        std::vector<std::optional<Origin>> where;
        if (decl.pattern.find('*') == std::string::npos) {
            targets.push_back(decl.pattern);
            where.emplace_back();
        } else {
            // The innermost collection the key belongs to (e.g. providers.* for providers.*.kind).
            std::string coll;
            std::string acc;
            for (std::size_t i = 0; i + 1 < segs.size(); ++i) {
                acc += i ? "." : "";
                acc += segs[i];
                if (segs[i] == "*") {
                    coll = acc;
                }
            }
            for (const auto& inst : instances[coll]) {
                // The key's own prefix must match too (e.g. stages.*, not another table).
                const std::string tail = parent.substr(coll.size());
                const std::string candidate_parent = inst + tail;
                const std::string path = candidate_parent + "." + segs.back();
                if (!path_matches(decl.pattern, path)) {
                    continue;
                }
                targets.push_back(path);
                where.push_back(out_.table_origin(inst));
            }
        }
        for (std::size_t i = 0; i < targets.size(); ++i) {
            if (out_.values_.count(targets[i]) != 0) {
                continue;
            }
            if (decl.default_value) {
                out_.values_[targets[i]] = Entry{*decl.default_value, Origin{}};
            } else if (rejected_.count(targets[i]) != 0) {
                incomplete_ = true; // reported already, as a wrong value
            } else if (auto c = std::find_if(
                           created_.begin(), created_.end(),
                           [&](const auto& e) { return targets[i].rfind(e.first + ".", 0) == 0; });
                       c != created_.end()) {
                // An entry only --set defines, without all its required keys: most likely a
                // misspelt name. Reported once, not as missing keys.
                if (!c->second.empty()) {
                    diags_.push_back(Diagnostic{
                        "", 0, 0,
                        c->second + " (a --set can add one only with all its required keys)"});
                    c->second.clear();
                }
                incomplete_ = true;
            } else if (where[i]) {
                error(*where[i], "missing required key `" + targets[i] + "` (" + decl.doc + ")");
            } else {
                diags_.push_back(Diagnostic{"", 0, 0, "missing required key `" + targets[i] + "`"});
            }
        }
    }
}

void Loader::check_references() {
    auto check = [&](const std::string& path, const Entry& e) {
        const KeyDecl* decl = schema_.find(path);
        if (decl == nullptr || decl->type != Type::Reference) {
            return;
        }
        // Substitute $1, $2... with the names this path matched at its wildcards.
        const auto p = split_path(decl->pattern);
        const auto s = split_path(path);
        std::vector<std::string> wild;
        for (std::size_t i = 0; i < p.size(); ++i) {
            if (p[i] == "*") {
                wild.push_back(s[i]);
            }
        }
        std::string target = decl->refers_to;
        for (std::size_t i = 0; i < wild.size(); ++i) {
            const std::string token = "$" + std::to_string(i + 1);
            for (auto at = target.find(token); at != std::string::npos; at = target.find(token)) {
                target.replace(at, token.size(), wild[i]);
            }
        }
        const auto names = out_.names(target);
        const auto& name = std::get<std::string>(e.value);
        if (name.empty() && decl->default_value &&
            std::get<std::string>(*decl->default_value).empty()) {
            return; // an optional reference left out
        }
        if (std::find(names.begin(), names.end(), name) != names.end()) {
            return;
        }
        std::string message =
            path + " names `" + name + "`, which is not defined in `" + target + "`";
        if (auto g = did_you_mean(name, names)) {
            message += "; did you mean `" + *g + "`?";
        }
        if (e.origin.kind == Origin::Kind::File || e.origin.kind == Origin::Kind::Timeline) {
            error(e.origin, std::move(message));
        } else {
            diags_.push_back(Diagnostic{"", 0, 0, std::move(message)});
        }
    };
    for (const auto& [path, e] : out_.values_) {
        check(path, e);
    }
    for (const auto& change : out_.timeline_) {
        for (const auto& [path, e] : change.set) {
            check(path, e);
        }
    }
}

std::optional<std::string> Loader::missing_entry(const std::string& path) const {
    auto exists = [&](const std::string& prefix) {
        if (out_.tables_.count(prefix) != 0) {
            return true;
        }
        const auto it = out_.values_.lower_bound(prefix + ".");
        return it != out_.values_.end() && it->first.rfind(prefix + ".", 0) == 0;
    };
    const KeyDecl* decl = schema_.find(path);
    if (decl == nullptr) {
        return std::nullopt;
    }
    const auto pattern = split_path(decl->pattern);
    const auto segs = split_path(path);
    std::string prefix;
    for (std::size_t i = 0; i + 1 < segs.size(); ++i) {
        prefix += i == 0 ? "" : ".";
        prefix += segs[i];
        if (pattern[i] == "*" && !exists(prefix)) {
            return prefix;
        }
    }
    return std::nullopt;
}

void Loader::inherit_service_models() {
    std::set<std::string> done;
    for (const auto& model : out_.names("service_models")) {
        std::vector<std::string> chain;
        inherit_model(model, chain, done);
    }
}

void Loader::inherit_model(const std::string& model, std::vector<std::string>& chain,
                           std::set<std::string>& done) {
    const std::string prefix = "service_models." + model + ".";
    const Entry* e = out_.find(prefix + "extends");
    const std::string* base = e == nullptr ? nullptr : std::get_if<std::string>(&e->value);
    if (done.count(model) != 0 || base == nullptr || base->empty()) {
        done.insert(model);
        return;
    }
    const Origin where = e->origin;
    const std::string base_name = *base;
    if (std::find(chain.begin(), chain.end(), model) != chain.end()) {
        std::string cycle;
        for (const auto& m : chain) {
            cycle += m + " -> ";
        }
        error(where, "service_models." + model + ".extends: a cycle (" + cycle + model + ")");
        done.insert(model);
        return;
    }
    const auto models = out_.names("service_models");
    if (std::find(models.begin(), models.end(), base_name) == models.end()) {
        std::string message = "service_models." + model + ".extends names `" + base_name +
                              "`, which is not a service model of the scenario";
        if (auto g = did_you_mean(base_name, models)) {
            message += "; did you mean `" + *g + "`?";
        }
        error(where, std::move(message));
        done.insert(model);
        return;
    }
    chain.push_back(model);
    inherit_model(base_name, chain, done);
    chain.pop_back();
    done.insert(model);
    // The stages whose routing this model sets itself: their `next` is not merged.
    std::set<std::string> own_next;
    for (const auto& [path, entry] : out_.values_) {
        if (path.rfind(prefix + "stages.", 0) == 0 && path.find(".next.") != std::string::npos) {
            own_next.insert(path.substr(0, path.find(".next.")));
        }
    }
    const std::string from = "service_models." + base_name + ".";
    std::vector<std::pair<std::string, Entry>> taken;
    for (const auto& [path, entry] : out_.values_) {
        if (path.rfind(from, 0) != 0 || path == from + "extends" || path == from + "description") {
            continue;
        }
        const std::string target = prefix + path.substr(from.size());
        const auto next = target.find(".next.");
        if (out_.values_.count(target) != 0 ||
            (next != std::string::npos && own_next.count(target.substr(0, next)) != 0)) {
            continue;
        }
        taken.emplace_back(target, entry);
    }
    for (auto& [path, entry] : taken) {
        out_.values_.emplace(path, std::move(entry));
    }
    std::vector<std::pair<std::string, Origin>> tables;
    for (const auto& [path, origin] : out_.tables_) {
        if (path.rfind(from, 0) == 0) {
            tables.emplace_back(prefix + path.substr(from.size()), origin);
        }
    }
    for (auto& [path, origin] : tables) {
        out_.tables_.emplace(path, std::move(origin));
    }
}

void Loader::check_timeline_entries() {
    // A dated change alters keys of entries that exist; it cannot create a provider, a service
    // model or a stage (their other keys would have no values). Map entries such as
    // next.<stage> are keys themselves and may be added.
    for (const auto& change : out_.timeline_) {
        for (const auto& [path, entry] : change.set) {
            if (auto prefix = missing_entry(path)) {
                const std::string name = prefix->substr(prefix->rfind('.') + 1);
                std::string message = "timeline: `" + *prefix +
                                      "` is not defined in the "
                                      "scenario; a [[timeline]] entry can only change entries "
                                      "that exist";
                if (auto g = did_you_mean(name, out_.names(parent_path(*prefix)))) {
                    message += "; did you mean `" + parent_path(*prefix) + "." + *g + "`?";
                }
                error(entry.origin, std::move(message));
            }
        }
    }
}

void Loader::check_timeline_pathways() {
    // Each dated change applies from its date on, on top of all earlier ones: check the pathway
    // graphs as they stand after every change that touches a service model.
    Scenario state = out_;
    for (const auto& change : out_.timeline_) {
        bool touches_models = false;
        for (const auto& [path, entry] : change.set) {
            state.values_[path] = entry;
            touches_models = touches_models || path.rfind("service_models.", 0) == 0;
        }
        if (!touches_models) {
            continue;
        }
        std::vector<Diagnostic> found;
        check_pathways(state, found);
        for (auto& d : found) {
            d.message = "from " + change.date.to_string() + " (timeline at line " +
                        std::to_string(change.origin.line) + "): " + d.message;
            diags_.push_back(std::move(d));
        }
    }
}

} // namespace kokeilu::scenario
