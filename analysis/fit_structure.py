#!/usr/bin/python3
"""Fit the labour market's few structural parameters to the observed stocks and flows.

Replaces the per-month fit of analysis/fit_labour_market.py and fit_laid_off.py (issue 15):
the demand index follows the observed vacancies (labour_market.vacancy_elasticity), the
inflow has a constant level with seasonal registrants who go back on a known date, and the
2020 lay-offs are dated events ([[timeline]] entries), so the scenario holds no list of
per-month fitted values.

Parameters (fitted in logs, shares in logits, so they stay in range):
  job_finding       labour_market.job_finding_per_month (the vacancy elasticity is held at 0.5)
  inflow            population.inflow_per_month
  summer_june, summer_july
                    labour_market.seasonal_registrants of those months (they go back in
                    mid-August, the school year's start: assumption)
  job_end_december, job_end_may
                    labour_market.job_end_seasons of December and May: short jobs end with the
                    year and the school year (the register's December rise is in periods
                    started, not in registrations: docs/VALIDATION.md)
  covid_march, covid_april, covid_may
                    population.inflow_per_month in March, April and May 2020 (dated events)
  laid_off          labour_market.laid_off_share outside the pandemic
  laid_off_covid    the share in March-May 2020, laid_off_2020 from June 2020 to June 2021
  registered_job, other_exit, return_after_job
                    labour_market.registered_job_share, other_exit_per_month and
                    return_after_job_share: how many leave the register and how many move
                    between statuses inside it (the register's periods against registrations)
  age_55_plus       labour_market.age_factors of those aged 55 and over (under 50 at 1; 50-54
                    halfway in logs, assumption): the register's stock by age and the
                    long-term unemployed by age
  referral_55_plus  process.referral_age_factors of those aged 55 and over (50-54 halfway in
                    logs): older jobseekers referred to services less often, so fewer of their
                    spells are broken in the register's long-term count
  inflow_under_25, inflow_50_plus
                    population.age_shares of new jobseekers under 25 and aged 50-64 (25-49
                    share the rest 10 : 42, as in the default): the stock's shares were used as
                    the inflow's, which the fit corrects (the young leave faster)

Targets (relative errors, weighted): the national unemployed stock and the fully laid off of
data/observed_monthly.csv in the fitted months, the register's flows of DOMAIN.md §12
(unemployment periods started and new registrations, Sep-Oct 2021-2022), the shares under 25
and 55 and over of the unemployed stock (data/geography-population.md §4.1, TEM) and the share
aged 55-64 of the long-term unemployed at the end of 2021 (§4.1, Statistics Finland: 41,400 of
105,600). The level of the long-term unemployed stays out of the fit. Months from
--holdout-from on, December 2022's flows and the long-term unemployed are kept out of the fit
and printed as checks.

Method: Levenberg-Marquardt on finite differences of whole runs with the same seed (common
random numbers, so the objective is smooth enough for steps of a few per cent).

Example (about 2 s a run at 10 % scale on 2 cores):
  /usr/bin/python3 analysis/fit_structure.py --scale 0.1 --iterations 6 --out /tmp/fit.toml

Output: a TOML fragment for configs/default.toml (`[labour_market]`, `[population]` keys and
the dated [[timeline]] entries) and the fit and held-out errors.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

NAMES = ["job_finding", "inflow", "summer_june", "summer_july", "job_end_december",
         "job_end_may", "covid_march", "covid_april", "covid_may", "laid_off", "laid_off_covid",
         "laid_off_2020", "registered_job", "other_exit", "return_after_job", "age_55_plus",
         "inflow_under_25", "inflow_50_plus", "referral_55_plus"]
# The third fit's values (docs/VALIDATION.md), no age term in referral.
START = [0.0296, 10551.0, 6292.0, 9944.0, 30.85, 1.216, 65209.0, 240320.0, 23816.0, 0.2848,
         0.7825, 0.9939, 0.2842, 0.01459, 0.4173, 0.1113, 0.1571, 0.3215, 1.0]

# Not fitted: the elasticity of the job-finding rate with respect to vacancies. Petrongolo and
# Pissarides (2001, J. Econ. Lit. 39(2), "Looking into the black box: a survey of the matching
# function") put the elasticity of hires with respect to vacancies at 0.3-0.5; fitted freely it
# ran to 4-7 with a base rate near zero (the flows into services and other exits then carry the
# stock), so it is held at the top of that range.
ELASTICITY = 0.5

# Not fitted: jobseekers leave for a pension at the lowest old-age pension age, 64 for those
# born 1958-1961 (63-64 for 1954-1961; Finnish Centre for Pensions), the cohorts that reach it
# in 2019-2025.
RETIREMENT_AGE = 64.0

# The register's flows (DOMAIN.md §12; TEM Työllisyyskatsaus Oct 2022): month -> value.
PERIODS_STARTED = {"2021-10": 35700.0, "2022-09": 32300.0, "2022-10": 35900.0}
REGISTRATIONS = {"2021-10": 11100.0, "2022-10": 14000.0}
HELD_OUT_FLOWS = {("unemployment_periods_started", "2022-12"): 48200.0,
                  ("inflow", "2022-12"): 17300.0}
LONG_TERM = {"2019-12": 63000.0, "2021-12": 107300.0, "2023-08": 90800.0}
# The register's unemployed by age (data/geography-population.md §4.1, TEM Employment
# Bulletin): month -> (total, under 25, 55 and over). Fitted as shares of the total.
BY_AGE = {"2019-12": (257700.0, 32800.0, 66100.0), "2020-09": (315800.0, 38100.0, 79000.0),
          "2020-10": (312700.0, 36300.0, 79900.0), "2020-11": (314500.0, 36000.0, 81100.0),
          "2020-12": (357400.0, 43700.0, 88300.0), "2021-03": (331500.0, 40600.0, 84600.0),
          "2021-04": (318400.0, 38600.0, 82500.0), "2021-07": (322600.0, 40300.0, 80700.0),
          "2022-03": (250700.0, 26300.0, 73200.0), "2022-05": (235400.0, 24900.0, 68000.0)}
HELD_OUT_AGE = {"2020-10", "2021-04", "2022-05"}
# The long-term unemployed aged 55-64 at the end of 2021: 41,400 of 105,600 (§4.1, Statistics
# Finland, Työssäkäynti 2021).
LONG_TERM_55 = ("2021-12", 41400.0 / 105600.0)


def scenario_text(p: dict) -> str:
    """The scenario of one evaluation: the default with these parameters."""
    seasonal = [0.0] * 12
    seasonal[5], seasonal[6] = p["summer_june"], p["summer_july"]
    back = [2.0] * 12
    back[5], back[6] = 2.5, 1.5          # mid-August (assumption: the school year)
    job_end = [1.0] * 12
    job_end[11], job_end[4] = p["job_end_december"], p["job_end_may"]
    lst = lambda xs: "[" + ", ".join(f"{x:.4g}" for x in xs) + "]"
    lines = [
        'extends = "default.toml"',
        "[population]",
        f"inflow_per_month = {p['inflow']:.1f}",
        "[labour_market]",
        "demand = [1.0]",
        "inflow_index = [1.0]",
        f"job_finding_per_month = {p['job_finding']:.5f}",
        f"vacancy_elasticity = {ELASTICITY}",
        f"retirement_age = {RETIREMENT_AGE}",
        f"registered_job_share = {p['registered_job']:.4f}",
        f"other_exit_per_month = {p['other_exit']:.5f}",
        f"return_after_job_share = {p['return_after_job']:.4f}",
        f"seasonal_registrants = {lst(seasonal)}",
        f"seasonal_return_months = {lst(back)}",
        f"job_end_seasons = {lst(job_end)}",
        f"laid_off_share = [{p['laid_off']:.4f}]",
        f"age_factors = {lst([1.0, 1.0, 1.0, p['age_55_plus'] ** 0.5, p['age_55_plus']])}",
    ]
    lines += ["[process]", "referral_age_factors = " +
              lst([1.0, 1.0, 1.0, p["referral_55_plus"] ** 0.5, p["referral_55_plus"]])]
    rest = 1.0 - p["inflow_under_25"] - p["inflow_50_plus"]
    ages = [p["inflow_under_25"], rest * 10 / 52, rest * 42 / 52, p["inflow_50_plus"]]
    lines[2:2] = [f"age_shares = {lst(ages)}"]
    events = [
        ("2020-03-01", p["covid_march"], p["laid_off_covid"], "COVID-19 lay-offs: March 2020"),
        ("2020-04-01", p["covid_april"], p["laid_off_covid"], "COVID-19 lay-offs: April 2020"),
        ("2020-05-01", p["covid_may"], p["laid_off_covid"], "COVID-19 lay-offs: May 2020"),
        ("2020-06-01", p["inflow"], p["laid_off_2020"], "COVID-19: lay-offs above normal"),
        ("2021-07-01", p["inflow"], p["laid_off"], "COVID-19: lay-offs back to normal"),
    ]
    for date, inflow, share, note in events:
        lines += ["[[timeline]]", f"date = {date}", f'note = "{note}"',
                  f'set = {{ "population.inflow_per_month" = {inflow:.1f}, '
                  f'"labour_market.laid_off_share" = [{share:.4f}] }}']
    return "\n".join(lines) + "\n"


def national(path: str, measures: list[str]) -> dict[tuple[str, str], float]:
    """National totals (over providers and the four person groups) of some measures."""
    out: dict[tuple[str, str], float] = {}
    with h5py.File(path, "r") as f:
        rows = f["monthly/rows"][:]
        months = [b.decode() for b in f["dimensions/months"]["month"]]
        mnames = [b.decode() for b in f["dimensions/measures"]["name"]]
        gnames = [b.decode() for b in f["dimensions/target_groups"]["name"]]
    all_group = gnames.index("all")
    keep = rows["target_group"] != all_group
    for m in measures:
        code = mnames.index(m)
        sel = rows[keep & (rows["measure"] == code)]
        sums = np.bincount(sel["month"], weights=sel["value"], minlength=len(months))
        for k, month in enumerate(months):
            out[(m, month[:7])] = float(sums[k])
    return out


def age_shares(path: str) -> dict[tuple[str, str], float]:
    """Shares of the national stocks by age band: of the unemployed under 25 and 55 and over,
    and of the long-term unemployed (register count) aged 55-64."""
    with h5py.File(path, "r") as f:
        rows = f["breakdowns/rows"][:]
        months = [b.decode()[:7] for b in f["dimensions/months"]["month"]]
        mnames = [b.decode() for b in f["dimensions/measures"]["name"]]
        groups = [(b.decode(), n.decode()) for b, n in f["dimensions/breakdown_groups"]]
    band = {n: k for k, (b, n) in enumerate(groups) if b == "age_band"}

    def by_group(measure: str) -> np.ndarray:
        sel = rows[rows["measure"] == mnames.index(measure)]
        out = np.zeros((len(groups), len(months)))
        np.add.at(out, (sel["group"], sel["month"]), sel["value"])
        return out

    u, lt = by_group("unemployed"), by_group("unemployed_12m_continuous")
    ages = list(band.values())
    total, lt_total = u[ages].sum(axis=0), lt[ages].sum(axis=0)
    out = {}
    for k, month in enumerate(months):
        out[("share_under_25", month)] = u[band["under_25"], k] / max(total[k], 1.0)
        out[("share_55_plus", month)] = ((u[band["55_64"], k] + u[band["65_plus"], k]) /
                                         max(total[k], 1.0))
        out[("long_term_share_55_64", month)] = lt[band["55_64"], k] / max(lt_total[k], 1.0)
    return out


MEASURES = ["unemployed", "unemployed_laid_off", "unemployment_periods_started", "inflow",
            "unemployed_12m_continuous", "unemployed_12m_plus"]


def run(args, p: dict, workdir: str) -> dict:
    scen = os.path.join(workdir, "fit.toml")
    with open(scen, "w") as f:
        f.write(scenario_text(p))
    out = os.path.join(workdir, "fit.h5")
    cmd = [args.kokeilu, "run", scen, "-o", out, "--force", "--quiet", "--threads",
           str(args.threads), "--set", f"population.scale={args.scale}",
           "--set", f"scenario.seed={args.seed}"]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit(f"run failed ({res.returncode}): {' '.join(cmd)}\n{res.stderr}")
    return {**national(out, MEASURES), **age_shares(out)}


def read_observed() -> dict[tuple[str, str], float]:
    obs = {}
    with open(os.path.join(ROOT, "data", "observed_monthly.csv")) as f:
        for r in csv.DictReader(f):
            obs[(r["series"], r["month"])] = float(r["value"])
    return obs


def targets(obs, holdout_from: str):
    """(measure, month, observed, weight) of the fit, and the held-out checks."""
    fit, held = [], []
    for (series, month), v in sorted(obs.items()):
        measure = {"unemployed_jobseekers": "unemployed",
                   "fully_laid_off": "unemployed_laid_off"}.get(series)
        if measure is None:
            continue
        weight = 1.0 if measure == "unemployed" else 0.3
        (held if month >= holdout_from else fit).append((measure, month, v, weight))
    for month, v in PERIODS_STARTED.items():
        fit.append(("unemployment_periods_started", month, v, 2.0))
    for month, v in REGISTRATIONS.items():
        fit.append(("inflow", month, v, 2.0))
    for (measure, month), v in HELD_OUT_FLOWS.items():
        held.append((measure, month, v, 1.0))
    for month, v in LONG_TERM.items():
        held.append(("unemployed_12m_continuous", month, v, 1.0))
    for month, (total, young, old) in BY_AGE.items():
        rows = held if month in HELD_OUT_AGE else fit
        rows.append(("share_under_25", month, young / total, 1.0))
        rows.append(("share_55_plus", month, old / total, 1.0))
    fit.append(("long_term_share_55_64", LONG_TERM_55[0], LONG_TERM_55[1], 2.0))
    return fit, held


SHARES = {"laid_off", "laid_off_covid", "laid_off_2020", "registered_job", "return_after_job",
          "inflow_under_25", "inflow_50_plus"}


def to_values(y) -> dict:
    """Parameters from the fitted coordinates: logits for shares, logs for the rest."""
    return {n: (1.0 / (1.0 + np.exp(-v)) if n in SHARES else float(np.exp(v)))
            for n, v in zip(NAMES, y)}


def to_coordinates(values) -> np.ndarray:
    return np.array([np.log(v / (1.0 - v)) if n in SHARES else np.log(v)
                     for n, v in zip(NAMES, values)])


def residuals(sim, rows):
    return np.array([w * (sim[(m, k)] / v - 1.0) for m, k, v, w in rows])


def fit(args):
    obs = read_observed()
    fit_rows, held_rows = targets(obs, args.holdout_from)
    x = to_coordinates(START if args.start is None else json.load(open(args.start)))
    lam = 1e-2
    with tempfile.TemporaryDirectory() as workdir:
        evaluate = lambda xv: run(args, to_values(xv), workdir)
        sim = evaluate(x)
        r = residuals(sim, fit_rows)
        for it in range(args.iterations):
            print(f"iteration {it}: objective {r @ r:.5f}", flush=True)
            jac = np.empty((len(r), len(x)))
            for j in range(len(x)):
                step = np.zeros_like(x)
                step[j] = args.step
                jac[:, j] = (residuals(evaluate(x + step), fit_rows) - r) / args.step
            while True:
                a = jac.T @ jac
                dx = np.linalg.solve(a + lam * np.diag(np.diag(a) + 1e-9), -jac.T @ r)
                dx = np.clip(dx, -0.5, 0.5)
                sim_new = evaluate(x + dx)
                r_new = residuals(sim_new, fit_rows)
                if r_new @ r_new < r @ r:
                    x, r, sim, lam = x + dx, r_new, sim_new, lam / 3
                    break
                lam *= 4
                if lam > 1e4:
                    break
            if lam > 1e4:
                break
            if args.save:
                json.dump(list(to_values(x).values()), open(args.save, "w"))
    return to_values(x), sim, fit_rows, held_rows, r


def report(p, sim, fit_rows, held_rows, r):
    print(f"objective {r @ r:.5f}")
    for k, v in p.items():
        print(f"  {k:16s} {v:.5g}")
    for title, rows in (("fitted", fit_rows), ("held out", held_rows)):
        print(f"{title}:")
        errs = []
        for m, k, v, w in rows:
            e = sim[(m, k)] / v - 1.0
            errs.append((m, e))
            print(f"  {m:30s} {k} observed {v:9.4g} simulated {sim[(m, k)]:9.4g} {100 * e:+6.1f} %")
        for m in sorted({m for m, _ in errs}):
            es = np.array([e for mm, e in errs if mm == m])
            print(f"  RMS {m}: {100 * np.sqrt(np.mean(es ** 2)):.1f} % over {len(es)}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kokeilu", default=os.path.join(ROOT, "build", "release", "app", "kokeilu"))
    ap.add_argument("--scale", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--iterations", type=int, default=6)
    ap.add_argument("--step", type=float, default=0.05, help="finite-difference step in logs")
    ap.add_argument("--holdout-from", default="2023-07", help="months from here are checks only")
    ap.add_argument("--start", help="JSON list of starting values (from --save)")
    ap.add_argument("--save", help="write the current values here after each iteration (JSON)")
    ap.add_argument("--out", help="write the scenario fragment here")
    args = ap.parse_args(argv)
    p, sim, fit_rows, held_rows, r = fit(args)
    report(p, sim, fit_rows, held_rows, r)
    if args.out:
        with open(args.out, "w") as f:
            f.write(scenario_text(p))
    return 0


if __name__ == "__main__":
    sys.exit(main())
