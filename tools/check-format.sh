#!/usr/bin/env bash
# Fails if a C++ source is not formatted as .clang-format says. `--fix` formats them in place.
#
#     tools/check-format.sh [--fix]
set -euo pipefail
cd "$(dirname "$0")/.."
fmt=${CLANG_FORMAT:-clang-format-14}
mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
if [[ ${1:-} == --fix ]]; then
    "$fmt" -i "${files[@]}"
    echo "check-format: formatted ${#files[@]} file(s)"
    exit 0
fi
bad=()
for f in "${files[@]}"; do
    if ! "$fmt" --dry-run --Werror "$f" >/dev/null 2>&1; then
        bad+=("$f")
    fi
done
if ((${#bad[@]} > 0)); then
    printf 'check-format: not formatted: %s\n' "${bad[@]}" >&2
    echo "check-format: run tools/check-format.sh --fix (clang-format, .clang-format)" >&2
    exit 1
fi
echo "check-format: ${#files[@]} file(s) formatted"
