// The declarations of every scenario key (the single source of configs/README.md).
#include "scenario/schema.hpp"

#include "agents/jobseeker_model.hpp"

namespace kokeilu::scenario {

namespace {

KeyDecl key(std::string pattern, Type type, std::optional<Value> def, std::string unit,
            std::string source, std::string doc) {
    KeyDecl k;
    k.pattern = std::move(pattern);
    k.type = type;
    k.default_value = std::move(def);
    k.unit = std::move(unit);
    k.source = std::move(source);
    k.doc = std::move(doc);
    return k;
}

KeyDecl with_range(KeyDecl k, std::optional<double> min, std::optional<double> max,
                   bool min_exclusive = false) {
    k.range.min = min;
    k.range.max = max;
    k.range.min_exclusive = min_exclusive;
    return k;
}

/// A description: free text, up to 2,000 characters (names and other strings: 200).
KeyDecl free_text(KeyDecl k) {
    k.max_length = 2000;
    return k;
}

KeyDecl fixed(KeyDecl k) {
    k.timeline = false;
    return k;
}

/// [law.pay_subsidy.NAME], [law.municipal_lms_share.NAME]: the law's dated tables, one row
/// per NAME, each in force from its `from` date until the next row's (configs/law.toml).
void add_law_keys(Schema& s) {
    s.add(fixed(key("law.pay_subsidy.*.from", Type::Date, std::nullopt, "",
                    "DOMAIN.md §0, §3.2 (the 2023 reform from 1.7.2023, HE 175/2022) [S55]",
                    "First day of this row of the pay-subsidy rules; a subsidy starting on a "
                    "day gets the terms of the row in force then (the latest `from` on or before "
                    "it). A run with a stage paid as `pay_subsidy` needs a row in force on its "
                    "first day (the warm-up's).")));
    s.add(fixed(
        with_range(key("law.pay_subsidy.*.from_months", Type::ListOfNumbers, Value{NumberList{0.0}},
                       "months", "DOMAIN.md §3.2: 12 and 24 months until 30.6.2023 [S54]",
                       "Months of unemployment (the current spell) from which each tier "
                       "applies: ascending, the first 0."),
                   0.0, 600.0)));
    s.add(fixed(with_range(key("law.pay_subsidy.*.rates", Type::ListOfNumbers, std::nullopt, "",
                               "DOMAIN.md §3.2: 30/40/50 % until 30.6.2023 [S54], 50 % from "
                               "1.7.2023 [S55]",
                               "Share of the wage cost (benefits.pay_subsidy_wage_cost_eur_month) "
                               "paid, one per tier."),
                           0.0, 1.0)));
    s.add(fixed(
        with_range(key("law.pay_subsidy.*.months", Type::ListOfNumbers, std::nullopt, "months",
                       "DOMAIN.md §3.2: 6/12/24 months until 30.6.2023 [S54]; typical "
                       "periods of 5 or 10 months from 1.7.2023 [S55]",
                       "Length of the subsidy, one per tier (the stage lasts exactly "
                       "this long, whatever its duration keys)."),
                   0.0, 120.0, true)));
    s.add(fixed(
        with_range(key("law.pay_subsidy.*.cap_eur_month", Type::Float, std::nullopt, "EUR/month",
                       "DOMAIN.md §3.2: 1,400 (firms, 2021) [S54]; 1,260 from 1.7.2023 "
                       "[S55]",
                       "Most the subsidy pays a month."),
                   0.0, std::nullopt)));
    s.add(fixed(with_range(key("law.pay_subsidy.*.reduced_work_ability_rate", Type::Float,
                               Value{0.0}, "", "DOMAIN.md §3.2: 70 % from 1.7.2023 [S55]",
                               "Rate for a jobseeker with a work-ability need instead of the "
                               "tier's (0: the tier's)."),
                           0.0, 1.0)));
    s.add(fixed(with_range(key("law.pay_subsidy.*.reduced_work_ability_cap_eur_month", Type::Float,
                               Value{0.0}, "EUR/month", "DOMAIN.md §3.2: 1,770 from 1.7.2023 [S55]",
                               "Monthly cap for a jobseeker with a work-ability need instead of "
                               "cap_eur_month (0: cap_eur_month)."),
                           0.0, std::nullopt)));
    s.add(fixed(key("law.municipal_lms_share.*.from", Type::Date, std::nullopt, "",
                    "DOMAIN.md §5.3: the 2006 rule [S70], the 2015 rule [S67][S68]",
                    "First day of this row of the municipal share of labour-market subsidy; a "
                    "booked day gets the share of the row in force then. Before the first row "
                    "the municipality pays nothing (benefits.municipal_financing = `lms_2015`).")));
    s.add(fixed(with_range(key("law.municipal_lms_share.*.from_days", Type::ListOfNumbers,
                               std::nullopt, "LMS days",
                               "DOMAIN.md §5.3: 500 days (2006) [S70]; 300 and 1,000 days "
                               "(2015) [S67]",
                               "Days of labour-market subsidy paid on the basis of unemployment "
                               "after which each share applies (ascending)."),
                           0.0, 100000.0)));
    s.add(
        fixed(with_range(key("law.municipal_lms_share.*.shares", Type::ListOfNumbers, std::nullopt,
                             "", "DOMAIN.md §5.3: 50 % (2006) [S70]; 50 % and 70 % (2015) [S67]",
                             "The municipality's share of the subsidy from each from_days, one "
                             "per step."),
                         0.0, 1.0)));
}

Schema build() {
    using sim::Date;
    Schema s;
    // [scenario]
    s.add(fixed(key("scenario.name", Type::String, Value{std::string("Finland 2019-2024")}, "", "",
                    "A name for the scenario, shown in reports.")));
    s.add(fixed(key("scenario.start", Type::Date, Value{Date(2019, 1, 1)}, "",
                    "the start of the observed monthly series (data/observed_monthly.csv)",
                    "First simulated day.")));
    s.add(fixed(key("scenario.end", Type::Date, Value{Date(2024, 12, 31)}, "",
                    "DOMAIN.md §0: the pilots ran to 31.12.2024 (HE 17/2022) [S36]",
                    "Last simulated day (inclusive).")));
    s.add(fixed(with_range(key("scenario.seed", Type::Integer, Value{std::int64_t{1}}, "",
                               "assumption", "Seed of all random streams."),
                           0.0, std::nullopt)));
    s.add(fixed(with_range(key("scenario.replications", Type::Integer, Value{std::int64_t{1}}, "",
                               "assumption", "Independent replications of the run."),
                           1.0, 100000.0)));
    // [pilot]
    s.add(fixed(key("pilot.start", Type::Date, Value{Date(2021, 3, 1)}, "",
                    "DOMAIN.md §0: law 1269/2020 in force 1.3.2021 [S2][S3][S31]",
                    "Day the municipal pilots start and clients move from the TE offices.")));
    s.add(fixed(key("pilot.end", Type::Date, Value{Date(2024, 12, 31)}, "",
                    "DOMAIN.md §0: extended from 30.6.2023 to 31.12.2024 by HE 17/2022 [S36]",
                    "Last day of the pilots (30.6.2023 for the original term).")));
    KeyDecl target = key("pilot.target_group", Type::Enum, Value{std::string("law_1269_2020")}, "",
                         "DOMAIN.md §2.1 (law 1269/2020); §6 (TE24: all jobseekers to the "
                         "municipal employment areas from 1.1.2025) [S86]",
                         "Who the pilots serve: `law_1269_2020`, the unemployed and those in "
                         "services without earnings-related allowance, under 30 or immigrants; "
                         "`everyone`, all jobseekers living in the area (TE24), with the region's "
                         "state staff (the TE office's counsellors, those the pilots took "
                         "included) split among the areas by resident share.");
    target.choices = {"law_1269_2020", "everyone"};
    s.add(target);
    // [population]
    s.add(fixed(with_range(key("population.scale", Type::Float, Value{1.0}, "", "assumption",
                               "Fraction of Finland's jobseekers to simulate (0.01 for quick "
                               "runs)."),
                           0.0, 10.0, true)));
    s.add(fixed(with_range(key("population.warmup_months", Type::Integer, Value{std::int64_t{12}},
                               "months", "assumption",
                               "Months simulated before scenario.start to fill the service "
                               "stocks; nothing from them is written."),
                           0.0, 120.0)));
    s.add(fixed(with_range(key("population.initial_unemployed", Type::Float, Value{251400.0},
                               "persons", "data/observed_monthly.csv, 2019-01 (TEM)",
                               "Unemployed jobseekers in the whole country at the start of the "
                               "warm-up, before scaling (at most 10 million: a sanity limit)."),
                           0.0, 10e6)));
    s.add(with_range(key("population.inflow_per_month", Type::Float, Value{40000.0},
                         "persons/month", "assumption",
                         "New unemployment spells per month in the whole country before scaling, "
                         "multiplied by labour_market.inflow_index (at most 1 million: a sanity "
                         "limit)."),
                     0.0, 1e6));
    s.add(with_range(key("population.age_shares", Type::ListOfNumbers,
                         Value{NumberList{0.122, 0.10, 0.42, 0.358}}, "",
                         "data/geography-population.md §4.1 (Dec 2020: <25 12.2 %, 50+ 35.6 %); "
                         "the 25-29 / 30-49 split is an assumption",
                         "Shares of new jobseekers aged 17-24, 25-29, 30-49 and 50-64."),
                     0.0, 1.0));
    s.add(with_range(key("population.earnings_related_shares", Type::ListOfNumbers,
                         Value{NumberList{0.05, 0.32, 0.36, 0.44}}, "",
                         "assumption, guided by Kela's age profile (data/geography-population.md "
                         "§4.5) and an overall share of about 0.45 (Dec 2021) with the laid off "
                         "(labour_market.laid_off_earnings_related) included",
                         "Share entitled to the earnings-related allowance, per age band of "
                         "population.age_shares."),
                     0.0, 1.0));
    s.add(with_range(key("population.foreign_language_share", Type::Float, Value{0.151}, "",
                         "data/geography-population.md §4.3 (Apr 2021: 47,975 of 318,400)",
                         "Share of foreign-language speakers among new jobseekers."),
                     0.0, 1.0));
    s.add(with_range(key("population.swedish_share", Type::Float, Value{0.05}, "", "assumption",
                         "Share of Swedish speakers among new jobseekers."),
                     0.0, 1.0));
    s.add(with_range(key("population.no_benefit_share", Type::Float, Value{0.05}, "",
                         "assumption (waiting periods, sanctions, students and others "
                         "registered without a benefit; not found, DOMAIN.md §7)",
                         "Of those without earnings-related allowance, the share with no "
                         "unemployment benefit at all (nothing is paid for them; they count as "
                         "not entitled to the earnings-related allowance)."),
                     0.0, 1.0));
    s.add(with_range(key("population.prior_lms_share", Type::Float, Value{0.0}, "",
                         "assumption, set in configs/default.toml",
                         "Share of new jobseekers on labour-market subsidy who bring subsidy days "
                         "from earlier spells (they count for the municipal share, TE24's steps "
                         "and the TYP trigger; 300 or more: TYP assessed before)."),
                     0.0, 1.0));
    s.add(with_range(key("population.prior_lms_days_mean", Type::Float, Value{500.0}, "days",
                         "assumption, set in configs/default.toml",
                         "Mean of those earlier subsidy days (exponential)."),
                     0.0, std::nullopt, true));
    s.add(
        with_range(key("population.labour_market_subsidy_share", Type::Float, Value{0.7}, "",
                       "assumption (the LMS / basic allowance split was not found, "
                       "DOMAIN.md §7)",
                       "Of those without earnings-related allowance and with a benefit, the share "
                       "on labour-market subsidy (the rest get basic allowance)."),
                   0.0, 1.0));
    s.add(with_range(key("population.need_shares", Type::ListOfNumbers,
                         Value{NumberList{0.4, 0.15, 0.12}}, "", "assumption",
                         "Shares of jobseekers with a skills/training need, a work-ability need "
                         "and a social/health need (independent draws)."),
                     0.0, 1.0));
    s.add(with_range(key("population.education_shares", Type::ListOfNumbers,
                         Value{NumberList{0.25, 0.55, 0.2}}, "",
                         "Statistics Finland, unemployed jobseekers at the end of 2018 (about "
                         "25 % no post-basic qualification or unknown, about half upper "
                         "secondary, about 20 % tertiary; stat.fi 17.12.2019); rounded",
                         "Shares of new jobseekers with basic (or unknown), upper secondary and "
                         "tertiary education."),
                     0.0, 1.0));
    // [labour_market]
    s.add(fixed(key("labour_market.index_start", Type::Date, Value{Date(2018, 1, 1)}, "", "",
                    "Month of the first value of labour_market.demand and inflow_index.")));
    s.add(with_range(key("labour_market.demand", Type::ListOfNumbers, Value{NumberList{1.0}}, "",
                         "analysis/fit_labour_market.py (fitted to data/observed_monthly.csv)",
                         "Monthly labour-demand index: multiplies the job-finding rate. One "
                         "value per month from index_start; a list shorter than the run "
                         "repeats its last value."),
                     0.0, std::nullopt));
    s.add(with_range(key("labour_market.inflow_index", Type::ListOfNumbers, Value{NumberList{1.0}},
                         "", "analysis/fit_labour_market.py (fitted to data/observed_monthly.csv)",
                         "Monthly multiplier of population.inflow_per_month, from index_start; "
                         "a list shorter than the run repeats its last value."),
                     0.0, std::nullopt));
    s.add(with_range(key("labour_market.job_finding_per_month", Type::Float, Value{0.2}, "1/month",
                         "assumption; mean spell about 5.4 months (DOMAIN.md §5.1)",
                         "Job-finding rate of an unemployed jobseeker at demand 1."),
                     0.0, std::nullopt));
    s.add(with_range(key("labour_market.duration_factors", Type::ListOfNumbers,
                         Value{NumberList{1.3, 1.0, 0.5}}, "",
                         "assumption; about half of spells end within 3 months "
                         "(data/geography-population.md §4.2)",
                         "Multipliers of the job-finding rate for unemployment durations under "
                         "3 months, 3-12 months and 12 months or more."),
                     0.0, std::nullopt));
    s.add(with_range(key("labour_market.need_factors", Type::ListOfNumbers,
                         Value{NumberList{0.9, 0.5, 0.6}}, "", "assumption",
                         "Multipliers of the job-finding rate for a skills, work-ability and "
                         "social/health need (multiplied together)."),
                     0.0, std::nullopt));
    s.add(with_range(key("labour_market.education_factors", Type::ListOfNumbers,
                         Value{NumberList{0.8, 1.0, 1.2}}, "",
                         "assumption (DOMAIN.md §3.1: the less educated gain most from "
                         "interviews [S82], i.e. find work more slowly on their own)",
                         "Multipliers of the job-finding rate for basic, upper secondary and "
                         "tertiary education."),
                     0.0, std::nullopt));
    s.add(with_range(key("labour_market.other_exit_per_month", Type::Float, Value{0.03}, "1/month",
                         "assumption",
                         "Rate of leaving the register for education, out of the labour force or "
                         "a move abroad."),
                     0.0, std::nullopt));
    s.add(with_range(key("labour_market.other_exit_shares", Type::ListOfNumbers,
                         Value{NumberList{0.25, 0.35, 0.1, 0.3}}, "",
                         "assumption (DOMAIN.md has no split of exits by destination)",
                         "How other exits divide: education, out of the labour force, moved "
                         "away, deregistered (weights)."),
                     0.0, 1.0));
    s.add(with_range(key("labour_market.registered_job_share", Type::Float, Value{0.3}, "",
                         "assumption; about 108,000 employed jobseekers on the open market "
                         "(Dec 2022, DOMAIN.md §5.1)",
                         "Share of jobs found that are short or part-time, so the jobseeker stays "
                         "registered as employed on the open market."),
                     0.0, 1.0));
    s.add(with_range(key("labour_market.registered_job_months", Type::Float, Value{4.0}, "months",
                         "assumption", "Mean length of such a job."),
                     0.0, std::nullopt, true));
    s.add(with_range(key("labour_market.return_after_job_share", Type::Float, Value{0.5}, "",
                         "assumption",
                         "Share of jobseekers who become unemployed again when such a job ends "
                         "(the rest leave the register)."),
                     0.0, 1.0));
    s.add(with_range(key("labour_market.reregister_share", Type::Float, Value{0.2}, "",
                         "assumption (re-registrations are not in DOMAIN.md or data/)",
                         "Share of those who leave the register (for work or another reason "
                         "other than a move away) who register again later, as a new spell."),
                     0.0, 1.0));
    s.add(with_range(key("labour_market.reregister_months", Type::Float, Value{6.0}, "months",
                         "assumption",
                         "Mean time out of the register before registering again "
                         "(exponential)."),
                     0.0, std::nullopt, true));
    s.add(
        with_range(key("labour_market.laid_off_share", Type::ListOfNumbers, Value{NumberList{}}, "",
                       "analysis/fit_laid_off.py (fitted to the fully_laid_off series of "
                       "data/observed_monthly.csv)",
                       "Monthly share of new jobseekers who are fully laid off (status 03), "
                       "from index_start (same rules as labour_market.demand); empty: none."),
                   0.0, 1.0));
    s.add(with_range(key("labour_market.recall_per_month", Type::Float, Value{0.3}, "1/month",
                         "assumption (the laid-off stock fell from 163,700 in April 2020 to "
                         "82,000 in July 2020, data/observed_monthly.csv)",
                         "Rate at which a laid-off jobseeker is taken back by the employer (on "
                         "top of the job-finding rate)."),
                     0.0, std::nullopt));
    s.add(with_range(key("labour_market.laid_off_earnings_related", Type::Float, Value{0.95}, "",
                         "assumption (the laid off have a work history); with it the pilots have "
                         "6,700 of the laid off in Dec 2021, as observed (DOMAIN.md §2.1)",
                         "Share of the laid off entitled to the earnings-related allowance."),
                     0.0, 1.0));
    // [process]: the law's contact and interview rules, the same for every provider
    s.add(with_range(key("process.initial_interview_working_days", Type::Integer,
                         Value{std::int64_t{10}}, "working days",
                         "DOMAIN.md §3.1: within 2 weeks until 1.5.2022, 5 working days from "
                         "2.5.2022 [S44][S45]",
                         "Deadline for the initial interview after registration."),
                     1.0, 250.0));
    s.add(with_range(key("process.interview_interval_days", Type::Integer, Value{std::int64_t{91}},
                         "days", "DOMAIN.md §3.1: every 3 months [S44]",
                         "Interval of periodic interviews while unemployed."),
                     1.0, 730.0));
    s.add(with_range(key("process.intensive_interval_days", Type::Integer, Value{std::int64_t{0}},
                         "days",
                         "DOMAIN.md §3.1: every 2 weeks in the first 3 months under the "
                         "Nordic model from 2.5.2022 [S46]",
                         "Interval of job-search discussions early in a spell; 0 = none."),
                     0.0, 365.0));
    s.add(with_range(key("process.intensive_period_days", Type::Integer, Value{std::int64_t{91}},
                         "days", "DOMAIN.md §3.1 [S46]",
                         "How long the intensive interval applies after registration."),
                     0.0, 730.0));
    s.add(with_range(key("process.interview_effect", Type::Float, Value{1.15}, "",
                         "assumption, sized to DOMAIN.md §10: a meeting missed through a "
                         "caseworker's absence makes unemployment about 5 % longer [S102]; the "
                         "2017 interview reform had small positive effects [S82]",
                         "Multiplier of the job-finding rate after an interview (advice, a "
                         "checked job-search plan)."),
                     0.0, std::nullopt));
    s.add(with_range(key("process.interview_effect_days", Type::Float, Value{30.0}, "days",
                         "assumption", "How long the effect of an interview lasts."),
                     0.0, std::nullopt));
    s.add(with_range(key("process.job_search_effect", Type::Float, Value{1.0}, "",
                         "assumption; DOMAIN.md §3.1: the Nordic model's 4 applications a month "
                         "from 2.5.2022, expected +9,500-10,000 employed with its other parts "
                         "[S46][S83]",
                         "Multiplier of the job-finding rate from a job-search obligation (the "
                         "laid off only from the 4th month of their spell). 1: none."),
                     0.0, std::nullopt));
    s.add(with_range(key("process.counsellor_minutes_per_day", Type::Float, Value{220.0}, "minutes",
                         "assumption (7.25 h days, about half on client work)",
                         "Client-work minutes of one full-time counsellor per working day."),
                     0.0, 1440.0));
    // [benefits]
    s.add(with_range(key("benefits.basic_daily_eur", Type::Float, Value{33.78}, "EUR/day",
                         "DOMAIN.md §5.2: 33.78 (2021), 34.50 (1-7/2022), 35.72 (8-12/2022) [S64]",
                         "Basic daily allowance, also the full labour-market subsidy."),
                     0.0, std::nullopt));
    s.add(with_range(key("benefits.earnings_related_daily_eur", Type::Float, Value{60.0}, "EUR/day",
                         "assumption, from an average wage basis of about 2,621 EUR/month "
                         "(DOMAIN.md §5.2 [S65])",
                         "Mean earnings-related daily allowance."),
                     0.0, std::nullopt));
    s.add(with_range(key("benefits.earnings_related_max_days", Type::Integer,
                         Value{std::int64_t{400}}, "benefit days",
                         "assumption: the usual maximum (300 with a short work history, 500 at "
                         "58+ are not modelled)",
                         "Days of earnings-related allowance before the jobseeker moves to "
                         "labour-market subsidy."),
                     1.0, 1000.0));
    s.add(with_range(key("benefits.pay_subsidy_wage_cost_eur_month", Type::Float, Value{2600.0},
                         "EUR/month",
                         "assumption, near the average wage basis of the earnings-related "
                         "allowance, about 2,621 EUR/month (DOMAIN.md §5.2 [S65])",
                         "Employer's wage cost of a pay-subsidised job, to which the subsidy "
                         "rate applies (up to the rule's cap)."),
                     0.0, std::nullopt));
    KeyDecl financing =
        key("benefits.municipal_financing", Type::Enum, Value{std::string("lms_2015")}, "",
            "DOMAIN.md §5.3 (2015-2024) [S67]; §6 (TE24 from 1.1.2025) [S86][S87]",
            "Who pays for long unemployment: `lms_2015`, municipalities pay a "
            "share of labour-market subsidy paid on the basis of unemployment by the "
            "rows of law.municipal_lms_share (from 2015: 50 % from 300 days and "
            "70 % from 1,000 days; invalid from 2025-01-01); `te24`, "
            "municipalities pay benefits.te24_shares of the basic allowance, the "
            "labour-market subsidy and the basic part of the earnings-related "
            "allowance, also during services, by the jobseeker's benefit days.");
    financing.choices = {"lms_2015", "te24"};
    s.add(financing);
    s.add(with_range(key("benefits.te24_share_from_days", Type::ListOfNumbers,
                         Value{NumberList{100, 200, 300, 400, 500, 700}}, "benefit days",
                         "Kela 29.5.2024: billing from day 101; City of Turku 15.4.2024: six "
                         "steps, 50 % after 700 days; the other steps are an assumption "
                         "(DOMAIN.md §7 item 7)",
                         "Under `te24`: benefit days after which each step of te24_shares "
                         "applies (ascending)."),
                     0.0, 5000.0));
    s.add(with_range(key("benefits.te24_shares", Type::ListOfNumbers,
                         Value{NumberList{0.1, 0.2, 0.3, 0.4, 0.45, 0.5}}, "",
                         "DOMAIN.md §6 (10/20/30 % believed, not verified); 50 % after 700 days "
                         "(City of Turku 15.4.2024); the rest an assumption",
                         "Under `te24`: the municipal share from each te24_share_from_days."),
                     0.0, 1.0));
    add_law_keys(s);
    // [regions.NAME]: the 15 TE-office regions
    s.add(fixed(key("regions.*.name", Type::String, Value{std::string()}, "", "",
                    "The region's name as written in reports.")));
    s.add(fixed(with_range(key("regions.*.jobseeker_share", Type::Float, std::nullopt, "",
                               "data/geography-population.md §2; assumption where not found",
                               "The region's share of the country's unemployed jobseekers; "
                               "the shares of all regions sum to 1."),
                           0.0, 1.0)));
    s.add(fixed(with_range(key("regions.*.demand_factor", Type::Float, Value{1.0}, "",
                               "assumption (data/ has no regional monthly series to fit)",
                               "Multiplies the region's labour-demand index (the job-finding "
                               "rate)."),
                           0.0, std::nullopt)));
    s.add(fixed(with_range(key("regions.*.demand", Type::ListOfNumbers, Value{NumberList{}}, "",
                               "assumption",
                               "The region's own monthly labour-demand index from "
                               "labour_market.index_start (same rules as "
                               "labour_market.demand); empty: the national index."),
                           0.0, std::nullopt)));
    // [service_models.NAME]: pathway graphs
    s.add(free_text(key("service_models.*.description", Type::String, Value{std::string()}, "", "",
                        "What the service model is, in a sentence.")));
    s.add(fixed(key("service_models.*.extends", Type::String, Value{std::string()}, "", "",
                    "Another service model this one starts from: every key of that model that "
                    "this one does not set is taken from it (a stage's `next` as a whole). "
                    "Dated changes ([[timeline]]) of the other model do not carry over.")));
    KeyDecl entry = key("service_models.*.entry", Type::Reference, std::nullopt, "", "",
                        "The stage a new client starts in.");
    entry.refers_to = "service_models.$1.stages";
    entry.timeline = false;
    s.add(entry);
    s.add(with_range(key("service_models.*.contact_minutes", Type::Float, Value{60.0}, "minutes",
                         "assumption", "Staff time of the first contact and initial interview."),
                     0.0, std::nullopt));
    s.add(with_range(key("service_models.*.interview_minutes", Type::Float, Value{40.0}, "minutes",
                         "assumption", "Staff time of a periodic interview."),
                     0.0, std::nullopt));
    s.add(with_range(key("service_models.*.assessment_minutes", Type::Float, Value{90.0}, "minutes",
                         "assumption",
                         "Extra staff time of a service-need assessment (skills, work ability, "
                         "social and health needs)."),
                     0.0, std::nullopt));
    s.add(with_range(key("service_models.*.assess_at_start", Type::Float, Value{0.3}, "",
                         "assumption (DESIGN.md: the pilots' strong start vs the TE office's "
                         "later assessment)",
                         "Probability that the initial interview includes a full assessment."),
                     0.0, 1.0));
    s.add(with_range(key("service_models.*.assess_at_interview", Type::Float, Value{0.1}, "",
                         "assumption",
                         "Probability that a periodic interview of a not yet assessed "
                         "jobseeker includes an assessment."),
                     0.0, 1.0));
    s.add(with_range(key("service_models.*.referral_assessed", Type::Float, Value{0.6}, "",
                         "assumption",
                         "Probability that an interview refers an assessed jobseeker with a need "
                         "to the service pathway (per 3 months: interviews held more often refer "
                         "proportionally less each)."),
                     0.0, 1.0));
    s.add(with_range(key("service_models.*.referral_other", Type::Float, Value{0.08}, "",
                         "assumption",
                         "Probability that an interview refers any other jobseeker to the "
                         "service pathway (per 3 months, like referral_assessed)."),
                     0.0, 1.0));
    s.add(key("service_models.*.typ_stage", Type::String, Value{std::string()}, "",
              "DOMAIN.md §3.2: TYP needs assessment after 300 days of labour-market subsidy or "
              "6 / 12 months of unemployment (law 1369/2014) [S50]",
              "Stage of the pathway a jobseeker enters when the TYP assessment becomes due "
              "(checked at each month end); empty: the model has no multi-professional joint "
              "service and only counts the referrals."));
    s.add(with_range(
        key("service_models.*.caseload_cap_per_counsellor", Type::Float, Value{0.0},
            "jobseekers/FTE",
            "assumption; DOMAIN.md §10: lower caseloads shorten unemployment [S100][S101]",
            "Most jobseekers a provider takes into personal service per counsellor; "
            "a new registration beyond it waits for its first contact until a "
            "client leaves (counted in intake_queue). 0: no cap."),
        0.0, std::nullopt));
    s.add(with_range(key("service_models.*.risk_thresholds", Type::ListOfNumbers,
                         Value{NumberList{}}, "probability",
                         "assumption; DOMAIN.md §10: Austria's AMS uses 3 groups [S103], Sweden 4 "
                         "risk classes targeting about 10 % of new registrants [S104]",
                         "Profiling at registration: the estimated risk of still being "
                         "unemployed 12 months on puts a jobseeker in risk group k when it is at "
                         "least the k-th threshold (ascending; three thresholds make four "
                         "groups). Empty: no profiling."),
                     0.0, 1.0));
    s.add(with_range(key("service_models.*.intensive_from_group", Type::Integer,
                         Value{std::int64_t{1}}, "", "assumption",
                         "Risk groups from this one up (0 = lowest) get early intensive support: "
                         "a full assessment at the first contact and referral_intensive."),
                     0.0, 10.0));
    s.add(with_range(key("service_models.*.referral_intensive", Type::Float, Value{0.0}, "",
                         "assumption",
                         "Referral probability per interview (as referral_assessed) for "
                         "jobseekers in intensive support, if higher than their usual one."),
                     0.0, 1.0));
    s.add(free_text(key("service_models.*.stages.*.description", Type::String, Value{std::string()},
                        "", "", "What happens in the stage.")));
    s.add(fixed(key("service_models.*.stages.*.exit", Type::Bool, Value{false}, "", "",
                    "True for an absorbing exit (e.g. open-market employment); exits have no "
                    "`next`.")));
    s.add(with_range(key("service_models.*.stages.*.servers", Type::Integer, Value{std::int64_t{0}},
                         "clients at once", "assumption",
                         "Clients the stage serves at once; 0 means no limit (no queue)."),
                     0.0, std::nullopt));
    KeyDecl dist =
        key("service_models.*.stages.*.duration", Type::Enum, Value{std::string("exponential")}, "",
            "assumption", "Distribution of the time spent in the stage.");
    dist.choices = {"none", "fixed", "exponential", "lognormal", "gamma"};
    s.add(dist);
    s.add(with_range(key("service_models.*.stages.*.duration_mean_days", Type::Float, Value{0.0},
                         "days", "assumption",
                         "Mean time in the stage (0 with duration = none; at most 100 years)."),
                     0.0, 36525.0));
    s.add(with_range(key("service_models.*.stages.*.duration_cv", Type::Float, Value{1.0}, "",
                         "assumption",
                         "Coefficient of variation of the time in the stage (lognormal, gamma; "
                         "0.01 to 10, the range in which their samplers are sound)."),
                     0.01, 10.0));
    s.add(with_range(key("service_models.*.stages.*.arrivals_per_day", Type::Float, Value{0.0},
                         "clients per day", "assumption",
                         "Poisson arrivals from outside straight into this stage (queueing "
                         "examples; jobseekers arrive through the population model)."),
                     0.0, std::nullopt));
    KeyDecl status = key("service_models.*.stages.*.status", Type::Enum,
                         Value{std::string("in_services")}, "", "DOMAIN.md §2.1 (register codes)",
                         "The jobseeker's register status while in the stage.");
    status.choices = {"unemployed", "in_services", "in_training", "employed_subsidised"};
    s.add(status);
    KeyDecl stage_kind = key("service_models.*.stages.*.kind", Type::Enum,
                             Value{std::string("other")}, "", "DOMAIN.md §3.2",
                             "Which employment service the stage is: the output counts starts, "
                             "stock, waits and spending per service, and budgets name services. "
                             "The rules of a service are the stage's own keys (paid_as, "
                             "min_days, max_days).");
    for (std::size_t k = 0; k < agents::kServiceKindCount; ++k) {
        stage_kind.choices.emplace_back(
            agents::service_kind_name(static_cast<agents::ServiceKind>(k)));
    }
    s.add(stage_kind);
    KeyDecl needs = key("service_models.*.stages.*.requires", Type::Enum,
                        Value{std::string("none")}, "", "assumption",
                        "A need the jobseeker must have (found by an assessment) to be routed "
                        "to this stage; other stages share its probability. "
                        "`foreign_language` is known from registration (integration "
                        "training).");
    needs.choices = {"none", "skills", "work_ability", "social", "foreign_language"};
    s.add(needs);
    s.add(with_range(key("service_models.*.stages.*.closed_months", Type::ListOfNumbers,
                         Value{NumberList{}}, "month numbers (1-12)",
                         "assumption; the training stock (status 08) is lowest in June-July "
                         "(data/observed_monthly.csv)",
                         "Calendar months in which the stage starts nobody (e.g. [7]: courses "
                         "have a summer break); referrals wait, unemployed, for the next open "
                         "month."),
                     1.0, 12.0));
    s.add(with_range(key("service_models.*.stages.*.lock_in", Type::Float, Value{1.0}, "",
                         "assumption", "Multiplier of the job-finding rate while in the stage."),
                     0.0, std::nullopt));
    s.add(with_range(key("service_models.*.stages.*.after_effect", Type::Float, Value{1.0}, "",
                         "assumption; DOMAIN.md §3.2: 22 % / 25 % in work 3 / 6 months after "
                         "any service, 50 % 2 months after training",
                         "Multiplier of the job-finding rate after the stage ends."),
                     0.0, std::nullopt));
    s.add(with_range(key("service_models.*.stages.*.after_effect_months", Type::Float, Value{0.0},
                         "months", "assumption", "How long the after-effect lasts."),
                     0.0, std::nullopt));
    KeyDecl paid_as = key("service_models.*.stages.*.paid_as", Type::Enum,
                          Value{std::string("cost_per_day")}, "", "DOMAIN.md §3.2",
                          "What a day in the stage costs the state: `cost_per_day` "
                          "(cost_per_day_eur); `basic_allowance` (the basic daily allowance, five "
                          "days a week: the start-up grant [S57]); `pay_subsidy` (length and cost "
                          "by the row of law.pay_subsidy in force on the start date, instead of "
                          "duration, min_days, max_days and cost_per_day_eur).");
    paid_as.choices = {"cost_per_day", "basic_allowance", "pay_subsidy"};
    s.add(paid_as);
    s.add(with_range(key("service_models.*.stages.*.min_days", Type::Float, Value{0.0}, "days",
                         "DOMAIN.md §3.2 (rehabilitative work activity at least 3 months [S51])",
                         "Shortest stay: shorter drawn durations are lengthened (0: no limit)."),
                     0.0, std::nullopt));
    s.add(with_range(key("service_models.*.stages.*.max_days", Type::Float, Value{0.0}, "days",
                         "DOMAIN.md §3.2 (work trial at most 6 months [S53], rehabilitative "
                         "work 24 months [S51], start-up grant 12 months [S57])",
                         "Longest stay: longer drawn durations are cut (0: no limit)."),
                     0.0, std::nullopt));
    s.add(with_range(key("service_models.*.stages.*.cost_per_day_eur", Type::Float, Value{0.0},
                         "EUR/day", "DOMAIN.md §5.4 (training 51.5 EUR per student-day [S58])",
                         "State cost per calendar day in the stage."),
                     0.0, std::nullopt));
    s.add(with_range(key("service_models.*.stages.*.next.*", Type::Float, std::nullopt, "", "",
                         "Probability of moving on to the named stage when this one ends; "
                         "each stage's probabilities sum to 1."),
                     0.0, 1.0));
    // [providers.NAME]
    KeyDecl kind = fixed(key("providers.*.kind", Type::Enum, std::nullopt, "", "DOMAIN.md §1",
                             "A state TE office or a municipal pilot area."));
    kind.choices = {"te_office", "pilot"};
    s.add(kind);
    KeyDecl region = fixed(key("providers.*.region", Type::Reference, std::nullopt, "",
                               "DOMAIN.md §1.3; data/geography-population.md §2",
                               "The TE-office region the provider belongs to."));
    region.refers_to = "regions";
    s.add(region);
    s.add(fixed(
        with_range(key("providers.*.resident_share", Type::Float, Value{0.0}, "", "assumption",
                       "Pilots: share of the region's jobseekers who live in the pilot's "
                       "municipalities (the TE office serves the rest of the region)."),
                   0.0, 1.0)));
    s.add(with_range(key("providers.*.counsellors", Type::Float, Value{0.0}, "FTE", "assumption",
                         "State staff (full-time equivalents) doing client work: a TE office's "
                         "staff before pilot.start; a pilot's staff moved to it from its "
                         "region's TE office on pilot.start."),
                     0.0, std::nullopt));
    s.add(with_range(key("providers.*.municipal_counsellors", Type::Float, Value{0.0}, "FTE",
                         "assumption",
                         "Pilots: the municipalities' own staff doing client work, added to the "
                         "moved state staff from pilot.start."),
                     0.0, std::nullopt));
    s.add(fixed(key("providers.*.municipalities", Type::ListOfStrings, Value{StringList{}}, "",
                    "DOMAIN.md §1.3; data/geography-population.md §1.2",
                    "Member municipalities of a pilot area (empty for a TE office, which serves "
                    "the rest of its region).")));
    KeyDecl model = key("providers.*.service_model", Type::Reference, std::nullopt, "", "",
                        "The service model the provider runs.");
    model.refers_to = "service_models";
    s.add(model);
    // [budgets.NAME]
    KeyDecl bprov = fixed(key("budgets.*.provider", Type::Reference, Value{std::string()}, "", "",
                              "The provider whose money this is (a pilot's pay-subsidy and "
                              "start-up-grant budget); leave out for a regional budget."));
    bprov.refers_to = "providers";
    s.add(bprov);
    KeyDecl bregion = fixed(key("budgets.*.region", Type::Reference, Value{std::string()}, "", "",
                                "The region all of whose providers share the money (training "
                                "bought by the ELY centre); leave out for a provider's budget."));
    bregion.refers_to = "regions";
    s.add(bregion);
    s.add(fixed(key("budgets.*.services", Type::ListOfStrings, std::nullopt, "", "DOMAIN.md §5.4",
                    "The services (values of service_models.*.stages.*.kind) the budget pays "
                    "for.")));
    s.add(fixed(with_range(key("budgets.*.eur_per_year", Type::Float, std::nullopt, "EUR/year",
                               "assumption (DOMAIN.md §5.4 has national totals only)",
                               "Money per calendar year at population.scale 1. A start commits "
                               "the service's whole cost; overspending is not carried over."),
                           0.0, std::nullopt)));
    KeyDecl exhausted = fixed(key("budgets.*.when_exhausted", Type::Enum,
                                  Value{std::string("refuse")}, "", "assumption",
                                  "What a referral gets once the year's money is spent: "
                                  "`refuse` (back to job search, counted in budget_refusals) "
                                  "or `queue` (waits for next year's money, counted in "
                                  "budget_queue)."));
    exhausted.choices = {"refuse", "queue"};
    s.add(exhausted);
    return s;
}

} // namespace

const Schema& scenario_schema() {
    static const Schema schema = build();
    return schema;
}

} // namespace kokeilu::scenario
