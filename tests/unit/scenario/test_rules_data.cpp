// The law's rules as data (issue 14): the dated tables of configs/law.toml as the model reads
// them, their checks, a stage's limits, and `extends` of files and service models.
#include "scenario/build.hpp"
#include "scenario/scenario.hpp"
#include "tests/unit/scenario/support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace kokeilu;
using namespace kokeilu::scenario;
using namespace kokeilu::scenario::testing;
using sim::Date;

namespace {

/// Every diagnostic of check_scenario (errors and warnings), or the warnings of a success.
std::vector<Diagnostic> checked(const std::string& file,
                                const std::vector<std::string>& sets = {}) {
    try {
        return check_scenario(file, sets).warnings;
    } catch (const ConfigError& e) {
        return e.diagnostics();
    }
}

/// The diagnostic whose message contains `text`; fails if there is none.
Diagnostic with_text(const std::vector<Diagnostic>& ds, const std::string& text) {
    for (const auto& d : ds) {
        UNSCOPED_INFO(d.format());
        if (d.message.find(text) != std::string::npos) {
            return d;
        }
    }
    FAIL("no diagnostic contains: " << text);
    return {};
}

/// A scenario file that extends the default one with `body`.
std::string on_default(const ScratchDir& t, const std::string& name, const std::string& body) {
    return t.write(name, "extends = \"default.toml\"\n" + body);
}

} // namespace

TEST_CASE("the law's dated tables of configs/law.toml reach every period of the model",
          "[unit][scenario][law]") {
    const auto in = build_model_input(load_scenario(std::string()));
    REQUIRE(in.periods.size() > 1);
    for (const auto& [date, q] : in.periods) {
        CAPTURE(date.to_string());
        // The C++ defaults, which models built by hand in tests use, are the shipped rows.
        CHECK(q.pay_subsidy_rules == agents::default_pay_subsidy_rules());
        CHECK(q.lms_share_rules == agents::default_lms_share_rules());
    }
    const auto& rules = in.periods.front().second.pay_subsidy_rules;
    REQUIRE(rules.size() == 2);
    CHECK(rules[1].from == Date(2023, 7, 1));
    CHECK(agents::pay_subsidy_terms(30.0, true, Date(2023, 7, 1), rules).rate == 0.7);
}

TEST_CASE("a new row of a dated table changes the rule from its date", "[unit][scenario][law]") {
    const ScratchDir t;
    // A made-up reform of 2022: the municipal share from 200 days, and a one-tier pay subsidy.
    const auto f = on_default(t, "reform.toml",
                              "[law.municipal_lms_share.reform_2022]\nfrom = 2022-01-01\n"
                              "from_days = [200]\nshares = [0.6]\n"
                              "[law.pay_subsidy.reform_2022]\nfrom = 2022-01-01\nrates = [0.45]\n"
                              "months = [8]\ncap_eur_month = 1500\n");
    const auto in = check_scenario(f).input;
    const auto& q = in.periods.front().second;
    REQUIRE(q.lms_share_rules.size() == 3);
    CHECK(q.lms_share_rules[2].from == Date(2022, 1, 1)); // in date order, not name order
    CHECK(agents::municipal_share_of_lms(250, Date(2022, 1, 1), q.lms_share_rules) == 0.6);
    CHECK(agents::municipal_share_of_lms(250, Date(2021, 12, 31), q.lms_share_rules) == 0.0);
    const auto terms =
        agents::pay_subsidy_terms(30.0, false, Date(2022, 6, 1), q.pay_subsidy_rules);
    CHECK(terms.rate == 0.45);
    CHECK(terms.months == 8.0);
    CHECK(terms.cap_eur_month == 1500.0);
    // --set changes a row like any key; the law's keys are not on the timeline.
    const auto g = check_scenario("", {"law.municipal_lms_share.rule_2015.shares=[0.4, 0.6]"});
    CHECK(g.input.periods.back().second.lms_share_rules[1].shares == std::vector<double>{0.4, 0.6});
    const auto tl = on_default(t, "tl.toml",
                               "[[timeline]]\ndate = 2023-01-01\n"
                               "set = { \"law.pay_subsidy.reform_2023.cap_eur_month\" = 1 }\n");
    CHECK_THAT(with_text(checked(tl), "cannot be changed by the timeline").format(),
               Catch::StartsWith(tl + ":4:9: error: law.pay_subsidy.reform_2023.cap_eur_month"));
}

TEST_CASE("a dated table's rows are checked: one value per tier or step, in order, from 0, one "
          "row a day",
          "[unit][scenario][law]") {
    const ScratchDir t;
    const auto f = on_default(t, "bad.toml",
                              "[law.pay_subsidy.mine]\nfrom = 2010-01-01\nfrom_months = [6, 3]\n"
                              "rates = [0.5]\nmonths = [5, 10]\ncap_eur_month = 1000\n"
                              "[law.municipal_lms_share.a]\nfrom = 2015-01-01\n"
                              "from_days = [300]\nshares = [0.5, 0.7]\n");
    const auto ds = checked(f);
    CHECK(with_text(ds, "from_months must start with 0").format() ==
          f + ":4:15: error: law.pay_subsidy.mine.from_months must start with 0 (the first tier "
              "applies from the first day of unemployment)");
    CHECK(with_text(ds, "from_months must be in ascending").line == 4);
    CHECK(with_text(ds, "rates must have one value per from_months value (2), got 1").line == 5);
    CHECK(with_text(ds, "shares must have one value per from_days value (1), got 2").line == 11);
    // `a` and the shipped rule_2015 start on the same day: reported at the user's row.
    CHECK(with_text(ds, "rows `a` and `rule_2015` both start on 2015-01-01").format() ==
          f + ":9:8: error: law.municipal_lms_share: rows `a` and `rule_2015` both start on "
              "2015-01-01; each row applies from its own date");
    // A missing required key points at the row's table.
    const auto g = on_default(t, "missing.toml", "[law.pay_subsidy.mine]\nfrom = 2010-01-01\n");
    CHECK(with_text(checked(g), "missing required key `law.pay_subsidy.mine.rates`").line == 2);
}

TEST_CASE("a stage paid as pay subsidy needs a pay-subsidy rule in force from the run's first day",
          "[unit][scenario][law]") {
    const ScratchDir t;
    // The first row moved past the warm-up's first day (2018-01-01).
    const auto f = on_default(t, "late.toml",
                              "[law.pay_subsidy.by_unemployment_history]\nfrom = 2018-02-01\n");
    CHECK(with_text(checked(f), "has no row in force on 2018-01-01").format() ==
          f + ":3:8: error: service_models.pilot_multiprofessional_hub.stages.pay_subsidy.paid_as "
              "is `pay_subsidy`, but law.pay_subsidy has no row in force on 2018-01-01 (the run's "
              "first day, population.warmup_months before scenario.start); its first row starts "
              "on 2018-02-01");
    // A scenario that does not extend the law: no rows at all.
    const auto g = t.write(
        "bare.toml",
        "[service_models.m]\nentry = \"s\"\n[service_models.m.stages.s]\nduration = \"fixed\"\n"
        "duration_mean_days = 10\npaid_as = \"pay_subsidy\"\nnext = { done = 1.0 }\n"
        "[service_models.m.stages.done]\nexit = true\nduration = \"none\"\n"
        "[providers.office]\nkind = \"te_office\"\nservice_model = \"m\"\nregion = \"r\"\n"
        "[regions.r]\njobseeker_share = 1.0\n");
    const auto d = with_text(checked(g), "law.pay_subsidy has no row");
    CHECK(d.line == 6);
    CHECK_THAT(d.message, Catch::Contains("the scenario has none: extend \"law.toml\""));
    // Without a pay-subsidy stage the same scenario needs no rows.
    CHECK_NOTHROW(check_scenario(g, {"service_models.m.stages.s.paid_as=cost_per_day"}));
}

TEST_CASE("a stage's min_days above its max_days is an error at the user's key",
          "[unit][scenario][law]") {
    const ScratchDir t;
    const auto f = on_default(t, "limits.toml",
                              "[service_models.te_office.stages.work_trial]\nmin_days = 200\n");
    CHECK(with_text(checked(f), "te_office.stages.work_trial.min_days (200) is above").format() ==
          f + ":3:12: error: service_models.te_office.stages.work_trial.min_days (200) is above "
              "max_days (182.625)");
    // The pilots' models extend te_office and take the user's min_days too; the error is
    // reported once, for te_office, not again for each model that extends it.
    const auto ds = checked(f);
    CHECK(std::count_if(ds.begin(), ds.end(), [](const Diagnostic& d) {
              return d.message.find("is above max_days") != std::string::npos;
          }) == 1);
    // A model that sets its own max_days gets its own error.
    const auto g = on_default(t, "own.toml",
                              "[service_models.te_office.stages.work_trial]\nmin_days = 200\n"
                              "[service_models.te24.stages.work_trial]\nmax_days = 100\n");
    CHECK(with_text(checked(g), "te24.stages.work_trial.min_days (200) is above").line == 5);
}

TEST_CASE("a file reached twice through extends is read once, where first reached",
          "[unit][scenario][extends]") {
    const ScratchDir t;
    t.write("base.toml", "[population]\nscale = 0.5\n[[timeline]]\ndate = 2020-01-01\n"
                         "set = { \"population.inflow_per_month\" = 1000.0 }\n");
    t.write("mid.toml", "extends = \"base.toml\"\n[population]\nscale = 0.25\n");
    // mid overrides base; reading base again after mid would undo that and repeat its timeline.
    const auto top = t.write("top.toml", "extends = [\"mid.toml\", \"base.toml\"]\n"
                                         "[scenario]\nname = \"diamond\"\n");
    const auto s = load_scenario(top, {});
    CHECK(s.number("population.scale") == 0.25);
    CHECK(s.timeline().size() == 1);
    CHECK(s.sources().size() == 3);
    // Each shipped service-model file loads on its own (it extends te_office.toml), and
    // service_models.toml, which extends all of them, reads te_office.toml once.
    LoadOptions o;
    for (const auto& b : builtin_configs()) {
        if (b.name == "service_models.toml") {
            o.text = std::string(b.text);
        }
    }
    o.file = "service_models.toml";
    const auto models = load_scenario(o);
    const auto te =
        std::count_if(models.sources().begin(), models.sources().end(), [](const SourceFile& f) {
            return f.name.find("te_office") != std::string::npos;
        });
    CHECK(te == 1);
}

TEST_CASE("a cyclic service-model extends is an error at the extends line of its file",
          "[unit][scenario][extends]") {
    const ScratchDir t;
    const auto f = t.write("cycle.toml", "[service_models.p]\nextends = \"q\"\n"
                                         "[service_models.q]\nextends = \"p\"\n");
    const auto ds = diagnostics_of(f);
    const auto d = std::find_if(ds.begin(), ds.end(), [](const Diagnostic& x) {
        return x.message.find("a cycle") != std::string::npos;
    });
    REQUIRE(d != ds.end());
    CHECK(d->file == f);
    CHECK((d->line == 2 || d->line == 4));
    CHECK(d->column == 11);
}
