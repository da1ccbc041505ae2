# SPDX-License-Identifier: MIT
# pvrun cannot start QEMU: exit 7, with a message naming the binary.
run_pvrun_expect_exit runner-no-qemu 7 --qemu /nonexistent/qemu-system-x86_64 \
	--kernel "$KERNEL" --xen "$XEN"
log_has "^pvrun: cannot run QEMU '/nonexistent/qemu-system-x86_64': No such file or directory$"
