#!/usr/bin/python3
"""Fit labour_market.laid_off_share to the observed stock of fully laid-off jobseekers.

The simulated national stock of fully laid-off jobseekers (measure `unemployed_laid_off`,
month end, summed over providers and target groups) is made to follow the series
`fully_laid_off` of data/observed_monthly.csv by a damped fixed-point iteration over whole runs
of `kokeilu run` with the same seed (so the fit is deterministic):

    share[m] *= (observed[m] / simulated[m]) ** alpha      for every observed month m,

clamped to [0, --max-share]. Months without an observation take the share of the nearest
observed months by linear interpolation (the first observed value is held before, the last
after). The lay-off stock depends on the shares of the last few months (recall at
labour_market.recall_per_month), so a month's update is damped (alpha < 1).

The labour-demand fit (analysis/fit_labour_market.py) and this one interact: the laid off are
part of the unemployed. Fit this first, then the demand, then this once more (docs/VALIDATION.md).

Output: one TOML line `laid_off_share = [...]` (3 decimals, one value a month from
labour_market.index_start to the scenario end) to stdout or --out, ready to paste under
`[labour_market]` in configs/default.toml; the best run's list (lowest RMS error) is written.
"""
import argparse
import csv
import math
import os
import subprocess
import sys
import tempfile

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def months_between(first, last):
    """'YYYY-MM' strings from first to last inclusive."""
    y, m = map(int, first.split("-"))
    ly, lm = map(int, last.split("-"))
    out = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return out


def read_observed(path, series):
    obs = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if row["series"] == series:
                obs[row["month"]] = float(row["value"])
    if not obs:
        sys.exit(f"fit_laid_off: no series `{series}` in {path}")
    return obs


def run_once(kokeilu, scenario, scale, seed, shares, workdir, extra_sets):
    out = os.path.join(workdir, "run")
    lst = "[" + ", ".join(f"{v:.4f}" for v in shares) + "]"
    cmd = [kokeilu, "run"] + ([scenario] if scenario else []) + [
        "--csv", out, "--force", "--quiet",
        "--set", f"population.scale={scale}", "--set", f"scenario.seed={seed}",
        "--set", f"labour_market.laid_off_share={lst}"]
    for s in extra_sets:
        cmd += ["--set", s]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    rows = pd.read_csv(os.path.join(out, "monthly.csv"),
                       usecols=["month", "target_group", "measure", "value"])
    rows = rows[(rows.measure == "unemployed_laid_off") & (rows.target_group != "all")]
    return rows.groupby("month")["value"].sum().to_dict()


def interpolate(months, values):
    """Fill the months without a value linearly between the neighbouring known months."""
    known = [i for i, m in enumerate(months) if m in values]
    out = []
    for i, m in enumerate(months):
        if m in values:
            out.append(values[m])
            continue
        before = [k for k in known if k < i]
        after = [k for k in known if k > i]
        if not before:
            out.append(values[months[after[0]]])
        elif not after:
            out.append(values[months[before[-1]]])
        else:
            a, b = before[-1], after[0]
            t = (i - a) / (b - a)
            out.append(values[months[a]] * (1 - t) + values[months[b]] * t)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--observed", default=os.path.join(ROOT, "data", "observed_monthly.csv"),
                    help="observed_monthly.csv (default: %(default)s)")
    ap.add_argument("--series", default="fully_laid_off", help="observed series (default: %(default)s)")
    ap.add_argument("--kokeilu", default=os.path.join(ROOT, "build", "release", "app", "kokeilu"),
                    help="kokeilu binary (default: %(default)s)")
    ap.add_argument("--scenario", default="", help="scenario file (default: the built-in default)")
    ap.add_argument("--scale", type=float, default=1.0, help="population.scale (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--iterations", type=int, default=6)
    ap.add_argument("--tolerance", type=float, default=0.03,
                    help="stop when the RMS relative error is below this (default: %(default)s)")
    ap.add_argument("--alpha", type=float, default=0.8, help="damping in (0, 1] (default: %(default)s)")
    ap.add_argument("--max-share", type=float, default=0.95)
    ap.add_argument("--first", default="2018-01", help="labour_market.index_start month")
    ap.add_argument("--last", default="2024-12", help="last month of the list")
    ap.add_argument("--start", type=float, default=0.1, help="initial share in every month")
    ap.add_argument("--start-file", help="start from the laid_off_share list in this TOML file "
                                         "(e.g. configs/default.toml or an earlier --out)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="extra --set for every run")
    ap.add_argument("--out", help="write the TOML line here instead of stdout")
    args = ap.parse_args()

    months = months_between(args.first, args.last)
    observed = {m: v for m, v in read_observed(args.observed, args.series).items() if m in months}
    shares = [args.start] * len(months)
    if args.start_file:
        with open(args.start_file) as f:
            for line in f:
                if line.startswith("laid_off_share = ["):
                    values = [float(x) for x in line.split("[", 1)[1].rsplit("]", 1)[0].split(",")]
                    shares = (values + [values[-1]] * len(months))[:len(months)]
    best = (math.inf, list(shares))
    with tempfile.TemporaryDirectory(prefix="kokeilu-fit-laid-off-") as work:
        for it in range(1, args.iterations + 1):
            sim = run_once(args.kokeilu, args.scenario, args.scale, args.seed, shares, work, args.set)
            errors = {m: sim.get(m, 0.0) / obs - 1.0 for m, obs in observed.items()}
            rms = math.sqrt(sum(e * e for e in errors.values()) / len(errors))
            worst = max(errors, key=lambda m: abs(errors[m]))
            print(f"iteration {it:2d}: RMS relative error {100 * rms:6.2f} % over {len(errors)} "
                  f"months; worst {worst} {100 * errors[worst]:+.1f} %", file=sys.stderr)
            if rms < best[0]:
                best = (rms, list(shares))
            if rms < args.tolerance:
                break
            updated = {}
            for i, m in enumerate(months):
                if m in observed:
                    s = max(sim.get(m, 0.0), 1.0)
                    updated[m] = min(args.max_share,
                                     max(0.0, shares[i] * (observed[m] / s) ** args.alpha))
            shares = interpolate(months, updated)
    rms, shares = best
    line = ("# laid_off_share fit: analysis/fit_laid_off.py, RMS relative error "
            f"{100 * rms:.2f} % over {len(observed)} observed months of {args.series} "
            f"(scale {args.scale}, seed {args.seed}).\n"
            "laid_off_share = [" + ", ".join(f"{v:.3f}" for v in shares) + "]\n")
    if args.out:
        with open(args.out, "w") as f:
            f.write(line)
        print(f"# wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(line)


if __name__ == "__main__":
    main()
