#!/bin/sh
# Command-line checks of `kokeilu run`: exit codes, files, byte identity, refusal to overwrite.
#
# Usage: sh run_checks.sh CHECK KOKEILU SCRATCH_DIR
#   CHECK is one of files, byte_identical, no_overwrite, unwritable, show_roundtrip, compare,
#   trace, report, bad_input, window.
# SCRATCH_DIR is emptied first. Prints "PASS: ..." lines and ends with "ALL PASSED"; any failed
# check prints "FAIL: ..." and exits 1.
set -u

check="$1"
kokeilu="$2"
work="$3"

# shellcheck source=tests/app/common.sh
. "$(dirname "$0")/common.sh"
enter_scratch "$work"

# run NAME ARGS...: runs kokeilu run ARGS with stdout in NAME.out, stderr in NAME.err, and the
# exit code in $rc.
run() {
    name="$1"
    shift
    "$kokeilu" run "$@" >"$name.out" 2>"$name.err"
    rc=$?
    echo "  kokeilu run $* -> exit $rc"
    sed 's/^/    stdout: /' "$name.out" | head -n 5
    sed 's/^/    stderr: /' "$name.err" | head -n 5
}

no_part_files() {
    # A `.part-<pid>` file left behind in the scratch folder (a writer that did not clean up).
    leftovers=$(find . -name '*.part-*' | head -n 5)
    if [ -n "$leftovers" ]; then
        fail "$1: temporary files left behind: $leftovers"
    else
        pass "$1: no .part-* file left"
    fi
}

case "$check" in
files)
    # shellcheck disable=SC2086
    run files -o x.h5 --csv dir --quiet --reproducible --seed 4242 $SMALL
    [ "$rc" -eq 0 ] && pass "exit code 0" || fail "exit code $rc, expected 0"
    [ -s x.h5 ] && pass "x.h5 exists" || fail "x.h5 missing or empty"
    [ -s dir/monthly.csv ] && pass "dir/monthly.csv exists" || fail "dir/monthly.csv missing"
    [ -s dir/measures.csv ] && pass "dir/measures.csv exists" || fail "dir/measures.csv missing"
    [ ! -s files.out ] && pass "--quiet prints nothing on stdout" || fail "--quiet printed: $(cat files.out)"
    [ ! -e dir/summary.csv ] && pass "one replication: no summary.csv" || fail "summary.csv written for one replication"
    no_part_files "files"
    # Without --quiet, every file written is named, and only those.
    # shellcheck disable=SC2086
    run named -o y.h5 --csv ydir --reproducible --seed 4242 $SMALL
    for f in y.h5 ydir/*.csv; do
        grep -qx "wrote $f" named.out && pass "names $f" || fail "does not name $f: $(cat named.out)"
    done
    [ "$(grep -c '^wrote ' named.out)" -eq "$(($(ls ydir/*.csv | wc -l) + 1))" ] &&
        pass "names nothing else" || fail "names other files: $(grep '^wrote ' named.out)"
    ;;
byte_identical)
    for t in 1 2; do
        # shellcheck disable=SC2086
        run "t$t" -o "t$t.h5" --csv "t$t" --quiet --reproducible --threads "$t" $SMALL
        [ "$rc" -eq 0 ] && pass "--threads $t: exit code 0" || fail "--threads $t: exit code $rc"
    done
    [ -s t1.h5 ] && [ -s t2.h5 ] || fail "a result file is missing"
    if cmp t1.h5 t2.h5; then pass "t1.h5 and t2.h5 are byte-identical"; else fail "t1.h5 and t2.h5 differ"; fi
    if cmp t1/monthly.csv t2/monthly.csv; then
        pass "monthly.csv files are byte-identical"
    else
        fail "monthly.csv files differ"
    fi
    # Three replications: one after another with 1 thread, side by side with 2.
    for t in 1 2; do
        # shellcheck disable=SC2086
        run "r$t" -o "r$t.h5" --reps 3 --quiet --reproducible --threads "$t" $SMALL
        [ "$rc" -eq 0 ] && pass "--reps 3 --threads $t: exit code 0" || fail "--reps 3 --threads $t: exit code $rc"
    done
    if cmp r1.h5 r2.h5; then pass "3 replications: byte-identical for 1 and 2 threads"; else fail "3 replications differ between 1 and 2 threads"; fi
    ;;
no_overwrite)
    # shellcheck disable=SC2086
    run first -o x.h5 --quiet --reproducible --seed 1 $SMALL
    [ "$rc" -eq 0 ] && [ -s x.h5 ] || die "could not write the first result (exit $rc)"
    cp x.h5 copy.h5
    # A different seed, so a replaced file would differ.
    # shellcheck disable=SC2086
    run again -o x.h5 --quiet --reproducible --seed 2 $SMALL
    [ "$rc" -eq 3 ] && pass "without --force: exit code 3" || fail "without --force: exit code $rc, expected 3"
    grep -q "x.h5" again.err && pass "the message names x.h5" || fail "the message does not name x.h5"
    grep -q -- "--force" again.err && pass "the message mentions --force" || fail "the message does not mention --force"
    cmp x.h5 copy.h5 && pass "x.h5 unchanged" || fail "x.h5 was changed without --force"
    no_part_files "without --force"
    # shellcheck disable=SC2086
    run forced -o x.h5 --quiet --reproducible --seed 2 --force $SMALL
    [ "$rc" -eq 0 ] && pass "with --force: exit code 0" || fail "with --force: exit code $rc, expected 0"
    if cmp -s x.h5 copy.h5; then fail "with --force: x.h5 was not replaced"; else pass "with --force: x.h5 replaced"; fi
    /usr/bin/python3 -c "import h5py, sys; f = h5py.File(sys.argv[1], 'r'); sys.exit(0 if f.attrs['complete'] == 1 and f['metadata'].attrs['seed'] == 2 else 1)" x.h5 \
        && pass "the replacement is complete and has seed 2" || fail "the replacement is not the seed-2 result"
    no_part_files "with --force"
    ;;
unwritable)
    # The full default scenario, not --quiet: if it ran at all, it would take minutes and print
    # its summary.
    start=$(date +%s)
    # /proc refuses new folders even for root (kokeilu creates a missing output folder).
    run unwritable -o /proc/kokeilu-no-such-dir/x.h5
    elapsed=$(($(date +%s) - start))
    [ "$rc" -eq 3 ] && pass "exit code 3" || fail "exit code $rc, expected 3"
    grep -q "/proc/kokeilu-no-such-dir" unwritable.err && pass "the message names the path" || fail "the message does not name the path"
    if grep -q "events" unwritable.out unwritable.err; then fail "the run summary was printed: the run ran"; else pass "no run summary"; fi
    [ "$elapsed" -le 10 ] && pass "failed within ${elapsed} s" || fail "took ${elapsed} s: the run ran before failing"
    ;;
show_roundtrip)
    # `kokeilu show` prints the resolved scenario; running that file gives the same results as
    # the scenario it came from (issue #4). --set values are part of what show prints.
    # shellcheck disable=SC2086
    "$kokeilu" show $SMALL --set scenario.seed=77 >shown.toml 2>shown.err
    [ $? -eq 0 ] && pass "show exit code 0" || fail "show failed: $(head -n 3 shown.err)"
    # shellcheck disable=SC2086
    run direct --csv direct --quiet $SMALL --set scenario.seed=77
    [ "$rc" -eq 0 ] && pass "direct run" || fail "direct run: exit code $rc"
    run shown shown.toml --csv shown --quiet
    [ "$rc" -eq 0 ] && pass "run of the shown file" || fail "run of the shown file: exit code $rc"
    cmp -s direct/monthly.csv shown/monthly.csv && pass "identical monthly.csv" || fail "monthly.csv differs between the scenario and its show output"
    # ... and a different seed does change the results (the comparison can fail).
    run other --csv other --quiet $SMALL --set scenario.seed=78
    cmp -s direct/monthly.csv other/monthly.csv && fail "seed 78 gave the same results as 77" || pass "another seed differs"
    ;;
compare)
    # Two scenarios, two replications, common random numbers: one file, both names, paired
    # differences printed; the first scenario's rows equal a plain run of it.
    printf 'extends = "default.toml"\n[scenario]\nname = "more staff"\n[process]\ncounsellor_minutes_per_day = 160.0\n' >variant.toml
    # shellcheck disable=SC2086
    "$kokeilu" compare "" variant.toml --reps 2 --csv cmp $SMALL >compare.out 2>compare.err
    rc=$?
    [ "$rc" -eq 0 ] && pass "compare exit code 0" || fail "compare exit code $rc: $(head -n 3 compare.err)"
    grep -q "variance ratio" compare.out && pass "paired differences printed" || fail "no paired differences in: $(head -n 20 compare.out)"
    grep -q ',more staff,\|^more staff,' cmp/monthly.csv && pass "the variant's rows are in monthly.csv" || fail "no rows of the variant"
    grep -q '^Finland 2019-2024,' cmp/monthly.csv && pass "the reference's rows are in monthly.csv" || fail "no rows of the reference"
    # Two replications: every cell's mean and 95 % interval in summary.csv, per scenario.
    head -n 1 cmp/summary.csv | grep -qx 'scenario,month,provider,provider_kind,target_group,measure,replications,mean,std_error,ci_low,ci_high' && pass "summary.csv header" || fail "summary.csv missing or header wrong"
    grep -q '^more staff,2019-01,.*,2,' cmp/summary.csv && pass "summary rows count 2 replications" || fail "no summary rows over 2 replications"
    # shellcheck disable=SC2086
    run plain --reps 2 --csv plain --quiet $SMALL
    grep '^Finland 2019-2024,' cmp/monthly.csv >cmp_ref.csv
    tail -n +2 plain/monthly.csv >plain_rows.csv
    cmp -s cmp_ref.csv plain_rows.csv && pass "the reference's rows equal a plain run" || fail "the reference's rows differ from a plain run"
    # A scenario compared with itself differs by exactly zero (common random numbers).
    # shellcheck disable=SC2086
    "$kokeilu" compare "" "" --reps 2 --csv self --quiet $SMALL >self.out 2>self.err
    [ $? -eq 0 ] || fail "compare of the default with itself failed: $(head -n 3 self.err)"
    grep '^Finland 2019-2024,' self/monthly.csv | cut -d, -f2- >self_a.csv
    grep '^built-in default,' self/monthly.csv | cut -d, -f2- >self_b.csv
    [ -s self_a.csv ] && cmp -s self_a.csv self_b.csv && pass "a scenario compared with itself: identical rows" || fail "a scenario compared with itself differs"
    "$kokeilu" compare "" --quiet >one.out 2>one.err
    [ $? -eq 2 ] && pass "compare with one scenario: exit code 2" || fail "compare with one scenario did not fail with 2"
    ;;
window)
    # The headline window is shared by every scenario of a comparison: a no-pilot variant
    # (pilot.start after the run) gets the reference's pilot period, not zeros.
    printf 'extends = "default.toml"\n[scenario]\nname = "No pilots"\n[pilot]\nstart = 2025-01-01\nend = 2025-12-31\n' >nopilot.toml
    # shellcheck disable=SC2086
    "$kokeilu" compare "" nopilot.toml --reps 2 $SMALL >shared.out 2>shared.err
    rc=$?
    [ "$rc" -eq 0 ] && pass "compare with a no-pilot variant: exit code 0" || fail "exit code $rc: $(head -n 3 shared.err)"
    grep -q "^Headline outcomes (2021-03 to 2021-12)" shared.out && pass "the window is the reference's pilot period" || fail "window: $(grep Headline shared.out)"
    nopilot=$(awk '/^unemployed, mean stock/ {print $NF; exit}' shared.out)
    [ -n "$nopilot" ] && [ "$nopilot" -gt 0 ] 2>/dev/null && pass "the no-pilot headline is not zero ($nopilot)" || fail "the no-pilot headline is '$nopilot'"
    # The no-pilot scenario as the reference with the same window explicitly: the same values.
    # shellcheck disable=SC2086
    "$kokeilu" compare nopilot.toml "" --reps 2 --window 2021-03..2021-12 $SMALL >swapped.out 2>swapped.err
    first=$(awk '/^unemployed, mean stock/ {print $(NF-1); exit}' swapped.out)
    [ "$first" = "$nopilot" ] && pass "the same months for every scenario: $first both ways" || fail "no-pilot headline $first as reference, $nopilot as variant"
    grep -q "^Headline outcomes (2021-03 to 2021-12)" swapped.out && pass "--window sets the months" || fail "--window: $(grep Headline swapped.out)"
    # Without pilots in the reference and no --window: the whole run.
    # shellcheck disable=SC2086
    "$kokeilu" compare nopilot.toml "" --reps 2 $SMALL >whole.out 2>whole.err
    grep -q "^Headline outcomes (2019-01 to 2021-12)" whole.out && pass "a reference without pilots: the whole run" || fail "whole run: $(grep Headline whole.out)"
    # shellcheck disable=SC2086
    run badwin --window 2021-03..2030-12 --quiet $SMALL
    [ "$rc" -eq 2 ] && grep -q "not within the simulated months 2019-01..2021-12" badwin.err && pass "--window outside the run: exit code 2" || fail "--window outside the run: exit $rc"
    # shellcheck disable=SC2086
    run badwin2 --window 2021-3 --quiet $SMALL
    [ "$rc" -eq 2 ] && pass "--window that is not months: exit code 2" || fail "--window 2021-3: exit $rc"
    ;;
trace)
    # shellcheck disable=SC2086
    run trace --trace-sample 30 -o trace.h5 --csv trace --quiet --reproducible $SMALL
    [ "$rc" -eq 0 ] && pass "exit code 0" || fail "exit code $rc"
    [ -s trace/traces.csv ] && pass "traces.csv written" || fail "no traces.csv"
    head -n 1 trace/traces.csv | grep -qx 'scenario,replication,agent,time,event,from_state,to_state,provider' && pass "traces.csv header" || fail "traces.csv header: $(head -n 1 trace/traces.csv)"
    grep -q ',register,not_registered,unemployed,' trace/traces.csv && pass "registrations traced" || fail "no registration in the trace"
    people=$(tail -n +2 trace/traces.csv | cut -d, -f3 | sort -u | wc -l)
    [ "$people" -ge 10 ] && [ "$people" -le 30 ] && pass "$people persons traced" || fail "$people persons traced, expected 10..30"
    # Tracing does not change the results.
    # shellcheck disable=SC2086
    run notrace --csv notrace --quiet $SMALL
    cmp -s trace/monthly.csv notrace/monthly.csv && pass "monthly.csv unchanged by tracing" || fail "tracing changed monthly.csv"
    # `kokeilu trace --agent ID` tells the same story, one line per event.
    id=$(sed -n 2p trace/traces.csv | cut -d, -f3)
    want=$(tail -n +2 trace/traces.csv | awk -F, -v id="$id" '$3 == id' | wc -l)
    # shellcheck disable=SC2086
    "$kokeilu" trace --agent "$id" $SMALL >story.txt 2>story.err
    got=$(tail -n +2 story.txt | wc -l)
    [ "$got" -eq "$want" ] && pass "kokeilu trace --agent $id: $got events, as in traces.csv" || fail "kokeilu trace --agent $id printed $got events, traces.csv has $want"
    "$kokeilu" trace --agent 999999999 $SMALL >none.txt 2>none.err
    [ $? -eq 2 ] && grep -q "no person 999999999" none.err && pass "an unknown id: exit 2 with a message" || fail "an unknown id: $(cat none.err)"
    ;;
report)
    # The workshop report of a real comparison: the pathway of every service model in use,
    # laid out by Graphviz, beside the charts; rendered in headless Chromium when installed.
    # shellcheck disable=SC2086
    printf 'extends = "default.toml"\n[scenario]\nname = "more staff"\n[process]\ncounsellor_minutes_per_day = 160.0\n' >variant.toml
    "$kokeilu" compare "" variant.toml --reps 2 -o rep.h5 $SMALL >rep.out 2>rep.err || fail "compare failed: $(head -n 3 rep.err)"
    "$kokeilu" report rep.h5 -o rep.html >report.out 2>report.err
    [ $? -eq 0 ] && pass "report exit code 0" || fail "report failed: $(head -n 3 report.err)"
    # The headline panel has compare's numbers, over compare's window: each scenario's means
    # and each paired difference with its half-width and variance ratio, as compare printed them.
    grep -q '^Headline outcomes (2021-03 to 2021-12)' rep.out && grep -q '<p class="note">2021-03 to 2021-12\. ' rep.html && pass "the headline panel covers compare's window" || fail "headline windows: $(grep '^Headline' rep.out)"
    sed -n '/^Headline outcomes/,/^$/p' rep.out | sed '1,2d;/^$/d' >means.txt
    sed -n '/^Differences to/,/^(variance ratio/p' rep.out | grep ' ± ' >diffs.txt
    : >mismatch.txt
    while IFS= read -r line; do
        label=$(printf '%s\n' "$line" | cut -c1-30 | sed 's/ *$//')
        ref=$(printf '%s\n' "$line" | awk '{print $(NF-1)}')
        var=$(printf '%s\n' "$line" | awk '{print $NF}')
        grep -F "<tr><td>$label</td><td class=\"num\">$ref</td><td class=\"num\">$var</td>" rep.html >/dev/null || echo "means of $label: $ref $var" >>mismatch.txt
    done <means.txt
    while IFS= read -r line; do
        label=$(printf '%s\n' "$line" | cut -c5-34 | sed 's/ *$//')
        diff=$(printf '%s\n' "$line" | cut -c35- | awk '{print $1 " ± " $3}')
        ratio=$(printf '%s\n' "$line" | awk '{print $NF}')
        grep -F "<tr><td>$label</td>" rep.html | grep -F "<td class=\"num\">$diff</td><td class=\"num\">$ratio</td></tr>" >/dev/null || echo "difference of $label: $diff, ratio $ratio" >>mismatch.txt
    done <diffs.txt
    compared=$(($(wc -l <means.txt) + $(wc -l <diffs.txt)))
    [ "$compared" -eq 16 ] && [ ! -s mismatch.txt ] && pass "the report's headline figures equal compare's ($compared lines)" || fail "$compared lines compared; not in the report: $(cat mismatch.txt)"
    grep -q '<li>[^<]* (between [^<]*\|<li>[^<]* ([0-9.,]* to [0-9.,]*)' rep.html && pass "the differences in words" || fail "no headline sentence in the report"
    # --window as given to compare; one outside the file's months is refused with exit code 2.
    "$kokeilu" report rep.h5 -o win.html --window 2021-06..2021-12 >win.out 2>win.err
    [ $? -eq 0 ] && grep -q '<p class="note">2021-06 to 2021-12\. ' win.html && pass "report --window sets the headline months" || fail "report --window: $(head -n 3 win.err)"
    "$kokeilu" report rep.h5 -o bad.html --window 2021-06..2030-12 >bad.out 2>bad.err
    [ $? -eq 2 ] && grep -q 'not within the simulated months' bad.err && [ ! -e bad.html ] && pass "report --window outside the file: exit code 2, nothing written" || fail "report --window outside the file: $(cat bad.err)"
    figures=$(grep -o 'class="pathway"' rep.html | wc -l)
    # 3 service models used by the default scenario, for each of the 2 scenarios.
    [ "$figures" -eq 6 ] && pass "6 pathway drawings" || fail "$figures pathway drawings, expected 6"
    grep -q 'labour_market_training' rep.html && pass "stages named in the drawings" || fail "no stage names in the drawings"
    grep -q 'id="assumptions"' rep.html && grep -q 'process.counsellor_minutes_per_day' rep.html && pass "the settings that differ are listed" || fail "no table of the settings that differ"
    # Each scenario's own text (output/SCHEMA.md: /metadata@scenario_texts), under its name.
    texts=$(grep -c '<summary>Scenario text: ' rep.html)
    [ "$texts" -eq 2 ] && grep -q '<summary>Scenario text: more staff (' rep.html && pass "2 scenario texts, each under its name" || fail "$texts scenario texts in the report, expected 2"
    if [ -x /usr/bin/chromium ]; then
        profile=$(mktemp -d)
        timeout 120 /usr/bin/chromium --headless --no-sandbox --disable-gpu --no-first-run \
            --disable-background-networking --log-level=3 --user-data-dir="$profile" \
            --dump-dom "file://$(pwd)/rep.html" >dom.html 2>chromium.log
        rm -rf "$profile"
        grep -q 'Service pathways' dom.html && pass "Chromium renders the pathways section" || fail "Chromium DOM lacks the pathways section"
    else
        echo "SKIP: chromium not installed, DOM not checked"
    fi
    ;;
bad_input)
    # shellcheck disable=SC2086
    run start -o start.h5 $SMALL --set scenario.start=2021-03-15
    [ "$rc" -eq 2 ] && pass "scenario.start=2021-03-15: exit code 2" || fail "scenario.start=2021-03-15: exit code $rc, expected 2"
    grep -q "scenario.start" start.err && pass "the message names scenario.start" || fail "the message does not name scenario.start"
    [ ! -e start.h5 ] && pass "no result file written" || fail "start.h5 was written"
    run typo -o typo.h5 --set populaton.scale=0.1
    [ "$rc" -eq 2 ] && pass "populaton.scale: exit code 2" || fail "populaton.scale: exit code $rc, expected 2"
    grep -q "populaton.scale" typo.err && pass "the message names populaton.scale" || fail "the message does not name populaton.scale"
    grep -q "did you mean" typo.err && pass "the message says 'did you mean'" || fail "no 'did you mean' in the message"
    grep -q "population.scale" typo.err && pass "the message suggests population.scale" || fail "population.scale is not suggested"
    [ ! -e typo.h5 ] && pass "no result file written" || fail "typo.h5 was written"
    no_part_files "bad input"
    ;;
*)
    die "unknown check '$check'"
    ;;
esac

finish
