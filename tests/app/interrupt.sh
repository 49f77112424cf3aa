#!/bin/sh
# `kokeilu run` stopped from outside.
#
# Usage: sh interrupt.sh KOKEILU SCRATCH_DIR
#
# SIGINT and SIGTERM, each 1 s and 3 s after a long run that writes to an existing
# out.h5 with --force: exit code 130, a message with "interrupted", out.h5 byte-identical to
# before and no out.h5.part-* left. Then SIGKILL during a run writing to new.h5: new.h5 must not
# exist afterwards (a .part-<pid> file may remain). Ends with "ALL PASSED".
set -u

kokeilu="$1"
work="$2"

# A run of well over 5 s even in a Release build (about 9 s there, far more in Debug); it is
# stopped at most 3 s after it has opened its output.
LONG="--set population.scale=1 --threads 2"
# shellcheck source=tests/app/common.sh
. "$(dirname "$0")/common.sh"
enter_scratch "$work"

# A small valid result: the known content of out.h5.
# shellcheck disable=SC2086
"$kokeilu" run -o ref.h5 --quiet --reproducible $SMALL || die "cannot write ref.h5"
[ -s ref.h5 ] || die "ref.h5 is missing"

for delay in 1 3; do
    for sig in INT TERM; do
        what="SIG$sig after ${delay} s"
        rm -f out.h5 out.h5.part-* err.txt
        cp ref.h5 out.h5
        # shellcheck disable=SC2086
        "$kokeilu" run -o out.h5 --force $LONG 2>err.txt >/dev/null &
        pid=$!
        # The delay counts from the moment the run has opened its temporary file (a sanitizer
        # build on a busy machine can take over a second to get there).
        tries=0
        while [ ! -e "out.h5.part-$pid" ] && [ "$tries" -lt 600 ] && kill -0 "$pid" 2>/dev/null; do
            sleep 0.1
            tries=$((tries + 1))
        done
        sleep "$delay"
        if ! kill -0 "$pid" 2>/dev/null; then
            wait "$pid"
            fail "$what: the run ended (exit $?) before the signal; stderr: $(cat err.txt)"
            continue
        fi
        [ -e "out.h5.part-$pid" ] && pass "$what: out.h5.part-$pid exists while running" \
            || fail "$what: no out.h5.part-$pid while running"
        t0=$(date +%s)
        kill -"$sig" "$pid"
        wait "$pid"
        rc=$?
        echo "  $what: exit $rc after $(($(date +%s) - t0)) s; stderr: $(cat err.txt)"
        [ "$rc" -eq 130 ] && pass "$what: exit code 130" || fail "$what: exit code $rc, expected 130"
        grep -q "interrupted" err.txt && pass "$what: message says interrupted" \
            || fail "$what: no 'interrupted' in the message"
        cmp out.h5 ref.h5 && pass "$what: out.h5 unchanged" || fail "$what: out.h5 changed"
        leftovers=$(ls out.h5.part-* 2>/dev/null)
        [ -z "$leftovers" ] && pass "$what: no .part file left" || fail "$what: left $leftovers"
    done
done

# SIGKILL: nothing can be cleaned up, but nothing may appear under the final name either.
rm -f new.h5 new.h5.part-*
# shellcheck disable=SC2086
"$kokeilu" run -o new.h5 $LONG >/dev/null 2>err.txt &
pid=$!
sleep 2
if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"
    wait "$pid"
    rc=$?
    echo "  SIGKILL: exit $rc; left: $(ls new.h5* 2>/dev/null | tr '\n' ' ')"
    [ "$rc" -eq 137 ] && pass "SIGKILL: killed (exit 137)" || fail "SIGKILL: exit $rc, expected 137"
    [ ! -e new.h5 ] && pass "SIGKILL: no new.h5" || fail "SIGKILL: new.h5 exists after a killed run"
    for part in new.h5.part-*; do
        [ -e "$part" ] || continue
        [ "$part" = "new.h5.part-$pid" ] && pass "SIGKILL: only $part left" || fail "SIGKILL: unexpected $part"
        rm -f "$part"
    done
else
    wait "$pid"
    fail "SIGKILL: the run ended (exit $?) before the signal"
fi

finish
