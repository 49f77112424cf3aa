// A loaded, validated scenario: every key's value and where it came from, plus dated changes.
#pragma once

#include "scenario/value.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kokeilu::scenario {

/// A resolved key: its value and where it was set.
struct Entry {
    Value value;
    Origin origin;
};

/// One [[timeline]] entry: keys set to new values from `date` on.
struct TimelineChange {
    sim::Date date;
    Origin origin;
    std::string note;
    std::map<std::string, Entry> set;
};

/// A source file read while loading (the top file, then its parents, in load order).
struct SourceFile {
    std::string name; ///< as shown in messages: a path, or "configs/x.toml (built in)"
    std::string text;
};

/// The fully resolved scenario: every declared key of every entry has a value (given or
/// default), all checks have passed. Immutable once loaded; share it freely between threads.
class Scenario {
public:
    [[nodiscard]] const std::map<std::string, Entry>& values() const { return values_; }
    [[nodiscard]] const std::vector<TimelineChange>& timeline() const { return timeline_; }
    [[nodiscard]] const std::vector<SourceFile>& sources() const { return sources_; }
    [[nodiscard]] const Entry* find(std::string_view path) const;

    /// Typed access. Throws std::logic_error if the key is missing or of another type (a bug:
    /// the schema guarantees both for declared keys).
    [[nodiscard]] bool boolean(std::string_view path) const;
    [[nodiscard]] std::int64_t integer(std::string_view path) const;
    [[nodiscard]] double number(std::string_view path) const;
    [[nodiscard]] const std::string& string(std::string_view path) const;
    [[nodiscard]] sim::Date date(std::string_view path) const;
    [[nodiscard]] const NumberList& numbers(std::string_view path) const;
    [[nodiscard]] const StringList& strings(std::string_view path) const;

    /// The scenario as it stands on `day`: every [[timeline]] change dated on or before `day`
    /// applied to the values, in date order. The result's own timeline is empty.
    [[nodiscard]] Scenario at(sim::Date day) const;

    /// Names of the entries of a collection, sorted: names("providers"),
    /// names("service_models.te_office.stages").
    [[nodiscard]] std::vector<std::string> names(std::string_view collection) const;

    /// Where a table (e.g. a stage) was first defined, if it was defined in a file.
    [[nodiscard]] std::optional<Origin> table_origin(std::string_view path) const;

private:
    friend class Loader;
    std::map<std::string, Entry> values_;
    std::map<std::string, Origin> tables_;
    std::vector<TimelineChange> timeline_;
    std::vector<SourceFile> sources_;
};

/// What to load. An empty `file` means the built-in default scenario.
struct LoadOptions {
    std::string file;
    std::vector<std::string> overrides; ///< "key.path=value", applied after all files
    /// If set, the scenario's text (named `file` in messages, or "<input>"); nothing is read
    /// from `file` itself, though its parents are looked up next to it as usual.
    std::optional<std::string> text;
};

/// Sanity bounds on what is read, checked before parsing (toml++ recurses on dotted keys and
/// nesting) for files, `extends` parents and `--set` values alike.
inline constexpr std::size_t kMaxInputBytes = 4u << 20; ///< 4 MiB per file
inline constexpr int kMaxKeyParts = 64;                 ///< parts of one dotted key
inline constexpr int kMaxNesting = 64;                  ///< nested arrays and tables
/// Names (of providers, stages, ...) and string values: at most this many characters (a
/// scenario.name is repeated in every CSV row), and no control characters.
inline constexpr std::size_t kMaxNameLength = 200;

/// Loads, resolves and validates a scenario. Throws ConfigError listing every problem found
/// (the loader's checks only: scenario::check_scenario adds the model's).
Scenario load_scenario(const LoadOptions& options);

/// What the loader found: the scenario as far as it could be read, every diagnostic (errors and
/// warnings), and whether the scenario is complete (every declared key of every entry has a
/// value of its type, every [[timeline]] change names existing entries and the pathway graphs
/// are sound), so that the model's checks (build.cpp) can run on it even if it has other errors.
struct LoadResult {
    Scenario scenario;
    std::vector<Diagnostic> diagnostics;
    bool complete = false;
};

/// Loads without throwing ConfigError: for check_scenario, which adds the model's checks and
/// reports everything at once.
LoadResult load_collecting(const LoadOptions& options);

/// Loads a scenario file (empty: the built-in default) with `--set` style overrides.
Scenario load_scenario(const std::string& file, const std::vector<std::string>& overrides = {});

/// The resolved scenario as TOML that loads to the same values, each value commented with
/// where it came from.
std::string show_toml(const Scenario& scenario);

/// The resolved scenario as TOML without comments: the values and dated changes only, so
/// that two scenarios that run the same give the same text, wherever their values came from
/// (a sweep point's id is a hash of it). Loads to the same values, like `show_toml`.
std::string resolved_text(const Scenario& scenario);

/// The built-in config files: name (e.g. "default.toml", "examples/jackson.toml") and text.
struct BuiltinConfig {
    std::string_view name;
    std::string_view text;
};
const std::vector<BuiltinConfig>& builtin_configs();

/// Canonical names of the Finnish aliases accepted anywhere in a key path
/// (palkkatuki -> pay_subsidy, ...).
const std::map<std::string, std::string, std::less<>>& key_aliases();

} // namespace kokeilu::scenario
