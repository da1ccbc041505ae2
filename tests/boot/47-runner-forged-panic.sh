# SPDX-License-Identifier: MIT
# The same forgeries (user/forge.c), then a real kernel panic (the panic test
# hook runs after user space): the outcome is that panic, not the forged
# poweroff or the forged panic messages before it.
boot runner-forged-panic panic --kargs "init=forge test=panic"
log_has '^\[ +[0-9.]+\] forge\[[0-9]+\]\| \(XEN\) Hardware Dom0 halted: halting machine$' "the forged poweroff came first"
log_has '^pvrun: outcome: panic: test hook: panic requested on the command line$'
log_has "Hardware Dom0 crashed: 'noreboot' set - not rebooting" "Xen saw the real crash"
