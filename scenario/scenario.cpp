// The Scenario's accessors: typed values by dotted path, the scenario in force on a day, the
// names of a collection's entries; and the Finnish aliases of key names.
#include "scenario/scenario.hpp"

#include <set>
#include <stdexcept>

namespace kokeilu::scenario {

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

} // namespace kokeilu::scenario
