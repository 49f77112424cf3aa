"""Reads a merged sweep file (`kokeilu sweep merge`) with h5py and pandas, no Kokeilu code.

Usage: /usr/bin/python3 test_sweep_file.py MERGED_H5

The file comes from the ctest fixture app.sweep.identical (tests/app/sweep.sh): a 2 x 2 grid
over process.initial_interview_working_days (5, 20) and
providers.pilot_helsinki.municipal_counsellors (75, 150), 2 replications, scale 0.005, run
to 2021-06. Plain asserts, no pytest; prints "N passed, 0 failed".
"""

import hashlib
import sys
import traceback

import h5py
import pandas as pd

DEADLINE = "process.initial_interview_working_days"
STAFF = "providers.pilot_helsinki.municipal_counsellors"


def decoded(values):
    return [v.decode("utf-8") if isinstance(v, bytes) else v for v in values]


def test_points_table(f):
    points = pd.DataFrame(f["points"][:])
    assert list(points.columns) == ["point", "id", "name", DEADLINE, STAFF], points.columns
    assert list(points["point"]) == [0, 1, 2, 3]
    pairs = sorted(zip(points[DEADLINE], points[STAFF]))
    assert pairs == [(5.0, 75.0), (5.0, 150.0), (20.0, 75.0), (20.0, 150.0)], pairs
    assert decoded(points["name"]) == ["grid 1", "grid 2", "grid 3", "grid 4"]


def test_ids_are_hashes_of_the_scenarios(f):
    ids = decoded(f["points"]["id"])
    names = decoded(f["dimensions"]["scenarios"]["name"])
    texts = decoded(f["metadata"].attrs["scenario_texts"])
    assert ids == names
    assert len(texts) == 4
    for point_id, text in zip(ids, texts):
        assert hashlib.sha256(text.encode("utf-8")).hexdigest()[:16] == point_id
    assert f["metadata"].attrs["replications"] == 2
    assert f.attrs["complete"] == 1


def test_every_unit_once(f):
    rows = pd.DataFrame(f["monthly"]["rows"][:])
    per_unit = rows.groupby(["scenario", "replication"]).size()
    assert len(per_unit) == 8, per_unit
    assert per_unit.nunique() == 1, per_unit  # the same cells in every unit
    months = decoded(f["dimensions"]["months"]["month"])
    assert months[0] == "2019-01" and months[-1] == "2021-06"
    assert len(f["breakdowns"]["rows"]) > 0


def test_read_by_point_in_pandas(f):
    rows = pd.DataFrame(f["monthly"]["rows"][:])
    points = pd.DataFrame(f["points"][:])
    measures = decoded(f["dimensions"]["measures"]["name"])
    groups = decoded(f["dimensions"]["target_groups"]["name"])
    unemployed = rows[(rows["measure"] == measures.index("unemployed"))
                      & (rows["target_group"] == groups.index("under_30"))]
    by_point = (unemployed.merge(points, left_on="scenario", right_on="point")
                .groupby([DEADLINE, STAFF])["value"].mean())
    assert len(by_point) == 4
    assert (by_point > 0).all(), by_point
    # Common random numbers: the points differ only by their keys, and before the pilots
    # (2021-03) Helsinki's municipal staff changes nothing.
    last_before_pilots = decoded(f["dimensions"]["months"]["month"]).index("2021-02")
    early = unemployed[unemployed["month"] <= last_before_pilots]
    same_deadline = early[early["scenario"].isin(
        points[points[DEADLINE] == 5.0]["point"])]
    spread = same_deadline.groupby(["replication", "month", "provider"])["value"].nunique()
    assert (spread == 1).all(), "staff after the pilots' start changed earlier months"
    # ... and from the pilots' start on, the deadline does change something.
    late = unemployed[unemployed["month"] > last_before_pilots]
    assert late.groupby(["replication", "month", "provider"])["value"].nunique().max() > 1


def main():
    path = sys.argv[1]
    tests = [test_points_table, test_ids_are_hashes_of_the_scenarios, test_every_unit_once,
             test_read_by_point_in_pandas]
    passed = failed = 0
    with h5py.File(path, "r") as f:
        for t in tests:
            try:
                t(f)
                print(f"PASS: {t.__name__}")
                passed += 1
            except Exception:  # noqa: BLE001 - report every failure
                print(f"FAIL: {t.__name__}")
                traceback.print_exc()
                failed += 1
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
