// The scenario loader's state while it reads files and overrides (private to scenario/): the
// loader's member functions are in loader.cpp (files, `extends`, keys), loader_values.cpp
// (values, ranges, --set) and loader_checks.cpp (the timeline, defaults and cross-checks).
#pragma once

#include "scenario/scenario.hpp"
#include "scenario/schema.hpp"

#include <toml++/toml.h>

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace kokeilu::scenario {

namespace fs = std::filesystem;

/// Reads files and command-line overrides into a Scenario, collecting every problem.
class Loader {
public:
    explicit Loader(const Schema& schema) : schema_(schema) {}

    LoadResult load(const LoadOptions& options);

private:
    struct Source {
        std::string id;      ///< identity for cycle detection
        std::string display; ///< name in messages
        std::string text;
        bool builtin = false;
        fs::path dir;            ///< disk: the file's folder
        std::string builtin_dir; ///< built-in: the folder inside configs/
    };

    void error(const std::string& file, const toml::source_region& where, std::string message) {
        diags_.push_back(Diagnostic{file, static_cast<int>(where.begin.line),
                                    static_cast<int>(where.begin.column), std::move(message)});
    }
    void error(const Origin& o, std::string message) {
        diags_.push_back(Diagnostic{o.file, o.line, o.column, std::move(message)});
    }

    static Origin origin_of(const std::string& file, const toml::source_region& where,
                            Origin::Kind kind = Origin::Kind::File) {
        return Origin{kind, file, static_cast<int>(where.begin.line),
                      static_cast<int>(where.begin.column)};
    }

    std::optional<Source> read_top(const LoadOptions& options);
    std::optional<Source> resolve_parent(const Source& child, const std::string& name,
                                         const toml::source_region& where);
    void load_source(const Source& src);
    void walk(const toml::table& table, const std::string& prefix, const std::string& file);
    void read_timeline(const toml::node& node, const std::string& file);
    void flatten_set(const toml::table& table, const std::string& prefix, const std::string& file,
                     TimelineChange& change);
    std::optional<Value> convert(const toml::node& node, const KeyDecl& decl,
                                 const std::string& path, const std::string& file);
    std::optional<Value> convert_node(const toml::node& node, const KeyDecl& decl,
                                      const std::string& path, std::string& why) const;
    std::optional<std::string> range_problem(const Value& v, const KeyDecl& decl,
                                             const std::string& path) const;
    std::optional<Value> parse_text(std::string_view text, const KeyDecl& decl,
                                    const std::string& path, std::string& why);
    bool in_range(const Value& v, const KeyDecl& decl, const std::string& path, const Origin& o);
    void apply_override(const std::string& text);
    void fill_defaults();
    void check_references();
    /// `service_models.X.extends = "Y"`: X takes the values of Y it does not set.
    void inherit_service_models();
    void inherit_model(const std::string& model, std::vector<std::string>& chain,
                       std::set<std::string>& done);
    /// Timeline changes may only touch entries (providers, models, stages) that exist.
    void check_timeline_entries();
    /// The pathway checks again after each [[timeline]] change to a service model.
    void check_timeline_pathways();
    std::string canonical(std::string_view segment) const;
    /// `dotted` with every segment canonical, appended to `prefix`.
    std::string canonical_path(std::string_view dotted, std::string prefix = {}) const;
    void unknown_key(const std::string& path, const std::string& prefix, const Origin& o);
    /// The first entry (`providers.X`) that `path` goes through and that no file defines.
    std::optional<std::string> missing_entry(const std::string& path) const;

    const Schema& schema_;
    std::vector<Diagnostic> diags_;
    bool unreadable_ = false;        ///< a file could not be read or parsed: nothing more to check
    bool incomplete_ = false;        ///< a key or an entry is missing: the graph checks cannot run
    std::set<std::string> rejected_; ///< keys whose value was reported as wrong
    /// Entries that only --set defines, with the message for one that turns out incomplete.
    std::map<std::string, std::string> created_;
    Scenario out_;
    std::vector<std::string> stack_; ///< ids of the files being loaded, for cycle detection
    /// Ids of the files read so far: a file reached again through another `extends` (a
    /// diamond) is read once, where it was first reached, so that it cannot undo what the
    /// files read after it set.
    std::set<std::string> loaded_;
};

} // namespace kokeilu::scenario
