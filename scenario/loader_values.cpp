// The scenario loader's values: TOML nodes and --set text converted to typed values, and
// their ranges checked.
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

} // namespace kokeilu::scenario
