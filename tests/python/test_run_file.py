"""Reads the files of a real `kokeilu run` with h5py and pandas, no Kokeilu code.

Usage: /usr/bin/python3 test_run_file.py RESULT_H5 CSV_DIR

The files come from the ctest fixture app.run.files (tests/app/run_checks.sh, check `files`):
  kokeilu run -o x.h5 --csv dir --quiet --reproducible --seed 4242
              --set population.scale=0.005 --set scenario.end=2021-12-31
i.e. the built-in Finland scenario from 2019-01 to 2021-12. The expectations come from
output/SCHEMA.md. Plain asserts, no pytest; prints "N passed, 0 failed".
"""

import os
import re
import sys
import traceback

import h5py
import numpy as np
import pandas as pd

SEED = 4242  # as in run_checks.sh
MONTHS = [f"{y}-{m:02d}" for y in (2019, 2020, 2021) for m in range(1, 13)]
PERSON_GROUPS = ["no_earnings_related", "under_30", "foreign_language",
                 "earnings_related_30_plus"]
ALL = "all"
# SCHEMA.md: measures of a whole provider, written only under the target group `all`.
SERVICE_KINDS = ["other", "job_search_coaching", "career_guidance", "labour_market_training",
                 "integration_training", "work_trial", "pay_subsidy", "start_up_grant",
                 "rehabilitative_work_activity", "self_motivated_study",
                 "work_ability_assessment", "multiprofessional_service"]
PROVIDER_MEASURES = {"time_to_first_contact_days_mean", "interviews_overdue",
                     "caseload_per_counsellor", "staff_utilisation", "service_queue",
                     "counsellors", "time_to_first_contact_days_p50",
                     "time_to_first_contact_days_p90", "first_contacts_on_time_share",
                     "intake_queue", "budget_queue", "spend_staff_eur"}
PROVIDER_MEASURES |= {f"service_queue_{k}" for k in SERVICE_KINDS}
PROVIDER_MEASURES |= {f"service_wait_days_mean_{k}" for k in SERVICE_KINDS}
STOCKS = ["unemployed", "in_services", "in_training", "employed_subsidised",
          "employed_open_market"]
PILOT_START = "2021-03"
CSV_COLUMNS = ["scenario", "replication", "month", "provider", "provider_kind", "target_group",
               "measure", "value"]


def decoded(values):
    return [v.decode("utf-8") for v in values]


class Run:
    """The two files, read once: the h5 rows decoded to names, and the CSV tables."""

    def __init__(self, h5_path, csv_dir):
        self.h5 = h5_path
        self.csv_dir = csv_dir
        with h5py.File(h5_path, "r") as f:
            d = f["dimensions"]
            self.scenarios = decoded(d["scenarios"]["name"])
            self.providers = decoded(d["providers"]["name"])
            self.kinds = decoded(d["providers"]["kind"])
            self.groups = decoded(d["target_groups"]["name"])
            self.measures = decoded(d["measures"]["name"])
            self.units = decoded(d["measures"]["unit"])
            self.descriptions = decoded(d["measures"]["description"])
            self.months = decoded(d["months"]["month"])
            codes = pd.DataFrame(f["monthly/rows"][:])
        self.codes = codes
        self.rows = pd.DataFrame({
            "scenario": np.array(self.scenarios)[codes["scenario"]],
            "replication": codes["replication"].astype(np.int64),
            "month": np.array(self.months)[codes["month"]],
            "provider": np.array(self.providers)[codes["provider"]],
            "provider_kind": np.array(self.kinds)[codes["provider"]],
            "target_group": np.array(self.groups)[codes["target_group"]],
            "measure": np.array(self.measures)[codes["measure"]],
            "value": codes["value"],
        })
        self.csv = pd.read_csv(os.path.join(csv_dir, "monthly.csv"), keep_default_na=False,
                               na_values={"value": ["nan"]}, float_precision="round_trip")
        self.measures_csv = pd.read_csv(os.path.join(csv_dir, "measures.csv"),
                                        keep_default_na=False)

    def total(self, measure, kind=None):
        """The measure per month, summed over providers (of `kind`) and the 4 groups."""
        r = self.rows
        sel = (r["measure"] == measure) & r["target_group"].isin(PERSON_GROUPS)
        if kind is not None:
            sel &= r["provider_kind"] == kind
        return r[sel].groupby("month")["value"].sum().reindex(self.months, fill_value=0.0)


def test_regions_and_member_municipalities(run):
    """SCHEMA.md: every provider's TE-office region; the pilot areas' members by provider name
    (configs/finland.toml: 15 regions, 23 of 25 pilot areas with their municipalities)."""
    with h5py.File(run.h5, "r") as f:
        d = f["dimensions"]
        providers = pd.DataFrame({"name": decoded(d["providers"]["name"]),
                                  "kind": decoded(d["providers"]["kind"]),
                                  "region": decoded(d["providers"]["region"])})
        members = pd.DataFrame({"provider": decoded(d["municipalities"]["provider"]),
                                "name": decoded(d["municipalities"]["name"])})
    assert providers["region"].nunique() == 15
    te = providers[providers["kind"] == "te_office"]
    assert len(te) == 15 and te["region"].is_unique
    assert (providers["region"] != "").all()
    assert providers.set_index("name").loc["pilot_helsinki", "region"] == "Uusimaa"
    by_provider = members.groupby("provider", sort=False)["name"].apply(list).to_dict()
    assert by_provider["pilot_vantaa_kerava"] == ["Vantaa", "Kerava"]
    assert by_provider["pilot_helsinki"] == ["Helsinki"]
    assert len(by_provider) == 23, sorted(by_provider)
    assert set(by_provider) <= set(providers[providers["kind"] == "pilot"]["name"])
    assert 100 <= len(members) <= 118, len(members)

def test_root_attributes(run):
    with h5py.File(run.h5, "r") as f:
        assert f.attrs["schema_version"] == 2
        assert f.attrs["complete"] == 1


def test_metadata_attributes(run):
    with h5py.File(run.h5, "r") as f:
        meta = f["metadata"].attrs
        # --reproducible: no wall time.
        assert set(meta.keys()) == {"scenario_texts", "seed", "replications", "kokeilu_version",
                                    "git_revision"}, sorted(meta.keys())
        assert meta["seed"] == SEED and meta["seed"].dtype == np.uint64
        assert meta["replications"] == 1 and meta["replications"].dtype == np.uint32
        assert isinstance(meta["kokeilu_version"], str)
        assert re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+.*", meta["kokeilu_version"]), \
            meta["kokeilu_version"]
        # SCHEMA.md: the commit, or empty if unknown.
        assert isinstance(meta["git_revision"], str)
        assert re.fullmatch(r"([0-9a-f]{7,40}(-dirty)?)?", meta["git_revision"]), \
            repr(meta["git_revision"])
        texts = list(meta["scenario_texts"])
        assert len(texts) == 1, texts  # one scenario, one text
        text = texts[0]
        assert isinstance(text, str) and text.strip()
        assert "[scenario]" in text
        # The --set overrides are in the resolved scenario.
        assert re.search(r"^scale = 0\.005\b", text, re.M), "population.scale not in the text"
        assert re.search(r"^end = 2021-12-31\b", text, re.M), "scenario.end not in the text"


def test_dimension_tables(run):
    assert len(run.scenarios) == 1 and run.scenarios[0]
    assert len(run.providers) == 40, len(run.providers)
    assert len(set(run.providers)) == 40, "provider names are not unique"
    assert set(run.kinds) == {"te_office", "pilot"}, set(run.kinds)
    assert sorted(run.groups) == sorted(PERSON_GROUPS + [ALL]), run.groups
    assert run.months == MONTHS, run.months
    assert len(set(run.measures)) == len(run.measures)
    assert set(STOCKS) | {"jobseekers"} <= set(run.measures)
    assert PROVIDER_MEASURES <= set(run.measures), PROVIDER_MEASURES - set(run.measures)


def test_measures_csv(run):
    m = run.measures_csv
    assert list(m.columns) == ["measure", "unit", "description"]
    assert list(m["measure"]) == run.measures
    assert list(m["unit"]) == run.units
    assert list(m["description"]) == run.descriptions
    no_unit = list(m.loc[m["unit"].str.strip() == "", "measure"])
    assert not no_unit, f"measures without a unit: {no_unit}"
    no_description = list(m.loc[m["description"].str.strip() == "", "measure"])
    assert not no_description, f"measures without a description: {no_description}"
    assert set(run.csv["measure"].unique()) <= set(m["measure"])


def test_rows_equal_the_csv(run):
    csv = run.csv
    assert list(csv.columns) == CSV_COLUMNS, list(csv.columns)
    assert len(csv) == len(run.rows), (len(csv), len(run.rows))
    assert csv["value"].dtype == np.float64
    pd.testing.assert_frame_equal(csv, run.rows, check_exact=True)


def test_shape(run):
    n_provider = sum(1 for m in run.measures if m in PROVIDER_MEASURES)
    cohort = [m for m in run.measures if m.startswith("cohort_")]
    n_person = len(run.measures) - n_provider - len(cohort)
    expected = len(MONTHS) * 40 * (len(PERSON_GROUPS) * n_person + n_provider)
    # Cohort outcomes exist for registration months whose checkpoint (3, 6 or 12 months later)
    # is inside the run.
    for m in cohort:
        horizon = int(m.split("_")[1].rstrip("m"))
        expected += max(0, len(MONTHS) - horizon) * 40 * len(PERSON_GROUPS)
    assert len(run.rows) == expected, (len(run.rows), expected)
    keys = ["scenario", "replication", "month", "provider", "target_group", "measure"]
    assert not run.codes.duplicated(keys).any(), "a row appears twice"
    assert (run.rows["replication"] == 0).all()
    r = run.rows
    at_all = r["target_group"] == ALL
    provider_level = r["measure"].isin(PROVIDER_MEASURES)
    wrong = r[at_all != provider_level]
    assert wrong.empty, wrong.head().to_string()


def test_cohort_outcomes_add_up_to_the_inflow(run):
    r = run.rows
    inflow = r[r["measure"] == "inflow"].set_index(["month", "provider", "target_group"])["value"]
    for horizon in (3, 6, 12):
        c = r[r["measure"].str.startswith("cohort_%dm_" % horizon)]
        assert c["measure"].nunique() == 7
        total = c.groupby(["month", "provider", "target_group"])["value"].sum()
        assert len(total) > 0
        diff = (total - inflow.reindex(total.index)).abs()
        assert (diff <= 1e-6 * (1 + inflow.reindex(total.index).abs())).all(), diff.max()


def test_stocks_are_counts(run):
    r = run.rows
    persons = [m for m, u in zip(run.measures, run.units) if u == "persons"]
    v = r.loc[r["measure"].isin(persons), "value"]
    assert np.isfinite(v).all() and (v >= 0).all(), "a negative or non-finite person count"


def test_national_unemployed_is_plausible(run):
    u = run.total("unemployed")
    bad = u[(u < 100_000) | (u > 600_000)]
    assert bad.empty, "unemployed outside 100,000..600,000:\n" + bad.to_string()


def test_pilots_have_jobseekers_only_from_march_2021(run):
    j = run.total("jobseekers", kind="pilot")
    before = j[j.index < PILOT_START]
    after = j[j.index >= PILOT_START]
    assert len(before) == 26 and len(after) == 10
    assert (before == 0).all(), "pilot jobseekers before 2021-03:\n" + before[before != 0].to_string()
    assert (after > 50_000).all(), "too few pilot jobseekers:\n" + after[after <= 50_000].to_string()


def test_jobseekers_is_the_sum_of_the_states(run):
    r = run.rows
    keys = ["month", "provider", "target_group"]
    wide = r[r["target_group"].isin(PERSON_GROUPS)].pivot_table(
        index=keys, columns="measure", values="value", aggfunc="sum")
    assert len(wide) == len(MONTHS) * 40 * len(PERSON_GROUPS), len(wide)
    states = wide[STOCKS].sum(axis=1)
    ok = np.isclose(states, wide["jobseekers"], rtol=1e-6, atol=0.0)
    assert ok.all(), ("jobseekers != sum of the five states:\n" +
                      wide.loc[~ok, ["jobseekers"] + STOCKS].head(10).to_string())
    assert wide["jobseekers"].sum() > 0


AGE_BANDS = ["under_25", "25_29", "30_49", "50_54", "55_64", "65_plus"]
LANGUAGES = ["finnish", "swedish", "foreign"]
BREAKDOWN_MEASURES = ["jobseekers", "unemployed", "unemployed_12m_plus",
                      "unemployed_12m_continuous", "in_services",
                      "in_training", "employed_subsidised", "employed_open_market", "inflow",
                      "exits_employment", "exits_other", "service_starts", "first_contacts"]


def test_breakdowns_partition_the_jobseekers(run):
    """SCHEMA.md, Breakdowns: /breakdowns/rows by age band and by language, each adding up to
    the four person target groups of /monthly/rows per provider, month and measure; the age
    bands under 30 hold more than the target group under_30; breakdowns.csv equals the rows."""
    with h5py.File(run.h5, "r") as f:
        groups = f["dimensions/breakdown_groups"]
        breakdown_of = decoded(groups["breakdown"])
        names = decoded(groups["name"])
        codes = pd.DataFrame(f["breakdowns/rows"][:])
    assert names == AGE_BANDS + LANGUAGES, names
    assert breakdown_of == ["age_band"] * len(AGE_BANDS) + ["language"] * len(LANGUAGES)
    b = pd.DataFrame({
        "month": np.array(run.months)[codes["month"]],
        "provider": np.array(run.providers)[codes["provider"]],
        "breakdown": np.array(breakdown_of)[codes["group"]],
        "group": np.array(names)[codes["group"]],
        "measure": np.array(run.measures)[codes["measure"]],
        "value": codes["value"],
    })
    assert sorted(set(b["measure"])) == sorted(BREAKDOWN_MEASURES)
    assert len(b) == len(run.months) * len(run.providers) * len(names) * len(BREAKDOWN_MEASURES)
    keys = ["month", "provider", "measure"]
    r = run.rows
    groups_total = r[r["target_group"].isin(PERSON_GROUPS) &
                     r["measure"].isin(BREAKDOWN_MEASURES)].groupby(keys)["value"].sum()
    for breakdown in ("age_band", "language"):
        total = b[b["breakdown"] == breakdown].groupby(keys)["value"].sum()
        diff = (total - groups_total.reindex(total.index)).abs().max()
        assert diff < 1e-6, (breakdown, diff)
    young = b[(b["group"].isin(["under_25", "25_29"])) & (b["measure"] == "jobseekers")]
    under_30 = r[(r["target_group"] == "under_30") & (r["measure"] == "jobseekers")]
    assert young["value"].sum() > under_30["value"].sum() > 0
    csv = pd.read_csv(os.path.join(run.csv_dir, "breakdowns.csv"), keep_default_na=False,
                      dtype={"group": str}, float_precision="round_trip")
    assert list(csv.columns) == ["scenario", "replication", "month", "provider", "provider_kind",
                                 "breakdown", "group", "measure", "value"], list(csv.columns)
    assert len(csv) == len(b)
    assert (csv["group"].to_numpy() == b["group"].to_numpy()).all()
    assert (csv["breakdown"].to_numpy() == b["breakdown"].to_numpy()).all()
    assert (csv["value"].to_numpy() == b["value"].to_numpy()).all()


def main(argv):
    if len(argv) != 3:
        print(__doc__)
        return 2
    run = Run(argv[1], argv[2])
    tests = [(name, fn) for name, fn in globals().items() if name.startswith("test_")]
    passed = failed = 0
    for name, fn in tests:
        try:
            fn(run)
            passed += 1
            print("ok", name)
        except Exception:  # noqa: BLE001 - report every failure, then fail the run
            failed += 1
            print("FAILED", name)
            traceback.print_exc()
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
