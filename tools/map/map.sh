#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# tools/map/map.sh: `make map`.  Boots pvmmu once with test=map.dump (the
# kernel pgd's regions, the page-table pages per level, a process's pgd pair
# slot by slot; kernel/test/test_map.c), then draws them with gnuplot
# (tools/map/map.gp) as build/map/address-space.svg and .png.
#   tools/map/map.sh [--build DIR] [--mem MiB] [--xenargs STR]
set -euo pipefail
cd "$(dirname "$0")/../.."

build=build mem=512 xenargs=
while (($#)); do
	case $1 in
	--build) build=$2; shift ;;
	--mem) mem=$2; shift ;;
	--xenargs) xenargs=$2; shift ;;
	*) echo "map: unknown option '$1' (options: --build DIR --mem MiB --xenargs STR)" >&2; exit 64 ;;
	esac
	shift
done
command -v gnuplot >/dev/null || { echo "map: needs gnuplot (make setup installs gnuplot-nox)" >&2; exit 1; }

out=$build/map
mkdir -p "$out"
log=$out/boot.log
if ! "$build/tools/pvrun" --kernel "$build/pvmmu" --xen "$build/xen/xen-4.17-amd64" --mem "$mem" \
	--xenargs "$xenargs" --quiet-xen --kargs test=map.dump --log "$log" </dev/null >"$out/boot.out" 2>&1; then
	echo "map: the test=map.dump boot failed: $(grep -E '^pvrun: (outcome|exit)' "$out/boot.out" | tr '\n' ' ')(log: $log)" >&2
	exit 1
fi
awk -v out="$out" -f tools/map/parse.awk "$log"
subtitle="dom0 ${mem} MiB, kernel $(sha256sum "$build/pvmmu" | cut -c1-12), $(date -u +%Y-%m-%d)"
for fmt in svg png; do
	gnuplot -e "dir='$out'; out='$out/address-space.$fmt'; fmt='$fmt'; subtitle='$subtitle'" tools/map/map.gp
done
echo "map: $out/address-space.svg and $out/address-space.png (data: $out/*.dat, boot log: $log)"
