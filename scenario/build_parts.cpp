// How the model checks report: at the key the user wrote, once for an inherited value.
#include "scenario/build_parts.hpp"

#include "scenario/schema.hpp"

#include <iomanip>
#include <sstream>

namespace kokeilu::scenario::build_detail {

std::string amount(double x) {
    std::ostringstream os;
    os << std::setprecision(10) << x;
    return os.str();
}

Diagnostic at_key(const Scenario& s, const std::string& path, std::string message) {
    Diagnostic d;
    if (const Entry* e = s.find(path)) {
        d.file = e->origin.file;
        d.line = e->origin.line;
        d.column = e->origin.column;
    } else if (auto o = s.table_origin(path)) {
        d.file = o->file;
        d.line = o->line;
        d.column = o->column;
    }
    d.message = std::move(message);
    return d;
}

bool built_in(const Origin& o) {
    return o.file.size() > 11 && o.file.ends_with(" (built in)");
}

std::string users_key(const Scenario& s, const std::vector<std::string>& keys) {
    for (const auto& path : keys) {
        const Entry* e = s.find(path);
        if (e != nullptr && (e->origin.kind == Origin::Kind::CommandLine ||
                             (e->origin.kind != Origin::Kind::Default && !built_in(e->origin)))) {
            return path;
        }
    }
    return keys.front();
}

bool inherited(const Scenario& s, const std::vector<std::string>& keys) {
    const std::string models = "service_models.";
    for (const auto& path : keys) {
        const auto dot = path.find('.', models.size());
        if (path.rfind(models, 0) != 0 || dot == std::string::npos) {
            return false;
        }
        const Entry* base = s.find(path.substr(0, dot) + ".extends");
        const std::string* name =
            base == nullptr ? nullptr : std::get_if<std::string>(&base->value);
        if (name == nullptr || name->empty()) {
            return false;
        }
        const Entry* mine = s.find(path);
        const Entry* theirs = s.find(models + *name + path.substr(dot));
        if (mine == nullptr || theirs == nullptr || !(mine->value == theirs->value) ||
            mine->origin.kind != theirs->origin.kind || mine->origin.file != theirs->origin.file ||
            mine->origin.line != theirs->origin.line ||
            mine->origin.column != theirs->origin.column) {
            return false;
        }
    }
    return true;
}

void model_error(const Scenario& s, const std::vector<std::string>& keys, std::string message,
                 std::vector<Diagnostic>& diags) {
    std::vector<std::string> own;
    std::vector<std::string> taken;
    for (const auto& k : keys) {
        (inherited(s, {k}) ? taken : own).push_back(k);
    }
    if (own.empty()) {
        return;
    }
    own.insert(own.end(), taken.begin(), taken.end());
    diags.push_back(at_key(s, users_key(s, own), std::move(message)));
}

std::string concrete(std::string_view pattern, const std::vector<std::string>& names) {
    std::string out;
    std::size_t used = 0;
    for (const auto& part : split_path(pattern)) {
        out += out.empty() ? "" : ".";
        out += part == "*" && used < names.size() ? names[used++] : part;
    }
    return out;
}

} // namespace kokeilu::scenario::build_detail
