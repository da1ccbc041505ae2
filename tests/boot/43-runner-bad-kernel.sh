# SPDX-License-Identifier: MIT
# A kernel that is missing, or not ELF64 x86-64 (Xen's ELF32 image): exit 9.
run_pvrun_expect_exit runner-bad-kernel 9 --kernel /nonexistent/pvmmu --xen "$XEN"
log_has "^pvrun: kernel '/nonexistent/pvmmu': No such file or directory$"
run_pvrun_expect_exit runner-bad-kernel 9 --kernel "$XEN" --xen "$XEN"
log_has "^pvrun: kernel '.*' is not an ELF64 x86-64 file$"
