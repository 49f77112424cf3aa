// Key declarations: lookup, wildcard matching and suggestions.
#include "scenario/schema.hpp"

#include <algorithm>
#include <set>
#include <sstream>

namespace kokeilu::scenario {

std::string type_name(Type t) {
    switch (t) {
    case Type::Bool: return "a boolean";
    case Type::Integer: return "an integer";
    case Type::Float: return "a number";
    case Type::String: return "a string";
    case Type::Date: return "a date";
    case Type::Enum: return "one of the listed words";
    case Type::Reference: return "a name";
    case Type::ListOfStrings: return "a list of strings";
    case Type::ListOfNumbers: return "a list of numbers";
    }
    return "?";
}

bool Range::contains(double x) const {
    if (min && (min_exclusive ? !(x > *min) : !(x >= *min))) {
        return false;
    }
    if (max && (max_exclusive ? !(x < *max) : !(x <= *max))) {
        return false;
    }
    return true;
}

std::string Range::describe() const {
    auto clean = [](double v) {
        if (v == static_cast<double>(static_cast<long long>(v)) && v > -1e15 && v < 1e15) {
            return std::to_string(static_cast<long long>(v));
        }
        return to_toml(Value{v});
    };
    if (min && max) {
        return std::string("in ") + (min_exclusive ? "(" : "[") + clean(*min) + ", " + clean(*max) +
               (max_exclusive ? ")" : "]");
    }
    if (min) {
        return (min_exclusive ? "> " : ">= ") + clean(*min);
    }
    if (max) {
        return (max_exclusive ? "< " : "<= ") + clean(*max);
    }
    return "";
}

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const auto dot = path.find('.', start);
        out.emplace_back(path.substr(start, dot == std::string_view::npos ? dot : dot - start));
        if (dot == std::string_view::npos) {
            return out;
        }
        start = dot + 1;
    }
}

std::string parent_path(std::string_view path) {
    const auto dot = path.rfind('.');
    return dot == std::string_view::npos ? std::string() : std::string(path.substr(0, dot));
}

bool path_matches(std::string_view pattern, std::string_view path) {
    // Segment by segment, without splitting into strings: the schema lookups of a load and
    // of `show` call this for every key against every declaration.
    while (true) {
        const auto pd = pattern.find('.');
        const auto sd = path.find('.');
        const std::string_view p = pattern.substr(0, pd);
        const std::string_view s = path.substr(0, sd);
        if (p != "*" && p != s) {
            return false;
        }
        if (pd == std::string_view::npos || sd == std::string_view::npos) {
            return pd == sd;
        }
        pattern.remove_prefix(pd + 1);
        path.remove_prefix(sd + 1);
    }
}

void Schema::add(KeyDecl decl) {
    keys_.push_back(std::move(decl));
}

const KeyDecl* Schema::find(std::string_view path) const {
    for (const auto& k : keys_) {
        if (path_matches(k.pattern, path)) {
            return &k;
        }
    }
    return nullptr;
}

bool Schema::is_table(std::string_view path) const {
    const auto s = split_path(path);
    for (const auto& k : keys_) {
        const auto p = split_path(k.pattern);
        if (p.size() <= s.size()) {
            continue;
        }
        bool ok = true;
        for (std::size_t i = 0; i < s.size() && ok; ++i) {
            ok = p[i] == "*" || p[i] == s[i];
        }
        if (ok) {
            return true;
        }
    }
    return false;
}

std::vector<std::string> Schema::collections() const {
    std::set<std::string> out;
    for (const auto& k : keys_) {
        const auto p = split_path(k.pattern);
        std::string prefix;
        for (std::size_t i = 0; i < p.size(); ++i) {
            prefix += i ? "." : "";
            prefix += p[i];
            if (p[i] == "*") {
                out.insert(prefix);
            }
        }
    }
    return {out.begin(), out.end()};
}

std::vector<std::string> Schema::children(std::string_view table_path) const {
    const auto s = split_path(table_path);
    const bool root = table_path.empty();
    std::set<std::string> out;
    for (const auto& k : keys_) {
        const auto p = split_path(k.pattern);
        const std::size_t depth = root ? 0 : s.size();
        if (p.size() <= depth) {
            continue;
        }
        bool ok = true;
        for (std::size_t i = 0; i < depth && ok; ++i) {
            ok = p[i] == "*" || p[i] == s[i];
        }
        if (ok && p[depth] != "*") {
            out.insert(p[depth]);
        }
    }
    return {out.begin(), out.end()};
}

namespace {
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> prev(b.size() + 1);
    std::vector<std::size_t> cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        prev[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}
} // namespace

std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string>& candidates) {
    std::optional<std::string> best;
    std::size_t best_d = 0;
    for (const auto& c : candidates) {
        const std::size_t d = edit_distance(word, c);
        if (!best || d < best_d) {
            best = c;
            best_d = d;
        }
    }
    const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
    if (best && best_d <= limit) {
        return best;
    }
    return std::nullopt;
}

} // namespace kokeilu::scenario
