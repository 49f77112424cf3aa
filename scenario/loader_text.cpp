// Checks of raw scenario text and names, and how values are worded in the loader's messages.
#include "scenario/loader_text.hpp"

#include "scenario/scenario.hpp"
#include "scenario/value.hpp"

#include <cctype>
#include <cstdio>

namespace kokeilu::scenario {

using namespace std::string_view_literals;

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

std::string printable(std::string_view s, std::size_t max) {
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

} // namespace kokeilu::scenario
