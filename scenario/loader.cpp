// Loading scenarios: TOML files, `extends`, `--set`, [[timeline]], defaults and every check.
#include "scenario/pathway.hpp"
#include "scenario/scenario.hpp"
#include "scenario/schema.hpp"

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

namespace fs = std::filesystem;
using namespace std::string_view_literals;

const std::map<std::string, std::string, std::less<>>& key_aliases() {
    static const std::map<std::string, std::string, std::less<>> aliases{
        {"palkkatuki", "pay_subsidy"},
        {"työvoimakoulutus", "labour_market_training"},
        {"kuntouttava_työtoiminta", "rehabilitative_work_activity"},
        {"starttiraha", "start_up_grant"},
        {"työkokeilu", "work_trial"},
        {"TYP", "multiprofessional_service"},
    };
    return aliases;
}

// ---- Scenario accessors ----------------------------------------------------------------------

const Entry* Scenario::find(std::string_view path) const {
    const auto it = values_.find(std::string(path));
    return it == values_.end() ? nullptr : &it->second;
}

namespace {
template <class T>
const T& get_as(const Scenario& s, std::string_view path) {
    const Entry* e = s.find(path);
    if (e == nullptr) {
        throw std::logic_error("scenario: no value for `" + std::string(path) + "`");
    }
    const T* v = std::get_if<T>(&e->value);
    if (v == nullptr) {
        throw std::logic_error("scenario: `" + std::string(path) + "` has another type");
    }
    return *v;
}
} // namespace

bool Scenario::boolean(std::string_view path) const {
    return get_as<bool>(*this, path);
}
std::int64_t Scenario::integer(std::string_view path) const {
    return get_as<std::int64_t>(*this, path);
}
double Scenario::number(std::string_view path) const {
    return get_as<double>(*this, path);
}
const std::string& Scenario::string(std::string_view path) const {
    return get_as<std::string>(*this, path);
}
sim::Date Scenario::date(std::string_view path) const {
    return get_as<sim::Date>(*this, path);
}
const NumberList& Scenario::numbers(std::string_view path) const {
    return get_as<NumberList>(*this, path);
}
const StringList& Scenario::strings(std::string_view path) const {
    return get_as<StringList>(*this, path);
}

Scenario Scenario::at(sim::Date day) const {
    Scenario s;
    s.values_ = values_;
    s.tables_ = tables_;
    s.sources_ = sources_;
    for (const auto& change : timeline_) {
        if (change.date > day) {
            break;
        }
        for (const auto& [path, entry] : change.set) {
            s.values_[path] = entry;
        }
    }
    return s;
}

std::vector<std::string> Scenario::names(std::string_view collection) const {
    const std::string prefix = std::string(collection) + ".";
    std::set<std::string> out;
    auto consider = [&](const std::string& path) {
        if (path.compare(0, prefix.size(), prefix) == 0) {
            const auto rest = path.substr(prefix.size());
            out.insert(rest.substr(0, rest.find('.')));
        }
    };
    for (const auto& [path, entry] : values_) {
        consider(path);
    }
    for (const auto& [path, origin] : tables_) {
        consider(path);
    }
    return {out.begin(), out.end()};
}

std::optional<Origin> Scenario::table_origin(std::string_view path) const {
    const auto it = tables_.find(std::string(path));
    if (it == tables_.end()) {
        return std::nullopt;
    }
    return it->second;
}

// ---- Input bounds ----------------------------------------------------------------------------

namespace {

/// A problem found before parsing, at a 1-based line and column.
struct BoundsProblem {
    int line = 1;
    int column = 1;
    std::string message;
};

/// Checks what toml++ cannot take safely (its parser recurses on dotted keys and nested
/// arrays and tables; a header of 50,000 dotted parts overflows the stack): the size of the
/// text, the parts of a dotted key and the nesting of arrays and inline tables. Strings and
/// comments are skipped; a number such as 1.5 counts as one dot, which no valid file comes near.
std::optional<BoundsProblem> input_bounds_problem(std::string_view text) {
    if (text.size() > kMaxInputBytes) {
        return BoundsProblem{1, 1,
                             "the file has " + std::to_string(text.size()) +
                                 " bytes; a scenario file may have at most " +
                                 std::to_string(kMaxInputBytes) + " (4 MiB)"};
    }
    int line = 1;
    int column = 1;
    int depth = 0;
    int dots = 0; // dots in the current run of key parts
    std::size_t i = 0;
    auto advance = [&](std::size_t n) {
        for (std::size_t k = 0; k < n && i < text.size(); ++k, ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
    };
    while (i < text.size()) {
        const char c = text[i];
        if (c == '#') { // a comment, to the end of the line
            while (i < text.size() && text[i] != '\n') {
                advance(1);
            }
            continue;
        }
        if (c == '"' || c == '\'') {
            // A string (a quoted key part keeps the run of dots going).
            const bool multi = text.substr(i, 3) == (c == '"' ? "\"\"\""sv : "'''"sv);
            advance(multi ? 3 : 1);
            while (i < text.size()) {
                if (c == '"' && text[i] == '\\') {
                    advance(2);
                    continue;
                }
                if (!multi && text[i] == '\n') {
                    break; // an unterminated string: toml++ reports it
                }
                if (text[i] == c && (!multi || text.substr(i, 3) == std::string(3, c))) {
                    advance(multi ? 3 : 1);
                    // A multi-line string may end in up to two more quotes.
                    while (multi && i < text.size() && text[i] == c) {
                        advance(1);
                    }
                    break;
                }
                advance(1);
            }
            continue;
        }
        if (c == '.') {
            if (++dots > kMaxKeyParts - 1) {
                return BoundsProblem{line, column,
                                     "a dotted key with more than " + std::to_string(kMaxKeyParts) +
                                         " parts"};
            }
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxNesting) {
                return BoundsProblem{line, column,
                                     "arrays, tables or table headers nested more than " +
                                         std::to_string(kMaxNesting) + " deep"};
            }
            dots = 0;
        } else if (c == ']' || c == '}') {
            depth = std::max(depth - 1, 0);
            dots = 0;
        } else if (!(std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' ||
                     c == ' ' || c == '\t' || static_cast<unsigned char>(c) >= 0x80)) {
            dots = 0; // `=`, `,`, a new line...: the end of a key
        }
        advance(1);
    }
    return std::nullopt;
}

/// `s` for a message: control characters as \xNN, cut to `max` characters.
std::string printable(std::string_view s, std::size_t max = 60) {
    std::string out;
    for (std::size_t k = 0; k < s.size() && k < max; ++k) {
        const auto u = static_cast<unsigned char>(s[k]);
        if (u < 0x20 || u == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", u);
            out += buf;
        } else {
            out += s[k];
        }
    }
    if (s.size() > max) {
        out += "...";
    }
    return out;
}

/// Why a string (a value or a name) is not acceptable, or nullopt: too long, or a control
/// character (a NUL or a line break would break the CSV files and the messages).
std::optional<std::string> string_problem(std::string_view s, std::size_t max_length) {
    if (s.size() > max_length) {
        return "at most " + std::to_string(max_length) + " characters, got " +
               std::to_string(s.size());
    }
    for (std::size_t k = 0; k < s.size(); ++k) {
        const auto u = static_cast<unsigned char>(s[k]);
        if (u < 0x20 || u == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", u);
            return std::string("no control characters, got ") + buf + " at character " +
                   std::to_string(k + 1);
        }
    }
    return std::nullopt;
}

/// "provider" for "providers", "stage" for "service_models.x.stages": what an entry is called.
std::string entry_word(std::string_view collection) {
    const auto last = collection.substr(collection.rfind('.') + 1);
    if (last == "providers") {
        return "provider";
    }
    if (last == "regions") {
        return "region";
    }
    if (last == "service_models") {
        return "service model";
    }
    if (last == "stages") {
        return "stage";
    }
    if (last == "budgets") {
        return "budget";
    }
    if (collection.rfind("law.", 0) == 0) {
        return "row of `" + std::string(collection) + "`";
    }
    return "entry of `" + std::string(collection) + "`";
}

} // namespace

// ---- Loading ---------------------------------------------------------------------------------

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

namespace {
std::string describe_node(const toml::node& n) {
    switch (n.type()) {
    case toml::node_type::string: return "string \"" + std::string(*n.value<std::string>()) + "\"";
    case toml::node_type::integer: return "integer " + std::to_string(*n.value<std::int64_t>());
    case toml::node_type::floating_point: return "number " + to_toml(Value{*n.value<double>()});
    case toml::node_type::boolean: return *n.value<bool>() ? "true" : "false";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time of day";
    case toml::node_type::date_time: return "a date and time";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "nothing";
    }
}

std::string choices_text(const std::vector<std::string>& choices) {
    std::string s;
    for (const auto& c : choices) {
        s += s.empty() ? "" : ", ";
        s += ("\"" + c + "\"");
    }
    return s;
}
} // namespace

std::optional<Value> Loader::convert_node(const toml::node& node, const KeyDecl& decl,
                                          const std::string& path, std::string& why) const {
    auto wrong = [&](const std::string& hint = "") {
        why = path + " must be " + type_name(decl.type) + ", got " + describe_node(node) + hint;
        return std::nullopt;
    };
    switch (decl.type) {
    case Type::Bool:
        if (auto b = node.value_exact<bool>()) {
            return Value{*b};
        }
        return wrong();
    case Type::Integer:
        if (auto i = node.value_exact<std::int64_t>()) {
            return Value{*i};
        }
        return wrong();
    case Type::Float:
        if (auto d = node.value_exact<double>()) {
            if (!std::isfinite(*d)) {
                why = path + " must be a finite number, got " + describe_node(node);
                return std::nullopt;
            }
            return Value{*d};
        }
        if (auto i = node.value_exact<std::int64_t>()) {
            return Value{static_cast<double>(*i)};
        }
        return wrong();
    case Type::Date:
        if (const auto* d = node.as_date()) {
            const toml::date td = d->get();
            try {
                return Value{sim::Date(td.year, td.month, td.day)};
            } catch (const std::exception& e) {
                why = path + ": " + e.what();
                return std::nullopt;
            }
        }
        return wrong(node.is_string() ? " (write dates unquoted: 2021-03-01)" : "");
    case Type::String:
        if (auto s = node.value_exact<std::string>()) {
            return Value{*s};
        }
        return wrong();
    case Type::Reference: // a name: the same aliases as in key paths apply
        if (auto s = node.value_exact<std::string>()) {
            return Value{canonical(*s)};
        }
        return wrong();
    case Type::Enum:
        if (auto s = node.value_exact<std::string>()) {
            if (std::find(decl.choices.begin(), decl.choices.end(), *s) == decl.choices.end()) {
                why =
                    path + " must be one of " + choices_text(decl.choices) + ", got \"" + *s + "\"";
                if (auto guess = did_you_mean(*s, decl.choices)) {
                    why += "; did you mean \"" + *guess + "\"?";
                }
                return std::nullopt;
            }
            return Value{*s};
        }
        return wrong();
    case Type::ListOfStrings:
    case Type::ListOfNumbers: {
        const auto* arr = node.as_array();
        if (arr == nullptr) {
            return wrong();
        }
        StringList strings;
        NumberList numbers;
        for (std::size_t i = 0; i < arr->size(); ++i) {
            const toml::node& el = *arr->get(i);
            const std::string at = path + "[" + std::to_string(i) + "]";
            if (decl.type == Type::ListOfStrings) {
                if (auto v = el.value_exact<std::string>()) {
                    strings.push_back(*v);
                    continue;
                }
                why = at + " must be a string, got " + describe_node(el);
                return std::nullopt;
            }
            if (auto d = el.value_exact<double>(); d && std::isfinite(*d)) {
                numbers.push_back(*d);
            } else if (auto n = el.value_exact<std::int64_t>()) {
                numbers.push_back(static_cast<double>(*n));
            } else {
                why = at + " must be a finite number, got " + describe_node(el);
                return std::nullopt;
            }
        }
        if (decl.type == Type::ListOfStrings) {
            return Value{std::move(strings)};
        }
        return Value{std::move(numbers)};
    }
    }
    return std::nullopt;
}

std::optional<Value> Loader::convert(const toml::node& node, const KeyDecl& decl,
                                     const std::string& path, const std::string& file) {
    std::string why;
    auto v = convert_node(node, decl, path, why);
    if (!v) {
        error(origin_of(file, node.source()), std::move(why));
    }
    return v;
}

std::optional<std::string> Loader::range_problem(const Value& v, const KeyDecl& decl,
                                                 const std::string& path) const {
    auto text = [&](const std::string& str, const std::string& at) -> std::optional<std::string> {
        if (auto p = string_problem(str, decl.max_length)) {
            return at + " must have " + *p;
        }
        return std::nullopt;
    };
    if (const auto* str = std::get_if<std::string>(&v)) {
        return text(*str, path);
    }
    if (const auto* l = std::get_if<StringList>(&v)) {
        for (std::size_t k = 0; k < l->size(); ++k) {
            if (auto p = text((*l)[k], path + "[" + std::to_string(k) + "]")) {
                return p;
            }
        }
        return std::nullopt;
    }
    auto check = [&](double x, const std::string& at) -> std::optional<std::string> {
        if (decl.range.contains(x)) {
            return std::nullopt;
        }
        return at + " must be " + decl.range.describe() + ", got " + to_toml(Value{x});
    };
    if (const auto* d = std::get_if<double>(&v)) {
        return check(*d, path);
    }
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
        if (decl.range.contains(static_cast<double>(*i))) {
            return std::nullopt;
        }
        return path + " must be " + decl.range.describe() + ", got " + std::to_string(*i);
    }
    if (const auto* l = std::get_if<NumberList>(&v)) {
        for (std::size_t k = 0; k < l->size(); ++k) {
            if (auto p = check((*l)[k], path + "[" + std::to_string(k) + "]")) {
                return p;
            }
        }
    }
    return std::nullopt;
}

bool Loader::in_range(const Value& v, const KeyDecl& decl, const std::string& path,
                      const Origin& o) {
    if (auto problem = range_problem(v, decl, path)) {
        error(o, std::move(*problem));
        return false;
    }
    return true;
}

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

std::optional<Value> Loader::parse_text(std::string_view text, const KeyDecl& decl,
                                        const std::string& path, std::string& why) {
    // The value is read as TOML, so lists, dates and quoted strings work as in a file; a bare
    // word is taken as a string for string-like keys (--set providers.X.kind=pilot).
    toml::table parsed;
    bool ok = true;
    try {
        const std::string doc = "v = " + std::string(text);
        parsed = toml::parse(std::string_view(doc), "--set"sv);
    } catch (const toml::parse_error&) {
        ok = false;
    }
    const bool stringish =
        decl.type == Type::String || decl.type == Type::Enum || decl.type == Type::Reference;
    if (!ok || parsed.size() != 1) {
        if (stringish) {
            toml::value<std::string> bare{std::string(text)};
            return convert_node(bare, decl, path, why);
        }
        why = path + " must be " + type_name(decl.type) + ", got `" + std::string(text) + "`";
        return std::nullopt;
    }
    return convert_node(*parsed.get("v"), decl, path, why);
}

void Loader::apply_override(const std::string& text) {
    const auto eq = text.find('=');
    const Origin o{Origin::Kind::CommandLine, "", 0, 0};
    // The same bounds as a file's, for the key and the value (which toml++ parses).
    if (auto problem = input_bounds_problem(text)) {
        diags_.push_back(Diagnostic{
            "", 0, 0, "--set " + printable(text, 160) + ": input too large: " + problem->message});
        return;
    }
    if (eq == std::string::npos || eq == 0) {
        diags_.push_back(
            Diagnostic{"", 0, 0, "--set " + printable(text, 160) + ": expected key.path=value"});
        return;
    }
    const std::string path = canonical_path(std::string_view(text).substr(0, eq));
    const std::string_view value_text = std::string_view(text).substr(eq + 1);
    const KeyDecl* decl = schema_.find(path);
    if (decl == nullptr) {
        if (schema_.is_table(path)) {
            diags_.push_back(Diagnostic{"", 0, 0,
                                        "--set " + printable(text, 160) + ": `" + path +
                                            "` is a table; set its keys one at a "
                                            "time (--set " +
                                            path + ".KEY=VALUE)"});
            return;
        }
        std::string message = "--set " + printable(text, 160) + ": unknown key `" + path + "`";
        // The first segment that leads nowhere gets the suggestion (`populaton.scale` ->
        // `population.scale`), the rest of the path is kept.
        const auto segs = split_path(path);
        std::string prefix;
        for (std::size_t i = 0; i < segs.size(); ++i) {
            const std::string here = prefix.empty() ? segs[i] : prefix + "." + segs[i];
            const bool last = i + 1 == segs.size();
            if ((last && schema_.find(here) != nullptr) || (!last && schema_.is_table(here))) {
                prefix = here;
                continue;
            }
            if (auto g = did_you_mean(segs[i], schema_.children(prefix))) {
                std::string fixed = prefix.empty() ? *g : prefix + "." + *g;
                for (std::size_t j = i + 1; j < segs.size(); ++j) {
                    fixed += "." + segs[j];
                }
                message += "; did you mean `" + fixed + "`?";
            }
            break;
        }
        diags_.push_back(Diagnostic{"", 0, 0, std::move(message)});
        return;
    }
    // A --set that names an entry no file defines creates it; if the entry then lacks a
    // required key, fill_defaults reports a misspelt name rather than the missing keys.
    if (auto entry = missing_entry(path)) {
        const std::string collection = parent_path(*entry);
        std::string message = "--set " + printable(text, 160) + ": no " + entry_word(collection) +
                              " `" + printable(entry->substr(collection.size() + 1)) +
                              "` in the scenario";
        if (auto g = did_you_mean(entry->substr(collection.size() + 1), out_.names(collection))) {
            message += "; did you mean `" + *g + "`?";
        } else {
            message += " (`kokeilu show` lists the names)";
        }
        created_.emplace(*entry, std::move(message));
    }
    std::string why;
    auto value = parse_text(value_text, *decl, path, why);
    if (!value) {
        diags_.push_back(Diagnostic{"", 0, 0, "--set " + printable(text, 160) + ": " + why});
        return;
    }
    if (auto problem = range_problem(*value, *decl, path)) {
        diags_.push_back(Diagnostic{"", 0, 0, "--set " + printable(text, 160) + ": " + *problem});
        return;
    }
    out_.values_[path] = Entry{std::move(*value), o};
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
