#!/bin/sh
# Renders a sample workshop report in headless Chromium: usage render_check.sh KOKEILU WRITE_SAMPLE DIR.
# Checks that the DOM holds one chart per measure and writes a screenshot into DIR.
set -u
kokeilu=$1
write_sample=$2
dir=$3
chromium=${CHROMIUM:-/usr/bin/chromium}

if [ ! -x "$chromium" ]; then
    if [ -n "${CI:-}" ]; then
        echo "FAIL: $chromium not installed (CI=$CI; tools/install-deps.sh installs it)"
        exit 1
    fi
    echo "SKIP: chromium not installed"
    exit 0
fi

rm -rf "$dir" && mkdir -p "$dir" || exit 1
"$write_sample" "$dir/sample.h5" "$dir/csv" || { echo "FAIL: kokeilu-write-sample"; exit 1; }
"$kokeilu" report "$dir/sample.h5" -o "$dir/report.html" || { echo "FAIL: kokeilu report"; exit 1; }

# Refuses to overwrite without --force (exit 3), replaces with it.
"$kokeilu" report "$dir/sample.h5" -o "$dir/report.html" >/dev/null 2>&1
code=$?
[ "$code" -eq 3 ] || { echo "FAIL: overwrite without --force gave exit $code, not 3"; exit 1; }
"$kokeilu" report "$dir/sample.h5" -o "$dir/report.html" --force >/dev/null ||
    { echo "FAIL: --force"; exit 1; }

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
run_chromium() {
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --hide-scrollbars --log-level=3 \
        --user-data-dir="$profile" "$@"
}

url="file://$(cd "$dir" && pwd)/report.html"
run_chromium --dump-dom "$url" >"$dir/dom.html" 2>"$dir/chromium.log" ||
    { echo "FAIL: chromium --dump-dom"; cat "$dir/chromium.log"; exit 1; }
measures=3 # kokeilu-write-sample writes three measures
svgs=$(grep -o '<svg' "$dir/dom.html" | wc -l)
if [ "$svgs" -ne "$measures" ]; then
    echo "FAIL: the DOM has $svgs <svg> elements, expected $measures"
    exit 1
fi
grep -q 'id="differences"' "$dir/dom.html" || { echo "FAIL: no differences table in the DOM"; exit 1; }
if grep -qi '<script' "$dir/dom.html"; then
    echo "FAIL: the DOM has a script"
    exit 1
fi

shot="$dir/report.png"
rm -f "$shot"
run_chromium --screenshot="$shot" --window-size=1280,2000 "$url" >>"$dir/chromium.log" 2>&1 ||
    { echo "FAIL: chromium --screenshot"; cat "$dir/chromium.log"; exit 1; }
[ -s "$shot" ] || { echo "FAIL: no screenshot at $shot"; exit 1; }
echo "PASS: $svgs charts in the DOM; screenshot: $shot"
