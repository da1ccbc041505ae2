# SPDX-License-Identifier: MIT
# make bench's user-process part once, pvmmu only (tools/bench/user.sh
# --runs 1 --peer none): a timed boot and a counting boot under the TCG
# plugin (tools/bench/hcount.c) give every figure, and the plugin's counts
# hold where they are exact: its two ways of counting hypercalls (syscall
# instructions in the kernel, Xen's syscall entry from the kernel) agree,
# every first touch and copy-on-write write is one page fault from user
# mode, and pvmmu's kernel traps into Xen never.  No time is judged.
case_name=bench-user
out=$LOGDIR/bench-user
mkdir -p "$out"
case_out=$LOGDIR/bench-user.out case_log=$LOGDIR/bench-user.out
tools/bench/user.sh --build "$BUILD" --xen "$XEN" --kernel "$KERNEL" --runs 1 --peer none \
	--out "$out" >"$case_out" 2>&1 || case_problems+=("user.sh failed: $(tail -n 2 "$case_out" | tr '\n' ' ')")
for name in null_syscall yield_switch pipe_switch fork_exit_wait fork_exec_wait fork_dirty64 cow_child cow_parent mmap_touch munmap; do
	log_has "^  $name +[0-9.]+ \([0-9.]+-[0-9.]+\) +n/a +n/a +n/a +\| +[0-9.]+ +n/a \| +[0-9.]+ +n/a \| +0\.00 +n/a \|" "$name: a time, pvmmu's counts, no kernel trap"
done
hc=$out/log/pvmmu-user-count.hcount
(($(grep -c '^window=' "$hc" 2>/dev/null) == 10)) || case_problems+=("$hc: not 10 windows")
while read -r line; do
	[[ $line =~ hypercalls=([0-9]+).*syscall_entries_kernel=([0-9]+) ]] &&
		((BASH_REMATCH[1] == BASH_REMATCH[2])) || case_problems+=("the two hypercall counts differ: $line")
done <"$hc"
for name in cow_child cow_parent mmap_touch; do
	grep -qE "^pvmmu,$name,([0-9]+),[0-9]+,0,\1," "$out/user-counts.csv" ||
		case_problems+=("$name: not one user page fault and no kernel trap per page in $out/user-counts.csv")
done
# Xen re-enters a multicall only when its preempt check finds work pending,
# which an interrupt brings: a fork and an exit unhook no table entry by
# entry (each such unhook costs a re-entry of its own), so their windows
# hold no more re-entries than interrupts.  Before the pgd pair was unpinned
# first: 812 re-entries and 38 interrupts over 200 fork+exit+wait.
for name in fork_exit_wait fork_exec_wait fork_dirty64; do
	awk -F, -v n="$name" '$1 == "pvmmu" && $2 == n { found = 1; if ($10 > $7) bad = 1 }
		END { exit !(found && !bad) }' "$out/user-counts.csv" ||
		case_problems+=("$name: more multicall re-entries than interrupts in $out/user-counts.csv")
done
# munmap unhooks a table it empties at the highest level it empties, not
# level by level: each 256-page call here empties its pud's whole subtree,
# which goes in the one re-entry of each of the pgd pair's two slots.
# Before (leaf, pmd, pud and both slots unhooked one by one): 16 re-entries
# over the 4 calls, with no interrupt.
awk -F, '$1 == "pvmmu" && $2 == "munmap" { found = 1; if ($10 > 2 * $3 / 256 + $7) bad = 1 }
	END { exit !(found && !bad) }' "$out/user-counts.csv" ||
	case_problems+=("munmap: more than 2 multicall re-entries per call (plus interrupts) in $out/user-counts.csv")
