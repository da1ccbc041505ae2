# SPDX-License-Identifier: MIT
# Ctrl-C while QEMU runs: pvrun stops QEMU itself and exits 130, leaving
# nothing behind.
run_pvrun_expect_exit runner-sigint 130 --signal INT --kernel "$KERNEL" --xen "$XEN" \
	--quiet-xen --timeout 60
log_has '^pvrun: outcome: interrupted by SIGINT$'
