#!/bin/sh
# A disk too small or filling up during a run. Needs a small tmpfs (root in a container that
# allows mounts); prints SKIP otherwise.
# 1. A 200 KB disk: the run is refused before it starts (exit 2), with the size it would need
#    and the space free, and nothing is left in the folder.
# 2. A 64 MB disk that another program fills while the run simulates: a clear error naming the
#    file, exit code 3, no crash, nothing under the final name and no temporary file left.
# Usage: full_disk.sh KOKEILU SCRATCH_DIR
set -u
kokeilu="$1"
work="$2"
failures=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
rm -rf "$work" && mkdir -p "$work/disk" || { echo "FAIL: cannot create $work"; exit 1; }
if ! mount -t tmpfs -o size=200k tmpfs "$work/disk" 2>/dev/null; then
    echo "SKIP: cannot mount a small tmpfs here (not root, or mounts not allowed)"
    exit 0
fi
"$kokeilu" run --set population.scale=0.01 -o "$work/disk/x.h5" --quiet >"$work/out" 2>"$work/err"
rc=$?
left=$(ls -A "$work/disk")
umount "$work/disk"
cat "$work/err"
[ "$rc" -eq 2 ] && pass "too small: exit code 2" || fail "too small: exit code $rc, expected 2"
grep -q "is free in" "$work/err" && pass "too small: the message gives the free space" \
    || fail "too small: no free space in the message"
[ -z "$left" ] && pass "too small: nothing left in the folder" || fail "too small: left $left"

mount -t tmpfs -o size=64m tmpfs "$work/disk" || { echo "FAIL: cannot mount 64m"; exit 1; }
"$kokeilu" run --set population.scale=0.05 --set scenario.end=2021-12-31 -o "$work/disk/x.h5" --quiet --threads 1 \
    >"$work/out" 2>"$work/err" &
pid=$!
tries=0
while [ ! -e "$work/disk/x.h5.part-$pid" ] && [ "$tries" -lt 600 ] && kill -0 "$pid" 2>/dev/null; do
    sleep 0.05
    tries=$((tries + 1))
done
# Fill the disk while the run simulates (it writes its rows after each run).
dd if=/dev/zero of="$work/disk/filler" bs=1M count=100 2>/dev/null
wait "$pid"
rc=$?
ls -A "$work/disk" >"$work/ls"
umount "$work/disk"
cat "$work/err"
[ "$rc" -eq 3 ] && pass "filled: exit code 3" || fail "filled: exit code $rc, expected 3"
grep -q "No space left on device" "$work/err" && pass "filled: the message says the disk is full" \
    || fail "filled: no 'No space left' in the message"
grep -q "x.h5" "$work/err" && pass "filled: the message names the file" \
    || fail "filled: the message does not name the file"
if grep -q '^x.h5' "$work/ls"; then fail "filled: left $(tr '\n' ' ' <"$work/ls")"; else pass "filled: no x.h5 or temporary file"; fi
[ "$failures" -eq 0 ] && echo "ALL PASSED"
