# SPDX-License-Identifier: MIT
# A boot that outlives --timeout: exit 5, the last console line shown, and
# QEMU stopped, not left running.
run_pvrun_expect_exit runner-timeout 5 --kernel "$KERNEL" --xen "$XEN" --quiet-xen --timeout 0.5
log_has '^pvrun: outcome: timeout after 0\.5 s$'
log_has '^pvrun: last console line: '
