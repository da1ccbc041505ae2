# SPDX-License-Identifier: MIT
# make bench's SMP part once (tools/bench/smp.sh --runs 1): pvmmu's init=bench
# with 1 and with 2 vCPUs gives every figure for both, the bring-up time of
# vCPU 1, and the hypercalls of one shootdown.  No time is judged.
case_name=bench-smp
out=$LOGDIR/bench-smp
mkdir -p "$out"
case_out=$LOGDIR/bench-smp.out case_log=$LOGDIR/bench-smp.out
tools/bench/smp.sh --build "$BUILD" --xen "$XEN" --kernel "$KERNEL" --runs 1 \
	--out "$out" >"$case_out" 2>&1 || case_problems+=("smp.sh failed: $(tail -n 2 "$case_out" | tr '\n' ' ')")
for name in null_syscall yield_switch pipe_switch fork_exit_wait fork_exec_wait fork_dirty64 cow_child cow_parent mmap_touch munmap; do
	log_has "^$name +[0-9]+ \( *[0-9]+- *[0-9]+\) +[0-9]+ \( *[0-9]+- *[0-9]+\) +[0-9.]+$" "$name: a figure with 1 and with 2 vCPUs"
done
log_has '^  [0-9.]+ \([0-9.]+-[0-9.]+\) over 1 boots$' "vCPU 1's bring-up time"
log_has '^  munmap of one page: 1 hypercall\(s\), 1 mmuext op\(s\) loaded here only' "a shootdown's hypercalls"
