#!/bin/sh
# Command-line checks of `kokeilu evidence` on a small evidence file (tests/app/evidence/
# small.toml) and on the shipped configs/evidence.toml at a tiny scale.
#
# Usage: sh evidence.sh CHECK KOKEILU SCRATCH_DIR
#   CHECK is one of pass_fail, bad_input, threads, interrupt, shipped.
# SCRATCH_DIR is emptied first. Prints "PASS: ..." lines and ends with "ALL PASSED"; any failed
# check prints "FAIL: ..." and exits 1.
set -u

check="$1"
kokeilu="$2"
work="$3"
here="$(cd "$(dirname "$0")" && pwd)"
small="$here/evidence/small.toml"

# shellcheck source=tests/app/common.sh
. "$here/common.sh"
enter_scratch "$work"

# ev NAME ARGS...: kokeilu evidence ARGS, stdout in NAME.out, stderr in NAME.err, exit in $rc.
ev() {
    name="$1"
    shift
    "$kokeilu" evidence "$@" >"$name.out" 2>"$name.err"
    rc=$?
    echo "  kokeilu evidence $* -> exit $rc"
    sed 's/^/    stdout: /' "$name.out" | head -n 12
    sed 's/^/    stderr: /' "$name.err" | head -n 5
}

# bad NAME LINE PATTERN: writes NAME.toml from stdin, expects exit 2 and an error at
# NAME.toml:LINE matching PATTERN.
bad() {
    cat >"$1.toml"
    ev "$1" "$1.toml" --quiet
    [ "$rc" -eq 2 ] && pass "$1: exit code 2" || fail "$1: exit code $rc, not 2"
    grep -q "^$1.toml:$2:[0-9]*: error: .*$3" "$1.err" &&
        pass "$1: error at $1.toml:$2" || fail "$1: no error at $1.toml:$2 matching '$3'"
    [ ! -s "$1.out" ] && pass "$1: nothing run" || fail "$1: printed a table"
}

case "$check" in
pass_fail)
    ev ok "$small" --only self_is_zero --only double_inflow
    [ "$rc" -eq 0 ] && pass "passing checks: exit code 0" || fail "passing checks: exit code $rc"
    grep -q '^self_is_zero  *unemployed (mean)  *2021-03..2021-12  *0  *+0.00 \[+0.00, +0.00\]  *PASS$' ok.out &&
        pass "a scenario against itself: exactly zero, PASS" || fail "no exact zero for self_is_zero"
    grep -q '^double_inflow  *unemployed (mean) .* PASS$' ok.out &&
        pass "twice the inflow: more unemployed, PASS" || fail "double_inflow did not pass"
    grep -q '^double_inflow  *inflow (sum)  *2021-06..2021-12  *+50.00 %..+150.00 %  .*%\]  *PASS$' ok.out &&
        pass "relative difference in per cent over its own window" || fail "no relative row"
    grep -q "4 of 4 expectation(s) pass" ok.out && pass "summary line" || fail "no summary line"
    grep -q "wrong_sign" ok.out && fail "--only ran another check" || pass "--only runs only the named checks"
    ev all "$small"
    [ "$rc" -eq 1 ] && pass "a failing check: exit code 1" || fail "a failing check: exit code $rc, not 1"
    grep -q '^wrong_sign  *unemployed (mean)  *last  *< 0  *+[0-9].*FAIL$' all.out &&
        pass "the table says FAIL" || fail "no FAIL row for wrong_sign"
    grep -q "4 of 5 expectation(s) pass; 1 FAIL" all.out && pass "summary counts the failure" || fail "summary line wrong"
    grep -q "switched_off: to test that a disabled check" all.out && pass "a disabled check is listed with its reason" || fail "disabled check not listed"
    grep -q "^switched_off " all.out && fail "a disabled check was run" || pass "a disabled check is not run"
    grep -q "  wrong_sign: must fail" all.out && pass "sources listed" || fail "no sources"
    ev unknown "$small" --only self_is_zer
    [ "$rc" -eq 2 ] && grep -q "did you mean .self_is_zero." unknown.err &&
        pass "--only with an unknown name: exit 2, did you mean" || fail "--only unknown: exit $rc"
    ;;
bad_input)
    bad unknown_key 6 "unknown key .measur.*did you mean .measure." <<'X'
[[check]]
name = "a"
source = "s"
change = {}
[[check.expect]]
measur = "unemployed"
expect = "zero"
X
    bad missing_source 1 "missing .source." <<'X'
[[check]]
name = "a"
change = {}
[[check.expect]]
measure = "unemployed"
expect = "zero"
X
    bad bad_tolerance 9 "tolerance. must be a finite number >= 0" <<'X'
[[check]]
name = "a"
source = "s"
change = {}
[[check.expect]]
measure = "unemployed"
difference = "relative"
expect = 0.05
tolerance = -0.01
X
    bad no_tolerance 5 "needs a .tolerance." <<'X'
[[check]]
name = "a"
source = "s"
change = {}
[[check.expect]]
measure = "unemployed"
expect = 100
X
    bad unknown_measure 6 "unknown measure .unemploye.; did you mean .unemployed." <<'X'
[[check]]
name = "a"
source = "s"
change = {}
[[check.expect]]
measure = "unemploye"
expect = "zero"
X
    bad bad_set 5 'set "populaton.scale=0.01": unknown key .populaton.scale.; did you mean .population.scale.' <<'X'
[[check]]
name = "a"
source = "s"
change = { set = [
    "populaton.scale=0.01",
] }
[[check.expect]]
measure = "unemployed"
expect = "zero"
X
    bad no_scenario 4 "cannot find scenario .nowhere.toml." <<'X'
[[check]]
name = "a"
source = "s"
change = { scenario = "nowhere.toml" }
[[check.expect]]
measure = "unemployed"
expect = "zero"
X
    bad outside_run 8 "window 2030-01..2030-12 is not within the simulated months 2019-01..2024-12" <<'X'
[[check]]
name = "a"
source = "s"
change = {}
[[check.expect]]
measure = "unemployed"
expect = "zero"
window = "2030-01..2030-12"
X
    bad bad_window 4 "expected months as YYYY-MM" <<'X'
[[check]]
name = "a"
source = "s"
window = "2021-3..2022-12"
change = {}
[[check.expect]]
measure = "unemployed"
expect = "zero"
X
    bad mean_measure 6 "is a mean, share or ratio" <<'X'
[[check]]
name = "a"
source = "s"
change = {}
[[check.expect]]
measure = "time_to_first_contact_days_mean"
expect = "zero"
X
    bad syntax 2 "TOML syntax" <<'X'
[[check]]
name = "a
X
    ev missing /nonexistent/evidence.toml --quiet
    [ "$rc" -eq 2 ] && pass "a missing file: exit code 2" || fail "a missing file: exit code $rc"
    ;;
threads)
    # The same seed gives the same table whatever the threads (runs side by side or not).
    ev one "$small" --threads 1 --quiet
    ev two "$small" --threads 2 --quiet
    [ -s one.out ] && cmp -s one.out two.out && pass "1 and 2 threads: identical output" ||
        fail "1 and 2 threads differ: $(diff one.out two.out | head -n 5)"
    ev seed "$small" --threads 2 --quiet --seed 4
    cmp -s one.out seed.out && fail "another seed gave the same output" || pass "another seed: other numbers"
    grep -q "seed 4, 2 replication(s)" seed.out && pass "--seed in the header" || fail "--seed not in the header"
    ;;
interrupt)
    # Ctrl-C during a long evidence run: exit code 130 and the message.
    "$kokeilu" evidence --scale 1 --threads 2 --quiet >int.out 2>int.err &
    pid=$!
    wait_for_handler "$pid" 2 # SIGINT is ignored in a background job until kokeilu catches it
    sleep 2
    kill -INT "$pid"
    wait "$pid"
    rc=$?
    [ "$rc" -eq 130 ] && pass "SIGINT: exit code 130" || fail "SIGINT: exit code $rc"
    grep -q "interrupted" int.err && pass "SIGINT: message" || fail "SIGINT: no message"
    ;;
shipped)
    # The shipped checks at a tiny scale: they run and print the table (passing or not: the
    # model of today fails several, issue 15), never bad input.
    ev shipped --scale 0.005 --reps 2 --set scenario.end=2023-12-31 --threads 2 --quiet
    [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] && pass "shipped checks ran: exit code $rc" || fail "shipped checks: exit code $rc"
    grep -q "^check  *measure  *window  *expected  *simulated" shipped.out && pass "table printed" || fail "no table"
    for name in pilot_staff_plus_50 austria_caseload_cut nordic_model pilots_vs_no_pilots longer_first_contact_deadline; do
        grep -q "^$name " shipped.out && pass "$name in the table" || fail "$name not in the table"
    done
    grep -q "switzerland_missed_meeting: " shipped.out && pass "the disabled check is listed" || fail "the disabled check is missing"
    ;;
*)
    die "unknown check $check"
    ;;
esac
finish
