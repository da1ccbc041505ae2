#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# tools/bench/bench.sh: `make bench`.  Boots pvmmu and, as its peer, Debian's
# Linux 6.1 as Xen PV dom0 on the same Xen, QEMU and dom0 memory, several
# times per size, and sets their MMU bring-up side by side:
#   build/bench/results.csv   every run's raw figures (parse.awk)
#   build/bench/summary.csv   median, min, max per figure (summary.awk)
#   build/bench/mmu.png       ms per GiB against dom0 memory (mmu.gp)
#   build/bench/log/          each boot's whole console
# and a table on stdout.  Figures, not tests: no time passes or fails; the
# exit status is non-zero only when a boot did not give its figures.
# docs/bench.md says what is measured and how to read it.
set -euo pipefail
cd "$(dirname "$0")/../.."

usage() {
	cat <<'EOF'
Usage: tools/bench/bench.sh [--build DIR] [--kernel ELF] [--runs N] [--sizes "MiB ..."]
                            [--peer linux|none] [--xenargs STR] [--xen IMAGE]
                            [--parts "mmu user smp"]
  --build DIR     build tree holding pvmmu, tools/pvrun and xen/ (default build)
  --xen IMAGE     the Xen image (default DIR/xen/xen-4.17-amd64; make's XEN=)
  --kernel ELF    the pvmmu kernel to measure (default DIR/pvmmu)
  --runs N        boots per system and size (default 5)
  --sizes LIST    dom0 sizes in MiB (default "256 1024 4096 8192")
  --peer P        linux: also boot Debian's Linux 6.1; none: pvmmu only
  --xenargs STR   Xen command-line additions for every boot (default smap=0:
                  QEMU 7.2's TCG cannot run Linux's IRET-to-self under Xen's
                  SMAP; see docs/bench.md)
  --parts LIST    mmu: the MMU bring-up at each size; user: the user-process
                  operations at 512 MiB (tools/bench/user.sh); smp: pvmmu's
                  operations with 1 and 2 vCPUs, vCPU bring-up, a shootdown's
                  cost (tools/bench/smp.sh); default all three
EOF
}

build=build kernel='' xen='' runs=5 sizes="256 1024 4096 8192" peer=linux xenargs=smap=0 parts="mmu user smp"
while (($#)); do
	case $1 in
	--build) build=$2; shift ;;
	--kernel) kernel=$2; shift ;;
	--runs) runs=$2; shift ;;
	--sizes) sizes=$2; shift ;;
	--peer) peer=$2; shift ;;
	--xenargs) xenargs=$2; shift ;;
	--xen) xen=$2; shift ;;
	--parts) parts=$2; shift ;;
	-h | --help) usage; exit 0 ;;
	*) usage >&2; exit 64 ;;
	esac
	shift
done

die() { echo "bench: $*" >&2; exit 64; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive number, not '$runs'"
[[ $peer == linux || $peer == none ]] || die "BENCH_PEER must be linux or none, not '$peer'"
want_mmu=0 want_user=0 want_smp=0
for part in $parts; do
	case $part in
	mmu) want_mmu=1 ;;
	user) want_user=1 ;;
	smp) want_smp=1 ;;
	*) die "BENCH_PARTS: '$part' is none of mmu, user, smp" ;;
	esac
done
((want_mmu || want_user || want_smp)) || die "BENCH_PARTS names no part"
read -ra size_list <<<"$sizes"
((${#size_list[@]})) || die "BENCH_SIZES is empty"
for m in "${size_list[@]}"; do
	if ! [[ $m =~ ^[0-9]+$ ]] || ((m < 32 || m > 65536)); then
		die "BENCH_SIZES: '$m' is not a dom0 size in MiB from 32 to 65536"
	fi
done

pvrun=$build/tools/pvrun
xen=${xen:-$build/xen/xen-4.17-amd64}
out=$build/bench
logs=$out/log
mkdir -p "$logs"
rm -f "$logs"/*.log "$logs"/*.out

# Every run boots one copy of the kernel, even if it is rebuilt meanwhile.
cp "${kernel:-$build/pvmmu}" "$out/pvmmu"
kernel_id=$(sha256sum "$out/pvmmu" | cut -c1-12)

linux_dir=$out/linux
# Linux's command line: its Xen console (hvc0), early output through Xen
# until hvc0 is up (the brackets fall before it), and timestamps, which the
# brackets are made of.  One vCPU as for pvmmu, so no nosmp is needed.
linux_kargs="console=hvc0 earlyprintk=xen printk.time=1"
if [[ $peer == linux ]]; then
	tools/bench/linux-peer.sh "$linux_dir"
	read -r linux_pkg linux_ver bb_pkg bb_ver <"$linux_dir/VERSION"
fi

qemu_ver=$(qemu-system-x86_64 --version | sed -n '1s/^QEMU emulator version //p')
xen_ver=$(cat "$build/xen/VERSION" 2>/dev/null || echo unknown)

results=$out/results.csv
echo "system,mem_mib,run,metric,value" >"$results"
# pvmmu2: pvmmu with 2 vCPUs, which share Xen's validation of the direct map (docs/smp.md).
systems=(pvmmu pvmmu2)
[[ $peer == linux ]] && systems+=(linux)
total=$((runs * ${#size_list[@]} * ${#systems[@]}))
done_boots=0
failures=()

human() { if (($1 % 1024)); then echo "$1 MiB"; else echo "$(($1 / 1024)) GiB"; fi; }

# Other QEMUs (the boot tests of someone else, say) share the host's cores
# with the boot being timed; each boot records how many it saw, so that
# noisy figures can be told from quiet ones.
other_qemus() {
	local n
	n=$(cat /proc/[0-9]*/comm 2>/dev/null | grep -c '^qemu-system-x86$' || true)
	echo "${n:-0}"
}

# One boot: its log in build/bench/log, its figures appended to results.csv.
boot() { # boot SYSTEM MIB RUN
	local sys=$1 mem=$2 run=$3 name log rc=0 rows fig
	name=$sys-$mem-$run
	local busy busy2
	busy=$(other_qemus)
	log=$logs/$name.log
	local args=(--xen "$xen" --mem "$mem" --quiet-xen --log "$log" --xenargs "$xenargs")
	if [[ $sys == pvmmu* ]]; then
		args+=(--kernel "$out/pvmmu" --timeout 120)
		[[ $sys == pvmmu2 ]] && args+=(--cpus 2)
	else
		args+=(--kernel "$linux_dir/vmlinux" --initrd "$linux_dir/initramfs.gz"
			--kargs "$linux_kargs" --timeout 300)
	fi
	"$pvrun" "${args[@]}" </dev/null >"$logs/$name.out" 2>&1 || rc=$?
	busy2=$(other_qemus)
	((busy2 > busy)) && busy=$busy2
	done_boots=$((done_boots + 1))
	# pvrun's own codes for SIGINT/SIGTERM/SIGHUP: the user wants to stop.
	if ((rc == 129 || rc == 130 || rc == 143)); then
		echo "bench: interrupted" >&2
		exit "$rc"
	fi
	if ((rc != 0)); then
		failures+=("$sys $(human "$mem") run $run: pvrun exit $rc, $(grep -m1 '^pvrun: outcome' "$logs/$name.out" || echo 'no outcome'); see $log")
		echo "bench: [$done_boots/$total] $sys $(human "$mem") run $run: FAILED (pvrun exit $rc), see $log" >&2
		return
	fi
	# parse.awk knows the two kernels; pvmmu2's rows are pvmmu's, renamed.
	if ! rows=$(awk -v sys="${sys%2}" -v mem="$mem" -v run="$run" -f tools/bench/parse.awk "$log" |
		sed "s/^${sys%2},/$sys,/"; exit "${PIPESTATUS[0]}"); then
		failures+=("$sys $(human "$mem") run $run: the log lacks the figures; see $log")
		echo "bench: [$done_boots/$total] $sys $(human "$mem") run $run: NO FIGURES, see $log" >&2
		return
	fi
	echo "$rows" >>"$results"
	echo "$sys,$mem,$run,other_qemus,$busy" >>"$results"
	fig=$(awk -F, '$4 == "bringup_ms" { b = $5 } $4 == "boot_s" { s = $5 }
		END { printf "MMU bring-up %.1f ms (boot %s s)", b, s }' <<<"$rows")
	((busy == 0)) || fig+=", beside $busy other QEMU(s)"
	echo "bench: [$done_boots/$total] $sys $(human "$mem") run $run: $fig"
}

# The MMU bring-up part; the user-process part follows.
((want_mmu)) || size_list=()
((want_mmu)) && echo "bench: $runs boots of each system at each of: $(for m in "${size_list[@]}"; do printf '%s, ' "$(human "$m")"; done | sed 's/, $//')"
# Runs go round-robin over sizes and systems rather than one block after
# another, so that a slow spell of the host touches every column alike.
for ((run = 1; run <= runs; run++)); do
	for mem in "${size_list[@]}"; do
		for sys in "${systems[@]}"; do
			boot "$sys" "$mem" "$run"
		done
	done
done

((want_mmu)) && {
echo
echo "MMU bring-up as Xen PV dom0: median, min, max of $runs boots each"
echo "  pvmmu   $out/pvmmu (sha256 $kernel_id): the 3 mmu-phase lines"
if [[ $peer == linux ]]; then
	echo "  Linux   Debian $linux_pkg $linux_ver, initramfs from $bb_pkg $bb_ver:"
	echo "          printk-timestamp brackets of init_mem_mapping and sparse_init"
fi
echo "  Xen     $xen_ver (release build), QEMU $qemu_ver TCG, 1 vCPU (pvmmu also with 2), Xen args: ${xenargs:-none}"
awk -v sizes="${size_list[*]}" -v summary="$out/summary.csv" -v plotdat="$out/plot.dat" \
	-f tools/bench/stats.awk -f tools/bench/summary.awk "$results"

plot=$out/mmu.png
subtitle="Xen ${xen_ver%%+*}, QEMU ${qemu_ver%% *} TCG, 1 vCPU, $runs boots per point"
[[ $peer == linux ]] && subtitle="pvmmu $kernel_id vs Debian Linux $linux_ver; $subtitle"
if gnuplot -e "data='$out/plot.dat'; out='$plot'; peer=$([[ $peer == linux ]] && echo 1 || echo 0); subtitle='$subtitle'" \
	tools/bench/mmu.gp 2>"$out/gnuplot.err"; then
	echo "plot: $plot"
else
	echo "bench: gnuplot failed: $(head -n 3 "$out/gnuplot.err")" >&2
	failures+=("plot: gnuplot failed")
fi
echo "raw runs: $results; summary: $out/summary.csv; logs: $logs/"
}

# The user-process operations, with a table and plot of their own.
if ((want_user)); then
	((want_mmu)) && echo
	tools/bench/user.sh --build "$build" --xen "$xen" --kernel "$out/pvmmu" --runs "$runs" \
		--peer "$peer" --xenargs "$xenargs" --out "$out" || failures+=("user-process part: see its lines above")
fi

# pvmmu with 1 and 2 vCPUs: the same operations, the bring-up of vCPU 1, a shootdown's cost.
if ((want_smp)); then
	((want_mmu || want_user)) && echo
	tools/bench/smp.sh --build "$build" --xen "$xen" --kernel "$out/pvmmu" --runs "$runs" \
		--xenargs "$xenargs" --out "$out" || failures+=("SMP part: see its lines above")
fi

if ((${#failures[@]})); then
	echo
	echo "bench: ${#failures[@]} problem(s); their figures are missing above:" >&2
	printf '  %s\n' "${failures[@]}" >&2
	exit 1
fi
