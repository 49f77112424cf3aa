#!/usr/bin/python3
"""Compare a run of the default scenario with the validation targets of DOMAIN.md §9 (items
1-5), the register's monthly flows (6), the long-term unemployed (7) and the observed national monthly unemployed series.

Reads the run's monthly.csv (`kokeilu run --csv DIR` writes DIR/monthly.csv) and prints a
Markdown table: target, month, simulated, observed, relative difference, within the tolerance.
Stocks are national (or pilot) totals: summed over providers and over target groups other
than `all`, averaged over replications. Pilot totals are the rows with provider_kind `pilot`.

Without --check it is a report and exits 0 (2 if the file cannot be read). With --check TOL
(e.g. 0.10 or 10%) it exits 1 if any item is missing or outside ±TOL.

Example:
  /usr/bin/python3 analysis/validate_default.py results/validation/run/monthly.csv
  /usr/bin/python3 analysis/validate_default.py results/validation/run/monthly.csv --check 10%
"""

from __future__ import annotations

import argparse
import math
import os
import sys

import numpy as np
import pandas as pd

DEFAULT_OBSERVED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data",
                                "observed_monthly.csv")

# DOMAIN.md §9, items 1-5 (TEM). (item, label, month or year, observed, kind)
# kind: "pilot:<measure>", "pilot_share_unemployed", "national_avg", "national:<measure>".
PILOT_EMPLOYED = ("employed_subsidised", "employed_open_market")
TARGETS = [
    (1, "Pilot jobseekers", "2021-10", 229060, "pilot:jobseekers"),
    (1, "Pilot jobseekers", "2021-12", 234180, "pilot:jobseekers"),
    (1, "Pilot jobseekers", "2022-06", 237200, "pilot:jobseekers"),
    (1, "Pilot jobseekers", "2022-12", 234200, "pilot:jobseekers"),
    (2, "Unemployed share of pilot jobseekers", "2021-10", 0.60, "pilot_share_unemployed"),
    (2, "Unemployed share of pilot jobseekers", "2021-12", 0.61, "pilot_share_unemployed"),
    (2, "Unemployed share of pilot jobseekers", "2022-07", 0.64, "pilot_share_unemployed"),
    (3, "Pilot unemployed", "2021-12", 143600, "pilot:unemployed"),
    (3, "Pilot in training", "2021-12", 31481, "pilot:in_training"),
    (3, "Pilot in services", "2021-12", 14597, "pilot:in_services"),
    (3, "Pilot employed (subsidised + open market)", "2021-12", 38973, "pilot:employed"),
    (3, "Pilot employed, subsidised", "2021-12", 10982, "pilot:employed_subsidised"),
    (4, "National unemployed, annual average", "2020", 342400, "national_avg"),
    (4, "National unemployed, annual average", "2021", 298600, "national_avg"),
    (5, "National unemployed, year end", "2019-12", 257700, "national:unemployed"),
    (5, "National unemployed, year end", "2020-12", 357400, "national:unemployed"),
    (5, "National unemployed, year end", "2021-12", 275300, "national:unemployed"),
    (5, "National unemployed, year end", "2022-12", 260400, "national:unemployed"),
    (5, "National unemployed, year end", "2023-12", 297600, "national:unemployed"),
    # Register flows (DOMAIN.md §5.1 [S28] and §12, TEM Employment Bulletin): unemployment
    # periods started in the month (new registrations and returns from services and short
    # jobs), and new unemployed job searches (registrations only).
    (6, "National unemployment periods started", "2021-10", 35700,
     "national:unemployment_periods_started"),
    (6, "National unemployment periods started", "2022-12", 48200,
     "national:unemployment_periods_started"),
    (6, "National new unemployed job searches", "2022-12", 17300, "national:inflow"),
    # Long-term unemployed (DOMAIN.md §5.1: TEM; 12 months without a break, Statistics Finland
    # table 12ub), against the register's definition in the model.
    (7, "National long-term unemployed", "2019-12", 63000, "national:unemployed_12m_continuous"),
    (7, "National long-term unemployed", "2021-12", 107300, "national:unemployed_12m_continuous"),
    (7, "National long-term unemployed", "2023-08", 90800, "national:unemployed_12m_continuous"),
]


def load(csv_path: str, scenario: str | None) -> tuple[pd.DataFrame, str]:
    df = pd.read_csv(csv_path, dtype={"month": str, "provider": str, "target_group": str})
    need = {"scenario", "replication", "month", "provider", "provider_kind", "target_group",
            "measure", "value"}
    missing = need - set(df.columns)
    if missing:
        raise ValueError(f"{csv_path}: missing columns {sorted(missing)}")
    names = list(dict.fromkeys(df["scenario"].astype(str)))
    if not names:
        raise ValueError(f"{csv_path}: no rows")
    name = scenario if scenario is not None else names[0]
    if name not in names:
        raise ValueError(f"{csv_path}: no scenario {name!r} (has {names})")
    df = df[df["scenario"].astype(str) == name]
    groups = df["target_group"].astype(str)
    if (groups != "all").any():
        df = df[groups != "all"]
    df = df.assign(value=pd.to_numeric(df["value"], errors="coerce"))
    return df, name


def stock(df: pd.DataFrame, measure: str, pilot: bool) -> pd.Series:
    """Month -> total of a measure (national, or over pilot providers), mean over replications."""
    d = df[df["measure"] == measure]
    if pilot:
        d = d[d["provider_kind"] == "pilot"]
    if d.empty:
        return pd.Series(dtype=float)
    per_rep = d.groupby(["replication", "month"])["value"].sum()
    return per_rep.groupby(level="month").mean()


def value_at(series: pd.Series, month: str) -> float:
    return float(series[month]) if month in series.index else math.nan


def simulated(df: pd.DataFrame, when: str, kind: str, cache: dict) -> float:
    def get(measure, pilot):
        key = (measure, pilot)
        if key not in cache:
            cache[key] = stock(df, measure, pilot)
        return cache[key]

    if kind == "pilot_share_unemployed":
        u = value_at(get("unemployed", True), when)
        j = value_at(get("jobseekers", True), when)
        return u / j if j and not math.isnan(j) else math.nan
    if kind == "national_avg":
        s = get("unemployed", False)
        months = [f"{when}-{m:02d}" for m in range(1, 13)]
        if not all(m in s.index for m in months):
            return math.nan
        return float(np.mean([s[m] for m in months]))
    where, measure = kind.split(":")
    pilot = where == "pilot"
    if measure == "employed":
        parts = [value_at(get(m, pilot), when) for m in PILOT_EMPLOYED]
        return float(sum(parts))
    return value_at(get(measure, pilot), when)


def fmt(v: float, share: bool) -> str:
    if v is None or math.isnan(v):
        return "n/a"
    return f"{v * 100:.1f} %" if share else f"{v:,.0f}"


def parse_tolerance(text: str) -> float:
    t = text.strip()
    if t.endswith("%"):
        return float(t[:-1]) / 100
    v = float(t)
    return v / 100 if v >= 1 else v


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="See docs/VALIDATION.md.")
    ap.add_argument("monthly_csv", help="monthly.csv of a run (kokeilu run --csv DIR)")
    ap.add_argument("--observed", default=DEFAULT_OBSERVED,
                    help="observed_monthly.csv for the monthly RMS (default: %(default)s)")
    ap.add_argument("--scenario", default=None,
                    help="scenario name in the file (default: the first one)")
    ap.add_argument("--tolerance", default="10%",
                    help="tolerance of the 'within' column when --check is not given "
                         "(default: %(default)s)")
    ap.add_argument("--check", default=None, metavar="TOLERANCE",
                    help="exit 1 if any item is missing or outside ±TOLERANCE (0.1 or 10%%)")
    args = ap.parse_args(argv)
    try:
        tol = parse_tolerance(args.check if args.check is not None else args.tolerance)
    except ValueError:
        ap.error("bad tolerance")

    try:
        df, name = load(args.monthly_csv, args.scenario)
    except (OSError, ValueError, pd.errors.ParserError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    cache: dict = {}
    lines = [
        f"| # | target (DOMAIN.md §9) | month | simulated | observed | difference | within ±{tol * 100:g} % |",
        "|---|---|---|---:|---:|---:|:---:|",
    ]
    failures = 0
    for item, label, when, obs, kind in TARGETS:
        sim = simulated(df, when, kind, cache)
        share = kind == "pilot_share_unemployed"
        if math.isnan(sim):
            diff_txt, ok_txt = "n/a", "missing"
            failures += 1
        else:
            diff = sim / obs - 1
            ok = abs(diff) <= tol
            failures += not ok
            diff_txt, ok_txt = f"{diff * 100:+.1f} %", "yes" if ok else "**no**"
        lines.append(f"| {item} | {label} | {when} | {fmt(sim, share)} | {fmt(obs, share)} | "
                     f"{diff_txt} | {ok_txt} |")

    # Monthly national series against every observed month.
    def monthly_rms(label: str, series: str, measure: str) -> str:
        try:
            ob = pd.read_csv(args.observed)
            ob = ob[ob["series"] == series]
            ob = ob[pd.to_numeric(ob["value"], errors="coerce").notna()]
            s = cache.get((measure, False))
            if s is None:
                s = stock(df, measure, False)
            errs = [float(s[m]) / float(v) - 1 for m, v in zip(ob["month"], ob["value"])
                    if m in s.index]
            if not errs:
                return f"{label}, monthly: no simulated month matches an observed one."
            rms = float(np.sqrt(np.mean(np.square(errs))))
            worst = max(errs, key=abs)
            return (f"{label}, monthly: RMS relative error {rms * 100:.2f} % over "
                    f"{len(errs)} observed months (largest {worst * 100:+.1f} %), "
                    f"`{series}` in data/observed_monthly.csv.")
        except (OSError, KeyError, pd.errors.ParserError) as e:
            return f"{label}, monthly: observed series not read ({e})."

    rms_line = monthly_rms("National unemployed", "unemployed_jobseekers", "unemployed")
    if "unemployed_laid_off" in set(df["measure"]):
        rms_line += "\n" + monthly_rms("Fully laid off", "fully_laid_off", "unemployed_laid_off")

    within = sum(1 for line in lines[2:] if line.endswith("| yes |"))
    print(f"Scenario `{name}`, file `{args.monthly_csv}`.\n")
    print("\n".join(lines))
    print()
    print(f"{within} of {len(TARGETS)} items within ±{tol * 100:g} %.")
    print(rms_line)
    if args.check is not None:
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
