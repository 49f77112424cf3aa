// Value formatting, origins and diagnostics.
#include "scenario/value.hpp"

#include <charconv>
#include <cmath>
#include <sstream>

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
    if (file.empty()) {
        os << "kokeilu: error: " << message;
    } else {
        os << file << ':' << line << ':' << column << ": error: " << message;
    }
    return os.str();
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
