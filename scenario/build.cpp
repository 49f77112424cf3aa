// Building domain objects from a scenario.
#include "scenario/build.hpp"

#include "scenario/schema.hpp"

#include "agents/params.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <map>
#include <sstream>
#include <tuple>
#include <type_traits>

namespace kokeilu::scenario {

agents::Pathway build_pathway(const Scenario& scenario, std::string_view model) {
    const auto models = scenario.names("service_models");
    if (std::find(models.begin(), models.end(), model) == models.end()) {
        std::string message = "no service model `" + std::string(model) + "` in the scenario";
        if (auto g = did_you_mean(model, models)) {
            message += "; did you mean `" + *g + "`?";
        }
        throw ConfigError({Diagnostic{"", 0, 0, std::move(message)}});
    }
    const std::string base = "service_models." + std::string(model);
    agents::Pathway p;
    p.name = std::string(model);
    const auto stage_names = scenario.names(base + ".stages");
    for (const auto& name : stage_names) {
        const std::string key = base + ".stages." + name;
        agents::Stage st;
        st.name = name;
        st.exit = scenario.boolean(key + ".exit");
        st.servers = static_cast<std::uint32_t>(scenario.integer(key + ".servers"));
        st.duration.kind = agents::Duration::parse_kind(scenario.string(key + ".duration"));
        st.duration.mean_days = scenario.number(key + ".duration_mean_days");
        st.duration.cv = scenario.number(key + ".duration_cv");
        st.arrivals_per_day = scenario.number(key + ".arrivals_per_day");
        p.stages.push_back(std::move(st));
    }
    for (std::uint32_t i = 0; i < p.stages.size(); ++i) {
        const std::string next = base + ".stages." + p.stages[i].name + ".next";
        for (const auto& target : scenario.names(next)) {
            const double prob = scenario.number(next + "." + target);
            const auto to = p.find(target);
            if (prob > 0.0 && to) { // an unknown target: check_pathways reports it
                p.stages[i].next.push_back(*to);
                p.stages[i].next_probability.push_back(prob);
            }
        }
    }
    p.entry = p.find(scenario.string(base + ".entry")).value_or(0); // else reported by the loader
    return p;
}

namespace {

/// Shares entered as decimal fractions may miss 1 by rounding, no more.
constexpr double kShareTolerance = 0.001;

/// A number in a message: up to 10 significant digits, no trailing zeros (858.6, 1.61, 2).
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

/// Of keys that together fail a check, the first the user set (in their file or with --set),
/// so that the message points at what they wrote; else the first.
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

/// True if every one of `keys` (of a service model, service_models.M...) holds the value that
/// M takes from the model it extends (the same value from the same place): a check that fails
/// on them is reported for that model, once, not again for each model that extends it.
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

/// A check of a service model that failed on `keys`: an error at the first the user set, the
/// model's own before those it takes from the model it extends; nothing if it takes them all
/// (that model's check reports it).
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

template <std::size_t N>
std::array<double, N> fixed_list(const Scenario& s, const std::string& path,
                                 std::vector<Diagnostic>& diags) {
    std::array<double, N> out{};
    const auto& v = s.numbers(path);
    if (v.size() != N) {
        diags.push_back(at_key(s, path,
                               path + " must have " + std::to_string(N) + " values, got " +
                                   std::to_string(v.size())));
        return out;
    }
    std::copy(v.begin(), v.end(), out.begin());
    return out;
}

/// The key of a row's pattern with its `*`s replaced by `names`, in order (a `*` left over
/// stays: an Each row's collection).
std::string concrete(std::string_view pattern, const std::vector<std::string>& names) {
    std::string out;
    std::size_t used = 0;
    for (const auto& part : split_path(pattern)) {
        out += out.empty() ? "" : ".";
        out += part == "*" && used < names.size() ? names[used++] : part;
    }
    return out;
}

/// An Each row: one value per entry of the collection before its first `*`.
template <class V, class Read>
std::vector<V> each_entry(const Scenario& s, std::string_view pattern, Read read) {
    const std::string path(pattern);
    const auto star = path.find(".*.");
    std::vector<V> out;
    for (const auto& name : s.names(path.substr(0, star))) {
        out.push_back(read(path.substr(0, star) + "." + name + path.substr(star + 2)));
    }
    return out;
}

/// Reads every row of `rows` into `out` (the rows of agents/params.hpp); `names` fill the
/// rows' `*`s (a service model, a stage). ByHand rows are read by the caller.
template <class T>
void read_params(const Scenario& s, const agents::Params<T>& rows,
                 const std::vector<std::string>& names, T& out, std::vector<Diagnostic>& diags) {
    for (const auto& p : rows) {
        const std::string path = concrete(p.key, names);
        std::visit(
            [&](const auto& f) {
                using F = std::decay_t<decltype(f)>;
                if constexpr (std::is_same_v<F, agents::ByHand>) {
                    return;
                } else if constexpr (std::is_same_v<F, agents::ChoiceField<T>>) {
                    const auto& word = s.string(path);
                    const auto k = std::find(p.choices.begin(), p.choices.end(), word);
                    f.set(out, static_cast<std::size_t>(k - p.choices.begin()));
                } else if constexpr (std::is_same_v<F, agents::Each<T, double>>) {
                    out.*f.member = each_entry<double>(
                        s, p.key, [&](const std::string& key) { return s.number(key); });
                } else if constexpr (std::is_same_v<F, agents::Each<T, std::uint32_t>>) {
                    const auto to = s.names(p.refers_to);
                    out.*f.member =
                        each_entry<std::uint32_t>(s, p.key, [&](const std::string& key) {
                            return static_cast<std::uint32_t>(
                                std::find(to.begin(), to.end(), s.string(key)) - to.begin());
                        });
                } else if constexpr (std::is_same_v<F, double T::*>) {
                    out.*f = s.number(path);
                } else if constexpr (std::is_same_v<F, int T::*>) {
                    out.*f = static_cast<int>(s.integer(path));
                } else if constexpr (std::is_same_v<F, std::uint32_t T::*>) {
                    out.*f = static_cast<std::uint32_t>(s.integer(path));
                } else if constexpr (std::is_same_v<F, std::vector<double> T::*>) {
                    out.*f = s.numbers(path);
                } else {
                    out.*f = fixed_list<std::tuple_size_v<std::decay_t<decltype(out.*f)>>>(s, path,
                                                                                           diags);
                }
            },
            p.field);
    }
}

/// The checks of ModelParams that involve more than one value: shares that sum to 1, weights
/// not all 0, lists of the same length, ascending steps.
void check_params(const Scenario& s, const agents::ModelParams& q, std::vector<Diagnostic>& diags) {
    if (const double sum = q.age_shares[0] + q.age_shares[1] + q.age_shares[2] + q.age_shares[3];
        s.numbers("population.age_shares").size() == 4 && std::abs(sum - 1.0) > kShareTolerance) {
        diags.push_back(at_key(s, "population.age_shares",
                               "population.age_shares must sum to 1, got " + amount(sum)));
    }
    if (q.foreign_language_share + q.swedish_share > 1.0) {
        diags.push_back(at_key(s, "population.swedish_share",
                               "population.foreign_language_share + swedish_share exceed 1"));
    }
    if (q.education_shares[0] + q.education_shares[1] + q.education_shares[2] <= 0.0) {
        diags.push_back(at_key(s, "population.education_shares",
                               "population.education_shares must not all be 0"));
    }
    if (q.other_exit_shares[0] + q.other_exit_shares[1] + q.other_exit_shares[2] +
            q.other_exit_shares[3] <=
        0.0) {
        diags.push_back(at_key(s, "labour_market.other_exit_shares",
                               "labour_market.other_exit_shares must not all be 0"));
    }
    if (q.te24_shares.size() != q.te24_share_from_days.size()) {
        diags.push_back(at_key(s, "benefits.te24_shares",
                               "benefits.te24_shares must have one value per "
                               "te24_share_from_days value (" +
                                   std::to_string(q.te24_share_from_days.size()) + "), got " +
                                   std::to_string(q.te24_shares.size())));
    }
    if (!std::is_sorted(q.te24_share_from_days.begin(), q.te24_share_from_days.end())) {
        diags.push_back(at_key(s, "benefits.te24_share_from_days",
                               "benefits.te24_share_from_days must be in ascending order"));
    }
}

/// One stage of a service model with what it means for the jobseeker (status, need, effects,
/// cost and the law's rules of the service): its rows, closed_months and the checks.
agents::ServiceStage service_stage_of(const Scenario& s, const std::string& model,
                                      const agents::Stage& st, std::vector<Diagnostic>& diags) {
    const std::string key = "service_models." + model + ".stages." + st.name;
    agents::ServiceStage ss;
    ss.stage = st;
    read_params(s, agents::service_stage_params(), {model, st.name}, ss, diags);
    if (ss.min_days > 0.0 && ss.max_days > 0.0 && ss.min_days > ss.max_days) {
        model_error(s, {key + ".min_days", key + ".max_days"},
                    key + ".min_days (" + amount(ss.min_days) + ") is above max_days (" +
                        amount(ss.max_days) + ")",
                    diags);
    }
    for (const double month : s.numbers(key + ".closed_months")) {
        if (month != std::floor(month)) {
            model_error(s, {key + ".closed_months"},
                        key + ".closed_months must be whole month numbers", diags);
            break;
        }
        ss.closed_months = static_cast<std::uint16_t>(ss.closed_months |
                                                      (1u << (static_cast<unsigned>(month) - 1)));
    }
    if (ss.closed_months == 0xFFF) {
        model_error(s, {key + ".closed_months"}, key + ".closed_months closes every month", diags);
    }
    if (st.arrivals_per_day > 0.0) {
        model_error(s, {key + ".arrivals_per_day"},
                    key + ".arrivals_per_day is for queueing examples such as "
                          "configs/examples/jackson.toml, which the tests run through the "
                          "pathway engine (agents::run_pathway); in the jobseeker model "
                          "clients arrive by registration, so it cannot run such a scenario",
                    diags);
    }
    return ss;
}

/// A service model: its rows (staff minutes, assessment, referral, profiling), typ_stage and
/// its pathway.
agents::ServiceModel service_model_of(const Scenario& s, const std::string& m,
                                      std::vector<Diagnostic>& diags) {
    const std::string base = "service_models." + m;
    agents::ServiceModel sm;
    sm.name = m;
    read_params(s, agents::service_model_params(), {m}, sm, diags);
    if (!std::is_sorted(sm.risk_thresholds.begin(), sm.risk_thresholds.end())) {
        model_error(s, {base + ".risk_thresholds"},
                    base + ".risk_thresholds must be in ascending order", diags);
    }
    const agents::Pathway path = build_pathway(s, m);
    sm.entry = path.entry;
    for (const auto& st : path.stages) {
        sm.stages.push_back(service_stage_of(s, m, st, diags));
    }
    if (const auto& typ = s.string(base + ".typ_stage"); !typ.empty()) {
        const auto stage = path.find(typ);
        if (!stage || path.stages[*stage].exit) {
            diags.push_back(at_key(s, base + ".typ_stage",
                                   base + ".typ_stage names `" + typ +
                                       "`, which is not a "
                                       "non-exit stage of the model"));
        } else {
            sm.typ_stage = *stage;
        }
    }
    if (sm.stages.size() > 200) {
        diags.push_back(at_key(s, base + ".entry", base + " has more than 200 stages"));
    }
    return sm;
}

/// One period's parameters: every table of rows, the checks across keys, the service models.
agents::ModelParams params_of(const Scenario& s, const std::vector<std::string>& models,
                              std::vector<Diagnostic>& diags) {
    agents::ModelParams q;
    for (const auto* table : agents::model_param_tables()) {
        read_params(s, *table, {}, q, diags);
    }
    check_params(s, q, diags);
    for (const auto& m : models) {
        q.models.push_back(service_model_of(s, m, diags));
    }
    return q;
}

} // namespace

namespace {

/// Warnings for what the user wrote that the run silently does not use: a [[timeline]] entry of
/// the user's dated after the run, and a value of the user's that a later [[timeline]] entry of
/// a built-in config replaces.
void timeline_warnings(const Scenario& s, sim::Date start, sim::Date end,
                       std::vector<Diagnostic>& diags) {
    auto warn = [&](Diagnostic d) {
        d.severity = Severity::Warning;
        diags.push_back(std::move(d));
    };
    const auto& timeline = s.timeline();
    for (const auto& change : timeline) {
        if (!built_in(change.origin) && change.date > end) {
            warn(Diagnostic{change.origin.file, change.origin.line, change.origin.column,
                            "this [[timeline]] entry is dated " + change.date.to_string() +
                                ", after scenario.end (" + end.to_string() +
                                "): it changes nothing in the run"});
        }
    }
    auto replaced = [&](const Origin& mine, const std::string& key, const TimelineChange& by) {
        const std::string where = by.origin.file + ":" + std::to_string(by.origin.line) + ":" +
                                  std::to_string(by.origin.column);
        std::string message = key + (mine.kind == Origin::Kind::CommandLine ? " (--set)" : "") +
                              " is replaced from " + std::max(by.date, start).to_string() +
                              " by the [[timeline]] entry at " + where + ", which sets it to " +
                              to_toml(by.set.at(key).value) +
                              "; to keep your value, also set it in a [[timeline]] entry dated " +
                              by.date.to_string() + " or later";
        warn(Diagnostic{mine.file, mine.line, mine.column, std::move(message)});
    };
    for (std::size_t c = 0; c < timeline.size(); ++c) {
        const TimelineChange& by = timeline[c];
        if (!built_in(by.origin) || by.date > end) {
            continue;
        }
        for (const auto& [key, entry] : by.set) {
            // The value as it stood just before this entry, if the user set it.
            const Entry* base = s.find(key);
            const Origin* mine = nullptr;
            if (base != nullptr &&
                (base->origin.kind == Origin::Kind::CommandLine ||
                 (base->origin.kind == Origin::Kind::File && !built_in(base->origin)))) {
                mine = &base->origin;
            }
            for (std::size_t u = 0; u < c; ++u) {
                if (const auto it = timeline[u].set.find(key); it != timeline[u].set.end()) {
                    mine = built_in(it->second.origin) ? nullptr : &it->second.origin;
                }
            }
            if (mine != nullptr) {
                replaced(*mine, key, by);
            }
        }
    }
}

/// The first day the model simulates: the first of scenario.start's month, warmup_months
/// earlier.
sim::Date first_simulated_day(sim::Date start, int warmup_months) {
    int y = start.year();
    int mo = start.month() - warmup_months;
    while (mo < 1) {
        mo += 12;
        --y;
    }
    return sim::Date(y, mo, 1);
}

/// Months from `first` (a first day) to the month of `end`, both included.
int months_between(sim::Date first, sim::Date end) {
    return (end.year() - first.year()) * 12 + end.month() - first.month() + 1;
}

/// The run's dates and size; true if the dates are wrong (then the size is not checked).
bool read_dates(const Scenario& scenario, agents::ModelInput& in, std::vector<Diagnostic>& diags) {
    in.name = scenario.string("scenario.name");
    in.start = scenario.date("scenario.start");
    in.end = scenario.date("scenario.end");
    in.pilot_start = scenario.date("pilot.start");
    in.pilot_end = scenario.date("pilot.end");
    in.index_start = scenario.date("labour_market.index_start");
    in.warmup_months = static_cast<int>(scenario.integer("population.warmup_months"));
    in.scale = scenario.number("population.scale");
    in.initial_unemployed = scenario.number("population.initial_unemployed");
    const std::size_t before_dates = diags.size();
    if (in.start.day() != 1) {
        diags.push_back(at_key(scenario, "scenario.start",
                               "scenario.start must be the first day of a month (results are "
                               "monthly), got " +
                                   in.start.to_string()));
    }
    if ((in.end + 1).day() != 1) {
        diags.push_back(at_key(scenario, "scenario.end",
                               "scenario.end must be the last day of a month (results are "
                               "monthly), got " +
                                   in.end.to_string()));
    }
    if (in.end >= sim::Date(2026, 1, 1)) {
        diags.push_back(at_key(scenario, "scenario.end",
                               "scenario.end after 2025-12-31 is not supported: the model's "
                               "rules and data stop with TE24's first year"));
    }
    // The model's calendar (working days, public holidays) starts in 2000; the run starts
    // warmup_months before scenario.start. (Dates before 1583 cannot be a Date at all.)
    const sim::Date calendar_first(sim::FinnishCalendar::kFirstYear, 1, 1);
    if (in.start.year() < 1600 ||
        first_simulated_day(in.start, in.warmup_months) < calendar_first) {
        diags.push_back(
            at_key(scenario, "scenario.start",
                   "scenario.start is " + in.start.to_string() +
                       "; with population.warmup_months = " + std::to_string(in.warmup_months) +
                       " the run would begin before " + calendar_first.to_string() +
                       ", the first day of the model's calendar (working "
                       "days and public holidays are known for " +
                       std::to_string(sim::FinnishCalendar::kFirstYear) + "-" +
                       std::to_string(sim::FinnishCalendar::kLastYear) + ")"));
    }
    const bool dates_wrong = diags.size() != before_dates || in.end < in.start;
    if (in.pilot_start > in.pilot_end) {
        diags.push_back(at_key(scenario, users_key(scenario, {"pilot.start", "pilot.end"}),
                               "pilot.start (" + in.pilot_start.to_string() +
                                   ") is after pilot.end (" + in.pilot_end.to_string() + ")"));
    } else if (in.pilot_start > in.end || in.pilot_end < in.start) {
        Diagnostic d =
            at_key(scenario, in.pilot_start > in.end ? "pilot.start" : "pilot.end",
                   "the pilot period (" + in.pilot_start.to_string() + " to " +
                       in.pilot_end.to_string() + ") is outside the run (" + in.start.to_string() +
                       " to " + in.end.to_string() + "): no pilot serves anyone");
        d.severity = Severity::Warning;
        diags.push_back(std::move(d));
    }
    return dates_wrong;
}

/// The regions, whose jobseeker shares sum to 1.
void read_regions(const Scenario& scenario, const std::vector<std::string>& regions,
                  agents::ModelInput& in, std::vector<Diagnostic>& diags) {
    if (regions.empty()) {
        // About the whole scenario: at the top of the user's file, if there is one.
        Diagnostic d{"", 0, 0,
                     "the scenario defines no [regions.NAME]; the jobseeker model "
                     "needs at least one (start from `extends = \"default.toml\"`)"};
        if (!scenario.sources().empty() &&
            !scenario.sources().front().name.ends_with(" (built in)")) {
            d.file = scenario.sources().front().name;
            d.line = 1;
            d.column = 1;
        }
        diags.push_back(std::move(d));
    }
    double share_sum = 0.0;
    for (const auto& r : regions) {
        agents::RegionSpec spec;
        spec.name = scenario.string("regions." + r + ".name");
        if (spec.name.empty()) {
            spec.name = r;
        }
        spec.jobseeker_share = scenario.number("regions." + r + ".jobseeker_share");
        spec.demand = scenario.numbers("regions." + r + ".demand");
        spec.demand_factor = scenario.number("regions." + r + ".demand_factor");
        share_sum += spec.jobseeker_share;
        in.regions.push_back(std::move(spec));
    }
    if (!regions.empty() && std::abs(share_sum - 1.0) > 0.001) {
        std::vector<std::string> shares;
        for (const auto& r : regions) {
            shares.push_back("regions." + r + ".jobseeker_share");
        }
        diags.push_back(at_key(scenario, users_key(scenario, shares),
                               "regions.*.jobseeker_share must sum to 1 over all regions, got " +
                                   amount(share_sum)));
    }
}

/// The providers: one TE office per region, pilots' resident shares at most 1.
void read_providers(const Scenario& scenario, const std::vector<std::string>& regions,
                    const std::vector<std::string>& providers, agents::ModelInput& in,
                    std::vector<Diagnostic>& diags) {
    std::map<std::string, int> te_count;
    std::map<std::string, double> resident_sum;
    std::map<std::string, int> provider_count;
    for (const auto& pr : providers) {
        const std::string base = "providers." + pr;
        agents::ProviderSpec spec;
        spec.name = pr;
        spec.pilot = scenario.string(base + ".kind") == "pilot";
        const auto& region = scenario.string(base + ".region");
        spec.region = static_cast<std::uint32_t>(std::find(regions.begin(), regions.end(), region) -
                                                 regions.begin());
        spec.resident_share = scenario.number(base + ".resident_share");
        if (spec.pilot) {
            resident_sum[region] += spec.resident_share;
        } else {
            ++te_count[region];
        }
        if (++provider_count[region] == kMaxProvidersPerRegion + 1) {
            diags.push_back(at_key(scenario, base + ".region",
                                   "region `" + region + "` has more than " +
                                       std::to_string(kMaxProvidersPerRegion) +
                                       " providers (the model's limit)"));
        }
        in.providers.push_back(std::move(spec));
    }
    for (const auto& r : regions) {
        if (te_count[r] != 1) {
            diags.push_back(at_key(scenario, "regions." + r + ".jobseeker_share",
                                   "region `" + r +
                                       "` must have exactly one provider with kind = "
                                       "\"te_office\", has " +
                                       std::to_string(te_count[r])));
        }
        if (resident_sum[r] > 1.0 + 1e-9) {
            diags.push_back(at_key(scenario, "regions." + r + ".jobseeker_share",
                                   "the pilots of region `" + r +
                                       "` have resident shares summing "
                                       "to " +
                                       amount(resident_sum[r]) + " (at most 1)"));
        }
    }
}

/// One parameter set per period; a check that fails in several periods reports once
/// (check_scenario removes the repeats).
void read_periods(const Scenario& scenario, const std::vector<std::string>& models,
                  agents::ModelInput& in, std::vector<Diagnostic>& diags) {
    in.periods.emplace_back(in.start, params_of(scenario, models, diags));
    for (const auto& change : scenario.timeline()) {
        if (!in.periods.empty() && in.periods.back().first == change.date) {
            in.periods.back().second = params_of(scenario.at(change.date), models, diags);
        } else {
            in.periods.emplace_back(change.date,
                                    params_of(scenario.at(change.date), models, diags));
        }
    }
}

/// How many persons the run simulates (the initial stock and each month's inflow, at the
/// run's scale): at least one, and not absurdly many.
void check_population_size(const Scenario& scenario, const agents::ModelInput& in,
                           std::vector<Diagnostic>& diags) {
    const sim::Date first = first_simulated_day(in.start, in.warmup_months);
    const int months = std::max(months_between(first, in.end), 0);
    double low = in.initial_unemployed;
    double high = in.initial_unemployed;
    for (std::size_t k = 0; k < in.periods.size(); ++k) {
        const auto& q = in.periods[k].second;
        const sim::Date from = k == 0 ? first : in.periods[k].first;
        const sim::Date to = k + 1 < in.periods.size() ? in.periods[k + 1].first : in.end;
        const double n = std::max(months_between(from, to), 0);
        double index_low = 1.0;
        double index_high = 1.0;
        if (!q.inflow_index.empty()) {
            index_low = *std::min_element(q.inflow_index.begin(), q.inflow_index.end());
            index_high = *std::max_element(q.inflow_index.begin(), q.inflow_index.end());
        }
        low += q.inflow_per_month * index_low * std::min<double>(n, months);
        high += q.inflow_per_month * index_high * std::min<double>(n, months);
    }
    low *= in.scale;
    high *= in.scale;
    const std::string culprit =
        users_key(scenario, {"population.scale", "population.initial_unemployed",
                             "population.inflow_per_month", "labour_market.inflow_index"});
    if (high > kMaxPersons) {
        diags.push_back(at_key(scenario, culprit,
                               "the run would simulate up to about " +
                                   std::to_string(std::llround(std::min(high, 1e18))) +
                                   " persons (population.initial_unemployed and "
                                   "inflow_per_month × labour_market.inflow_index over " +
                                   std::to_string(months) + " months, × population.scale = " +
                                   to_toml(Value{in.scale}) + "); the sanity limit is " +
                                   std::to_string(std::llround(kMaxPersons))));
    } else if (low < 1.0) {
        diags.push_back(at_key(scenario, culprit,
                               "population.scale = " + to_toml(Value{in.scale}) +
                                   " is too small: the run "
                                   "would simulate about " +
                                   std::to_string(low) + " persons (less than one)"));
    }
}

/// The 2015 financing rule ended with 2024 (DOMAIN.md §5.3, §6).
void check_financing(const Scenario& scenario, const agents::ModelInput& in,
                     std::vector<Diagnostic>& diags) {
    const sim::Date te24_day(2025, 1, 1);
    for (std::size_t k = 0; k < in.periods.size(); ++k) {
        const sim::Date until = k + 1 < in.periods.size() ? in.periods[k + 1].first : in.end + 1;
        if (!in.periods[k].second.te24_financing && until > te24_day && in.end >= te24_day) {
            diags.push_back(at_key(
                scenario.at(in.periods[k].first), "benefits.municipal_financing",
                "benefits.municipal_financing is `lms_2015` on " +
                    std::max(in.periods[k].first, te24_day).to_string() +
                    ", but that rule ended on 2024-12-31; set it to `te24` from 2025-01-01 (a "
                    "[[timeline]] entry, as in configs/te24.toml)"));
            break;
        }
    }
}

/// `base.key` must be in ascending order.
void check_ascending(const Scenario& s, const std::string& path, std::vector<Diagnostic>& diags) {
    const auto& v = s.numbers(path);
    if (!std::is_sorted(v.begin(), v.end())) {
        diags.push_back(at_key(s, path, path + " must be in ascending order"));
    }
}

/// `base.key` must have as many values as `base.like`.
void check_one_per(const Scenario& s, const std::string& base, const std::string& key,
                   const std::string& like, std::vector<Diagnostic>& diags) {
    const std::size_t n = s.numbers(base + "." + key).size();
    const std::size_t m = s.numbers(base + "." + like).size();
    if (n != m) {
        diags.push_back(at_key(s, base + "." + key,
                               base + "." + key + " must have one value per " + like + " value (" +
                                   std::to_string(m) + "), got " + std::to_string(n)));
    }
}

/// One row of law.pay_subsidy: tiers from 0 months on, one rate and length per tier.
agents::PaySubsidyRule pay_subsidy_row(const Scenario& s, const std::string& base,
                                       std::vector<Diagnostic>& diags) {
    agents::PaySubsidyRule r;
    r.from = s.date(base + ".from");
    r.from_months = s.numbers(base + ".from_months");
    r.rates = s.numbers(base + ".rates");
    r.months = s.numbers(base + ".months");
    r.cap_eur_month = s.number(base + ".cap_eur_month");
    r.reduced_work_ability_rate = s.number(base + ".reduced_work_ability_rate");
    r.reduced_work_ability_cap_eur_month = s.number(base + ".reduced_work_ability_cap_eur_month");
    if (r.from_months.empty() || r.from_months.front() != 0.0) {
        diags.push_back(at_key(s, base + ".from_months",
                               base + ".from_months must start with 0 (the first tier applies "
                                      "from the first day of unemployment)"));
    }
    check_ascending(s, base + ".from_months", diags);
    check_one_per(s, base, "rates", "from_months", diags);
    check_one_per(s, base, "months", "from_months", diags);
    return r;
}

/// One row of law.municipal_lms_share: one share per step of days.
agents::LmsShareRule lms_share_row(const Scenario& s, const std::string& base,
                                   std::vector<Diagnostic>& diags) {
    agents::LmsShareRule r;
    r.from = s.date(base + ".from");
    r.from_days = s.numbers(base + ".from_days");
    r.shares = s.numbers(base + ".shares");
    check_ascending(s, base + ".from_days", diags);
    check_one_per(s, base, "shares", "from_days", diags);
    return r;
}

/// The rows of a dated table (`law.NAME`), in date order; two rows of one day are an error at
/// the later one's `from` (each row applies until the next row's date).
template <class Row>
std::vector<Row> dated_rows(const Scenario& s, const std::string& table,
                            Row (*read)(const Scenario&, const std::string&,
                                        std::vector<Diagnostic>&),
                            std::vector<Diagnostic>& diags) {
    std::vector<std::pair<Row, std::string>> rows;
    for (const auto& name : s.names(table)) {
        rows.emplace_back(read(s, table + "." + name, diags), name);
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.first.from < b.first.from; });
    std::vector<Row> out;
    for (std::size_t k = 0; k < rows.size(); ++k) {
        if (k > 0 && rows[k].first.from == rows[k - 1].first.from) {
            const std::string path = users_key(s, {table + "." + rows[k].second + ".from",
                                                   table + "." + rows[k - 1].second + ".from"});
            diags.push_back(at_key(s, path,
                                   table + ": rows `" + rows[k - 1].second + "` and `" +
                                       rows[k].second + "` both start on " +
                                       rows[k].first.from.to_string() +
                                       "; each row applies from its own date"));
        }
        out.push_back(std::move(rows[k].first));
    }
    return out;
}

/// The law's dated tables, the same in every period (their keys are not on the timeline).
void read_law(const Scenario& scenario, agents::ModelInput& in, std::vector<Diagnostic>& diags) {
    const auto pay_subsidy = dated_rows(scenario, "law.pay_subsidy", &pay_subsidy_row, diags);
    const auto lms_share = dated_rows(scenario, "law.municipal_lms_share", &lms_share_row, diags);
    for (auto& [date, q] : in.periods) {
        q.pay_subsidy_rules = pay_subsidy;
        q.lms_share_rules = lms_share;
    }
}

/// A stage paid as pay subsidy needs a row of law.pay_subsidy in force from the run's first
/// day (the warm-up's). Reported once, at the first such stage.
void check_pay_subsidy_law(const Scenario& scenario, const agents::ModelInput& in,
                           std::vector<Diagnostic>& diags) {
    const sim::Date first = first_simulated_day(in.start, in.warmup_months);
    const auto& rules = in.periods.front().second.pay_subsidy_rules;
    if (!rules.empty() && rules.front().from <= first) {
        return;
    }
    for (const auto& [date, q] : in.periods) {
        for (const agents::ServiceModel& m : q.models) {
            for (const agents::ServiceStage& st : m.stages) {
                if (st.paid_as != agents::StagePayment::PaySubsidy) {
                    continue;
                }
                const std::string key =
                    "service_models." + m.name + ".stages." + st.stage.name + ".paid_as";
                std::string message =
                    key + " is `pay_subsidy`, but law.pay_subsidy has no row in force on " +
                    first.to_string() +
                    " (the run's first day, population.warmup_months "
                    "before scenario.start)";
                if (rules.empty()) {
                    message += "; the scenario has none: extend \"law.toml\" (as "
                               "configs/default.toml does) or add [law.pay_subsidy.NAME] rows";
                    diags.push_back(at_key(scenario.at(date), key, std::move(message)));
                    return;
                }
                // At the first row, which is where a date moves.
                message += "; its first row starts on " + rules.front().from.to_string();
                std::string at = key;
                for (const auto& row : scenario.names("law.pay_subsidy")) {
                    if (scenario.date("law.pay_subsidy." + row + ".from") == rules.front().from) {
                        at = "law.pay_subsidy." + row + ".from";
                    }
                }
                diags.push_back(at_key(scenario, at, std::move(message)));
                return;
            }
        }
    }
}

/// Two budgets of the same provider or region may not pay for the same service: the model
/// would use the first and never the other (e.g. a user's budget next to configs/budgets.toml's;
/// change the shipped one instead).
void check_budget_overlaps(const Scenario& scenario, const std::vector<agents::BudgetQuota>& qs,
                           std::vector<Diagnostic>& diags) {
    for (std::size_t j = 0; j < qs.size(); ++j) {
        for (std::size_t i = 0; i < j; ++i) {
            if (qs[i].provider != qs[j].provider || qs[i].region != qs[j].region) {
                continue;
            }
            const auto shared = std::find_first_of(qs[j].services.begin(), qs[j].services.end(),
                                                   qs[i].services.begin(), qs[i].services.end());
            if (shared == qs[j].services.end()) {
                continue;
            }
            // Point at the user's budget when the other is a shipped one.
            const auto shipped = [&](const agents::BudgetQuota& q) {
                const Entry* e = scenario.find("budgets." + q.name + ".services");
                return e != nullptr && built_in(e->origin);
            };
            const bool swap = shipped(qs[j]) && !shipped(qs[i]);
            const agents::BudgetQuota& here = swap ? qs[i] : qs[j];
            const agents::BudgetQuota& other = swap ? qs[j] : qs[i];
            diags.push_back(
                at_key(scenario, "budgets." + here.name + ".services",
                       "budgets." + here.name + " and budgets." + other.name + " both pay for `" +
                           std::string(agents::service_kind_name(*shared)) + "` at the same " +
                           (here.provider ? "provider" : "region") +
                           "; only one would be used: change budgets." + other.name + " instead"));
            break;
        }
    }
}

/// Budget quotas: one provider or one region, services by kind.
void read_budgets(const Scenario& scenario, const std::vector<std::string>& regions,
                  const std::vector<std::string>& providers, agents::ModelInput& in,
                  std::vector<Diagnostic>& diags) {
    for (const auto& b : scenario.names("budgets")) {
        const std::string base = "budgets." + b;
        agents::BudgetQuota q;
        q.name = b;
        const auto& provider = scenario.string(base + ".provider");
        const auto& region = scenario.string(base + ".region");
        if (provider.empty() == region.empty()) {
            diags.push_back(at_key(scenario, base + ".eur_per_year",
                                   base + " needs exactly one of `provider` and `region`"));
        }
        if (!provider.empty()) {
            q.provider = static_cast<std::uint32_t>(
                std::find(providers.begin(), providers.end(), provider) - providers.begin());
        }
        if (!region.empty()) {
            q.region = static_cast<std::uint32_t>(
                std::find(regions.begin(), regions.end(), region) - regions.begin());
        }
        std::vector<std::string> kinds;
        for (std::size_t k = 0; k < agents::kServiceKindCount; ++k) {
            kinds.emplace_back(agents::service_kind_name(static_cast<agents::ServiceKind>(k)));
        }
        for (const auto& service : scenario.strings(base + ".services")) {
            if (const auto kind = agents::parse_service_kind(service)) {
                q.services.push_back(*kind);
            } else {
                std::string message = base + ".services names `" + service +
                                      "`, which is not a service kind (" +
                                      "service_models.*.stages.*.kind)";
                if (auto g = did_you_mean(service, kinds)) {
                    message += "; did you mean `" + *g + "`?";
                }
                diags.push_back(at_key(scenario, base + ".services", std::move(message)));
            }
        }
        q.eur_per_year = scenario.number(base + ".eur_per_year");
        q.queue = scenario.string(base + ".when_exhausted") == "queue";
        q.monthly = scenario.string(base + ".released") == "monthly";
        in.quotas.push_back(std::move(q));
    }
    check_budget_overlaps(scenario, in.quotas, diags);
}

/// Staff: the pilots take their state counsellors from their region's TE office. Each
/// region is reported once, for the first period that fails, at the counsellors the user set.
void check_staff(const Scenario& scenario, const std::vector<std::string>& regions,
                 const std::vector<std::string>& providers, const agents::ModelInput& in,
                 std::vector<Diagnostic>& diags) {
    std::vector<bool> short_staffed(regions.size(), false);
    for (const auto& [date, q] : in.periods) {
        for (std::size_t r = 0; r < regions.size(); ++r) {
            if (short_staffed[r]) {
                continue;
            }
            double taken = 0.0;
            std::string te;
            double te_staff = 0.0;
            for (std::size_t p = 0; p < providers.size(); ++p) {
                if (in.providers[p].region != r) {
                    continue;
                }
                if (in.providers[p].pilot) {
                    taken += q.counsellors[p];
                } else {
                    te = providers[p];
                    te_staff = q.counsellors[p];
                }
            }
            if (!te.empty() && taken > te_staff + 1e-9) {
                std::vector<std::string> keys{"providers." + te + ".counsellors"};
                for (std::size_t p = 0; p < providers.size(); ++p) {
                    if (in.providers[p].region == r && in.providers[p].pilot) {
                        keys.push_back("providers." + providers[p] + ".counsellors");
                    }
                }
                const Scenario then = scenario.at(date);
                diags.push_back(
                    at_key(then, users_key(then, keys),
                           "providers." + te + ".counsellors is " + amount(te_staff) + " (from " +
                               date.to_string() + "), but the pilots of region `" + regions[r] +
                               "` take " + amount(taken) + " counsellors from it on pilot.start"));
                short_staffed[r] = true;
            }
        }
    }
}

void build_checked(const Scenario& scenario, agents::ModelInput& in,
                   std::vector<Diagnostic>& diags) {
    const bool dates_wrong = read_dates(scenario, in, diags);
    timeline_warnings(scenario, in.start, in.end, diags);
    const auto regions = scenario.names("regions");
    const auto providers = scenario.names("providers");
    const auto models = scenario.names("service_models");
    read_regions(scenario, regions, in, diags);
    read_providers(scenario, regions, providers, in, diags);
    read_periods(scenario, models, in, diags);
    read_law(scenario, in, diags);
    if (!dates_wrong) {
        check_population_size(scenario, in, diags);
        check_pay_subsidy_law(scenario, in, diags);
    }
    check_financing(scenario, in, diags);
    read_budgets(scenario, regions, providers, in, diags);
    check_staff(scenario, regions, providers, in, diags);
}

} // namespace

agents::ModelInput build_model_input(const Scenario& scenario) {
    std::vector<Diagnostic> diags;
    agents::ModelInput in;
    build_checked(scenario, in, diags);
    if (has_errors(diags)) {
        sort_and_dedup(diags);
        throw ConfigError(std::move(diags));
    }
    return in;
}

Checked check_scenario(const LoadOptions& options) {
    LoadResult loaded = load_collecting(options);
    std::vector<Diagnostic> diags = std::move(loaded.diagnostics);
    agents::ModelInput input;
    if (loaded.complete) {
        build_checked(loaded.scenario, input, diags);
    }
    std::vector<std::string> file_order;
    for (const auto& f : loaded.scenario.sources()) {
        file_order.push_back(f.name);
    }
    sort_and_dedup(diags, file_order);
    if (has_errors(diags) || !loaded.complete) {
        throw ConfigError(std::move(diags));
    }
    return Checked{std::move(loaded.scenario), std::move(input), std::move(diags)};
}

Checked check_scenario(const std::string& file, const std::vector<std::string>& overrides) {
    LoadOptions options;
    options.file = file;
    options.overrides = overrides;
    return check_scenario(options);
}

} // namespace kokeilu::scenario
