// The declared keys of a scenario: types, units, defaults, ranges and sources, in one place.
#pragma once

#include "scenario/value.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kokeilu::scenario {

enum class Type {
    Bool,
    Integer,
    Float,
    String,
    Date,
    Enum,
    Reference,
    ListOfStrings,
    ListOfNumbers
};

/// "boolean", "integer", "number", "string", "date", "one of ...", "name of ...".
std::string type_name(Type t);

/// Allowed range of a numeric key.
struct Range {
    std::optional<double> min;
    std::optional<double> max;
    bool min_exclusive = false;
    bool max_exclusive = false;

    [[nodiscard]] bool contains(double x) const;
    /// "> 0", "in [0, 1]", ">= 1", or "" for no limit.
    [[nodiscard]] std::string describe() const;
};

/// One key a scenario may set. `pattern` is a dotted path in which `*` stands for a name the
/// user chooses (a provider, a service model, a stage): `service_models.*.stages.*.servers`.
/// The loader, the validator, `kokeilu show` and configs/README.md all read these declarations,
/// so documentation and behaviour cannot drift apart.
struct KeyDecl {
    std::string pattern;
    Type type = Type::Float;
    std::string unit;                   ///< e.g. "working days", "EUR", "" for none
    std::optional<Value> default_value; ///< none: the key is required (in every entry)
    Range range;                        ///< numeric keys, and every element of a NumberList
    std::vector<std::string> choices;   ///< Enum keys only
    /// Reference keys: the collection whose entry names are valid, as a pattern in which `$1`,
    /// `$2`... stand for the names matched by this key's own wildcards (e.g.
    /// "service_models.$1.stages" for a stage of the same model).
    std::string refers_to;
    std::string source;   ///< where the default comes from: "DOMAIN.md §0 [S2]" or "assumption"
    std::string doc;      ///< one sentence for configs/README.md
    bool timeline = true; ///< may be changed from a date by a [[timeline]] entry
    /// Strings (and each string of a list): at most this many characters. Names are repeated
    /// in every CSV row; descriptions are free text.
    std::size_t max_length = 200;
};

/// All declared keys, in declaration order (which is also the order of `kokeilu show`).
class Schema {
public:
    void add(KeyDecl decl);

    [[nodiscard]] const std::vector<KeyDecl>& keys() const { return keys_; }

    /// The declaration matching a concrete path (`providers.Helsinki.kind`), or nullptr.
    [[nodiscard]] const KeyDecl* find(std::string_view path) const;

    /// True if `path` names a table the schema expects (`pilot`, `providers.Helsinki`,
    /// `service_models.x.stages.intake.next`).
    [[nodiscard]] bool is_table(std::string_view path) const;

    /// Collection patterns, i.e. pattern prefixes ending in `*` (`providers.*`).
    [[nodiscard]] std::vector<std::string> collections() const;

    /// The names the schema allows directly under a concrete table path, for did-you-mean.
    [[nodiscard]] std::vector<std::string> children(std::string_view table_path) const;

private:
    std::vector<KeyDecl> keys_;
};

/// The schema of Kokeilu scenarios (scenario/keys.cpp).
const Schema& scenario_schema();

/// Splits a dotted path into segments.
std::vector<std::string> split_path(std::string_view path);
/// Everything before the last segment (`a.b` for `a.b.c`; empty for `a`).
std::string parent_path(std::string_view path);
/// True if the concrete `path` matches `pattern` segment by segment (`*` matches one segment).
bool path_matches(std::string_view pattern, std::string_view path);
/// The closest of `candidates` to `word` by edit distance, if close enough to be a likely typo.
std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string>& candidates);

} // namespace kokeilu::scenario
