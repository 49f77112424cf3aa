// Domain rules: the pilots' target group (every combination), the municipal LMS share and the
// pay-subsidy terms, each dated rule read from its table.
#include "agents/benefits.hpp"
#include "agents/services_rules.hpp"
#include "agents/target_group.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

using namespace kokeilu::agents;
using kokeilu::sim::Date;

TEST_CASE("the target-group rule gives the law's answer for every combination",
          "[unit][agents][target_group]") {
    const LabourStatus statuses[] = {
        LabourStatus::EmployedSubsidised,  LabourStatus::EmployedOpenMarket,
        LabourStatus::Unemployed,          LabourStatus::LaidOff,
        LabourStatus::ReducedWorkingWeek,  LabourStatus::OutsideLabourForce,
        LabourStatus::UnemploymentPension, LabourStatus::InService,
        LabourStatus::InTraining};
    const BenefitType benefits[] = {BenefitType::EarningsRelated, BenefitType::Basic,
                                    BenefitType::LabourMarketSubsidy, BenefitType::None};
    const LanguageGroup languages[] = {LanguageGroup::Finnish, LanguageGroup::Swedish,
                                       LanguageGroup::Foreign};
    int members = 0;
    int cases = 0;
    for (bool resident : {false, true}) {
        for (LabourStatus st : statuses) {
            for (int age : {18, 29, 30, 64}) {
                for (LanguageGroup lang : languages) {
                    for (bool immigrant : {false, true}) {
                        for (BenefitType b : benefits) {
                            const TargetGroupFacts f{st, age, lang, immigrant, b, resident};
                            CAPTURE(resident, to_string(st), age, to_string(lang), immigrant,
                                    to_string(b));
                            // The law, written out independently of the implementation.
                            const bool covered =
                                st == LabourStatus::EmployedSubsidised ||
                                st == LabourStatus::Unemployed || st == LabourStatus::LaidOff ||
                                st == LabourStatus::InService || st == LabourStatus::InTraining;
                            const bool unemployed_or_services =
                                covered && st != LabourStatus::EmployedSubsidised;
                            const bool rule1 = b != BenefitType::EarningsRelated;
                            const bool rule2 = age < 30;
                            const bool rule3 = (immigrant || lang == LanguageGroup::Foreign) &&
                                               unemployed_or_services;
                            const bool expected = resident && covered && (rule1 || rule2 || rule3);
                            CHECK(in_pilot_target_group(f) == expected);
                            members += expected ? 1 : 0;
                            ++cases;
                        }
                    }
                }
            }
        }
    }
    CHECK(cases == 2 * 9 * 4 * 3 * 2 * 4);
    CHECK(members > 0);
    CHECK(members < cases / 2);
}

TEST_CASE("the target-group reason names the rule that applies", "[unit][agents][target_group]") {
    TargetGroupFacts f{LabourStatus::Unemployed,     45,  LanguageGroup::Finnish, false,
                       BenefitType::EarningsRelated, true};
    CHECK(classify_target_group(f) == TargetGroupReason::EarningsRelatedAged30Plus);
    f.age_years = 29;
    CHECK(classify_target_group(f) == TargetGroupReason::UnderThirty);
    f.age_years = 30; // the 30th birthday moves a client on earnings-related allowance back
    CHECK_FALSE(in_pilot_target_group(f));
    f.language = LanguageGroup::Foreign;
    CHECK(classify_target_group(f) == TargetGroupReason::ImmigrantOrForeignLanguage);
    f.language = LanguageGroup::Swedish; // Swedish is a national language, not "foreign"
    CHECK_FALSE(in_pilot_target_group(f));
    f.benefit = BenefitType::LabourMarketSubsidy; // the allowance runs out: moves to the pilot
    CHECK(classify_target_group(f) == TargetGroupReason::NoEarningsRelatedAllowance);
    f.status = LabourStatus::EmployedOpenMarket;
    CHECK(classify_target_group(f) == TargetGroupReason::StatusNotCovered);
    f.lives_in_pilot_municipality = false;
    CHECK(classify_target_group(f) == TargetGroupReason::NotInPilotArea);
}

namespace {

/// The municipal LMS share's rows as configs/law.toml ships them (DOMAIN.md §5.3 [S67][S70]).
const std::vector<LmsShareRule> kLmsRules{
    {Date(2006, 1, 1), {500.0}, {0.5}},
    {Date(2015, 1, 1), {300.0, 1000.0}, {0.5, 0.7}},
};

/// The pay-subsidy rows as configs/law.toml ships them (DOMAIN.md §3.2 [S54][S55]).
const std::vector<PaySubsidyRule> kPaySubsidyRules{
    {Date(2000, 1, 1), {0.0, 12.0, 24.0}, {0.3, 0.4, 0.5}, {6.0, 12.0, 24.0}, 1400.0, 0.0, 0.0},
    {Date(2023, 7, 1), {0.0, 12.0}, {0.5, 0.5}, {5.0, 10.0}, 1260.0, 0.7, 1770.0},
};

} // namespace

TEST_CASE("the municipal share of labour-market subsidy steps at 300 and 1,000 days",
          "[unit][agents][benefits]") {
    const Date d(2021, 6, 1);
    CHECK(municipal_share_of_lms(0, d, kLmsRules) == 0.0);
    CHECK(municipal_share_of_lms(299, d, kLmsRules) == 0.0);
    CHECK(municipal_share_of_lms(300, d, kLmsRules) == 0.5);
    CHECK(municipal_share_of_lms(999, d, kLmsRules) == 0.5);
    CHECK(municipal_share_of_lms(1000, d, kLmsRules) == 0.7);
    CHECK(municipal_share_of_lms(5000, Date(2024, 12, 31), kLmsRules) == 0.7);
    // Before 2015, the 2006 rule: half after 500 days.
    CHECK(municipal_share_of_lms(499, Date(2014, 12, 31), kLmsRules) == 0.0);
    CHECK(municipal_share_of_lms(500, Date(2014, 12, 31), kLmsRules) == 0.5);
    CHECK(municipal_share_of_lms(1500, Date(2014, 12, 31), kLmsRules) == 0.5);
    // Before the first row (2006) no municipality paid a share.
    CHECK(municipal_share_of_lms(1500, Date(2005, 12, 31), kLmsRules) == 0.0);
    CHECK(municipal_share_of_lms(1500, Date(2021, 6, 1), {}) == 0.0);
    CHECK_THROWS_AS(municipal_share_of_lms(-1, d, kLmsRules), std::out_of_range);
    // The rows are data: a made-up rule from 2020 with one step at 100 days applies from then,
    // whatever the order of the rows.
    std::vector<LmsShareRule> other{{Date(2020, 1, 1), {100.0}, {0.25}}};
    other.insert(other.end(), kLmsRules.begin(), kLmsRules.end());
    CHECK(municipal_share_of_lms(150, Date(2021, 6, 1), other) == 0.25);
    CHECK(municipal_share_of_lms(150, Date(2019, 12, 31), other) == 0.0);
    CHECK(municipal_share_of_lms(1500, Date(2019, 12, 31), other) == 0.7);
    CHECK(default_lms_share_rules() == kLmsRules);
}

TEST_CASE("the TYP assessment is due at 300 days of labour-market subsidy or 6 / 12 months of "
          "unemployment by age",
          "[unit][agents][typ]") {
    using kokeilu::agents::typ_assessment_required;
    CHECK_FALSE(typ_assessment_required(299.0, 40, 11.9));
    CHECK(typ_assessment_required(300.0, 40, 0.0));
    CHECK(typ_assessment_required(300.0, 20, 0.0));
    CHECK_FALSE(typ_assessment_required(0.0, 24, 5.9));
    CHECK(typ_assessment_required(0.0, 24, 6.0));
    CHECK_FALSE(typ_assessment_required(0.0, 25, 6.0));
    CHECK_FALSE(typ_assessment_required(0.0, 25, 11.9));
    CHECK(typ_assessment_required(0.0, 25, 12.0));
}

TEST_CASE("pay-subsidy tiers follow unemployment history, and the 2023 reform replaces them",
          "[unit][agents][pay_subsidy]") {
    const Date before(2023, 6, 30);
    const Date after(2023, 7, 1);
    auto t = pay_subsidy_terms(3.0, false, before, kPaySubsidyRules);
    CHECK(t.rate == 0.3);
    CHECK(t.months == 6.0);
    t = pay_subsidy_terms(12.0, false, before, kPaySubsidyRules);
    CHECK(t.rate == 0.4);
    CHECK(t.months == 12.0);
    t = pay_subsidy_terms(24.0, true, before, kPaySubsidyRules);
    CHECK(t.rate == 0.5);
    CHECK(t.months == 24.0);
    CHECK(t.cap_eur_month == 1400.0);
    t = pay_subsidy_terms(3.0, false, after, kPaySubsidyRules);
    CHECK(t.rate == 0.5);
    CHECK(t.months == 5.0);
    CHECK(t.cap_eur_month == 1260.0);
    t = pay_subsidy_terms(30.0, true, after, kPaySubsidyRules);
    CHECK(t.rate == 0.7);
    CHECK(t.months == 10.0);
    CHECK(t.cap_eur_month == 1770.0);
    CHECK(default_pay_subsidy_rules() == kPaySubsidyRules);
}

TEST_CASE("pay-subsidy terms come from the row in force on the start day",
          "[unit][agents][pay_subsidy]") {
    // A made-up reform of 2021 with one tier: it replaces the earlier row from its date on,
    // whatever the order of the rows.
    std::vector<PaySubsidyRule> rules{{Date(2021, 1, 1), {0.0}, {0.6}, {3.0}, 900.0, 0.0, 0.0}};
    rules.insert(rules.end(), kPaySubsidyRules.begin(), kPaySubsidyRules.end());
    auto t = pay_subsidy_terms(30.0, true, Date(2021, 1, 1), rules);
    CHECK(t.rate == 0.6);
    CHECK(t.months == 3.0);
    CHECK(t.cap_eur_month == 900.0);
    t = pay_subsidy_terms(30.0, true, Date(2020, 12, 31), rules);
    CHECK(t.rate == 0.5);
    CHECK(t.months == 24.0);
    t = pay_subsidy_terms(30.0, false, Date(2023, 7, 1), rules);
    CHECK(t.rate == 0.5);
    CHECK(t.cap_eur_month == 1260.0);
    // No rule in force: an error, not a guess.
    CHECK_THROWS_AS(pay_subsidy_terms(3.0, false, Date(2020, 1, 1), {}), std::out_of_range);
    CHECK_THROWS_AS(pay_subsidy_terms(3.0, false, Date(1999, 12, 31), kPaySubsidyRules),
                    std::out_of_range);
}

TEST_CASE("a first-contact deadline in working days skips weekends and public holidays",
          "[unit][agents][deadline]") {
    // Thursday 24 June 2021: Friday the 25th is Midsummer Eve, so five working days end on
    // Friday 2 July, not Thursday 1 July.
    CHECK(contact_deadline(Date(2021, 6, 24), 5) == Date(2021, 7, 2));
    // A week without a holiday: Thursday 10 June 2021 + 5 working days = Thursday 17 June.
    CHECK(contact_deadline(Date(2021, 6, 10), 5) == Date(2021, 6, 17));
    // Easter 2022: Good Friday 15 April and Easter Monday 18 April do not count.
    CHECK(contact_deadline(Date(2022, 4, 14), 2) == Date(2022, 4, 20));
    // Ten working days from Friday 20 December 2019 skip Christmas Eve, Christmas Day, Boxing
    // Day, New Year's Day and Epiphany (6 January): Friday 10 January 2020.
    CHECK(contact_deadline(Date(2019, 12, 20), 10) == Date(2020, 1, 10));
}

TEST_CASE("TE24's municipal share steps up with benefit days from day 100",
          "[unit][agents][benefits]") {
    const std::vector<double> from{100, 200, 300, 400, 500, 700};
    const std::vector<double> shares{0.1, 0.2, 0.3, 0.4, 0.45, 0.5};
    CHECK(municipal_share_te24(0, from, shares) == 0.0);
    CHECK(municipal_share_te24(99.9, from, shares) == 0.0);
    CHECK(municipal_share_te24(100, from, shares) == 0.1);
    CHECK(municipal_share_te24(299, from, shares) == 0.2);
    CHECK(municipal_share_te24(699, from, shares) == 0.45);
    CHECK(municipal_share_te24(700, from, shares) == 0.5);
    CHECK(municipal_share_te24(5000, from, shares) == 0.5);
    CHECK(municipal_share_te24(5000, {}, {}) == 0.0);
}
