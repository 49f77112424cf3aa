"""Reads a Kokeilu result file the way an analyst would: h5py and pandas, no Kokeilu code.

Usage: /usr/bin/python3 test_result_file.py WRITE_SAMPLE WORK_DIR

WRITE_SAMPLE is the kokeilu-write-sample helper (tests/unit/output/write_sample.cpp): it writes
a synthetic result (2 scenarios, 2 replications, 4 months, 2 providers, 2 target groups,
3 measures; traces of 3 persons with 4 events each per scenario and replication; a replication
summary of every cell) and its CSV export. Plain asserts, no pytest; prints "N passed, 0 failed".
"""

import os
import re
import shutil
import subprocess
import sys
import traceback

import h5py
import numpy as np
import pandas as pd

SCENARIOS = ["baseline", "pilot, extended"]
PROVIDERS = ["Uusimaa TE office 0", 'Jyväskylä "Pilotti" 1']
KINDS = ["te_office", "pilot"]
REGIONS = ["Uusimaa", "Keski-Suomi"]
MUNICIPALITIES = {PROVIDERS[1]: ["Jyväskylä", "Laukaa"]}
TARGET_GROUPS = ["under 30", "immigrant, foreign-language"]
MEASURES = ["unemployed", "inflow", "spend_municipality_eur"]
UNITS = ["persons", "persons/month", "EUR/month"]
MONTHS = ["2020-11", "2020-12", "2021-01", "2021-02"]
REPLICATIONS = 2
ROWS = len(SCENARIOS) * REPLICATIONS * len(MONTHS) * len(PROVIDERS) * len(TARGET_GROUPS) * len(
    MEASURES)
CSV_COLUMNS = ["scenario", "replication", "month", "provider", "provider_kind", "target_group",
               "measure", "value"]
TRACE_EVENTS = ["registration", "first contact", 'service start "valmennus"', "exit"]
STATES = ["unemployed", "in services", "employed, subsidised", "left register"]
AGENTS = [1000, 1037, 2**53 + 1]
TRACE_ROWS = len(SCENARIOS) * REPLICATIONS * len(AGENTS) * 4
TRACE_FIELDS = ("scenario", "replication", "agent", "time", "event", "from_state", "to_state",
                "provider")
TRACE_CSV_COLUMNS = ["scenario", "replication", "agent", "time", "event", "from_state",
                     "to_state", "provider"]
CELL_KEYS = ["scenario", "month", "provider", "target_group", "measure"]
CELLS = ROWS // REPLICATIONS
SUMMARY_FIELDS = ("scenario", "month", "provider", "target_group", "measure", "replications",
                  "mean", "std_error", "ci_low", "ci_high")
SUMMARY_CSV_COLUMNS = ["scenario", "month", "provider", "provider_kind", "target_group",
                       "measure", "replications", "mean", "std_error", "ci_low", "ci_high"]
# The 0.975 quantile of Student's t by degrees of freedom (no SciPy on the test machines).
T_975 = {1: 12.706204736174705, 2: 4.302652729749464, 3: 3.182446305284263}


class Sample:
    """Paths of one run of the helper."""

    def __init__(self, helper, work, name):
        self.h5 = os.path.join(work, name + ".h5")
        self.csv = os.path.join(work, name + "-csv")
        subprocess.run([helper, self.h5, self.csv], check=True)


def decoded(values):
    return [v.decode("utf-8") for v in values]


def test_root_attributes(s):
    with h5py.File(s.h5, "r") as f:
        assert f.attrs["schema_version"] == 2
        assert f.attrs["complete"] == 1
        assert f.attrs["schema_version"].dtype == np.int32


def test_metadata_attributes(s):
    with h5py.File(s.h5, "r") as f:
        meta = f["metadata"].attrs
        assert set(meta.keys()) == {"scenario_texts", "seed", "replications", "kokeilu_version",
                                    "git_revision", "wall_time_s"}, sorted(meta.keys())
        # One text per scenario, in the order of /dimensions/scenarios (SCHEMA.md).
        texts = list(meta["scenario_texts"])
        assert len(texts) == len(SCENARIOS), texts
        for i, text in enumerate(texts):
            assert isinstance(text, str), type(text)
            assert text.startswith(f"# Synthetic scenario {i} for the output tests\n"), text
            assert "Pilotti, Jyväskylä" in text
        assert meta["seed"] == 20210301 and meta["seed"].dtype == np.uint64
        assert meta["replications"] == REPLICATIONS and meta["replications"].dtype == np.uint32
        assert meta["kokeilu_version"] == "0.1.0"
        assert re.fullmatch(r"[0-9a-f]{40}", meta["git_revision"])
        assert meta["wall_time_s"] == 12.5


def test_dimension_tables(s):
    with h5py.File(s.h5, "r") as f:
        d = f["dimensions"]
        assert sorted(d.keys()) == ["measures", "months", "municipalities", "providers",
                                    "scenarios", "states", "target_groups", "trace_events"]
        assert d["scenarios"].dtype.names == ("name",)
        assert decoded(d["scenarios"]["name"]) == SCENARIOS
        assert d["providers"].dtype.names == ("name", "kind", "region")
        assert decoded(d["providers"]["name"]) == PROVIDERS
        assert decoded(d["providers"]["kind"]) == KINDS
        assert decoded(d["target_groups"]["name"]) == TARGET_GROUPS
        assert d["measures"].dtype.names == ("name", "unit", "description")
        assert decoded(d["measures"]["name"]) == MEASURES
        assert decoded(d["measures"]["unit"]) == UNITS
        assert decoded(d["months"]["month"]) == MONTHS
        assert d["trace_events"].dtype.names == ("name",)
        assert decoded(d["trace_events"]["name"]) == TRACE_EVENTS
        assert decoded(d["states"]["name"]) == STATES
        for table in d.values():
            for field in table.dtype.names:
                assert table.dtype[field].kind == "S", (table.name, field, table.dtype[field])


def test_provider_regions_and_municipalities(s):
    """SCHEMA.md: each provider's region, and a pilot area's members one row each, the provider
    by name; a TE office has no rows."""
    with h5py.File(s.h5, "r") as f:
        d = f["dimensions"]
        assert decoded(d["providers"]["region"]) == REGIONS
        members = d["municipalities"]
        assert members.dtype.names == ("provider", "name")
        by_provider = {}
        for provider, name in zip(decoded(members["provider"]), decoded(members["name"])):
            by_provider.setdefault(provider, []).append(name)
        assert by_provider == MUNICIPALITIES, by_provider
        # The example in output/SCHEMA.md, as written.
        providers = pd.DataFrame({"name": [b.decode() for b in d["providers"]["name"]],
                                  "region": [b.decode() for b in d["providers"]["region"]]})
        members = pd.DataFrame(d["municipalities"][:]).apply(lambda c: c.str.decode("utf-8"))
        by_region = providers.groupby("region")["name"].apply(list)
    assert by_region.to_dict() == {"Keski-Suomi": [PROVIDERS[1]], "Uusimaa": [PROVIDERS[0]]}
    assert members.values.tolist() == [[PROVIDERS[1], "Jyväskylä"], [PROVIDERS[1], "Laukaa"]]


def test_monthly_rows_layout(s):
    with h5py.File(s.h5, "r") as f:
        rows = f["monthly/rows"]
        assert rows.shape == (ROWS,)
        assert rows.maxshape == (None,)
        assert rows.chunks == (4096,)
        assert rows.compression == "gzip" and rows.compression_opts == 4
        assert rows.shuffle
        assert rows.dtype.names == ("scenario", "replication", "month", "provider",
                                    "target_group", "measure", "value")
        for name in rows.dtype.names[:-1]:
            assert rows.dtype[name] == np.dtype("<u4"), (name, rows.dtype[name])
        assert rows.dtype["value"] == np.dtype("<f8")


def test_pandas_reads_the_panel_with_codes_in_range(s):
    with h5py.File(s.h5, "r") as f:
        df = pd.DataFrame(f["monthly/rows"][:])
        assert list(df.columns) == ["scenario", "replication", "month", "provider",
                                    "target_group", "measure", "value"]
        assert df["scenario"].max() == len(SCENARIOS) - 1
        assert df["replication"].max() == REPLICATIONS - 1
        assert df["month"].max() == len(MONTHS) - 1
        # Every combination exactly once.
        keys = ["scenario", "replication", "month", "provider", "target_group", "measure"]
        assert not df.duplicated(keys).any()


def test_values_equal_the_csv(s):
    """The HDF5 rows, decoded with the dimension tables, are exactly the CSV's lines."""
    with h5py.File(s.h5, "r") as f:
        df = pd.DataFrame(f["monthly/rows"][:])
        d = f["dimensions"]
        h5 = pd.DataFrame({
            "scenario": np.array(decoded(d["scenarios"]["name"]))[df["scenario"]],
            "replication": df["replication"].astype(np.int64),
            "month": np.array(decoded(d["months"]["month"]))[df["month"]],
            "provider": np.array(decoded(d["providers"]["name"]))[df["provider"]],
            "provider_kind": np.array(decoded(d["providers"]["kind"]))[df["provider"]],
            "target_group": np.array(decoded(d["target_groups"]["name"]))[df["target_group"]],
            "measure": np.array(decoded(d["measures"]["name"]))[df["measure"]],
            "value": df["value"],
        })
    csv = pd.read_csv(os.path.join(s.csv, "monthly.csv"), keep_default_na=False,
                      na_values={"value": ["nan"]}, float_precision="round_trip")
    assert list(csv.columns) == CSV_COLUMNS, list(csv.columns)
    assert csv.shape == (ROWS, len(CSV_COLUMNS))
    assert csv["replication"].dtype == np.int64
    assert csv["value"].dtype == np.float64
    pd.testing.assert_frame_equal(csv, h5, check_exact=True)
    # Values that only survive a shortest round-trip format.
    assert (csv["value"] == h5["value"]).all()
    assert (csv["value"].abs() < 1e-290).sum() > 0 and (csv["value"].abs() > 1e20).sum() > 0


def test_measures_csv(s):
    m = pd.read_csv(os.path.join(s.csv, "measures.csv"), keep_default_na=False)
    assert list(m.columns) == ["measure", "unit", "description"]
    assert list(m["measure"]) == MEASURES
    assert list(m["unit"]) == UNITS
    with h5py.File(s.h5, "r") as f:
        assert list(m["description"]) == decoded(f["dimensions/measures"]["description"])


def test_trace_rows_layout(s):
    with h5py.File(s.h5, "r") as f:
        assert sorted(f.keys()) == ["dimensions", "metadata", "monthly", "summary", "traces"]
        rows = f["traces/rows"]
        assert rows.shape == (TRACE_ROWS,)
        assert rows.maxshape == (None,)
        assert rows.chunks == (4096,)
        assert rows.compression == "gzip" and rows.compression_opts == 4
        assert rows.shuffle
        assert rows.dtype.names == TRACE_FIELDS
        assert rows.dtype.itemsize == 40  # no padding
        for name in TRACE_FIELDS:
            expected = {"agent": "<u8", "time": "<i8"}.get(name, "<u4")
            assert rows.dtype[name] == np.dtype(expected), (name, rows.dtype[name])


def test_traces_equal_the_csv(s):
    """The HDF5 trace rows, decoded with the dimension tables, are exactly traces.csv."""
    with h5py.File(s.h5, "r") as f:
        df = pd.DataFrame(f["traces/rows"][:])
        d = f["dimensions"]
        states = np.array(decoded(d["states"]["name"]))
        h5 = pd.DataFrame({
            "scenario": np.array(decoded(d["scenarios"]["name"]))[df["scenario"]],
            "replication": df["replication"].astype(np.int64),
            "agent": df["agent"].astype(np.int64),
            "time": pd.to_datetime(df["time"], unit="m"),
            "event": np.array(decoded(d["trace_events"]["name"]))[df["event"]],
            "from_state": states[df["from_state"]],
            "to_state": states[df["to_state"]],
            "provider": np.array(decoded(d["providers"]["name"]))[df["provider"]],
        })
    csv = pd.read_csv(os.path.join(s.csv, "traces.csv"), keep_default_na=False)
    assert list(csv.columns) == TRACE_CSV_COLUMNS, list(csv.columns)
    assert csv.shape == (TRACE_ROWS, len(TRACE_CSV_COLUMNS))
    assert csv["agent"].dtype == np.int64  # 2**53 + 1 survives: read as an integer
    assert set(csv["agent"]) == set(AGENTS)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", t) for t in csv["time"])
    csv["time"] = pd.to_datetime(csv["time"], format="%Y-%m-%dT%H:%M")
    pd.testing.assert_frame_equal(csv, h5, check_exact=True)
    assert csv.loc[0, "time"] == pd.Timestamp("2021-03-01T08:00")
    assert csv.loc[0, "agent"] == 1000 and csv.loc[0, "event"] == "registration"


def test_each_traced_history_is_in_time_order(s):
    with h5py.File(s.h5, "r") as f:
        df = pd.DataFrame(f["traces/rows"][:])
    for _, history in df.groupby(["scenario", "replication", "agent"]):
        assert len(history) == 4
        assert history["time"].is_monotonic_increasing
        # Each event starts in the state the previous one ended in.
        assert (history["from_state"].iloc[1:].values == history["to_state"].iloc[:-1].values).all()


def test_schema_example_runs(s):
    """The Python example in output/SCHEMA.md works as written."""
    with h5py.File(s.h5, "r") as f:
        assert f.attrs["complete"] == 1
        rows = pd.DataFrame(f["monthly/rows"][:])
        for column, table, field in [("scenario", "scenarios", "name"),
                                     ("month", "months", "month"),
                                     ("provider", "providers", "name"),
                                     ("target_group", "target_groups", "name"),
                                     ("measure", "measures", "name")]:
            names = [b.decode() for b in f["dimensions"][table][field]]
            rows[column] = pd.Categorical.from_codes(rows[column], names)
        seed = int(f["metadata"].attrs["seed"])
    assert seed == 20210301
    assert list(rows["measure"].cat.categories) == MEASURES
    assert rows.loc[0, "provider"] == PROVIDERS[0]


def test_schema_traces_example_runs(s):
    """The traces example in output/SCHEMA.md works as written."""
    with h5py.File(s.h5, "r") as f:
        if "traces" in f:
            traces = pd.DataFrame(f["traces/rows"][:])
            traces["time"] = pd.to_datetime(traces["time"], unit="m")
            for column, table in [("event", "trace_events"), ("from_state", "states"),
                                  ("to_state", "states")]:
                names = [b.decode() for b in f["dimensions"][table]["name"]]
                traces[column] = pd.Categorical.from_codes(traces[column], names)
            history = traces[traces["agent"] == 1000].sort_values(
                ["scenario", "replication", "time"])
    assert len(history) == len(SCENARIOS) * REPLICATIONS * 4
    assert history.iloc[0]["time"] == pd.Timestamp("2021-03-01 08:00")
    assert list(history["event"].iloc[:4]) == TRACE_EVENTS


def test_summary_rows_layout(s):
    with h5py.File(s.h5, "r") as f:
        rows = f["summary/rows"]
        assert rows.shape == (CELLS,)
        assert rows.maxshape == (None,)
        assert rows.chunks == (4096,)
        assert rows.compression == "gzip" and rows.compression_opts == 4
        assert rows.shuffle
        assert rows.dtype.names == SUMMARY_FIELDS
        assert rows.dtype.itemsize == 56  # no padding
        for name in SUMMARY_FIELDS:
            expected = "<u4" if name in CELL_KEYS or name == "replications" else "<f8"
            assert rows.dtype[name] == np.dtype(expected), (name, rows.dtype[name])
        level = rows.attrs["confidence_level"]
        assert level == 0.95 and level.dtype == np.float64
        assert list(rows.attrs.keys()) == ["confidence_level"]


def test_summary_equals_pandas_recomputation(s):
    """/summary/rows is the monthly panel summarised per cell: n, mean, std/sqrt(n), mean ± t·se."""
    with h5py.File(s.h5, "r") as f:
        monthly = pd.DataFrame(f["monthly/rows"][:])
        summary = pd.DataFrame(f["summary/rows"][:])
        level = float(f["summary/rows"].attrs["confidence_level"])
    assert level == 0.95
    # Replication order within each cell, as Kokeilu combines them.
    monthly = monthly.sort_values(CELL_KEYS + ["replication"], kind="stable")
    grouped = monthly.groupby(CELL_KEYS, sort=True)["value"]
    expected = pd.DataFrame({
        "n": grouped.count(),
        "mean": grouped.mean(),
        "std_error": grouped.std(ddof=1) / np.sqrt(grouped.count()),
    }).reset_index()
    assert len(summary) == len(expected) == CELLS
    # In cell order, one row per cell.
    for key in CELL_KEYS:
        assert (summary[key].to_numpy() == expected[key].to_numpy()).all(), key
    assert not summary.duplicated(CELL_KEYS).any()
    assert (summary["replications"].to_numpy() == expected["n"].to_numpy()).all()
    assert (summary["replications"] == REPLICATIONS).all()
    # The values span 1e-298 .. 1e22, so compare relatively (pandas sums in its own order).
    np.testing.assert_allclose(summary["mean"], expected["mean"], rtol=1e-12, atol=0)
    np.testing.assert_allclose(summary["std_error"], expected["std_error"], rtol=1e-12, atol=0)
    t = np.array([T_975[n - 1] if n > 1 else np.nan for n in summary["replications"]])
    half = t * expected["std_error"].to_numpy()
    mean = expected["mean"].to_numpy()
    np.testing.assert_allclose(summary["ci_low"], mean - half, rtol=1e-12, atol=0)
    np.testing.assert_allclose(summary["ci_high"], mean + half, rtol=1e-12, atol=0)
    assert (summary["ci_low"] <= summary["mean"]).all()
    assert (summary["mean"] <= summary["ci_high"]).all()


def test_summary_equals_the_csv(s):
    """The HDF5 summary rows, decoded with the dimension tables, are exactly summary.csv."""
    with h5py.File(s.h5, "r") as f:
        df = pd.DataFrame(f["summary/rows"][:])
        d = f["dimensions"]
        h5 = pd.DataFrame({
            "scenario": np.array(decoded(d["scenarios"]["name"]))[df["scenario"]],
            "month": np.array(decoded(d["months"]["month"]))[df["month"]],
            "provider": np.array(decoded(d["providers"]["name"]))[df["provider"]],
            "provider_kind": np.array(decoded(d["providers"]["kind"]))[df["provider"]],
            "target_group": np.array(decoded(d["target_groups"]["name"]))[df["target_group"]],
            "measure": np.array(decoded(d["measures"]["name"]))[df["measure"]],
            "replications": df["replications"].astype(np.int64),
            "mean": df["mean"],
            "std_error": df["std_error"],
            "ci_low": df["ci_low"],
            "ci_high": df["ci_high"],
        })
    numbers = ["mean", "std_error", "ci_low", "ci_high"]
    csv = pd.read_csv(os.path.join(s.csv, "summary.csv"), keep_default_na=False,
                      na_values={c: ["nan"] for c in numbers}, float_precision="round_trip")
    assert list(csv.columns) == SUMMARY_CSV_COLUMNS, list(csv.columns)
    assert csv.shape == (CELLS, len(SUMMARY_CSV_COLUMNS))
    assert csv["replications"].dtype == np.int64
    for c in numbers:
        assert csv[c].dtype == np.float64, c
    pd.testing.assert_frame_equal(csv, h5, check_exact=True)


def test_schema_summary_example_runs(s):
    """The summary example in output/SCHEMA.md works as written."""
    with h5py.File(s.h5, "r") as f:
        if "summary" in f:
            summary = pd.DataFrame(f["summary/rows"][:])
            level = float(f["summary/rows"].attrs["confidence_level"])  # 0.95
            names = [b.decode() for b in f["dimensions/measures"]["name"]]
            summary["measure"] = pd.Categorical.from_codes(summary["measure"], names)
    assert level == 0.95
    assert list(summary["measure"].cat.categories) == MEASURES
    assert summary.loc[0, "measure"] == MEASURES[0]


def test_same_content_gives_identical_bytes_across_processes(s, helper, work):
    again = Sample(helper, work, "again")
    with open(s.h5, "rb") as a, open(again.h5, "rb") as b:
        assert a.read() == b.read()
    for name in ["monthly.csv", "measures.csv", "traces.csv", "summary.csv"]:
        with open(os.path.join(s.csv, name), "rb") as a, \
                open(os.path.join(again.csv, name), "rb") as b:
            assert a.read() == b.read(), name
    assert sorted(os.listdir(work)) == ["again-csv", "again.h5", "sample-csv", "sample.h5"]


def main(argv):
    if len(argv) != 3:
        print(__doc__)
        return 2
    helper, work = argv[1], argv[2]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    sample = Sample(helper, work, "sample")
    tests = [(name, fn) for name, fn in globals().items() if name.startswith("test_")]
    passed = failed = 0
    for name, fn in tests:
        try:
            if name == "test_same_content_gives_identical_bytes_across_processes":
                fn(sample, helper, work)
            else:
                fn(sample)
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
