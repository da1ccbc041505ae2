#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# tools/bench/smp.sh: make bench's SMP part.  pvmmu's init=bench (user/bench.c)
# at 512 MiB with VCPUS=1 and VCPUS=2, RUNS boots of each, interleaved; then one
# boot of test=tlb.shootdown_cost with 2 vCPUs.  Prints, and writes in OUT:
#   smp.csv   vcpus,run,name,ops,ns,own_hypercalls   (every run)
# per figure the median (min-max) operations per second with 1 and 2 vCPUs and
# their ratio; each secondary vCPU's bring-up time (median of the VCPUS=2
# boots); the hypercalls per shootdown.  Figures, not tests.  This machine has
# 2 cores, which bounds any speedup at 2; and QEMU's TCG makes Xen's TLB
# flushes cross-CPU once a domain runs on two vCPUs.
set -euo pipefail
cd "$(dirname "$0")/../.."

part_usage="smp.sh --build DIR --xen IMAGE --kernel ELF --runs N --xenargs STR --out DIR"
source tools/bench/part-args.sh
source tools/bench/figures.sh

# smp_boot LOG KARGS CPUS: one boot; 0 if it powered off cleanly.
smp_boot() {
	local log=$1 kargs=$2 cpus=$3 rc=0

	"$pvrun" --xen "$xen" --mem "$mem" --quiet-xen --log "$log" --xenargs "$xenargs" \
		--kernel "$kernel" --cpus "$cpus" --kargs "$kargs" --timeout 300 </dev/null >"${log%.log}.out" 2>&1 || rc=$?
	if ((rc == 129 || rc == 130 || rc == 143)); then
		echo "bench: interrupted" >&2
		exit "$rc"
	fi
	((rc == 0)) || failures+=("smp boot with $cpus vCPU(s): pvrun exit $rc; see $log")
	return "$rc"
}

csv=$out/smp.csv
echo "vcpus,run,name,ops,ns,own_hypercalls" >"$csv"
echo "bench: SMP at $mem MiB: $runs boots of init=bench with 1 and with 2 vCPUs, interleaved"
for ((r = 1; r <= runs; r++)); do
	for n in 1 2; do
		log=$logs/pvmmu-smp$n-$r.log
		if smp_boot "$log" init=bench "$n"; then
			figure_rows "$log" | awk -F, -v n="$n" -v r="$r" '{ print n "," r "," $1 "," $3 "," $4 "," $5 }' >>"$csv"
			echo "bench: [smp $r/$runs] $n vCPU(s): done"
		fi
	done
done

echo
echo "pvmmu, $mem MiB, init=bench: operations per second, median (min-max) of $runs boots;"
echo "ratio: 2 vCPUs / 1 vCPU of the medians (above 1: faster with 2)"
cat "$logs"/pvmmu-smp2-*.log 2>/dev/null | sed -nE 's/.*smp: vCPU 1 up in ([0-9.]+) ms.*/\1/p' >"$out/smp-bringup.txt"
awk -F, -f tools/bench/stats.awk -f tools/bench/smp.awk "$csv" "$out/smp-bringup.txt"

echo
echo "hypercalls per shootdown (test=tlb.shootdown_cost, 2 vCPUs, the kernel's own count):"
log=$logs/pvmmu-smp-shootdown.log
if smp_boot "$log" "test=tlb.shootdown_cost" 2; then
	sed -nE 's/.*\] tlb: (munmap of one page: .*)$/  \1/p' "$log"
fi
echo "raw runs: $csv"
if ((${#failures[@]})); then
	printf '  %s\n' "${failures[@]}" >&2
	exit 1
fi
