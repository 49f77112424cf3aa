#!/bin/sh
# `kokeilu compare --provider NAME / --region NAME` and the report's area table and map, on a
# small comparison of the built-in scenario: the area headline is printed for the area, an
# unknown name fails with exit code 2 listing the valid ones, and the report's row of a region
# and of a provider has the differences compare printed for it.
#
# Usage: sh areas.sh KOKEILU SCRATCH_DIR
set -u

kokeilu="$1"
work="$2"

# shellcheck source=tests/app/common.sh
. "$(dirname "$0")/common.sh"
enter_scratch "$work"

printf 'extends = "default.toml"\n[scenario]\nname = "more staff"\n[process]\ncounsellor_minutes_per_day = 160.0\n' >variant.toml

# compare_area NAME ARGS...: kokeilu compare of the default and the variant with ARGS, stdout
# in NAME.out, stderr in NAME.err, the exit code in $rc.
compare_area() {
    name="$1"
    shift
    # shellcheck disable=SC2086
    "$kokeilu" compare "" variant.toml --reps 2 "$@" $SMALL >"$name.out" 2>"$name.err"
    rc=$?
    echo "  kokeilu compare \"\" variant.toml --reps 2 $* -> exit $rc"
}

# same_differences NAME ROW_PATTERN: each of the area table's five key outcomes in the HTML row
# matching ROW_PATTERN equals the difference ± half-width in NAME.out.
same_differences() {
    row=$(grep -F "$2" areas.html | grep '<td class="num">' | head -n 1)
    [ -n "$row" ] || { fail "no table row $2"; return; }
    : >"$1.mismatch"
    found=0
    for label in "unemployed, mean stock" "long-term unemployed, mean" "exits to employment, total" "days to first contact, mean" "caseload per counsellor, mean"; do
        line=$(sed -n '/^Differences to/,/^(variance ratio/p' "$1.out" | grep -F "    $label ")
        figure=$(printf '%s\n' "$line" | cut -c35- | awk '{print $1 " ± " $3}')
        found=$((found + 1))
        printf '%s\n' "$row" | grep -qF "<td class=\"num\">$figure</td>" || echo "$label: compare $figure" >>"$1.mismatch"
    done
    [ "$found" -eq 5 ] && [ ! -s "$1.mismatch" ] && pass "the report's row $2 has compare's 5 differences" || fail "row $2: $(cat "$1.mismatch")"
}

compare_area national -o areas.h5
[ "$rc" -eq 0 ] || die "compare failed: $(head -n 3 national.err)"
compare_area uusimaa --region Uusimaa
[ "$rc" -eq 0 ] && grep -q '^Headline outcomes (2021-03 to 2021-12, region Uusimaa (6 providers))' uusimaa.out && pass "--region Uusimaa: its headline" || fail "--region Uusimaa: exit $rc, $(grep Headline uusimaa.out)"
compare_area helsinki --provider pilot_helsinki
[ "$rc" -eq 0 ] && grep -q '^Headline outcomes (2021-03 to 2021-12, provider pilot_helsinki)' helsinki.out && pass "--provider pilot_helsinki: its headline" || fail "--provider pilot_helsinki: exit $rc, $(grep Headline helsinki.out)"
national=$(awk '/^unemployed, mean stock/ {print $(NF-1); exit}' national.out)
uusimaa=$(awk '/^unemployed, mean stock/ {print $(NF-1); exit}' uusimaa.out)
helsinki=$(awk '/^unemployed, mean stock/ {print $(NF-1); exit}' helsinki.out)
[ "$helsinki" -gt 0 ] && [ "$helsinki" -lt "$uusimaa" ] && [ "$uusimaa" -lt "$national" ] && pass "unemployed: Helsinki $helsinki < Uusimaa $uusimaa < Finland $national" || fail "unemployed: Helsinki $helsinki, Uusimaa $uusimaa, Finland $national"

# Unknown names: exit code 2 before running anything, with the valid names.
compare_area badprovider --provider pilot_nowhere -o bad.h5
[ "$rc" -eq 2 ] && grep -q 'pilot_nowhere' badprovider.err && grep -q '^  pilot_helsinki (pilot, Uusimaa)$' badprovider.err && [ ! -e bad.h5 ] && pass "unknown --provider: exit code 2, the providers listed" || fail "unknown --provider: exit $rc, $(head -n 3 badprovider.err)"
compare_area badregion --region Ahvenanmaa
[ "$rc" -eq 2 ] && grep -q '^  Kaakkois-Suomi$' badregion.err && [ "$(grep -c '^  ' badregion.err)" -eq 15 ] && pass "unknown --region: exit code 2, the 15 regions listed" || fail "unknown --region: exit $rc, $(head -n 3 badregion.err)"
compare_area both --region Uusimaa --provider pilot_helsinki
[ "$rc" -eq 2 ] && pass "--region with --provider: exit code 2" || fail "--region with --provider: exit $rc"

# The report: the region's and the provider's rows have compare's figures; a tile per region.
"$kokeilu" report areas.h5 -o areas.html >report.out 2>report.err || die "report failed: $(head -n 3 report.err)"
same_differences uusimaa '">Uusimaa <small>(region'
same_differences helsinki '">pilot_helsinki <small>'
tiles=$(grep -c '<g class="tile">' areas.html)
[ "$tiles" -eq 15 ] && pass "15 region tiles in the map" || fail "$tiles region tiles"
rows=$(grep -c '<th scope="row" class="provider">' areas.html)
[ "$rows" -eq 40 ] && pass "40 provider rows in the area table" || fail "$rows provider rows"
grep -q 'title="Vantaa, Kerava"' areas.html && pass "member municipalities in the table" || fail "no municipalities of pilot_vantaa_kerava"

finish
