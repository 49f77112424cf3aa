#!/usr/bin/env bash
# Fails if a module includes a module above it (docs/ARCHITECTURE.md: dependencies flow one way).
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A allowed=(
    [sim]="sim"
    [agents]="sim agents"
    [scenario]="sim agents scenario"
    [output]="sim agents output"
    [analysis]="sim agents output analysis"
)
status=0
for module in "${!allowed[@]}"; do
    [ -d "$module" ] || continue
    while IFS=: read -r file _ line; do
        inc=$(sed -E 's/.*#include "([^/"]+)\/.*/\1/' <<<"$line")
        if [[ " ${allowed[$module]} " != *" $inc "* ]]; then
            echo "$file: $module/ must not include $inc/ ($line)"
            status=1
        fi
    done < <(grep -rn '#include "[a-z_]*/' "$module" --include='*.hpp' --include='*.cpp' || true)
done
[ $status -eq 0 ] && echo "check-includes: every module includes only itself and the modules below it"
exit $status
