# SPDX-License-Identifier: MIT
# pvrun --tcg-thread: single asks QEMU for one TCG thread, multi (the
# default) for none of that, anything else is a usage error (exit 64).
run_pvrun_expect_exit runner-tcg-thread-single 0 --dry-run --cpus 4 --tcg-thread single \
	--kernel "$KERNEL" --xen "$XEN"
log_has ' -smp 4 .* -accel tcg,thread=single$'
sweep_result
run_pvrun_expect_exit runner-tcg-thread-multi 0 --dry-run --cpus 4 --tcg-thread multi \
	--kernel "$KERNEL" --xen "$XEN"
log_lacks 'accel tcg'
sweep_result
run_pvrun_expect_exit runner-tcg-thread-bad 64 --tcg-thread two --kernel "$KERNEL" --xen "$XEN"
log_has "^pvrun: --tcg-thread: invalid value 'two': need single or multi"
sweep_result
sweep_finish runner-tcg-thread
