# Shared by the command-line tests (sourced, POSIX sh): PASS/FAIL lines, a fresh scratch
# folder, and the summary line that CTest looks for.
#
# After `. common.sh`, call `enter_scratch DIR` (DIR is emptied and entered), then `pass` /
# `fail` / `die`, and `finish` at the end: it prints "ALL PASSED" or exits 1.

# A short run: about a second in a Debug build.
SMALL="--set population.scale=0.005 --set scenario.end=2021-12-31"

failures=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
die() { echo "FAIL: $*"; exit 1; }

# skip_unless_required VAR MESSAGE: a test that cannot run here exits with 77 (CTest's
# SKIP_RETURN_CODE), unless the environment variable VAR is 1 (.ci/run sets it so that the test
# must run): then it fails.
skip_unless_required() {
    required=$(eval "echo \${$1:-0}")
    if [ "$required" = 1 ]; then
        die "$2 ($1=1: this test must run, not skip)"
    fi
    echo "SKIP: $2"
    exit 77
}

# wait_for_handler PID SIGNAL_NUMBER: waits (at most 30 s) until process PID catches the
# signal (its bit in /proc/PID/status SigCgt), or has ended. A signal sent earlier would find
# the default action, or, in a background job of a non-interactive shell, SIGINT ignored, and a
# test of the program's handling would test the shell's start-up instead (a sanitizer build
# under load takes more than half a second to reach main).
wait_for_handler() {
    i=0
    while [ "$i" -lt 300 ] && [ -r "/proc/$1/status" ]; do
        mask=$(awk '/^SigCgt:/ { print substr($2, length($2) - 7) }' "/proc/$1/status" 2>/dev/null)
        if [ -n "$mask" ] && [ $(((0x$mask >> ($2 - 1)) & 1)) -eq 1 ]; then
            return 0
        fi
        sleep 0.1
        i=$((i + 1))
    done
}

enter_scratch() {
    rm -rf "$1" && mkdir -p "$1" || die "cannot create $1"
    cd "$1" || die "cannot enter $1"
}

finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$failures check(s) FAILED"
        exit 1
    fi
    echo "ALL PASSED"
}
