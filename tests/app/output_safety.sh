#!/bin/sh
# Command-line checks that outputs are safe in every command and phase (issue 13, items 4-8):
# output targets, outputs that are inputs, the result set committed as a whole, signals in
# every phase, bounded memory with an estimate, and the small things users meet.
#
# Usage: sh output_safety.sh CHECK KOKEILU SCRATCH_DIR
#   CHECK is one of targets, inputs, export, result_set, signals, small, memory.
# SCRATCH_DIR is emptied first. Prints "PASS: ..." lines and ends with "ALL PASSED"; any failed
# check prints "FAIL: ..." and exits 1.
set -u

check="$1"
kokeilu="$2"
work="$3"

# shellcheck source=tests/app/common.sh
. "$(dirname "$0")/common.sh"
# expect CODE WHAT: compares $rc with CODE.
expect() { [ "$rc" -eq "$1" ] && pass "$2: exit code $1" || fail "$2: exit code $rc, expected $1 ($(head -c 300 err))"; }
# k ARGS...: runs kokeilu ARGS with stdout in out, stderr in err, the exit code in $rc.
k() {
    "$kokeilu" "$@" >out 2>err
    rc=$?
    echo "  kokeilu $* -> exit $rc"
    sed 's/^/    stderr: /' err | head -n 3
}
# no_leftovers WHAT: no temporary (.part-*) or kept (.old-*) file anywhere below here.
no_leftovers() {
    left=$(find . -name '*.part-*' -o -name '*.old-*' | head -n 5)
    [ -z "$left" ] && pass "$1: no temporary file left" || fail "$1: left $left"
}

enter_scratch "$work"

case "$check" in
targets)
    # An existing target that is not a regular file is never replaced, even with --force.
    k run -o /dev/null --force --quiet $SMALL
    expect 3 "run -o /dev/null --force"
    [ -c /dev/null ] && pass "/dev/null is still a device" || fail "/dev/null was replaced"
    grep -q "device" err && pass "the message says it is a device" || fail "no 'device' in the message"
    mkfifo fifo.h5
    k run -o fifo.h5 --force --quiet $SMALL
    expect 3 "run -o FIFO --force"
    [ -p fifo.h5 ] && pass "the FIFO is still a FIFO" || fail "the FIFO was replaced"
    echo "precious" >real.h5
    ln -s real.h5 link.h5
    k run -o link.h5 --force --quiet $SMALL
    expect 3 "run -o SYMLINK --force"
    [ -L link.h5 ] && [ "$(cat real.h5)" = "precious" ] && pass "the link and its file are unchanged" || fail "the link or its file changed"
    mkfifo pipe.html
    "$kokeilu" run -o r.h5 --quiet $SMALL || die "cannot write r.h5"
    k report r.h5 -o pipe.html --force
    expect 3 "report -o FIFO --force"
    [ -p pipe.html ] && pass "report: the FIFO is unchanged" || fail "report replaced the FIFO"
    # Two reports to one output at the same time: each writes its own temporary file, so the
    # output is one whole report (one </html>), whichever renamed last.
    "$kokeilu" report r.h5 -o twice.html --force >/dev/null 2>&1 &
    "$kokeilu" report r.h5 -o twice.html --force >/dev/null 2>&1 &
    wait
    [ "$(grep -c '</html>' twice.html)" -eq 1 ] && pass "two reports at once: one whole file" \
        || fail "two reports at once: $(grep -c '</html>' twice.html) </html> in twice.html"
    # One convention for missing folders: every command makes them.
    k run -o new/a/r.h5 --csv new/b/csv --quiet $SMALL
    expect 0 "run into missing folders"
    k report r.h5 -o new/c/r.html
    expect 0 "report into a missing folder"
    [ -s new/c/r.html ] && pass "report made its folder" || fail "no new/c/r.html"
    k export r.h5 --csv new/d/e
    expect 0 "export into a missing folder"
    [ -s new/d/e/monthly.csv ] && pass "export made its folder" || fail "no new/d/e/monthly.csv"
    # A name of 250 characters (within the file system's 255) is written; the temporary name
    # is shortened, not the final one.
    long=$(printf 'n%.0s' $(seq 1 247)).h5
    k run -o "$long" --quiet $SMALL
    expect 0 "run -o <250-character name>"
    [ -s "$long" ] && pass "the long name was written" || fail "no file with the long name"
    no_leftovers "targets"
    ;;
inputs)
    # An output that is an input is refused before anything is run or replaced.
    printf 'extends = "default.toml"\n[scenario]\nname = "x"\n' >x.toml
    cp x.toml x.before
    k run x.toml -o x.toml --force --quiet $SMALL
    expect 2 "run x.toml -o x.toml --force"
    cmp -s x.toml x.before && pass "x.toml unchanged" || fail "x.toml was replaced"
    printf 'extends = "x.toml"\n[scenario]\nname = "y"\n' >y.toml
    k compare y.toml "" -o x.toml --force --quiet $SMALL
    expect 2 "compare with -o the parent of a scenario"
    cmp -s x.toml x.before && pass "the parent x.toml unchanged" || fail "x.toml was replaced"
    "$kokeilu" run -o in.h5 --quiet --reproducible $SMALL || die "cannot write in.h5"
    cp in.h5 in.before
    k report in.h5 -o in.h5 --force
    expect 2 "report in.h5 -o in.h5 --force"
    k report in.h5 -o ./sub/../in.h5 --force
    expect 2 "report in.h5 -o ./sub/../in.h5 --force"
    cmp -s in.h5 in.before && pass "in.h5 unchanged" || fail "in.h5 was replaced"
    start=$(date +%s)
    k run -o same --csv same --quiet --set population.scale=1
    expect 2 "run -o X --csv X"
    [ $(($(date +%s) - start)) -le 5 ] && pass "refused before simulating" || fail "took $(($(date +%s) - start)) s: it simulated first"
    k run -o d/monthly.csv --csv d --quiet --set population.scale=1
    expect 2 "run -o DIR/monthly.csv --csv DIR"
    no_leftovers "inputs"
    ;;
export)
    "$kokeilu" run -o r.h5 --quiet --reproducible $SMALL || die "cannot write r.h5"
    k export r.h5 --csv csv
    expect 0 "export"
    cp csv/monthly.csv monthly.before
    echo "mine" >csv/monthly.csv
    k export r.h5 --csv csv
    expect 3 "export over existing CSV without --force"
    [ "$(cat csv/monthly.csv)" = "mine" ] && pass "the existing monthly.csv is unchanged" || fail "monthly.csv was overwritten without --force"
    grep -q -- "--force" err && pass "the message mentions --force" || fail "no --force in the message"
    k export r.h5 --csv csv --force
    expect 0 "export --force"
    cmp -s csv/monthly.csv monthly.before && pass "--force replaced it with the export" || fail "monthly.csv not replaced"
    no_leftovers "export"
    ;;
result_set)
    # A run with --force over an existing result set (h5, CSV with a summary) killed at any
    # moment leaves the old set whole: SIGKILL during the run, SIGINT at several moments
    # (each run then exits 130 with everything old, or 0 with everything new).
    "$kokeilu" run -o set.h5 --csv set --reps 2 --quiet --reproducible --seed 11 $SMALL || die "cannot write the old set"
    old_h5=$(cksum <set.h5)
    old_csv=$(cat set/*.csv | cksum)
    [ -s set/summary.csv ] || die "no summary.csv in the old set"
    LONGER="--set population.scale=0.05 --reps 3 --threads 2"
    "$kokeilu" run -o set.h5 --csv set --force --quiet $LONGER &
    pid=$!
    sleep 1.5
    kill -KILL "$pid" 2>/dev/null
    wait "$pid"
    [ "$(cksum <set.h5)" = "$old_h5" ] && [ "$(cat set/*.csv | cksum)" = "$old_csv" ] \
        && pass "SIGKILL: the old h5 and CSV tables are unchanged" || fail "SIGKILL: the result set changed"
    rm -f set.h5.part-* set/*.part-*
    interrupted=0
    # The delays count from when the run catches SIGINT (wait_for_handler).
    for delay in 0 0.5 1.5 3 5; do
        "$kokeilu" run -o set.h5 --csv set --force --quiet $LONGER 2>err &
        pid=$!
        wait_for_handler "$pid" 2
        sleep "$delay"
        kill -INT "$pid" 2>/dev/null
        wait "$pid"
        rc=$?
        echo "  SIGINT $delay s after the handler: exit $rc"
        if [ "$rc" -eq 130 ]; then
            interrupted=$((interrupted + 1))
            [ "$(cksum <set.h5)" = "$old_h5" ] && [ "$(cat set/*.csv | cksum)" = "$old_csv" ] \
                && pass "SIGINT after $delay s: exit 130, the old set is whole" || fail "SIGINT after $delay s: exit 130 but the set changed"
            grep -q "interrupted" err && pass "SIGINT after $delay s: says interrupted" || fail "SIGINT after $delay s: no 'interrupted'"
        elif [ "$rc" -eq 0 ]; then
            # It finished first: then everything is new (3 replications in every summary row,
            # none of the old set's 2).
            [ "$(cksum <set.h5)" != "$old_h5" ] \
                && awk -F, 'NR > 1 && $7 != 3 { bad = 1; exit } END { exit bad }' set/summary.csv \
                && pass "SIGINT after $delay s: finished first, the set is new" || fail "SIGINT after $delay s: exit 0 but the set is not all new"
            break
        else
            fail "SIGINT after $delay s: exit $rc"
        fi
        no_leftovers "SIGINT after $delay s"
    done
    [ "$interrupted" -ge 1 ] && pass "at least one run was interrupted" || fail "no run was interrupted"
    ;;
signals)
    # report and export honour SIGINT and SIGTERM: exit 130, no output, no temporary file.
    "$kokeilu" run -o big.h5 --reps 6 --quiet $SMALL || die "cannot write big.h5"
    for sig in INT TERM; do
        for cmd in report export; do
            got130=0
            # The delays count from when the process catches the signal (wait_for_handler).
            for delay in 0 0.3 0.6; do
                rm -rf out.html outcsv
                if [ "$cmd" = report ]; then
                    "$kokeilu" report big.h5 -o out.html >/dev/null 2>err &
                else
                    "$kokeilu" export big.h5 --csv outcsv >/dev/null 2>err &
                fi
                pid=$!
                wait_for_handler "$pid" "$([ "$sig" = INT ] && echo 2 || echo 15)"
                sleep "$delay"
                kill -"$sig" "$pid" 2>/dev/null
                wait "$pid"
                rc=$?
                if [ "$rc" -eq 130 ]; then
                    got130=1
                    if [ ! -e out.html ] && [ ! -e outcsv/monthly.csv ]; then
                        pass "$cmd SIG$sig after $delay s: exit 130 and no output"
                    else
                        fail "$cmd SIG$sig after $delay s: exit 130 but an output exists"
                    fi
                    grep -q interrupted err && pass "$cmd: says interrupted" || fail "$cmd: no 'interrupted'"
                    no_leftovers "$cmd SIG$sig after $delay s"
                    break # once is enough (a sanitizer build is slow to finish each one)
                elif [ "$rc" -eq 0 ]; then
                    echo "  $cmd SIG$sig after $delay s: finished before the signal"
                else
                    fail "$cmd SIG$sig after $delay s: exit $rc"
                fi
                no_leftovers "$cmd SIG$sig after $delay s"
            done
            [ "$got130" -eq 1 ] && pass "$cmd SIG$sig: interrupted at least once" || fail "$cmd SIG$sig: never interrupted"
        done
    done
    ;;
small)
    k run --seed -1 --quiet $SMALL
    expect 2 "--seed -1"
    k run --seed 18446744073709551616 --quiet $SMALL
    expect 2 "--seed 2^64"
    k trace --agent 1 --seed -1
    expect 2 "trace --seed -1"
    k run -o eff.h5 --seed 5 --reps 2 --quiet $SMALL
    expect 0 "run --seed 5 --reps 2"
    /usr/bin/python3 -c '
import sys, h5py
texts = list(h5py.File("eff.h5", "r")["metadata"].attrs["scenario_texts"])
assert len(texts) == 1, texts
text = texts[0].decode() if isinstance(texts[0], bytes) else texts[0]
lines = [l.split("#")[0].strip() for l in text.splitlines()]
ok = "seed = 5" in lines and "replications = 2" in lines
print("stored:", [l for l in lines if l.startswith(("seed", "replications"))])
sys.exit(0 if ok else 1)' && pass "the stored scenario has seed = 5 and replications = 2" || fail "the stored scenario is not the effective one"
    k compare --help
    grep -q "TEXT x 2" out && fail "compare --help says 'TEXT x 2'" || pass "compare --help has no 'TEXT x 2'"
    grep -q "FILE FILE" out && pass "compare --help shows FILE FILE..." || fail "compare --help lacks FILE FILE..."
    k frobnicate
    expect 2 "kokeilu frobnicate"
    grep -q "unknown command .frobnicate." err && pass "says unknown command" || fail "no 'unknown command' message"
    k valdate x.toml
    grep -q "did you mean .validate." err && pass "valdate: did you mean validate" || fail "no did-you-mean for valdate"
    # The progress line on an 60-column terminal: never longer than 59 characters, one
    # overall percentage (a pseudo-terminal made by script(1)).
    if command -v script >/dev/null 2>&1; then
        COLUMNS=60 script -q -e -c "stty cols 60 2>/dev/null; '$kokeilu' compare '' '' --reps 2 --threads 2 $SMALL" progress.txt >/dev/null 2>&1
        longest=$(tr '\r' '\n' <progress.txt | sed 's/\x1b\[K//g' | grep -E '^kokeilu compare: +[0-9]+ %' | awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }')
        count=$(tr '\r' '\n' <progress.txt | grep -c ' %')
        echo "  progress: $count redraws, the longest $longest characters"
        [ "$count" -ge 1 ] && pass "a progress line was drawn" || fail "no progress line"
        [ "$longest" -le 59 ] && pass "the progress line fits 60 columns" || fail "a progress line of $longest characters"
        tr '\r' '\n' <progress.txt | grep ' %' | grep -q "runs done" && pass "one overall line over the runs" || fail "no overall 'runs done'"
    else
        echo "SKIP: script(1) not installed; the progress line not checked"
    fi
    ;;
memory)
    # A run that cannot fit in memory is refused at once with a suggestion; nothing is run.
    start=$(date +%s)
    k run --set population.scale=10 --reps 64 --threads 64 -o m.h5
    expect 2 "64 runs of scale 10 side by side"
    grep -q "memory" err && grep -q "threads" err && pass "the message names memory and suggests fewer threads" || fail "no memory message"
    [ ! -e m.h5 ] && pass "no result file" || fail "m.h5 written"
    [ $(($(date +%s) - start)) -le 10 ] && pass "refused before running" || fail "took too long"
    # Too many rows for the disk: refused before running with the size and the free space.
    k run --set population.scale=0.005 --reps 100000 -o huge.h5
    expect 2 "--reps 100000 with -o"
    grep -q "is free in" err && pass "the message gives the free space" || fail "no free space in the message"
    # The estimate is printed before a run.
    k run -o e.h5 $SMALL
    expect 0 "a small run"
    grep -q "rough estimate" err && pass "an estimate is printed before the run" || fail "no estimate printed"
    no_leftovers "memory"
    ;;
*)
    die "unknown check '$check'"
    ;;
esac

finish
