#!/bin/sh
# `kokeilu sweep slurm` on a real one-node SLURM cluster: a 2-task job array submitted with
# --submit, its merge job, and a merged file byte for byte the same as a local `sweep run` +
# `sweep merge` of the same plan; then `scancel` of a running task (it stops cleanly, its shard
# goes missing, the merge job is cancelled) and `--resume`, which submits only that shard; and
# SIGUSR1 to a task's batch shell (SLURM's warning before a time limit): a clean stop.
#
# Usage: sh sweep_slurm.sh KOKEILU SCRATCH_DIR
#
# The cluster: munged, slurmctld and slurmd started by hand (no systemd) from
# SCRATCH_DIR/cluster as root, with munged on its own socket and SLURM on free ports so that it
# disturbs nothing else on the machine, and stopped by their process ids at the end.
# Environment:
#   KOKEILU_SLURM_CONF=FILE   use the cluster that is already up with this slurm.conf (its
#                             nodes must see SCRATCH_DIR); no daemon is started or stopped
#   KOKEILU_REQUIRE_SLURM=1   a skip is a failure (CI sets it, so the test really runs there)
# Exit code 77 (CTest's SKIP_RETURN_CODE) when SLURM or munge is not installed, or when not
# root and no cluster is given. Otherwise "PASS: ..." lines and "ALL PASSED", or exit 1.
set -u

kokeilu="$1"
work="$2"

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/app/common.sh
. "$here/common.sh"
enter_scratch "$work"
work=$(pwd)

skip() { skip_unless_required KOKEILU_REQUIRE_SLURM "$*"; }

for tool in sbatch squeue scancel scontrol sinfo; do
    command -v "$tool" >/dev/null 2>&1 || skip "no $tool: SLURM is not installed (apt-get install slurm-wlm munge)"
done

D="$work/cluster"
started=""

# running PID: the process is there and not a zombie (the daemons are this shell's children:
# they stay zombies until `wait` reaps them).
running() {
    st=$(ps -o stat= -p "$1" 2>/dev/null)
    [ -n "$st" ] && [ "${st#Z}" = "$st" ]
}

# stop_daemons: TERM each daemon this script started, KILL it after 10 s, by process id.
stop_daemons() {
    for p in $started; do
        pid=$(cat "$D/$p.pid.mine")
        kill -TERM "$pid" 2>/dev/null
        i=0
        while running "$pid" && [ "$i" -lt 100 ]; do
            sleep 0.1
            i=$((i + 1))
        done
        running "$pid" && kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        rm -f "$D/$p.pid.mine"
        echo "  stopped $p (pid $pid)"
    done
    started=""
}

free_port() {
    /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

write_conf() {
    host=$(hostname -s)
    cat >"$D/slurm.conf" <<CONF
ClusterName=kokeilutest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$D/munge/munge.socket
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
ReturnToService=2
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=2 RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
}

# start_cluster: munged (as the munge user, on its own socket), slurmctld and slurmd, up to
# the node being idle.
start_cluster() {
    for tool in munged slurmctld slurmd setpriv; do
        command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] \
            || skip "no $tool (apt-get install slurm-wlm munge)"
    done
    [ "$(id -u)" -eq 0 ] || skip "starting a cluster needs root (or set KOKEILU_SLURM_CONF)"
    [ -r /etc/munge/munge.key ] || skip "no /etc/munge/munge.key (the munge package makes it)"
    mkdir -p "$D/state" "$D/spool" "$D/log"
    install -d -o munge -g munge -m 0755 "$D/munge" || die "cannot make $D/munge for munged"
    write_conf
    export SLURM_CONF="$D/slurm.conf"
    trap 'stop_daemons' EXIT
    trap 'stop_daemons; exit 1' INT TERM
    setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged --foreground \
        --socket="$D/munge/munge.socket" --pid-file="$D/munge/munged.pid" \
        --log-file="$D/munge/munged.log" --seed-file="$D/munge/munged.seed" \
        >"$D/log/munged.out" 2>&1 &
    echo $! >"$D/munged.pid.mine" # setpriv execs: $! is munged itself
    started="munged"
    i=0
    while [ ! -S "$D/munge/munge.socket" ] && [ "$i" -lt 50 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    [ -S "$D/munge/munge.socket" ] || die "munged did not start: $(cat "$D/log/munged.out")"
    slurmctld -D -i >"$D/log/slurmctld.out" 2>&1 &
    echo $! >"$D/slurmctld.pid.mine"
    started="slurmctld $started"
    slurmd -D >"$D/log/slurmd.out" 2>&1 &
    echo $! >"$D/slurmd.pid.mine"
    started="slurmd $started"
    i=0
    while ! sinfo -h -o '%T' 2>/dev/null | grep -qx idle; do
        i=$((i + 1))
        [ "$i" -lt 100 ] || die "the node is not idle after 20 s: $(tail -n 5 "$D"/log/*.log)"
        sleep 0.2
    done
}

t0=$(date +%s)
if [ -n "${KOKEILU_SLURM_CONF:-}" ]; then
    export SLURM_CONF="$KOKEILU_SLURM_CONF"
    sinfo >/dev/null 2>&1 || die "the cluster of KOKEILU_SLURM_CONF=$KOKEILU_SLURM_CONF does not answer"
    echo "  using the cluster of $SLURM_CONF"
else
    start_cluster
    echo "  cluster up in $(($(date +%s) - t0)) s: $(sinfo -h -o '%P %T %c CPUs' | head -n 1)"
fi
pass "a one-node cluster answers"

# state_of JOB: the job's (or array task's) JobState, from scontrol (no accounting needed).
state_of() {
    scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -n 1
}

# wait_gone JOB...: until squeue lists none of them (at most 10 minutes).
wait_gone() {
    i=0
    for job in "$@"; do
        while [ -n "$(squeue -h -j "$job" 2>/dev/null)" ]; do
            i=$((i + 1))
            [ "$i" -lt 3000 ] || die "job $job still queued after 10 minutes: $(squeue)"
            sleep 0.2
        done
    done
}

# sweep NAME ARGS...: kokeilu sweep ARGS, stdout in NAME.out, stderr in NAME.err, code in $rc.
sweep() {
    name="$1"
    shift
    "$kokeilu" sweep "$@" >"$name.out" 2>"$name.err"
    rc=$?
    echo "  kokeilu sweep $* -> exit $rc"
    sed 's/^/    stdout: /' "$name.out" | head -n 12
    sed 's/^/    stderr: /' "$name.err" | head -n 8
}

# The shipped example sweep (3 x 2 points, 3 replications) at a tiny scale, in 2 shards.
example="$here/../../configs/examples/sweep_staff_deadline.toml"
tiny="--set population.scale=0.005 --set scenario.end=2021-06-30"
# shellcheck disable=SC2086
for d in local s c u; do
    sweep "plan_$d" plan "$example" -o "$d" --shards 2 $tiny
    [ "$rc" -eq 0 ] || die "sweep plan $d"
done
t=$(date +%s)
sweep local_run run local --threads 2
sweep local_merge merge local -o local.h5
[ "$rc" -eq 0 ] || die "the local sweep"
echo "  local sweep and merge: $(($(date +%s) - t)) s"

# job_of KIND FILE: the id of the "array" or "merge" job that `sweep slurm --submit` printed.
job_of() {
    sed -n "s/^  $1 job \([0-9]*\):.*/\1/p" "$2" | head -n 1
}

# 1. The whole sweep through sbatch: 2 array tasks, then the merge job.
t=$(date +%s)
sweep submit slurm s --submit --time 10 --throttle 2
[ "$rc" -eq 0 ] || die "sweep slurm --submit"
grep -q -- "--array=0-1%2 (shards 0-1)" submit.out && pass "one array of 2 tasks, throttled to 2" \
    || fail "the array: $(cat submit.out)"
array=$(job_of array submit.out)
merge=$(job_of merge submit.out)
[ -n "$array" ] && [ -n "$merge" ] || die "no job ids in: $(cat submit.out)"
grep -q "job $array: sbatch --parsable" s/slurm/submitted && pass "the sbatch lines are recorded in DIR/slurm/submitted" \
    || fail "DIR/slurm/submitted: $(cat s/slurm/submitted)"
wait_gone "$array" "$merge"
echo "  2 array tasks and the merge job: $(($(date +%s) - t)) s"
for task in 0 1; do
    st=$(state_of "${array}_$task")
    [ "$st" = COMPLETED ] && pass "array task $task: COMPLETED" || fail "array task $task: '$st'"
done
st=$(state_of "$merge")
[ "$st" = COMPLETED ] && pass "the merge job: COMPLETED" || fail "the merge job: '$st': $(cat s/slurm/logs/merge-*.out)"
grep -q "shard 1$" "s/slurm/logs/shard-${array}_1.out" && pass "task 1 ran shard 1" \
    || fail "task 1's log: $(cat "s/slurm/logs/shard-${array}_1.out")"
cmp local.h5 s/merged.h5 && pass "SLURM and local: the same merged bytes" \
    || fail "local.h5 and s/merged.h5 differ"

# 2. scancel of a running task: it stops cleanly (no temporary file), its shard is missing,
# the merge job is cancelled (its dependency can never be satisfied); --resume submits only
# the missing shard and the merged file is the same again.
t=$(date +%s)
sweep submit_c slurm c --submit --throttle 1
array=$(job_of array submit_c.out)
merge=$(job_of merge submit_c.out)
[ -n "$array" ] && [ -n "$merge" ] || die "no job ids in: $(cat submit_c.out)"
i=0
while [ -z "$(find c/shards -name '*.part-*' 2>/dev/null)" ] && [ "$i" -lt 600 ]; do
    sleep 0.1
    i=$((i + 1))
done
[ "$i" -lt 600 ] || die "task 0 wrote nothing in 60 s: $(cat c/slurm/logs/*)"
scancel "${array}_0"
echo "  scancel ${array}_0 while it runs shard 0"
wait_gone "$array" "$merge"
st=$(state_of "${array}_0")
[ "$st" = CANCELLED ] && pass "the cancelled task: CANCELLED" || fail "the cancelled task: '$st'"
st=$(state_of "$merge")
[ "$st" = CANCELLED ] && pass "the merge job is cancelled with its dependency" || fail "the merge job: '$st'"
grep -q "interrupted" "c/slurm/logs/shard-${array}_0.out" && pass "the cancelled task's kokeilu stopped cleanly" \
    || fail "the cancelled task's log: $(cat "c/slurm/logs/shard-${array}_0.out")"
[ -z "$(find c -name '*.part-*')" ] && pass "no temporary file left by the cancelled task" \
    || fail "temporary files: $(find c -name '*.part-*')"
# (Task 1 runs right after and would remove a killed task's file: its log must not say so.)
! grep -q "left by a killed run" c/slurm/logs/*.out && pass "the cancelled task removed its own temporary file" \
    || fail "a killed task's temporary file: $(grep "left by a killed run" c/slurm/logs/*.out)"
[ ! -e c/merged.h5 ] && pass "nothing merged" || fail "c/merged.h5 exists"
sweep status_c status c
grep -q "missing: 1 shard(s) (0)" status_c.out && pass "status: shard 0 missing" || fail "status: $(cat status_c.out)"
sweep resume slurm c --resume --submit
grep -q -- "--array=0 (shards 0)" resume.out && pass "--resume: an array of only the missing shard" \
    || fail "--resume: $(cat resume.out)"
array=$(job_of array resume.out)
merge=$(job_of merge resume.out)
[ -n "$array" ] && [ -n "$merge" ] || die "no job ids in: $(cat resume.out)"
wait_gone "$array" "$merge"
st=$(state_of "$merge")
[ "$st" = COMPLETED ] && pass "after --resume: the merge job COMPLETED" || fail "after --resume: the merge job '$st'"
for k in 0 1; do
    n=$(find c/shards -name "shard-0000$k.*.done" | wc -l)
    [ "$n" -eq 1 ] || fail "shard $k has $n done markers (a done shard was run again)"
done
cmp local.h5 c/merged.h5 && pass "cancelled and resumed: the same merged bytes" \
    || fail "local.h5 and c/merged.h5 differ"
echo "  cancel and resume: $(($(date +%s) - t)) s"

# 3. The time-limit warning: USR1 to the batch shell alone, as --signal=B:USR1@120 sends it
# (here with scancel --batch --signal=USR1). The script forwards it, kokeilu stops cleanly,
# the task fails with exit code 130, the merge job is cancelled; a local run does the rest.
t=$(date +%s)
sweep submit_u slurm u --submit --throttle 1
array=$(job_of array submit_u.out)
merge=$(job_of merge submit_u.out)
[ -n "$array" ] && [ -n "$merge" ] || die "no job ids in: $(cat submit_u.out)"
i=0
while [ -z "$(find u/shards -name '*.part-*' 2>/dev/null)" ] && [ "$i" -lt 600 ]; do
    sleep 0.1
    i=$((i + 1))
done
[ "$i" -lt 600 ] || die "task 0 wrote nothing in 60 s: $(cat u/slurm/logs/*)"
scancel --batch --signal=USR1 "${array}_0"
wait_gone "$array" "$merge"
code=$(scontrol show job "${array}_0" 2>/dev/null | sed -n 's/.* ExitCode=\([0-9]*\):.*/\1/p' | head -n 1)
st="$(state_of "${array}_0") $code"
[ "$st" = "FAILED 130" ] && pass "USR1 to the batch shell: the task ends with exit code 130" \
    || fail "USR1: the task is '$st': $(cat "u/slurm/logs/shard-${array}_0.out")"
grep -q "interrupted" "u/slurm/logs/shard-${array}_0.out" && pass "USR1: the task's kokeilu stopped cleanly" \
    || fail "USR1: the task's log: $(cat "u/slurm/logs/shard-${array}_0.out")"
[ -z "$(find u -name '*.part-*')" ] && pass "USR1: no temporary file left" \
    || fail "USR1: temporary files: $(find u -name '*.part-*')"
[ "$(state_of "$merge")" = CANCELLED ] && pass "USR1: the merge job is cancelled" \
    || fail "USR1: the merge job is '$(state_of "$merge")'"
sweep u_rest run u --threads 2
sweep u_merge merge u -o u.h5
cmp local.h5 u.h5 && pass "after USR1 and a local rerun: the same merged bytes" \
    || fail "local.h5 and u.h5 differ"
echo "  USR1 and a local rerun: $(($(date +%s) - t)) s"

echo "  the whole test: $(($(date +%s) - t0)) s"
finish
