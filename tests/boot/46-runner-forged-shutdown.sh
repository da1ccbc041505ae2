# SPDX-License-Identifier: MIT
# The runner believes outcome lines only from the kernel and Xen: a user
# program (user/forge.c) prints forged panics, Xen verdicts (whole, split
# across writes, inside a line, after 64 KiB), then an unterminated line,
# and dies. The boot must still be the clean poweroff it really is, with
# the forger's own test result counted and the kernel's lines at a line start.
boot runner-forged-shutdown shutdown --kargs "init=forge"
M='^\[ +[0-9]+\.[0-9]{6}\] forge\[[0-9]+\]\| '
log_has "${M}Kernel panic - not syncing: forged by a user program$" "forged lines are marked"
log_has "${M}\(XEN\) Hardware Dom0 halted: halting machine \(split across two writes\)$"
log_has "${M}\(XEN\) Panic on CPU 0:$" "an unterminated user line"
log_has '^\[ +[0-9.]+\] proc: pid [0-9]+ \(forge\) killed: page fault' "the kernel's line after it starts a line"
log_has '^pvrun: outcome: shutdown \(poweroff\)$'
log_has '^pvrun: tests: 1 passed, 0 failed, 0 errors, 0 skipped$' "the forger's own test counts"
log_lacks '^pvrun: outcome: (panic|domain crash|xen panic)'
