#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# tools/bench/user.sh: make bench's user-process part.  The same program,
# user/bench.c, runs on pvmmu (init=bench) and as Linux's /init
# (tools/bench/linux-init.sh), at 512 MiB, one vCPU:
#   - RUNS timed boots of each, interleaved (pvmmu, Linux, pvmmu, ...), no plugin;
#   - one counting boot of each under the TCG plugin (tools/bench/hcount.c),
#     which slows QEMU, so its times are not used, only its counts;
# and writes, in OUT (build/bench):
#   user.csv          system,run,name,id,ops,ns,own_hypercalls  (every timed run)
#   user-counts.csv   the plugin's counts per figure (hypercalls, re-entries, traps)
#   user-summary.csv  median/min/max us per op, ratios, counts per op (user.awk)
#   user.png          the plot (user.gp)
# Figures, not tests.  Exit 1 when a boot did not give its figures.
set -euo pipefail
cd "$(dirname "$0")/../.."

part_usage="user.sh --build DIR --xen IMAGE --kernel ELF --runs N --peer linux|none --xenargs STR --out DIR"
part_peer=1
source tools/bench/part-args.sh
linux_dir=$out/linux

gcc -std=gnu11 -O2 -shared -fPIC -Wall -Wextra -Werror -o "$out/hcount.so" tools/bench/hcount.c
systems=(pvmmu)
if [[ $peer == linux ]]; then
	tools/bench/linux-init.sh "$linux_dir"
	systems+=(linux)
fi
figures=10	# user/bench.c's NR_FIGURES: a boot without all of them failed

source tools/bench/figures.sh

# user_boot SYSTEM LOG [pvrun args...]: one boot of the benchmark; 0 if it gave every figure.
user_boot() {
	local sys=$1 log=$2 rc=0
	shift 2
	local args=(--xen "$xen" --mem "$mem" --quiet-xen --log "$log" --xenargs "$xenargs")
	if [[ $sys == pvmmu ]]; then
		args+=(--kernel "$kernel" --kargs init=bench --timeout 120)
	else
		args+=(--kernel "$linux_dir/vmlinux" --initrd "$linux_dir/initramfs-bench.gz"
			--kargs "console=hvc0 earlyprintk=xen printk.time=1" --timeout 300)
	fi
	"$pvrun" "${args[@]}" "$@" </dev/null >"${log%.log}.out" 2>&1 || rc=$?
	if ((rc == 129 || rc == 130 || rc == 143)); then
		echo "bench: interrupted" >&2
		exit "$rc"
	fi
	if ((rc != 0)); then
		failures+=("$sys user-process boot: pvrun exit $rc; see $log")
		return 1
	fi
	if (($(figure_rows "$log" | wc -l) != figures)); then
		failures+=("$sys user-process boot: not all $figures figures in $log")
		return 1
	fi
}

csv=$out/user.csv
echo "system,run,name,id,ops,ns,own_hypercalls" >"$csv"
echo "bench: user processes at $mem MiB: $runs timed boots of each of ${systems[*]}, interleaved, then one counting boot each"
for ((r = 1; r <= runs; r++)); do
	for sys in "${systems[@]}"; do
		log=$logs/$sys-user-$r.log
		if user_boot "$sys" "$log"; then
			figure_rows "$log" | sed "s/^/$sys,$r,/" >>"$csv"
			echo "bench: [user $r/$runs] $sys: $(awk -F, '$3 == "fork_exit_wait" { printf "fork+exit+wait %.0f us", $6 / $5 / 1000 }' \
				<(figure_rows "$log" | sed "s/^/$sys,$r,/"))"
		else
			echo "bench: [user $r/$runs] $sys: FAILED, see $log" >&2
		fi
	done
done

# The plugin's window lines joined with that boot's ops: per system and figure.
counts=$out/user-counts.csv
echo "system,name,ops,hypercalls,kernel_traps,user_traps,interrupts,user_syscalls,kernel_vectors,reentries" >"$counts"
for sys in "${systems[@]}"; do
	log=$logs/$sys-user-count.log
	hc=$logs/$sys-user-count.hcount
	rm -f "$hc"
	if HCOUNT_SO=$out/hcount.so HCOUNT_OUT=$hc user_boot "$sys" "$log" --qemu tools/bench/qemu-hcount.sh; then
		if [[ ! -s $hc ]]; then
			failures+=("$sys counting boot: the plugin wrote nothing to $hc")
			continue
		fi
		awk -v sys="$sys" 'NR == FNR { split($0, f, ","); name[f[2]] = f[1]; ops[f[2]] = f[3]; next }
			{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
			  w = v["window"]
			  if (w in name)
				printf "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", sys, name[w], ops[w], v["hypercalls"],
					v["kernel_traps"], v["user_traps"], v["interrupts"], v["user_syscalls"],
					v["kernel_vectors"], v["reentries"] }' \
			<(figure_rows "$log") "$hc" >>"$counts"
	fi
done

echo
echo "User processes as Xen PV dom0, $mem MiB, 1 vCPU: us per operation, median (min-max) of $runs boots each;"
echo "ratio: pvmmu / Linux of the medians; pairs: run i's pvmmu / Linux, median (min-max);"
echo "per operation, from one boot each under the TCG plugin: hypercalls (syscall instructions in the"
echo "guest kernel, HYPERVISOR_iret included), re-entries (of them, hypercalls Xen preempted and the"
echo "guest ran again), k-traps (exceptions into Xen from the guest kernel: emulated page-table writes,"
echo "privileged instructions), u-traps (from user mode: page faults)"
awk -v summary="$out/user-summary.csv" -v plotdat="$out/user-plot.dat" -f tools/bench/stats.awk -f tools/bench/user.awk "$csv" "$counts"

if gnuplot -e "data='$out/user-plot.dat'; out='$out/user.png'; peer=$([[ $peer == linux ]] && echo 1 || echo 0)" \
	tools/bench/user.gp 2>"$out/user-gnuplot.err"; then
	echo "plot: $out/user.png"
else
	failures+=("user plot: gnuplot failed: $(head -n 3 "$out/user-gnuplot.err")")
fi
echo "raw runs: $csv; counts: $counts; summary: $out/user-summary.csv"
if ((${#failures[@]})); then
	printf '  %s\n' "${failures[@]}" >&2
	exit 1
fi
