#!/usr/bin/env bash
# Runs the curated clang-tidy checks (.clang-tidy) on the sources of the given folders, two files
# at a time, with the ci build's compile commands. Fails on any finding.
#
#     tools/run-clang-tidy.sh agents sim        (after `cmake --preset ci`)
set -euo pipefail
cd "$(dirname "$0")/.."
tidy=${CLANG_TIDY:-clang-tidy-14}
db=build/ci
if [[ ! -f $db/compile_commands.json ]]; then
    echo "run-clang-tidy: no $db/compile_commands.json; run cmake --preset ci first" >&2
    exit 2
fi
files=()
for dir in "$@"; do
    while IFS= read -r f; do files+=("$f"); done < <(git ls-files "$dir/*.cpp")
done
if ((${#files[@]} == 0)); then
    echo "run-clang-tidy: no sources in $*" >&2
    exit 2
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
printf '%s\n' "${files[@]}" | xargs -P2 -n2 "$tidy" -p "$db" --quiet >"$log" 2>&1 || status=$?
grep -E "(error|warning): " "$log" | sort -u || true
if ((status != 0)); then
    echo "run-clang-tidy: findings in ${#files[@]} file(s) of $* (see above; .clang-tidy says which checks run)" >&2
    exit 1
fi
echo "run-clang-tidy: ${#files[@]} file(s) of $* clean"
