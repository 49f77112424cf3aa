#!/bin/sh
# Command-line checks of the one check path: `validate` refuses exactly what `run` refuses, with
# the same messages and exit code 2, each error once; warnings do not fail; no input crashes.
#
# Usage: sh check_path.sh CHECK KOKEILU SCRATCH_DIR
#   CHECK is one of same_errors, internal_errors, silent_accepts, once, warnings, files,
#   too_large.
# SCRATCH_DIR is emptied first. Prints "PASS: ..." lines and ends with "ALL PASSED"; any failed
# check prints "FAIL: ..." and exits 1.
set -u

check="$1"
kokeilu="$2"
work="$3"

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/app/common.sh
. "$(dirname "$0")/common.sh"
enter_scratch "$work"

# scenario NAME BODY: writes NAME.toml, extending the default scenario with BODY (printf format).
scenario() {
    sname="$1"
    shift
    # shellcheck disable=SC2059
    { echo 'extends = "default.toml"'; printf "$@"; } >"$sname.toml"
}

# cmd NAME SUBCOMMAND ARGS...: runs kokeilu with stdout in NAME.out, stderr in NAME.err, the
# exit code in $rc. A run that got past the checks would take minutes: it is stopped after 60 s.
cmd() {
    cname="$1"
    shift
    timeout 60 "$kokeilu" "$@" >"$cname.out" 2>"$cname.err"
    rc=$?
    echo "  kokeilu $* -> exit $rc" | cut -c1-200
    sed 's/^/    stderr: /' "$cname.err" | head -n 5 | cut -c1-200
}

# same NAME ARGS... [-- EXPECTED]: validate and run on the same arguments must both exit 2 with
# identical diagnostics; EXPECTED (a fixed string) must be among them, once.
same() {
    name="$1"
    expected="$2"
    shift 2
    cmd "$name.validate" validate "$@"
    vrc=$rc
    cmd "$name.run" run -o "$name.h5" "$@"
    [ "$vrc" -eq 2 ] && pass "$name: validate exits 2" || fail "$name: validate exit $vrc, expected 2"
    [ "$rc" -eq 2 ] && pass "$name: run exits 2" || fail "$name: run exit $rc, expected 2"
    if cmp -s "$name.validate.err" "$name.run.err"; then
        pass "$name: validate and run report the same"
    else
        fail "$name: validate and run differ: $(diff "$name.validate.err" "$name.run.err" | head -n 4)"
    fi
    n=$(grep -cF -- "$expected" "$name.validate.err")
    [ "$n" -eq 1 ] && pass "$name: '$expected' reported once" || fail "$name: '$expected' reported $n times"
    if grep -q "internal error" "$name.validate.err" "$name.run.err"; then
        fail "$name: an internal error"
    fi
    [ ! -e "$name.h5" ] && pass "$name: nothing written" || fail "$name: $name.h5 was written"
}

case "$check" in
same_errors)
    # Section 1 of issue 13: what validate used to accept and run refused.
    scenario age '[population]\nage_shares = [1.0]\n'
    same age "age.toml:3:14: error: population.age_shares must have 4 values, got 1" age.toml
    scenario shares '[regions.uusimaa]\njobseeker_share = 0.9\n'
    same shares "shares.toml:3:19: error: regions.*.jobseeker_share must sum to 1" shares.toml
    scenario closed '[service_models.te_office.stages.work_trial]\nclosed_months = [1,2,3,4,5,6,7,8,9,10,11,12]\n'
    same closed "closed_months closes every month" closed.toml
    scenario risk '[service_models.te_office]\nrisk_thresholds = [0.5, 0.2]\n'
    same risk "risk.toml:3:19: error: service_models.te_office.risk_thresholds must be in ascending order" risk.toml
    scenario budget '[budgets.b]\nservices = ["pay_subsidy"]\neur_per_year = 1e6\n'
    same budget "budget.toml:4:16: error: budgets.b needs exactly one of" budget.toml
    scenario arrivals '[service_models.te_office.stages.work_trial]\narrivals_per_day = 1.0\n'
    same arrivals "arrivals_per_day is for queueing examples" arrivals.toml
    scenario staff '[pilot]\nstate_staff = "as_listed"\n[providers.pilot_helsinki]\ncounsellors = 100000.0\n'
    same staff "staff.toml:5:15: error: providers.te_uusimaa.counsellors is 858.6 (from 2019-01-01), but the pilots of region \`uusimaa\` take 100142.3" staff.toml
    : >empty.toml
    same empty "empty.toml:1:1: error: the scenario file is empty" empty.toml
    printf 'extends = "default.toml"\n[providers."pilot\\u0000x"]\nkind = "pilot"\n' >nul.toml
    same nul 'nul.toml:2:12: error: `pilot\x00x` is not a valid name' nul.toml
    cp "$here/../../configs/examples/jackson.toml" jackson.toml 2>/dev/null ||
        die "cannot copy configs/examples/jackson.toml"
    same jackson "arrivals_per_day is for queueing examples" jackson.toml
    same provider "no provider \`pilot_helsnki\` in the scenario; did you mean \`pilot_helsinki\`?" \
        --set providers.pilot_helsnki.counsellors=3
    if grep -q "missing required key" provider.validate.err; then
        fail "provider: 'missing required key' for a misspelt provider"
    else
        pass "provider: no 'missing required key'"
    fi
    ;;
internal_errors)
    # Section 2: inputs that ended in exit 1 (an internal error) now exit 2 with a position.
    scenario start '[scenario]\nstart = 2000-01-01\n'
    same start "start.toml:3:9: error: scenario.start is 2000-01-01" start.toml
    scenario gamma '[service_models.te_office.stages.work_trial]\nduration = "gamma"\nduration_cv = 1e-300\n'
    same gamma "gamma.toml:4:15: error: service_models.te_office.stages.work_trial.duration_cv must be in [0.01, 10]" gamma.toml
    scenario lognormal '[service_models.te_office.stages.work_trial]\nduration = "lognormal"\nduration_cv = 1e200\n'
    same lognormal "lognormal.toml:4:15: error: service_models.te_office.stages.work_trial.duration_cv must be in [0.01, 10]" lognormal.toml
    scenario stock '[population]\ninitial_unemployed = 1e15\n'
    same stock "stock.toml:3:22: error: population.initial_unemployed must be in [0, 10000000]" stock.toml
    scenario inflow '[population]\ninflow_per_month = 1e12\n'
    same inflow "inflow.toml:3:20: error: population.inflow_per_month must be in [0, 1000000]" inflow.toml
    { echo 'extends = "default.toml"'
      i=0
      while [ $i -lt 201 ]; do
          printf '[providers.p%d]\nkind = "pilot"\nregion = "kainuu"\nservice_model = "pilot_personal_coach"\n' $((1000 + i))
          i=$((i + 1))
      done; } >many.toml
    same many "many.toml:804:10: error: region \`kainuu\` has more than 200 providers" many.toml
    ;;
silent_accepts)
    # Section 3: what was accepted silently and is now an error.
    scenario pilot '[pilot]\nstart = 2023-01-01\nend = 2022-06-30\n'
    same pilot "pilot.toml:3:9: error: pilot.start (2023-01-01) is after pilot.end (2022-06-30)" pilot.toml
    scenario inf '[benefits]\nbasic_daily_eur = inf\n'
    same inf "inf.toml:3:19: error: benefits.basic_daily_eur must be a finite number, got number inf" inf.toml
    scenario rate '[labour_market]\njob_finding_per_month = nan\n'
    same rate "must be a finite number, got number nan" rate.toml
    scenario ages '[population]\nage_shares = [0.5, 0.5, 0.5, 0.5]\n'
    same ages "ages.toml:3:14: error: population.age_shares must sum to 1, got 2" ages.toml
    scenario scale '[population]\nscale = 1e-9\n'
    same scale "scale.toml:3:9: error: population.scale = 1e-09 is too small" scale.toml
    { echo 'extends = "default.toml"'; printf '[scenario]\nname = "'
      head -c 100000 /dev/zero | tr '\0' x; printf '"\n'; } >name.toml
    same name "name.toml:3:8: error: scenario.name must have at most 200 characters, got 100000" name.toml
    ;;
once)
    # All errors at once, each once: a check of every timeline period reports once, and an
    # unknown service model comes with the other errors.
    scenario both '[providers.pilot_espoo]\nservice_model = "pilot_personal_coah"\n[population]\nage_shares = [1.0]\n'
    same both "both.toml:5:14: error: population.age_shares must have 4 values" both.toml
    grep -q "both.toml:3:17: error: providers.pilot_espoo.service_model names \`pilot_personal_coah\`" both.validate.err &&
        pass "the unknown service model is reported with the other error" ||
        fail "the unknown service model is not reported"
    grep -q "^2 errors; nothing was run.$" both.validate.err && pass "2 errors counted" ||
        fail "not 2 errors: $(tail -n 1 both.validate.err)"
    # An override of a built-in table: the error points at the user's file.
    scenario next '[service_models.pilot_personal_coach.stages.referral]\nnext = { job_search_coaching = 0.5 }\n'
    same next "next.toml:2:45: error: service model pilot_personal_coach: the \`next\` probabilities of stage \`referral\` sum to" next.toml
    if grep -q "(built in)" next.validate.err; then
        fail "next: the error points at a built-in file"
    else
        pass "next: no built-in file in the message"
    fi
    ;;
warnings)
    # Warnings are printed like errors but do not fail.
    scenario late '[[timeline]]\ndate = 2030-01-01\nset.process.interview_effect = 1.2\n'
    cmd late validate late.toml
    [ "$rc" -eq 0 ] && pass "late: validate exits 0 with a warning" || fail "late: validate exit $rc, expected 0"
    grep -q "^late.toml:2:1: warning: this \[\[timeline\]\] entry is dated 2030-01-01, after scenario.end" late.err &&
        pass "late: the warning points at the entry" || fail "late: no warning"
    grep -q "^1 warning.$" late.err && pass "late: 1 warning counted" || fail "late: no count"
    grep -q "ok (" late.out && pass "late: validate says ok" || fail "late: no ok"
    scenario replaced '[process]\ncounsellor_minutes_per_day = 200.0\n'
    cmd replaced validate replaced.toml
    [ "$rc" -eq 0 ] && pass "replaced: exit 0" || fail "replaced: exit $rc, expected 0"
    grep -q "^replaced.toml:3:30: warning: process.counsellor_minutes_per_day is replaced from 2022-05-02 by the \[\[timeline\]\] entry at configs/nordic_model.toml (built in):12:1" replaced.err &&
        pass "replaced: the warning names both lines" || fail "replaced: no warning naming both lines"
    cmd outside validate --set pilot.start=2030-01-01 --set pilot.end=2030-12-31
    [ "$rc" -eq 0 ] && pass "outside: exit 0" || fail "outside: exit $rc, expected 0"
    grep -q "warning: the pilot period (2030-01-01 to 2030-12-31) is outside the run" outside.err &&
        pass "outside: the pilot period is warned about" || fail "outside: no warning"
    # A warning together with an error: both printed, the error fails.
    scenario mixed '[process]\ncounsellor_minutes_per_day = 200.0\n[population]\nage_shares = [1.0]\n'
    cmd mixed validate mixed.toml
    [ "$rc" -eq 2 ] && pass "mixed: exit 2" || fail "mixed: exit $rc, expected 2"
    grep -q "^1 error and 1 warning; nothing was run.$" mixed.err && pass "mixed: both counted" ||
        fail "mixed: $(tail -n 1 mixed.err)"
    # A warning does not stop a run (a short one).
    cmd runs run -o runs.h5 --quiet --set population.scale=0.005 --set scenario.end=2021-12-31 \
        --set pilot.start=2030-01-01 --set pilot.end=2030-12-31
    [ "$rc" -eq 0 ] && pass "runs: a run with a warning exits 0" || fail "runs: exit $rc, expected 0"
    grep -q "warning: the pilot period" runs.err && pass "runs: the run prints the warning" || fail "runs: no warning"
    [ -s runs.h5 ] && pass "runs: the result file is written" || fail "runs: no result file"
    ;;
files)
    # An empty file, an extends of a folder or a FIFO.
    : >empty.toml
    cmd empty validate empty.toml
    [ "$rc" -eq 2 ] && pass "empty: exit 2" || fail "empty: exit $rc"
    grep -q "^empty.toml:1:1: error: " empty.err && pass "empty: FILE:1:1" || fail "empty: no FILE:1:1"
    mkdir folder
    printf 'extends = "folder"\n' >to_folder.toml
    cmd folder validate to_folder.toml
    [ "$rc" -eq 2 ] && pass "folder: exit 2" || fail "folder: exit $rc"
    grep -q "^to_folder.toml:1:11: error: extends: \`folder\` is a folder, not a scenario file$" folder.err &&
        pass "folder: says it is a folder" || fail "folder: does not say so"
    grep -q "cannot find" folder.err && fail "folder: says 'cannot find'" || pass "folder: not 'cannot find'"
    if mkfifo fifo 2>/dev/null; then
        printf 'extends = "fifo"\n' >to_fifo.toml
        cmd fifo validate to_fifo.toml
        [ "$rc" -eq 2 ] && pass "fifo: exit 2" || fail "fifo: exit $rc"
        grep -q "^to_fifo.toml:1:11: error: extends: \`fifo\` is not a regular file (a FIFO" fifo.err &&
            pass "fifo: says it is not a regular file" || fail "fifo: does not say so"
        cmd fifo_top validate fifo
        [ "$rc" -eq 2 ] && pass "fifo as the scenario: exit 2, no hang" || fail "fifo as the scenario: exit $rc"
    else
        pass "fifo: SKIP (mkfifo not available)"
    fi
    ;;
too_large)
    # A header of 50,000 dotted parts (100 KB) crashed toml++ with SIGSEGV.
    { printf '['; i=0; while [ $i -lt 500 ]; do
          printf 'a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.'
          i=$((i + 1)); done; printf 'a]\n'; } >deep.toml
    same deep "deep.toml:1:129: error: input too large: a dotted key with more than 64 parts" deep.toml
    { printf 'x = '; head -c 100000 /dev/zero | tr '\0' '['; printf '\n'; } >nested.toml
    same nested "nested.toml:1:69: error: input too large: arrays, tables or table headers nested more than 64 deep" nested.toml
    same set "input too large: a dotted key with more than 64 parts" --set "scenario.name=$(head -c 200 deep.toml | tail -c 199)"
    ;;
*)
    die "unknown check '$check'"
    ;;
esac

finish
