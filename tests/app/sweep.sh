#!/bin/sh
# Command-line checks of `kokeilu sweep`: bad input, identical merged files whatever the shards
# and threads, resume after kill -9, the folder's audits (duplicates, damage, other sweeps).
#
# Usage: sh sweep.sh CHECK KOKEILU SCRATCH_DIR
#   CHECK is one of errors, identical, resume, audit.
# SCRATCH_DIR is emptied first. Prints "PASS: ..." lines and ends with "ALL PASSED"; any failed
# check prints "FAIL: ..." and exits 1.
set -u

check="$1"
kokeilu="$2"
work="$3"

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/app/common.sh
. "$here/common.sh"
enter_scratch "$work"

# sweep NAME ARGS...: runs kokeilu sweep ARGS with stdout in NAME.out, stderr in NAME.err and
# the exit code in $rc.
sweep() {
    name="$1"
    shift
    "$kokeilu" sweep "$@" >"$name.out" 2>"$name.err"
    rc=$?
    echo "  kokeilu sweep $* -> exit $rc"
    sed 's/^/    stdout: /' "$name.out" | head -n 8
    sed 's/^/    stderr: /' "$name.err" | head -n 8
}

expect() { # expect CODE WHAT
    [ "$rc" -eq "$1" ] && pass "$2: exit code $1" || fail "$2: exit code $rc, expected $1"
}

# A tiny sweep: a 2 x 2 grid and a named point equal to one of its points (one point less),
# 2 replications: 8 units of about a second each.
cat >small.toml <<'TOML'
extends = "default.toml"
[population]
scale = 0.005
[scenario]
end = 2021-06-30
[design]
replications = 2
[design.grid]
"process.initial_interview_working_days" = [5, 20]
"providers.pilot_helsinki.municipal_counsellors" = [75.0, 150.0]
[[design.points]]
name = "the grid's first point again"
set = { "process.initial_interview_working_days" = 5, "providers.pilot_helsinki.municipal_counsellors" = 75.0 }
TOML

case "$check" in
errors)
    sed 's/"process.initial_interview_working_days" = \[5, 20\]/"process.initial_interview_workng_days" = [5, 20]/' small.toml >unknown.toml
    sweep unknown plan unknown.toml -o d_unknown
    expect 2 "unknown key in the design"
    grep -q "unknown.toml:9:1: error: unknown key .process.initial_interview_workng_days. in the design; did you mean .process.initial_interview_working_days.?" unknown.err \
        && pass "unknown key: file:line and did-you-mean" || fail "unknown key: message"
    [ ! -e d_unknown ] && pass "unknown key: nothing written" || fail "unknown key: d_unknown written"

    sed 's/\[5, 20\]/[5, 300]/' small.toml >range.toml
    sweep range plan range.toml -o d_range
    expect 2 "value outside the declared range"
    grep -q "range.toml:9:.*300.*outside the key's declared range (in \[1, 250\])" range.err \
        && pass "range: names the file, line, key and range" || fail "range: message"

    printf '%s\n' 'extends = "default.toml"' '[design.latin_hypercube]' 'samples = 3' \
        '[design.latin_hypercube.ranges]' '"process.initial_interview_working_days" = [0, 30]' >lhs_range.toml
    sweep lhs_range plan lhs_range.toml -o d_lhs
    expect 2 "hypercube range outside the declared range"
    grep -q "lhs_range.toml:5:.*outside the key's declared range" lhs_range.err \
        && pass "hypercube range: file:line" || fail "hypercube range: message"

    printf '%s\n' 'extends = "default.toml"' '[design.grid]' '"process.followup_min_days" = [' >big.toml
    seq -s, 0 200 | sed 's/$/]/' >>big.toml
    printf '%s\n' '"process.initial_interview_working_days" = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]' >>big.toml
    sweep big plan big.toml -o d_big
    expect 2 "too many points without --yes"
    grep -q "2010 points or more, over 1000.*--yes" big.err && pass "too many points: says --yes" \
        || fail "too many points: message"

    printf '%s\n' 'extends = "default.toml"' '[design.sobol]' 'samples = 8' >sobol.toml
    sweep sobol plan sobol.toml -o d_sobol
    expect 2 "Sobol design without ranges"
    grep -q "sobol.toml:2:1: error: \[design.sobol\] needs .samples." sobol.err \
        && pass "Sobol: says what the design needs, at its line" || fail "Sobol: message"

    sweep slurm slurm d
    expect 2 "sweep slurm without a planned sweep"

    sweep plan plan small.toml -o d --shards 2
    expect 0 "a good plan"
    grep -q "4 point(s) (5 in the design), 2 replication(s): 8 unit(s)" plan.out \
        && pass "identical points are one point" || fail "plan: counts"
    cp d/manifest manifest.before
    sweep again plan small.toml -o d --shards 2
    expect 0 "the same plan again"
    grep -q "already holds this plan" again.out && pass "the same plan: nothing changed" \
        || fail "the same plan: message"
    sweep other plan small.toml -o d --shards 3
    expect 2 "another plan into a folder with a sweep"
    grep -q "already holds another sweep" other.err && pass "another sweep: message" \
        || fail "another sweep: message"
    cmp -s d/manifest manifest.before && pass "another sweep: manifest untouched" \
        || fail "another sweep: manifest overwritten"

    # `sweep slurm` without a cluster: bad options, and the scripts it writes (tests/app/
    # sweep_slurm.sh submits them to a real one).
    sweep slurm_time slurm d --time 1h
    expect 2 "sweep slurm: a bad --time"
    grep -q -- "--time must be a SLURM time limit" slurm_time.err && pass "bad --time: message" \
        || fail "bad --time: message"
    sweep slurm_part slurm d --partition "a b"
    expect 2 "sweep slurm: a bad --partition"
    sweep slurm_throttle slurm d --throttle 0
    expect 2 "sweep slurm: --throttle 0"
    sweep slurm_ok slurm d --max-array 1 --throttle 1 --time 1-02:00 --partition debug
    expect 0 "sweep slurm: 2 shards, arrays of at most 1 task"
    grep -q "^#SBATCH --array=0%1$" d/slurm/array-2.sbatch && grep -q "SLURM_ARRAY_TASK_ID + 2))" d/slurm/array-2.sbatch \
        && grep -q "^#SBATCH --time=1-02:00$" d/slurm/array-1.sbatch && grep -q "^#SBATCH --signal=B:USR1@120$" d/slurm/array-1.sbatch \
        && pass "sweep slurm: a second array for the shard over the limit, with its offset" \
        || fail "sweep slurm: scripts: $(cat d/slurm/array-2.sbatch)"
    grep -q "dependency=afterok:\$a1:\$a2 --kill-on-invalid-dep=yes" d/slurm/submit.sh \
        && pass "sweep slurm: the merge job waits for both arrays" || fail "sweep slurm: $(cat d/slurm/submit.sh)"
    bash -n d/slurm/array-1.sbatch && bash -n d/slurm/merge.sbatch && pass "sweep slurm: the scripts parse" \
        || fail "sweep slurm: a script does not parse"

    sed 's/replications = 2/replications = 3/' d/manifest >edited && cp edited d/manifest
    sweep edited run d
    expect 2 "a manifest edited by hand"
    grep -q "does not match its hash" edited.err && pass "edited manifest: detected" \
        || fail "edited manifest: message"
    cp manifest.before d/manifest

    sweep early merge d -o early.h5
    expect 2 "merge of an unfinished sweep"
    grep -q "shard(s) 0-1 of 2 missing" early.err && pass "unfinished: names the missing shards" \
        || fail "unfinished: message"
    [ ! -e early.h5 ] && pass "unfinished: nothing written" || fail "unfinished: early.h5 written"
    sweep badshard run d --shard 3/2
    expect 2 "--shard 3/2"

    # The shipped example plans (6 points of 3 replications).
    sweep example plan "$here/../../configs/examples/sweep_staff_deadline.toml" -o ex \
        --set population.scale=0.005
    expect 0 "the shipped example"
    grep -q "6 point(s) (6 in the design), 3 replication(s): 18 unit(s)" example.out \
        && pass "the example: 6 points x 3 replications" || fail "the example: $(cat example.out)"
    ;;
identical)
    sweep plan3 plan small.toml -o three --shards 3
    expect 0 "plan of 3 shards"
    sweep plan1 plan small.toml -o one --shards 1
    expect 0 "plan of 1 shard"
    sweep run1 run one --threads 1
    expect 0 "one shard, 1 thread"
    for i in 1 2 3; do
        sweep "run3_$i" run three --shard "$i/3" --threads 2
        expect 0 "shard $i/3, 2 threads"
    done
    grep -q "done: 3 shard(s)" run3_3.out || true
    sweep status3 status three
    grep -q "missing: 0 shard(s)" status3.out && pass "status: nothing missing" \
        || fail "status: $(cat status3.out)"
    sweep merge1 merge one -o one.h5
    expect 0 "merge of 1 shard"
    sweep merge3 merge three -o three.h5
    expect 0 "merge of 3 shards"
    cmp one.h5 three.h5 && pass "1 shard on 1 thread and 3 shards on 2 threads: identical bytes" \
        || fail "one.h5 and three.h5 differ"
    sweep merge3b merge three -o three.h5
    expect 3 "merge over an existing file without --force"
    sweep merge3c merge three -o three_again.h5
    cmp three.h5 three_again.h5 && pass "merging twice: identical bytes" || fail "merges differ"
    [ -z "$(find . -name '*.part-*')" ] && pass "no temporary files left" || fail "temporary files left"
    ;;
resume)
    sweep ref_plan plan small.toml -o ref --shards 4
    sweep ref_run run ref --threads 2
    sweep ref_merge merge ref -o ref.h5
    expect 0 "the uninterrupted sweep"
    # One unit a shard; each run is killed after a while and the next one goes on.
    sweep plan plan small.toml -o k --shards 8
    : >sums_before
    for delay in 0 0.2 0.4 0.6 0.8; do
        "$kokeilu" sweep run k --threads 1 >"kill.out" 2>&1 &
        pid=$!
        # The delay counts from the moment the run writes its first shard (a sanitizer build on
        # a busy machine can take seconds to get there).
        tries=0
        while [ -z "$(find k/shards -name "*.part-$pid")" ] && [ "$tries" -lt 300 ] \
            && kill -0 "$pid" 2>/dev/null; do
            sleep 0.1
            tries=$((tries + 1))
        done
        sleep "$delay"
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        sha256sum k/shards/*.h5 2>/dev/null | sort >sums_now
        echo "  kill -9 after $delay s: $(ls k/shards/*.done 2>/dev/null | wc -l) shard(s) done"
        # What was done before stays as it was: a run only adds shards.
        [ -z "$(comm -23 sums_before sums_now)" ] || fail "a shard file changed or vanished after a kill"
        cp sums_now sums_before
    done
    n_before=$(ls k/shards/*.done 2>/dev/null | wc -l)
    sweep resume run k --threads 2
    [ -z "$(find k -name '*.part-*')" ] && pass "the resumed run removed the killed runs' temporary files" \
        || fail "temporary files left: $(find k -name '*.part-*')"
    expect 0 "the resumed run"
    if [ "$n_before" -eq 8 ]; then
        grep -q "nothing to do" resume.out && pass "the resumed run: nothing left to do" \
            || fail "resumed run: $(cat resume.out)"
    else
        grep -q "^kokeilu sweep run: $((8 - n_before)) shard(s)" resume.out \
            && pass "the resumed run did only the missing $((8 - n_before)) shard(s)" \
            || fail "resumed run: $(cat resume.out)"
    fi
    sha256sum k/shards/*.h5 | sort >sums_after
    [ -z "$(comm -23 sums_before sums_after)" ] && pass "no shard that was done was redone or changed" \
        || fail "a done shard changed"
    for s in 0 1 2 3 4 5 6 7; do
        n=$(ls k/shards/shard-0000$s.*.done | wc -l)
        [ "$n" -eq 1 ] || fail "shard $s has $n done markers: it was run again after it was done"
    done
    sweep again run k
    grep -q "nothing to do" again.out && pass "a third run does nothing" || fail "third run: $(cat again.out)"
    sweep merge merge k -o k.h5
    expect 0 "merge after kills"
    cmp ref.h5 k.h5 && pass "killed and resumed: the same bytes as the uninterrupted sweep" \
        || fail "ref.h5 and k.h5 differ"

    # SIGTERM, sent twice as a scheduler may before its SIGKILL: exit 130, finished shards
    # kept, no temporary file under a final name.
    sweep plan_t plan small.toml -o t --shards 8
    "$kokeilu" sweep run t --threads 1 >term.out 2>term.err &
    pid=$!
    tries=0
    while [ -z "$(find t/shards -name "*.part-$pid")" ] && [ "$tries" -lt 300 ] \
        && kill -0 "$pid" 2>/dev/null; do
        sleep 0.1
        tries=$((tries + 1))
    done
    sleep 0.3 # into the first of 8 units of a second or less each
    kill -TERM "$pid"
    sleep 0.1
    kill -TERM "$pid"
    wait "$pid"
    rc=$?
    expect 130 "SIGTERM"
    grep -q "interrupted" term.err && pass "SIGTERM: says interrupted" || fail "SIGTERM: $(cat term.err)"
    [ -z "$(find t -name '*.part-*')" ] && pass "SIGTERM: no temporary file left" \
        || fail "SIGTERM: temporary files left"
    sweep t_rest run t
    sweep t_merge merge t -o t.h5
    cmp ref.h5 t.h5 && pass "after SIGTERM and a rerun: the same bytes" || fail "ref.h5 and t.h5 differ"

    # SIGUSR1 (SLURM's warning before a time limit), sent twice: a clean stop all the same.
    sweep plan_u plan small.toml -o u --shards 8
    "$kokeilu" sweep run u --threads 1 >usr1.out 2>usr1.err &
    pid=$!
    tries=0
    while [ -z "$(find u/shards -name "*.part-$pid")" ] && [ "$tries" -lt 300 ] \
        && kill -0 "$pid" 2>/dev/null; do
        sleep 0.1
        tries=$((tries + 1))
    done
    sleep 0.3
    kill -USR1 "$pid"
    kill -USR1 "$pid"
    wait "$pid"
    rc=$?
    expect 130 "SIGUSR1 twice"
    [ -z "$(find u -name '*.part-*')" ] && pass "SIGUSR1: no temporary file left" \
        || fail "SIGUSR1: temporary files left"
    sweep u_rest run u
    sweep u_merge merge u -o u.h5
    cmp ref.h5 u.h5 && pass "after SIGUSR1 and a rerun: the same bytes" || fail "ref.h5 and u.h5 differ"
    ;;
audit)
    sweep plan plan small.toml -o a --shards 2
    sweep run run a
    sweep m0 merge a -o a.h5
    expect 0 "merge"
    # A second copy of shard 1, as if a requeued task had run it again elsewhere.
    marker=$(ls a/shards/shard-00001.*.done)
    file=$(ls a/shards/shard-00001.*.h5)
    cp "$file" a/shards/shard-00001.other-1.h5
    sed "s|^file .*|file shard-00001.other-1.h5|" "$marker" >a/shards/shard-00001.other-1.done
    sweep status status a
    grep -q "shard 1 was run 2 times" status.out && pass "status: a shard run twice" \
        || fail "status: $(cat status.out)"
    sweep m1 merge a -o a2.h5
    expect 0 "merge with an identical duplicate"
    cmp a.h5 a2.h5 && pass "an identical duplicate changes nothing" || fail "a.h5 and a2.h5 differ"
    # The duplicate with one value changed (its marker's SHA-256 updated to match).
    /usr/bin/python3 - a/shards/shard-00001.other-1.h5 <<'PY'
import sys, h5py
with h5py.File(sys.argv[1], "r+") as f:
    rows = f["monthly/rows"]
    row = rows[5]
    row["value"] += 1.0
    rows[5] = row
PY
    sum=$(sha256sum a/shards/shard-00001.other-1.h5 | cut -d' ' -f1)
    sed -i "s|^sha256 .*|sha256 $sum|" a/shards/shard-00001.other-1.done
    sweep m2 merge a -o a3.h5
    expect 2 "a duplicate that differs"
    grep -q "run twice.*different results" m2.err && pass "differing duplicate: message" \
        || fail "differing duplicate: message"
    [ ! -e a3.h5 ] && pass "differing duplicate: nothing written" || fail "a3.h5 written"
    # The same file without its marker's update: damaged.
    sed -i "s|^sha256 .*|sha256 0000|" a/shards/shard-00001.other-1.done
    sweep m3 merge a -o a3.h5
    expect 3 "a shard file that differs from its SHA-256"
    grep -q "differs from its SHA-256" m3.err && pass "damaged: message" || fail "damaged: message"
    sweep fix run a
    grep -q "set aside as .damaged" fix.err && pass "run sets a damaged marker aside" \
        || fail "damaged: $(cat fix.err)"
    sweep m4 merge a -o a4.h5
    cmp a.h5 a4.h5 && pass "after setting it aside: the same bytes" || fail "a.h5 and a4.h5 differ"
    # A marker of another sweep.
    sweep plan_b plan small.toml -o b --shards 3
    cp "$marker" b/shards/
    sweep foreign merge b -o b.h5
    expect 2 "a shard of another sweep"
    grep -q "a shard of another sweep" foreign.err && pass "another sweep's shard: named" \
        || fail "foreign: message"
    ;;
*)
    die "unknown check $check"
    ;;
esac

finish
