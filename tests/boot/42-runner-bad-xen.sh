# SPDX-License-Identifier: MIT
# A Xen image that is missing, not ELF, or still gzip-compressed: exit 8
# before QEMU starts, each with its own message.
run_pvrun_expect_exit runner-bad-xen 8 --kernel "$KERNEL" --xen /nonexistent/xen
log_has "^pvrun: Xen image '/nonexistent/xen': No such file or directory$"

garbage=$LOGDIR/runner-bad-xen.garbage gzipped=$LOGDIR/runner-bad-xen.gz
head -c 8192 /dev/zero | tr '\0' 'x' >"$garbage"
gzip -c "$XEN" >"$gzipped"
run_pvrun_expect_exit runner-bad-xen 8 --kernel "$KERNEL" --xen "$garbage"
log_has "^pvrun: Xen image '.*garbage' is not an ELF file$"
run_pvrun_expect_exit runner-bad-xen 8 --kernel "$KERNEL" --xen "$gzipped"
log_has "^pvrun: Xen image '.*gz' is gzip-compressed; QEMU needs it gunzipped$"
rm -f "$garbage" "$gzipped"
