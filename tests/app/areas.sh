#!/bin/sh
# `kokeilu compare --provider NAME / --region NAME` on a small comparison of the built-in
# scenario: the area headline is printed for the area and an unknown name fails with exit
# code 2 listing the valid ones.
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

compare_area national
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

finish
