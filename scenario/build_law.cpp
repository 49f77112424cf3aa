// The law's dated tables (pay subsidy, the municipal share of the labour-market subsidy) and
// the budgets of services, read from a scenario and checked.
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

} // namespace

namespace build_detail {

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

} // namespace build_detail

namespace {

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

} // namespace

namespace build_detail {

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

} // namespace build_detail

} // namespace kokeilu::scenario
