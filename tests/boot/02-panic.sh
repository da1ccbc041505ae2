# SPDX-License-Identifier: MIT
# A panic hook on the command line: the runner reports a panic carrying the
# message, the kernel's backtrace is symbolised, Xen sees a crash.
boot panic panic --kargs "test=panic"
log_has '^\[ +[0-9.]+\] Kernel panic - not syncing: test hook: panic requested on the command line$'
log_has '^\[ +[0-9.]+\]   \[<ffffffff80[0-9a-f]{6}>\] hook_panic\+0x[0-9a-f]+/0x[0-9a-f]+ kernel/test/test_boot\.c:[0-9]+$' "function and file:line"
log_has '\[<ffffffff80[0-9a-f]{6}>\] start_kernel\+' "trace reaches start_kernel"
log_has "Hardware Dom0 crashed: 'noreboot' set - not rebooting" "Xen saw SHUTDOWN_crash"
log_has '^pvrun: outcome: panic: test hook: panic requested on the command line$'
