# SPDX-License-Identifier: MIT
# `make map` boots test=map.dump (which must pass) and draws both pictures
# from it: a PNG and an SVG in build/map, made by this run, holding the
# panels' titles and a slot of the process's pgd pair that the boot printed.
case_name=make-map
mkdir -p "$LOGDIR"
case_out=$LOGDIR/make-map.out case_log=$LOGDIR/make-map.out
png=$BUILD/map/address-space.png svg=$BUILD/map/address-space.svg
rm -f "$png" "$svg"
make -s --no-print-directory map >"$case_out" 2>&1 || case_problems+=("make map failed: $(tail -n 2 "$case_out" | tr '\n' ' ')")
[[ $(head -c 8 "$png" 2>/dev/null | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] ||
	case_problems+=("$png is missing or not a PNG")
grep -q '^test: map.dump: PASS$' <(sed -E 's/^\[ *[0-9.]+\] //' "$BUILD/map/boot.log") ||
	case_problems+=("test=map.dump did not pass in the boot (log: $BUILD/map/boot.log)")
slot=$(sed -nE 's/^\[ *[0-9.]+\] map: slot process-user ([0-9]+) pud (0x[0-9a-f]+) .*/slot \1: pud \2/p' "$BUILD/map/boot.log" | head -n 1)
[[ -n $slot ]] || case_problems+=("the boot printed no user slot of the pair")
for text in "kernel pgd: regions, to scale" "page-table pages per level" "pgd pair" "$slot"; do
	grep -qF -- "$text" "$svg" 2>/dev/null || case_problems+=("$svg lacks '$text'")
done
