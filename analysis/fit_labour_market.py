#!/usr/bin/python3
"""Fit labour_market.demand (and, where needed, labour_market.inflow_index) to the observed
national stock of unemployed jobseekers.

The simulated national unemployed stock (measure `unemployed`, month end, summed over
providers and target groups other than `all`) is made to follow the series
`unemployed_jobseekers` of data/observed_monthly.csv by a damped fixed-point iteration over
whole runs of `kokeilu run` with the same seed, so the fit is deterministic.

Each iteration:
  1. runs the simulator with the current lists and reads the national unemployed stock S;
  2. prints the RMS relative error over the observed months; stops below --tolerance;
  3. updates the lists in one forward sweep over the months, guided by a one-line surrogate
     of the stock,
         S[m] = S[m-1] * exp(-(h*demand[m] + o)) + I[m] * phi(m) + R[m],
     where I[m] is the month's inflow, phi the share of it still unemployed at month end, h
     the job-finding rate at demand 1 and o the other exits. R[m] is the residual that makes
     the surrogate reproduce the simulated S exactly, so the surrogate is only used for its
     slopes (how a change of demand or inflow moves this and later months' stocks). For each
     observed month the sweep picks the demand that moves the stock a fraction `alpha` of
     the way to the observation, given the changes already made to earlier months. That is
     the damped update demand[m] *= (sim[m]/obs[m])^(alpha/elasticity), with the elasticity
     and the carry-over from earlier months taken from the surrogate instead of a constant.
  4. clamps demand to [--min-demand, --max-demand]. Where the low clamp binds (the stock must
     rise faster than the inflow allows, e.g. the lay-offs of March-April 2020), the month's
     inflow_index is raised instead; where it does not bind, inflow_index returns to 1.
     (Symmetrically, if the high clamp binds, inflow_index is lowered.)

Months without an observation get both indices by linear interpolation between the
neighbouring observed months (the last observed value is held after the last observation).
The warm-up year before the first observation (2018) is held at the mean of the first
observed year (2019) for both indices; the sweep accounts for the effect of that level on the
stock at the start of 2019, so the first observed month is matched by the warm-up level and
the first month's own demand together.

Output: two TOML lines (`demand = [...]`, `inflow_index = [...]`, 3 decimals, one value a
month from labour_market.index_start to the scenario end, 84 values for 2018-01..2024-12) to
stdout or --out FILE, ready to paste under `[labour_market]`. The lists of the best run (the
lowest RMS error) are written, not those of the untested last update.

Example (fast at 5 % scale, then refined at full scale; see docs/VALIDATION.md):
  /usr/bin/python3 analysis/fit_labour_market.py --scale 0.05 --tolerance 0.005 \\
      --out results/validation/fit_small.toml
  /usr/bin/python3 analysis/fit_labour_market.py --scale 1.0 --tolerance 0.005 --iterations 4 \\
      --start results/validation/fit_small.toml --out results/validation/labour_market_fit.toml

Exit codes: 0 fitted (RMS below tolerance), 1 ran out of iterations above the tolerance (the
best lists are still written), 2 bad arguments or data, 3 a simulator run failed (the command
and its stderr are printed).
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_OBSERVED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data",
                                "observed_monthly.csv")
DEFAULT_KOKEILU = os.path.join(REPO, "build", "release", "app", "kokeilu")


class RunError(Exception):
    pass


# --------------------------------------------------------------------------------------------
# Months


def month_index(ym: str) -> int:
    """'YYYY-MM' (or a date 'YYYY-MM-DD') -> months since year 0."""
    y, m = str(ym)[:7].split("-")
    return int(y) * 12 + int(m) - 1


def month_name(i: int) -> str:
    return f"{i // 12:04d}-{i % 12 + 1:02d}"


# --------------------------------------------------------------------------------------------
# Scenario facts (read through `kokeilu show`, with the documented defaults as fallback)


@dataclass
class Facts:
    index_start: int = month_index("2018-01")
    first_written: int = month_index("2019-01")
    last_month: int = month_index("2024-12")
    inflow_per_month: float = 40000.0
    job_finding: float = 0.2
    other_exit: float = 0.03
    duration_factors: list = field(default_factory=lambda: [1.3, 1.0, 0.5])
    need_shares: list = field(default_factory=lambda: [0.4, 0.15, 0.12])
    need_factors: list = field(default_factory=lambda: [0.9, 0.5, 0.6])
    source: str = "documented defaults"


def read_facts(kokeilu: str, scenario: str | None, overrides: list[str]) -> Facts:
    facts = Facts()
    cmd = [kokeilu, "show"] + ([scenario] if scenario else [])
    for o in overrides:
        cmd += ["--set", o]
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if res.returncode != 0:
            return facts
        doc = tomllib.loads(res.stdout)
    except Exception:  # noqa: BLE001 - any failure: fall back to the defaults
        return facts
    facts.source = "kokeilu show"

    def get(path, default):
        node = doc
        for part in path.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    start = get("scenario.start", None)
    end = get("scenario.end", None)
    warm = get("population.warmup_months", 12)
    if start is not None:
        facts.first_written = month_index(str(start))
        facts.index_start = month_index(str(get("labour_market.index_start", None)
                                             or month_name(facts.first_written - int(warm))))
    if end is not None:
        facts.last_month = month_index(str(end))
    facts.inflow_per_month = float(get("population.inflow_per_month", facts.inflow_per_month))
    facts.job_finding = float(get("labour_market.job_finding_per_month", facts.job_finding))
    facts.other_exit = float(get("labour_market.other_exit_per_month", facts.other_exit))
    facts.duration_factors = list(get("labour_market.duration_factors", facts.duration_factors))
    facts.need_shares = list(get("population.need_shares", facts.need_shares))
    facts.need_factors = list(get("labour_market.need_factors", facts.need_factors))
    return facts


# --------------------------------------------------------------------------------------------
# Observations and simulator output


def read_observed(path: str, series: str) -> dict[int, float]:
    df = pd.read_csv(path)
    need = {"series", "month", "value"}
    if not need <= set(df.columns):
        raise ValueError(f"{path}: expected columns {sorted(need)}, got {list(df.columns)}")
    df = df[df["series"] == series]
    df = df[pd.to_numeric(df["value"], errors="coerce").notna()]
    if df.empty:
        raise ValueError(f"{path}: no values for series {series!r}")
    return {month_index(m): float(v) for m, v in zip(df["month"], df["value"])}


def national_stock(csv_path: str, measure: str = "unemployed") -> dict[int, float]:
    """Month -> national stock of `measure`: summed over providers and target groups other
    than `all` (only `all` if that is the only group), averaged over replications."""
    df = pd.read_csv(csv_path, dtype={"month": str})
    df = df[df["measure"] == measure]
    if df.empty:
        raise RunError(f"{csv_path}: no rows with measure {measure!r}")
    if "scenario" in df.columns:
        df = df[df["scenario"] == df["scenario"].iloc[0]]
    groups = df["target_group"].astype(str)
    if (groups != "all").any():
        df = df[groups != "all"]
    per_rep = df.groupby(["replication", "month"])["value"].sum()
    mean = per_rep.groupby(level="month").mean()
    return {month_index(m): float(v) for m, v in mean.items()}


def toml_list(values, decimals: int = 3) -> str:
    return "[" + ", ".join(f"{v:.{decimals}f}" for v in values) + "]"


def run_simulator(args, demand, inflow, workdir: str, label: str) -> dict[int, float]:
    outdir = os.path.join(workdir, label)
    stale = os.path.join(outdir, "monthly.csv")
    if os.path.exists(stale):      # kokeilu refuses to replace it without --force
        os.remove(stale)
    cmd = [args.kokeilu, "run"] + ([args.scenario] if args.scenario else [])
    cmd += ["--csv", outdir, "--quiet",
            "--set", f"population.scale={args.scale}",
            "--set", f"scenario.seed={args.seed}",
            "--set", f"labour_market.demand={toml_list(demand)}",
            "--set", f"labour_market.inflow_index={toml_list(inflow)}"]
    for o in args.set:
        cmd += ["--set", o]
    t0 = time.monotonic()
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
    except subprocess.TimeoutExpired as e:
        raise RunError(f"timed out after {args.timeout} s: {shlex.join(cmd)}") from e
    except OSError as e:
        raise RunError(f"could not start {shlex.join(cmd)}: {e}") from e
    if res.returncode != 0:
        raise RunError(f"exit code {res.returncode}: {shlex.join(cmd)}\n--- stderr ---\n"
                       f"{res.stderr.strip()}")
    csv = os.path.join(outdir, "monthly.csv")
    if not os.path.exists(csv):
        raise RunError(f"no {csv} after: {shlex.join(cmd)}\n--- stderr ---\n{res.stderr.strip()}")
    stock = national_stock(csv)
    if args.verbose:
        print(f"    run {label}: {time.monotonic() - t0:.1f} s", file=sys.stderr)
    return stock


def rms_rel(sim: dict[int, float], obs: dict[int, float], months) -> tuple[float, int]:
    errs = [sim[m] / obs[m] - 1.0 for m in months if m in sim and obs[m] > 0]
    if not errs:
        return math.nan, 0
    return float(np.sqrt(np.mean(np.square(errs)))), len(errs)


# --------------------------------------------------------------------------------------------
# The update


@dataclass
class Surrogate:
    h: float          # job-finding rate per month at demand 1 (average over durations, needs)
    o: float          # other exits per month (leaving the register, net moves into services)
    inflow: float     # national inflow per month at inflow_index 1

    def keep(self, d):
        """Share of last month's stock still unemployed at this month end."""
        return math.exp(-(self.h * d + self.o))

    def phi(self, d):
        """Share of the month's inflow still unemployed at month end (uniform arrivals)."""
        lam = self.h * d + self.o
        return (1.0 - math.exp(-lam)) / lam if lam > 1e-12 else 1.0

    def step(self, s_prev, d, y, resid):
        return s_prev * self.keep(d) + self.inflow * y * self.phi(d) + resid


def interpolate_gaps(values: np.ndarray, anchors: list[int]) -> np.ndarray:
    """Linear interpolation of values between anchor positions; held after the last one."""
    out = values.copy()
    for a, b in zip(anchors, anchors[1:]):
        for j in range(a + 1, b):
            w = (j - a) / (b - a)
            out[j] = (1 - w) * values[a] + w * values[b]
    if anchors:
        out[anchors[-1] + 1:] = values[anchors[-1]]
    return out


def bisect(f, lo, hi, iters=60):
    """Root of a decreasing function f on [lo, hi] (f(lo) >= 0 >= f(hi))."""
    for _ in range(iters):
        mid = 0.5 * (lo + hi)
        if f(mid) > 0:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def update(demand, inflow, sim, obs, cfg, sur: Surrogate):
    """One damped sweep. demand/inflow are arrays over list positions 0..n-1 (position p is
    month cfg.index_start + p). Returns the new arrays."""
    n = len(demand)
    p0 = cfg.first_written - cfg.index_start           # first written position (Jan 2019)
    anchors = [m - cfg.index_start for m in sorted(obs) if m - cfg.index_start >= p0
               and m - cfg.index_start < n and m in sim]
    if not anchors:
        raise ValueError("no observed month within the simulated months")
    first_year = [p for p in range(p0, min(p0 + 12, n))]

    # Simulated stock by position; the (unwritten) stock before p0 is taken equal to p0's.
    S = np.full(n, np.nan)
    for p in range(p0, n):
        m = cfg.index_start + p
        if m in sim:
            S[p] = sim[m]
    S_before = S[p0]
    # Residuals that make the surrogate reproduce the run exactly.
    R = np.zeros(n)
    prev = S_before
    for p in range(p0, n):
        if np.isnan(S[p]):
            raise ValueError(f"simulated stock missing for {month_name(cfg.index_start + p)}")
        R[p] = S[p] - (prev * sur.keep(demand[p]) + sur.inflow * inflow[p] * sur.phi(demand[p]))
        prev = S[p]

    # Equilibrium elasticity of the stock with respect to a lasting change of demand, used
    # for the warm-up level: S* ~ 1 / (h d + o).
    d_w = float(np.mean(demand[:p0])) if p0 > 0 else 1.0
    eps_w = sur.h * d_w / (sur.h * d_w + sur.o)

    def sweep(new_warm_d):
        d_new = demand.copy()
        y_new = inflow.copy()
        # Predicted stock just before p0, after the warm-up level changes.
        if p0 > 0 and d_w > 0:
            s_prev = S_before * (new_warm_d / d_w) ** (-eps_w)
        else:
            s_prev = S_before
        last = p0 - 1          # last position fixed so far
        s_last = s_prev
        for k in anchors:
            gap = list(range(last + 1, k))
            goal = S[k] + cfg.alpha * (obs[cfg.index_start + k] - S[k])
            d_l = d_new[last] if last >= p0 else new_warm_d
            y_l = y_new[last] if last >= p0 else float(np.mean(inflow[first_year]))

            def stock_at_k(dk, yk):
                s = s_last
                for j in gap:
                    w = (j - last) / (k - last)
                    s = sur.step(s, (1 - w) * d_l + w * dk, (1 - w) * y_l + w * yk, R[j])
                return sur.step(s, dk, yk, R[k])

            y_base = cfg.base_inflow
            lo, hi = cfg.min_demand, cfg.max_demand
            if stock_at_k(lo, y_base) < goal:
                # Even the lowest demand leaves the stock below its goal: raise the inflow.
                dk = lo
                y_hi = y_base
                while stock_at_k(dk, y_hi) < goal and y_hi < cfg.max_inflow:
                    y_hi = min(cfg.max_inflow, y_hi * 2)
                yk = y_hi if stock_at_k(dk, y_hi) < goal else \
                    bisect(lambda y: goal - stock_at_k(dk, y), y_base, y_hi)
            elif stock_at_k(hi, y_base) > goal:
                # Even the highest demand leaves the stock above its goal: lower the inflow.
                dk = hi
                yk = bisect(lambda y: goal - stock_at_k(dk, y), cfg.min_inflow, y_base) \
                    if stock_at_k(dk, cfg.min_inflow) < goal else cfg.min_inflow
            else:
                yk = y_base
                dk = bisect(lambda d: stock_at_k(d, yk) - goal, lo, hi)
            d_new[k], y_new[k] = dk, yk
            # Fill the gap and carry the predicted stock forward.
            s = s_last
            for j in gap:
                w = (j - last) / (k - last)
                d_new[j] = (1 - w) * d_l + w * dk
                y_new[j] = (1 - w) * y_l + w * yk
                s = sur.step(s, d_new[j], y_new[j], R[j])
            s_last = sur.step(s, dk, yk, R[k])
            last = k
        # After the last observation: hold its values.
        d_new[last + 1:] = d_new[last]
        y_new[last + 1:] = y_new[last]
        # Warm-up: held at the first observed year's mean, or (--warmup repeat) the first
        # observed year's months repeated backwards, so the warm-up has its seasonal pattern.
        if cfg.warmup == "repeat" and len(first_year) == 12:
            for p in range(p0):
                d_new[p] = d_new[p0 + (p - p0) % 12]
                y_new[p] = y_new[p0 + (p - p0) % 12]
        else:
            d_new[:p0] = np.mean(d_new[first_year])
            y_new[:p0] = np.mean(y_new[first_year])
        return d_new, y_new

    # Two passes: the warm-up level depends on the first year's new mean.
    d_new, y_new = sweep(d_w)
    d_new, y_new = sweep(float(np.mean(d_new[first_year])))
    return d_new, y_new


# --------------------------------------------------------------------------------------------


def read_start(path: str, n: int):
    text = open(path, encoding="utf-8").read()
    out = {}
    for key in ("demand", "inflow_index"):
        m = re.search(rf"^\s*{key}\s*=\s*\[([^\]]*)\]", text, re.M)
        if m:
            vals = [float(x) for x in m.group(1).replace("\n", " ").split(",") if x.strip()]
            vals = (vals + [vals[-1]] * n)[:n]
            out[key] = np.array(vals, dtype=float)
    return out.get("demand"), out.get("inflow_index")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="See docs/VALIDATION.md and the module docstring for the method.")
    ap.add_argument("--observed", default=DEFAULT_OBSERVED,
                    help="observed_monthly.csv (default: %(default)s)")
    ap.add_argument("--series", default="unemployed_jobseekers",
                    help="observed series to fit (default: %(default)s)")
    ap.add_argument("--kokeilu", default=DEFAULT_KOKEILU, help="kokeilu binary (default: %(default)s)")
    ap.add_argument("--scenario", default=None,
                    help="scenario file (default: the built-in configs/default.toml)")
    ap.add_argument("--scale", type=float, default=0.05,
                    help="population.scale of the fitting runs (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=1, help="scenario.seed (default: %(default)s)")
    ap.add_argument("--iterations", type=int, default=15,
                    help="maximum number of simulator runs (default: %(default)s)")
    ap.add_argument("--tolerance", type=float, default=0.02,
                    help="stop when the RMS relative error is below this (default: %(default)s)")
    ap.add_argument("--alpha", type=float, default=0.8,
                    help="damping: share of each month's gap closed per iteration, in (0, 1] "
                         "(default: %(default)s)")
    ap.add_argument("--min-demand", type=float, default=0.3)
    ap.add_argument("--max-demand", type=float, default=3.0)
    ap.add_argument("--min-inflow", type=float, default=0.2,
                    help="lowest inflow_index, used only when demand is at its maximum")
    ap.add_argument("--max-inflow", type=float, default=10.0)
    ap.add_argument("--hazard", type=float, default=None,
                    help="surrogate job-finding rate per month at demand 1 (default: from the "
                         "scenario: job_finding_per_month x mean need factor x 0.9)")
    ap.add_argument("--other-out", type=float, default=None,
                    help="surrogate other exits per month incl. net moves into services "
                         "(default: other_exit_per_month + 0.02)")
    ap.add_argument("--warmup", choices=["mean", "repeat"], default="mean",
                    help="warm-up months before the first observation: held at the first "
                         "observed year's mean (default) or a repeat of its 12 months")
    ap.add_argument("--start", default=None,
                    help="start from the lists in this TOML file (e.g. an earlier --out)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="extra --set passed to every run (repeatable)")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per run")
    ap.add_argument("--workdir", default=None, help="keep run outputs here (default: a temp dir)")
    ap.add_argument("--out", default=None, help="write the TOML lines here (default: stdout)")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    if not 0 < args.alpha <= 1:
        ap.error("--alpha must be in (0, 1]")
    if not 0 < args.min_demand < args.max_demand:
        ap.error("need 0 < --min-demand < --max-demand")

    try:
        obs_all = read_observed(args.observed, args.series)
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    facts = read_facts(args.kokeilu, args.scenario, args.set)
    n = facts.last_month - facts.index_start + 1
    if n <= 0 or facts.first_written < facts.index_start:
        print(f"error: bad months: index_start {month_name(facts.index_start)}, first written "
              f"{month_name(facts.first_written)}, end {month_name(facts.last_month)}",
              file=sys.stderr)
        return 2
    obs = {m: v for m, v in obs_all.items() if facts.first_written <= m <= facts.last_month}
    obs_months = sorted(obs)

    need_mean = 1.0
    for share, factor in zip(facts.need_shares, facts.need_factors):
        need_mean *= (1 - share) + share * factor
    h = args.hazard if args.hazard is not None else facts.job_finding * need_mean * 0.9
    o = args.other_out if args.other_out is not None else facts.other_exit + 0.02
    sur = Surrogate(h=h, o=o, inflow=facts.inflow_per_month)

    class Cfg:
        pass
    cfg = Cfg()
    cfg.index_start, cfg.first_written = facts.index_start, facts.first_written
    cfg.alpha, cfg.base_inflow = args.alpha, 1.0
    cfg.min_demand, cfg.max_demand = args.min_demand, args.max_demand
    cfg.min_inflow, cfg.max_inflow = args.min_inflow, args.max_inflow
    cfg.warmup = args.warmup

    demand = np.ones(n)
    inflow = np.ones(n)
    if args.start:
        d0, y0 = read_start(args.start, n)
        if d0 is not None:
            demand = d0
        if y0 is not None:
            inflow = y0

    print(f"# fitting {len(obs_months)} observed months {month_name(obs_months[0])}.."
          f"{month_name(obs_months[-1])}, lists of {n} values from "
          f"{month_name(facts.index_start)}; scale {args.scale}, seed {args.seed}, alpha "
          f"{args.alpha}; surrogate h={h:.3f} o={o:.3f} inflow={sur.inflow:.0f} "
          f"({facts.source})", file=sys.stderr)

    workdir_ctx = None
    if args.workdir:
        os.makedirs(args.workdir, exist_ok=True)
        workdir = args.workdir
    else:
        workdir_ctx = tempfile.TemporaryDirectory(prefix="kokeilu-fit-")
        workdir = workdir_ctx.name

    best = None   # (rms, demand, inflow, iteration)
    status = 1
    try:
        for it in range(1, args.iterations + 1):
            # Run with the lists as they will be written (3 decimals), so the reported error
            # is reproducible from the output.
            demand, inflow = np.round(demand, 3), np.round(inflow, 3)
            try:
                sim = run_simulator(args, demand, inflow, workdir, f"it{it:02d}")
            except RunError as e:
                print(f"error: simulator run {it} failed: {e}", file=sys.stderr)
                status = 3
                break
            rms, count = rms_rel(sim, obs, obs_months)
            worst = max(obs_months, key=lambda m: abs(sim.get(m, obs[m]) / obs[m] - 1))
            print(f"iteration {it:2d}: RMS relative error {rms * 100:6.2f} % over {count} months"
                  f"; worst {month_name(worst)} {(sim.get(worst, math.nan) / obs[worst] - 1) * 100:+.1f} %"
                  f"; demand {demand.min():.3f}..{demand.max():.3f}, inflow_index max "
                  f"{inflow.max():.3f}", file=sys.stderr, flush=True)
            if count == 0:
                print("error: the run wrote no observed month", file=sys.stderr)
                status = 2
                break
            if best is None or rms < best[0]:
                best = (rms, demand.copy(), inflow.copy(), it)
            if rms < args.tolerance:
                status = 0
                break
            if it == args.iterations:
                break
            try:
                demand, inflow = update(demand, inflow, sim, obs, cfg, sur)
            except ValueError as e:
                print(f"error: {e}", file=sys.stderr)
                status = 2
                break
    finally:
        if workdir_ctx is not None:
            workdir_ctx.cleanup()

    if best is None:
        return status if status != 0 else 3
    rms, d_best, y_best, it_best = best
    text = (f"# labour_market fit: analysis/fit_labour_market.py, RMS relative error "
            f"{rms * 100:.2f} % over {len(obs_months)} observed months of {args.series} "
            f"(iteration {it_best}, scale {args.scale}, seed {args.seed}).\n"
            f"# One value a month from {month_name(facts.index_start)} to "
            f"{month_name(facts.last_month)} ({n} values).\n"
            f"demand = {toml_list(d_best)}\n"
            f"inflow_index = {toml_list(y_best)}\n")
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"# wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    if status == 1:
        print(f"# stopped after {args.iterations} iterations above the tolerance "
              f"{args.tolerance * 100:.1f} %; wrote the best lists (iteration {it_best})",
              file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
