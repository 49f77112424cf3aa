// From a validated scenario to the model input: dates, regions, providers, periods, staff,
// and the one check path of every command.
#include "scenario/build.hpp"
#include "scenario/build_parts.hpp"
#include "scenario/schema.hpp"

#include "agents/params.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <tuple>
#include <type_traits>

namespace kokeilu::scenario {

using namespace build_detail;

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

/// Staff: with pilot.state_staff = "as_listed" the pilots take their listed state counsellors
/// from their region's TE office. Each region is reported once, for the first period that
/// fails, at the counsellors the user set.
void check_staff(const Scenario& scenario, const std::vector<std::string>& regions,
                 const std::vector<std::string>& providers, const agents::ModelInput& in,
                 std::vector<Diagnostic>& diags) {
    std::vector<bool> short_staffed(regions.size(), false);
    for (const auto& [date, q] : in.periods) {
        for (std::size_t r = 0; r < regions.size(); ++r) {
            if (short_staffed[r] || !q.staff_as_listed) {
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
        fold_series(in);
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
