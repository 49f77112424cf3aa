#!/bin/sh
# A full disk during a run: a clear error naming the file, exit code 3, no crash, and nothing
# left under the final name. Needs a small tmpfs (root in a container that allows mounts);
# prints SKIP otherwise.
# Usage: full_disk.sh KOKEILU SCRATCH_DIR
set -u
kokeilu="$1"
work="$2"
rm -rf "$work" && mkdir -p "$work/disk" || { echo "FAIL: cannot create $work"; exit 1; }
if ! mount -t tmpfs -o size=200k tmpfs "$work/disk" 2>/dev/null; then
    echo "SKIP: cannot mount a small tmpfs here (not root, or mounts not allowed)"
    exit 0
fi
"$kokeilu" run --set population.scale=0.01 -o "$work/disk/x.h5" --quiet >"$work/out" 2>"$work/err"
rc=$?
ls -la "$work/disk" >"$work/ls"
umount "$work/disk"
cat "$work/err"
failures=0
[ "$rc" -eq 3 ] && echo "PASS: exit code 3" || { echo "FAIL: exit code $rc, expected 3"; failures=1; }
grep -q "No space left on device" "$work/err" && echo "PASS: the message says the disk is full" || { echo "FAIL: no 'No space left' in the message"; failures=1; }
grep -q "x.h5" "$work/err" && echo "PASS: the message names the file" || { echo "FAIL: the message does not name the file"; failures=1; }
if grep -q ' x.h5$' "$work/ls"; then echo "FAIL: x.h5 exists"; failures=1; else echo "PASS: no x.h5"; fi
[ "$failures" -eq 0 ] && echo "ALL PASSED"
