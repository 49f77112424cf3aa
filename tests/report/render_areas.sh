#!/bin/sh
# Renders the report of a 3-scenario comparison in headless Chromium and checks, in the rendered
# DOM, the area tables and region maps: a row per provider and a tile per region for each
# scenario against the reference, the national unemployed difference of the headline figures as
# `kokeilu compare` printed it; then screenshots the first screen, the map and the area table
# and checks that each is not blank (the map shows every colour of its legend).
# Usage: render_areas.sh KOKEILU DIR
set -u
kokeilu=$1
dir=$2
chromium=${CHROMIUM:-/usr/bin/chromium}
here=$(cd "$(dirname "$0")" && pwd)

if [ ! -x "$chromium" ]; then
    if [ -n "${CI:-}" ]; then
        echo "FAIL: $chromium not installed (CI=$CI; tools/install-deps.sh installs it)"
        exit 1
    fi
    echo "SKIP: chromium not installed"
    exit 0
fi
fail() { echo "FAIL: $*"; exit 1; }

rm -rf "$dir" && mkdir -p "$dir" && cd "$dir" || exit 1
dir=$(pwd)
printf 'extends = "default.toml"\n[scenario]\nname = "more staff"\n[process]\ncounsellor_minutes_per_day = 160.0\n' >staff.toml
printf 'extends = "default.toml"\n[scenario]\nname = "much more staff"\n[process]\ncounsellor_minutes_per_day = 200.0\n' >much.toml
"$kokeilu" compare "" staff.toml much.toml --reps 2 -o three.h5 \
    --set population.scale=0.005 --set scenario.end=2021-12-31 >compare.out 2>compare.err ||
    fail "compare: $(head -n 3 compare.err)"
"$kokeilu" report three.h5 -o report.html >report.out 2>&1 || fail "report: $(cat report.out)"

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
run_chromium() {
    timeout 180 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --hide-scrollbars --log-level=3 \
        --user-data-dir="$profile" "$@" >>chromium.log 2>&1
}
timeout 180 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --log-level=3 \
    --user-data-dir="$profile" --dump-dom "file://$dir/report.html" >dom.html 2>>chromium.log ||
    fail "chromium --dump-dom"

tiles=$(grep -o '<g class="tile">' dom.html | wc -l)
[ "$tiles" -eq 30 ] || fail "$tiles region tiles in the DOM, expected 15 for each of 2 scenarios"
rows=$(grep -o '<th scope="row" class="provider">' dom.html | wc -l)
[ "$rows" -eq 80 ] || fail "$rows provider rows in the DOM, expected 40 for each of 2 scenarios"
for p in pilot_helsinki pilot_kainuu te_lappi pilot_kokkola; do
    grep -q "\">$p <small>" dom.html || fail "no row of $p in the rendered area table"
done
! grep -qi '<script' dom.html || fail "the DOM has a script"
# The national unemployed difference of each variant, as compare printed it, in the headline
# figures of the rendered page.
sed -n '/^Differences to/,/^(variance ratio/p' compare.out | grep '^    unemployed, mean stock ' |
    cut -c35- | awk '{print $1 " ± " $3}' >national.txt
[ "$(wc -l <national.txt)" -eq 2 ] || fail "compare printed $(wc -l <national.txt) unemployed differences"
while IFS= read -r figure; do
    grep -qF "<td class=\"num\">$figure</td>" dom.html || fail "compare's $figure is not in the page"
done <national.txt

# Screenshots: the first screen, and the map and the area table each on a page of their own
# with the report's style (the sections cut out of the report as they are).
run_chromium --screenshot="$dir/first.png" --window-size=1280,900 "file://$dir/report.html" ||
    fail "chromium --screenshot"
/usr/bin/python3 - "$dir/report.html" <<'PY' || fail "cannot cut the sections out"
import sys
html = open(sys.argv[1], encoding="utf-8").read()
head = html[:html.index("<body>") + len("<body>")]
for name, start in (("map", '<section class="maps"'), ("areas", '<section class="areas"')):
    a = html.index(start)
    b = html.index("</section>", a) + len("</section>")
    open(sys.argv[1].replace("report.html", name + ".html"), "w", encoding="utf-8").write(
        head + html[a:b] + "</body></html>\n")
PY
run_chromium --screenshot="$dir/map.png" --window-size=1280,1300 "file://$dir/map.html" ||
    fail "chromium --screenshot of the map"
run_chromium --screenshot="$dir/areas.png" --window-size=1280,1600 "file://$dir/areas.html" ||
    fail "chromium --screenshot of the area table"
/usr/bin/python3 "$here/png_colours.py" first.png 20 FFFFFF 0072B2 || exit 1
/usr/bin/python3 "$here/png_colours.py" map.png 50 0072B2 56B4E9 EEEEEE E69F00 D55E00 || exit 1
/usr/bin/python3 "$here/png_colours.py" areas.png 20 F2F2F2 || exit 1
echo "PASS: $tiles tiles, $rows provider rows; screenshots: $dir/first.png $dir/map.png $dir/areas.png"
