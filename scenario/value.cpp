// Value formatting, origins and diagnostics.
#include "scenario/value.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>
#include <tuple>

namespace kokeilu::scenario {

namespace {

std::string quote(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        default: out += c;
        }
    }
    return out + "\"";
}

std::string format_double(double d) {
    if (std::isnan(d)) {
        return "nan";
    }
    if (std::isinf(d)) {
        return d > 0 ? "inf" : "-inf";
    }
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, d); // shortest round trip
    std::string s(buf, res.ptr);
    if (s.find_first_of(".eEn") == std::string::npos) {
        s += ".0"; // keep it a TOML float
    }
    return s;
}

} // namespace

std::string to_toml(const Value& v) {
    struct Visitor {
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const { return format_double(d); }
        std::string operator()(const std::string& s) const { return quote(s); }
        std::string operator()(sim::Date d) const { return d.to_string(); }
        std::string operator()(const StringList& l) const {
            std::string out = "[";
            for (std::size_t i = 0; i < l.size(); ++i) {
                out += i == 0 ? "" : ", ";
                out += quote(l[i]);
            }
            return out + "]";
        }
        std::string operator()(const NumberList& l) const {
            std::string out = "[";
            for (std::size_t i = 0; i < l.size(); ++i) {
                out += i == 0 ? "" : ", ";
                out += format_double(l[i]);
            }
            return out + "]";
        }
    };
    return std::visit(Visitor{}, v);
}

std::string Origin::describe() const {
    const std::string where = file + ":" + std::to_string(line) + ":" + std::to_string(column);
    switch (kind) {
    case Kind::Default: return "default";
    case Kind::File: return where;
    case Kind::CommandLine: return "--set";
    case Kind::Timeline: return "timeline " + where;
    }
    return "?";
}

std::string Diagnostic::format() const {
    std::ostringstream os;
    const char* what = severity == Severity::Warning ? "warning" : "error";
    if (file.empty()) {
        os << "kokeilu: " << what << ": " << message;
    } else {
        os << file << ':' << line << ':' << column << ": " << what << ": " << message;
    }
    return os.str();
}

void sort_and_dedup(std::vector<Diagnostic>& diagnostics,
                    const std::vector<std::string>& file_order) {
    std::vector<std::string> order = file_order;
    for (const auto& d : diagnostics) {
        if (!d.file.empty() && std::find(order.begin(), order.end(), d.file) == order.end()) {
            order.push_back(d.file);
        }
    }
    auto rank = [&](const Diagnostic& d) {
        if (d.file.empty()) {
            return order.size(); // positionless (--set, whole scenario): after the files
        }
        return static_cast<std::size_t>(std::find(order.begin(), order.end(), d.file) -
                                        order.begin());
    };
    std::stable_sort(
        diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& a, const Diagnostic& b) {
            return std::tuple(rank(a), a.line, a.column) < std::tuple(rank(b), b.line, b.column);
        });
    std::vector<Diagnostic> unique;
    for (auto& d : diagnostics) {
        const bool repeat = std::any_of(unique.begin(), unique.end(), [&](const Diagnostic& u) {
            return u.file == d.file && u.line == d.line && u.column == d.column &&
                   u.severity == d.severity && u.message == d.message;
        });
        if (!repeat) {
            unique.push_back(std::move(d));
        }
    }
    diagnostics = std::move(unique);
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

namespace {
std::string join(const std::vector<Diagnostic>& ds) {
    std::string s;
    for (const auto& d : ds) {
        if (!s.empty()) {
            s += '\n';
        }
        s += d.format();
    }
    return s;
}
} // namespace

ConfigError::ConfigError(std::vector<Diagnostic> diagnostics)
        : Error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

} // namespace kokeilu::scenario
