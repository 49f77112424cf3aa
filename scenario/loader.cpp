// Loading scenarios: TOML files, `extends`, the keys they set, and load() that runs every step.
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

std::string Loader::canonical_path(std::string_view dotted, std::string prefix) const {
    for (const auto& seg : split_path(dotted)) {
        prefix += prefix.empty() ? "" : ".";
        prefix += canonical(seg);
    }
    return prefix;
}

std::string Loader::canonical(std::string_view segment) const {
    const auto& aliases = key_aliases();
    const auto it = aliases.find(segment);
    return it == aliases.end() ? std::string(segment) : it->second;
}

std::optional<Loader::Source> Loader::read_top(const LoadOptions& options) {
    const std::string& file = options.file;
    if (options.text) {
        const std::string display = file.empty() ? "<input>" : file;
        return Source{
            "text:" + display, display, *options.text, false, fs::path(file).parent_path(), ""};
    }
    if (file.empty()) {
        for (const auto& b : builtin_configs()) {
            if (b.name == "default.toml") {
                return Source{"builtin:default.toml",
                              "configs/default.toml (built in)",
                              std::string(b.text),
                              true,
                              {},
                              ""};
            }
        }
        throw std::logic_error("scenario: the built-in default scenario is missing");
    }
    std::error_code ec;
    if (!fs::exists(file, ec)) {
        diags_.push_back(
            Diagnostic{"", 0, 0, "cannot open scenario file `" + file + "`: no such file"});
        return std::nullopt;
    }
    if (fs::is_directory(file, ec)) {
        diags_.push_back(Diagnostic{"", 0, 0, "`" + file + "` is a folder, not a scenario file"});
        return std::nullopt;
    }
    if (!fs::is_regular_file(file, ec)) {
        diags_.push_back(Diagnostic{"", 0, 0,
                                    "`" + file +
                                        "` is not a regular file (a FIFO, a "
                                        "device or a socket), not a scenario file"});
        return std::nullopt;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        diags_.push_back(Diagnostic{"", 0, 0, "cannot read scenario file `" + file + "`"});
        return std::nullopt;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    const fs::path p(file);
    return Source{
        "disk:" + fs::weakly_canonical(p, ec).string(), file, ss.str(), false, p.parent_path(), ""};
}

std::optional<Loader::Source> Loader::resolve_parent(const Source& child, const std::string& name,
                                                     const toml::source_region& where) {
    auto builtin = [&](const std::string& rel) -> std::optional<Source> {
        const std::string norm = fs::path(rel).lexically_normal().generic_string();
        for (const auto& b : builtin_configs()) {
            if (b.name == norm) {
                return Source{"builtin:" + norm,
                              "configs/" + norm + " (built in)",
                              std::string(b.text),
                              true,
                              {},
                              fs::path(norm).parent_path().generic_string()};
            }
        }
        return std::nullopt;
    };
    if (child.builtin) {
        const std::string rel = child.builtin_dir.empty() ? name : child.builtin_dir + "/" + name;
        if (auto s = builtin(rel)) {
            return s;
        }
    } else {
        const fs::path p = child.dir / name;
        std::error_code ec;
        if (fs::exists(p, ec) && !fs::is_regular_file(p, ec)) {
            error(child.display, where,
                  "extends: `" + p.lexically_normal().generic_string() + "` is " +
                      (fs::is_directory(p, ec) ? "a folder"
                                               : "not a regular file (a FIFO, a "
                                                 "device or a socket)") +
                      ", not a scenario file");
            return std::nullopt;
        }
        if (fs::is_regular_file(p, ec)) {
            std::ifstream in(p, std::ios::binary);
            std::ostringstream ss;
            ss << in.rdbuf();
            const std::string display = p.lexically_normal().generic_string();
            return Source{"disk:" + fs::weakly_canonical(p, ec).string(),
                          display,
                          ss.str(),
                          false,
                          p.parent_path(),
                          ""};
        }
        // A copied config may extend a shipped one by its bare name, or by its name in its
        // folder of configs/ (a copy of a service model's file: "te_office.toml").
        if (auto s = builtin(name)) {
            return s;
        }
        std::optional<Source> in_folder;
        int found = 0;
        for (const auto& b : builtin_configs()) {
            if (b.name.ends_with("/" + fs::path(name).lexically_normal().generic_string())) {
                in_folder = builtin(std::string(b.name));
                ++found;
            }
        }
        if (found == 1) {
            return in_folder;
        }
    }
    error(child.display, where,
          "extends: cannot find `" + name +
              "` (looked next to this file and among the built-in "
              "configs)");
    return std::nullopt;
}

void Loader::load_source(const Source& src) {
    if (auto problem = input_bounds_problem(src.text)) {
        diags_.push_back(Diagnostic{src.display, problem->line, problem->column,
                                    "input too large: " + problem->message});
        unreadable_ = true;
        return;
    }
    toml::table root;
    try {
        root = toml::parse(std::string_view(src.text), std::string_view(src.display));
    } catch (const toml::parse_error& e) {
        error(src.display, e.source(), "TOML syntax: " + std::string(e.description()));
        unreadable_ = true;
        return;
    }
    if (stack_.empty() && root.empty()) {
        diags_.push_back(Diagnostic{src.display, 1, 1,
                                    "the scenario file is empty (no keys); start it with "
                                    "`extends = \"default.toml\"` and set what differs"});
        unreadable_ = true;
        return;
    }
    out_.sources_.push_back(SourceFile{src.display, src.text});
    stack_.push_back(src.id);
    loaded_.insert(src.id);

    if (const toml::node* ext = root.get("extends")) {
        std::vector<const toml::node*> parents;
        if (const auto* arr = ext->as_array()) {
            for (const auto& el : *arr) {
                parents.push_back(&el);
            }
        } else {
            parents.push_back(ext);
        }
        for (const toml::node* p : parents) {
            const auto* name = p->as_string();
            if (name == nullptr) {
                error(src.display, p->source(),
                      "extends must be a file name or a list of file names, got " +
                          std::string(
                              toml::impl::node_type_friendly_names[static_cast<int>(p->type())]));
                unreadable_ = true;
                continue;
            }
            auto parent = resolve_parent(src, name->get(), p->source());
            if (!parent) {
                unreadable_ = true; // without the parent, the rest would be noise
                continue;
            }
            if (std::find(stack_.begin(), stack_.end(), parent->id) != stack_.end()) {
                error(src.display, p->source(),
                      "extends cycle: `" + parent->display +
                          "` is already being loaded (it "
                          "extends, directly or not, `" +
                          src.display + "`)");
                unreadable_ = true;
                continue;
            }
            if (loaded_.count(parent->id) != 0) {
                continue; // read already, through another file
            }
            load_source(*parent);
        }
    }
    walk(root, "", src.display);
    if (const toml::node* tl = root.get("timeline")) {
        read_timeline(*tl, src.display);
    }
    stack_.pop_back();
}

void Loader::unknown_key(const std::string& path, const std::string& prefix, const Origin& o) {
    const auto segments = split_path(path);
    std::string message = "unknown key `" + path + "`";
    if (auto guess = did_you_mean(segments.back(), schema_.children(prefix))) {
        message += "; did you mean `" + (prefix.empty() ? "" : prefix + ".") + *guess + "`?";
    } else if (prefix.empty()) {
        std::string tables;
        for (const auto& name : schema_.children("")) {
            tables += name + ", ";
        }
        message += " (top-level tables are " + tables + "timeline)";
    }
    error(o, std::move(message));
}

void Loader::walk(const toml::table& table, const std::string& prefix, const std::string& file) {
    std::map<std::string, std::string> seen; // canonical name -> name as written
    for (auto&& [k, v] : table) {
        if (prefix.empty() && (k.str() == "extends"sv || k.str() == "timeline"sv)) {
            continue; // handled by load_source
        }
        const std::string written(k.str());
        const std::string name = canonical(written);
        const Origin key_origin = origin_of(file, k.source());
        if (name.empty() || name.find_first_of(". \t\"'") != std::string::npos ||
            string_problem(name, kMaxNameLength)) {
            error(key_origin, "`" + printable(written) + "` is not a valid name (at most " +
                                  std::to_string(kMaxNameLength) +
                                  " characters; no dots, "
                                  "quotes, spaces or control characters)");
            continue;
        }
        if (auto [it, fresh] = seen.emplace(name, written); !fresh) {
            error(key_origin, "duplicate name `" + written + "` in `" +
                                  (prefix.empty() ? "(top level)" : prefix) + "`: `" + it->second +
                                  "` already names `" + name + "`");
            continue;
        }
        const std::string path = prefix.empty() ? name : prefix + "." + name;
        const KeyDecl* decl = schema_.find(path);
        if (const auto* sub = v.as_table()) {
            if (decl != nullptr) {
                error(origin_of(file, v.source()),
                      path + " must be " + type_name(decl->type) + ", got a table");
                continue;
            }
            if (!schema_.is_table(path)) {
                unknown_key(path, prefix, key_origin);
                continue;
            }
            // The most derived file's header (parents are read first): messages about the
            // table point at the user's override, not at the built-in original.
            out_.tables_[path] = key_origin;
            walk(*sub, path, file);
            continue;
        }
        if (decl == nullptr) {
            if (schema_.is_table(path)) {
                error(origin_of(file, v.source()), path + " must be a table");
            } else {
                unknown_key(path, prefix, key_origin);
            }
            continue;
        }
        if (auto value = convert(v, *decl, path, file)) {
            const Origin o = origin_of(file, v.source());
            if (in_range(*value, *decl, path, o)) {
                out_.values_[path] = Entry{std::move(*value), o};
                continue;
            }
        }
        rejected_.insert(path);
    }
}

LoadResult Loader::load(const LoadOptions& options) {
    if (auto top = read_top(options)) {
        load_source(*top);
    } else {
        unreadable_ = true;
    }
    if (unreadable_) {
        // Nothing (or not all) could be read: more checks would only add noise.
        LoadResult r{std::move(out_), std::move(diags_), false};
        sort_and_dedup(r.diagnostics);
        return r;
    }
    // Every check from here on runs even if an earlier one failed, so that all errors are
    // reported at once; only those that need a complete scenario wait for one.
    for (const auto& o : options.overrides) {
        apply_override(o);
    }
    inherit_service_models();
    {
        const auto before = diags_.size();
        fill_defaults();
        check_timeline_entries();
        incomplete_ = incomplete_ || diags_.size() != before;
    }
    {
        check_references();
        std::stable_sort(
            out_.timeline_.begin(), out_.timeline_.end(),
            [](const TimelineChange& a, const TimelineChange& b) { return a.date < b.date; });
        const auto start = out_.date("scenario.start");
        const auto end = out_.date("scenario.end");
        if (end < start) {
            const Entry* e = out_.find("scenario.end");
            error(e->origin, "scenario.end (" + end.to_string() + ") is before scenario.start (" +
                                 start.to_string() + ")");
        }
    }
    if (!incomplete_) {
        const auto before = diags_.size();
        check_pathways(out_, diags_);
        check_timeline_pathways();
        incomplete_ = incomplete_ || diags_.size() != before;
    }
    // Like a compiler: files in the order they were read (the user's first), then by position.
    // (toml++ walks a table in key order, not file order.)
    std::vector<std::string> file_order;
    for (const auto& f : out_.sources_) {
        file_order.push_back(f.name);
    }
    LoadResult r{std::move(out_), std::move(diags_), !incomplete_};
    sort_and_dedup(r.diagnostics, file_order);
    return r;
}

LoadResult load_collecting(const LoadOptions& options) {
    Loader loader(scenario_schema());
    return loader.load(options);
}

Scenario load_scenario(const LoadOptions& options) {
    LoadResult r = load_collecting(options);
    if (has_errors(r.diagnostics)) {
        throw ConfigError(std::move(r.diagnostics));
    }
    return std::move(r.scenario);
}

Scenario load_scenario(const std::string& file, const std::vector<std::string>& overrides) {
    LoadOptions options;
    options.file = file;
    options.overrides = overrides;
    return load_scenario(options);
}

} // namespace kokeilu::scenario
