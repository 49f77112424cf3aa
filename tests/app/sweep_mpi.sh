#!/bin/sh
# `mpirun -n R kokeilu sweep run DIR --mpi` with real Open MPI: the merged file is byte for byte
# that of a local `sweep run`, with 2 and with 3 ranks (more ranks than shards at a time, so the
# handout is dynamic); a sweep half done by a local `--shard 1/2` is finished by MPI without
# redoing a shard; a second MPI run has nothing to do; `--mpi --shard` is refused; SIGTERM to
# mpirun leaves no file under a final name that is not whole, and a rerun finishes the sweep
# with the same merged bytes.
#
# Usage: sh sweep_mpi.sh KOKEILU SCRATCH_DIR
# Exit code 77 (CTest's SKIP_RETURN_CODE) when mpirun is not installed or kokeilu was built
# without MPI; KOKEILU_REQUIRE_MPI=1 (set by .ci/run) turns a skip into a failure.
set -u

kokeilu="$1"
work="$2"

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/app/common.sh
. "$here/common.sh"
enter_scratch "$work"

skip() { skip_unless_required KOKEILU_REQUIRE_MPI "$*"; }
command -v mpirun >/dev/null 2>&1 || skip "no mpirun: Open MPI is not installed (apt-get install openmpi-bin libopenmpi-dev)"

# Open MPI refuses to run as root without these; more ranks than cores need oversubscription.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1
# One machine: shared memory and loopback only (no probing of other networks).
export OMPI_MCA_btl=self,vader,tcp OMPI_MCA_btl_tcp_if_include=lo OMPI_MCA_oob_tcp_if_include=lo

# Under AddressSanitizer (the asan preset sets ASAN_OPTIONS) without the leak check: Open MPI
# keeps allocations until exit that LeakSanitizer cannot attribute (its plug-ins are unloaded at
# MPI_Finalize and its libraries have no frame pointers, so no suppression can name them). The
# same shard code is leak-checked without MPI by app.sweep.*; memory errors are still checked.
if [ -n "${ASAN_OPTIONS:-}" ]; then
    export ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"
fi

# A sweep of 4 points x 2 replications in 4 shards (about a second a unit in a Debug build).
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
TOML

plan() { # plan DIR [SHARDS]
    "$kokeilu" sweep plan small.toml -o "$1" --shards "${2:-4}" --quiet >/dev/null 2>plan.err \
        || die "sweep plan $1: $(cat plan.err)"
}
merge() { # merge DIR OUT
    "$kokeilu" sweep merge "$1" -o "$2" >/dev/null 2>merge.err || {
        fail "sweep merge $1: $(cat merge.err)"
        return 1
    }
}
mpi() { # mpi NAME RANKS DIR [ARGS...]: stdout in NAME.out, stderr in NAME.err, code in $rc
    name="$1" ranks="$2" dir="$3"
    shift 3
    mpirun -n "$ranks" "$kokeilu" sweep run "$dir" --mpi --threads 1 "$@" >"$name.out" 2>"$name.err"
    rc=$?
    echo "  mpirun -n $ranks kokeilu sweep run $dir --mpi --threads 1 $* -> exit $rc"
    sed 's/^/    stdout: /' "$name.out" | head -n 12
    sed 's/^/    stderr: /' "$name.err" | head -n 12
}

plan local
"$kokeilu" sweep run local --threads 2 --quiet >local.out 2>local.err || die "local sweep run: $(cat local.err)"
merge local local.h5 || die "no local merged file"

plan two
mpi two 2 two
if grep -q "built without MPI" two.err; then
    skip "this kokeilu was built without MPI"
fi
[ "$rc" -eq 0 ] && pass "2 ranks: exit 0" || fail "2 ranks: exit $rc"
grep -q "4 shard(s), 8 unit(s) on 2 rank(s)" two.out && pass "2 ranks: the summary counts every shard once" \
    || fail "2 ranks: summary"
[ "$(grep -c "shard [0-9]* done" two.out)" -eq 4 ] && pass "2 ranks: four shards done, each once" \
    || fail "2 ranks: $(grep -c "shard [0-9]* done" two.out) shard lines"
merge two two.h5 && cmp -s local.h5 two.h5 && pass "2 ranks: the merged file is the local one, byte for byte" \
    || fail "2 ranks: merged file differs from the local one"
# Both ranks ran shards: the final names carry the writer's process id.
[ "$(ls two/shards/*.h5 | sed 's/.*-\([0-9]*\)\.h5$/\1/' | sort -u | wc -l)" -eq 2 ] \
    && pass "2 ranks: both ranks wrote shards" || fail "2 ranks: shards from $(ls two/shards/*.h5 | sed 's/.*-\([0-9]*\)\.h5$/\1/' | sort -u | wc -l) process(es)"

mpi again 2 two
[ "$rc" -eq 0 ] && grep -q "0 shard(s), 0 unit(s) to run on 2 rank(s) x 1 thread(s); 4 shard(s) already done" again.out \
    && pass "a second MPI run has nothing to do" || fail "a second MPI run: exit $rc"

plan three
mpi three 3 three
[ "$rc" -eq 0 ] && merge three three.h5 && cmp -s local.h5 three.h5 \
    && pass "3 ranks: the merged file is the local one, byte for byte" || fail "3 ranks: exit $rc or different bytes"

plan half
"$kokeilu" sweep run half --shard 1/2 --threads 2 --quiet >half.out 2>half.err || fail "local --shard 1/2: $(cat half.err)"
mpi rest 2 half
[ "$rc" -eq 0 ] && grep -q "2 shard(s), 4 unit(s) to run on 2 rank(s) x 1 thread(s); 2 shard(s) already done" rest.out \
    && pass "resume: MPI runs only the 2 shards the local --shard 1/2 left" || fail "resume: exit $rc"
[ "$(ls half/shards/*.done | wc -l)" -eq 4 ] && pass "resume: one done marker per shard" \
    || fail "resume: $(ls half/shards/*.done | wc -l) done markers"
merge half half.h5 && cmp -s local.h5 half.h5 && pass "resume: the merged file is the local one, byte for byte" \
    || fail "resume: merged file differs"

plan refused
mpi refused 1 refused --shard 1/2
[ "$rc" -ne 0 ] && grep -q "does not take --shard" refused.err && pass "--mpi --shard is refused" \
    || fail "--mpi --shard: exit $rc"
[ -z "$(ls refused/shards 2>/dev/null)" ] && pass "--mpi --shard: nothing run" || fail "--mpi --shard ran shards"

# SIGTERM to mpirun half-way: it passes the signal on to the ranks, which stop; whatever it
# does, no final name holds a partial file, and a rerun finishes with the same bytes. One unit
# a shard, so that there is work left when the first shard is done.
plan stopped 8
mpirun -n 2 "$kokeilu" sweep run stopped --mpi --threads 1 >stopped.out 2>stopped.err &
mpirun_pid=$!
i=0
while [ "$(ls stopped/shards/*.done 2>/dev/null | wc -l)" -lt 1 ] && [ "$i" -lt 600 ]; do
    sleep 0.1
    i=$((i + 1))
done
kill -TERM "$mpirun_pid"
wait "$mpirun_pid"
rc=$?
echo "  SIGTERM to mpirun after the first shard -> exit $rc"
sed 's/^/    stderr: /' stopped.err | head -n 12
[ "$rc" -ne 0 ] && pass "SIGTERM: mpirun does not report success" || fail "SIGTERM: exit 0"
for f in stopped/shards/*.h5; do
    [ -e "${f%.h5}.done" ] || fail "SIGTERM: '$f' under a final name without its done marker"
done
mpi finish 2 stopped
[ "$rc" -eq 0 ] && merge stopped stopped.h5 && cmp -s local.h5 stopped.h5 \
    && pass "SIGTERM, then a rerun: the merged file is the local one, byte for byte" \
    || fail "SIGTERM, then a rerun: exit $rc or different bytes"
[ -z "$(ls stopped/shards | grep part)" ] && pass "SIGTERM, then a rerun: no temporary file left" \
    || fail "SIGTERM: temporary files left: $(ls stopped/shards | grep part)"

finish
