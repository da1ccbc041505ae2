#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# tools/bench/xen-cost.sh: what bounds pvmmu's init_mem_mapping.  Boots
# pvmmu under QEMU's gdb stub, stops where init_mem_mapping hands its
# finished direct map to Xen (pt_build_commit) and times each hypercall of
# that commit with the guest's own clock (kernel_uptime_ns(), called from
# gdb while the machine is stopped, so gdb's own time is not counted).
# The commit is Xen's work: remapping each table read-only (mmu_update
# batches of 512), then validating every entry of the subtree when its pud
# is hooked into the L4.  Prints one line per hypercall and the cost per
# request and per validated L1 entry.  Not part of `make bench` (it needs
# gdb, and breakpoints slow the rest of the boot); docs/bench.md has its
# figures.
#   tools/bench/xen-cost.sh [--build DIR] [--kernel ELF] [--mem MiB] [--runs N] [--xenargs STR]
set -euo pipefail
cd "$(dirname "$0")/../.."

build=build kernel='' mem=8192 runs=3 xenargs=smap=0
while (($#)); do
	case $1 in
	--build) build=$2; shift ;;
	--kernel) kernel=$2; shift ;;
	--mem) mem=$2; shift ;;
	--runs) runs=$2; shift ;;
	--xenargs) xenargs=$2; shift ;;
	*) sed -n 's/^#   //p' "$0" >&2; exit 64 ;;
	esac
	shift
done
kernel=${kernel:-$build/pvmmu}
command -v gdb >/dev/null || { echo "xen-cost: needs gdb (apt-get install gdb)" >&2; exit 1; }
[[ $runs =~ ^[1-9][0-9]*$ && $mem =~ ^[0-9]+$ ]] || { echo "xen-cost: bad --runs or --mem" >&2; exit 64; }
syms=$(nm "$kernel")
for sym in pt_build_commit xen_mc_flush kernel_uptime_ns; do
	grep -q " T $sym\$" <<<"$syms" ||
		{ echo "xen-cost: $kernel has no function $sym: the kernel changed; adapt this script" >&2; exit 1; }
done

out=$build/bench/xen-cost
mkdir -p "$out"
gdbcmds=$out/commit.gdb
# pt_build_commit's first call is init_mem_mapping's (setup_kernel_pagetable
# does not use the builder).  Each xen_mc_flush until it returns is one
# hypercall: mc.nr multicall entries, the first of hypercall op (1 =
# mmu_update) with mc.count[0] requests.
cat >"$gdbcmds" <<'EOF'
set pagination off
set confirm off
target remote :1234
hbreak pt_build_commit
continue
delete
set $ret = *(unsigned long *)$sp
set $c0 = kernel_uptime_ns()
hbreak xen_mc_flush
hbreak *$ret
set $i = 0
while 1
  continue
  if $pc == $ret
    loop_break
  end
  set $nr = 'multicall.c'::mc.nr
  set $op = 'multicall.c'::mc.entries[0].op
  set $req = 0
  set $j = 0
  while $j < $nr
    set $req = $req + 'multicall.c'::mc.count[$j]
    set $j = $j + 1
  end
  set $a = kernel_uptime_ns()
  finish
  set $b = kernel_uptime_ns()
  printf "xen-cost: flush %d entries=%u op=%u requests=%u ns=%llu\n", $i, $nr, $op, $req, $b - $a
  set $i = $i + 1
  # The last flush may return straight into init_mem_mapping (tail calls).
  if $pc == $ret
    loop_break
  end
end
set $c1 = kernel_uptime_ns()
printf "xen-cost: commit ns=%llu\n", $c1 - $c0
delete
continue
EOF

for ((run = 1; run <= runs; run++)); do
	log=$out/run-$run
	"$build/tools/pvrun" --gdb --quiet-xen --kernel "$kernel" --mem "$mem" --xenargs "$xenargs" \
		--log "$log.log" </dev/null >"$log.out" 2>&1 &
	pvrun_pid=$!
	# Wait for QEMU's gdb stub to listen on port 1234 (0x04D2).
	for ((i = 0; i < 100; i++)); do
		grep -q ":04D2 00000000:0000 0A" /proc/net/tcp && break
		sleep 0.1
	done
	timeout 600 gdb -q --batch -x "$gdbcmds" "$kernel" >"$log.gdb" 2>&1 || true
	wait "$pvrun_pid" || true
	if ! grep -q '^xen-cost: commit' "$log.gdb"; then
		echo "xen-cost: run $run gave no figures; see $log.gdb and $log.log" >&2
		continue
	fi
	grep '^xen-cost: ' "$log.gdb" | sed "s/^xen-cost: /run=$run /"
done | awk -v mem="$mem" '
	# A flush of mmu_update requests only (op 1, one entry) remaps tables
	# read-only; the one with more entries carries the pud that hooks the
	# subtree, and with it Xen validates every entry below it.
	{
		delete f
		for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
		r = substr($1, 5) + 0
	}
	$2 == "flush" && f["entries"] == 1 && f["op"] == 1 { ro[r] += f["ns"]; ro_req[r] += f["requests"]; next }
	$2 == "flush" && f["entries"] > 1 { hook[r] += f["ns"]; next }
	$2 == "commit" { commit[r] = f["ns"]; order[++n] = r }
	function median(a,    k, i, j, v, x) {
		k = 0
		for (i = 1; i <= n; i++) v[++k] = a[order[i]]
		for (i = 2; i <= k; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
		return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
	}
	END {
		if (!n) { print "xen-cost: no figures"; exit 1 }
		l1 = mem * 256
		printf "pvmmu init_mem_mapping commit at %d MiB (%d L1 entries in %d L1 tables), guest clock:\n", mem, l1, l1 / 512
		printf "  %-6s %10s %14s %12s %18s %16s\n", "run", "commit ms", "RO remaps ms", "us/request", \
			"hook+validate ms", "ns per L1 entry"
		for (i = 1; i <= n; i++) {
			r = order[i]
			printf "  %-6d %10.1f %14.1f %12.2f %18.1f %16.0f\n", r, commit[r] / 1e6, ro[r] / 1e6, \
				ro[r] / ro_req[r] / 1e3, hook[r] / 1e6, hook[r] / l1
		}
		printf "  %-6s %10.1f %14.1f %12.2f %18.1f %16.0f\n", "median", median(commit) / 1e6, \
			median(ro) / 1e6, median(ro) / ro_req[order[1]] / 1e3, median(hook) / 1e6, median(hook) / l1
	}'
