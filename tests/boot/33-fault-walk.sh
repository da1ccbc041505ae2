# SPDX-License-Identifier: MIT
# A kernel page fault (test=fault writes to 0xdead000) is reported with the
# kernel %cr3 and the kernel's own walk of the faulting address, in Xen's
# "Pagetable walk" form: one line per level from L4 at the address's index,
# down to the first non-present entry (0xdead000 is user space, which the
# kernel pgd leaves empty: L4[0x000] is not present).
boot fault-walk panic --kargs "test=fault"
log_has '^\[ +[0-9.]+\] CR3: [0-9a-f]{16} \(machine [0-9a-f]{16}\), the kernel pgd$'
log_has '^\[ +[0-9.]+\] Pagetable walk from 000000000dead000:$'
log_has '^\[ +[0-9.]+\]  L4\[0x000\] = 0000000000000000 ffffffffffffffff$' "as Xen prints an empty slot"
log_walk 000000000dead000
log_has 'Kernel panic - not syncing: unhandled #PF at ffffffff80[0-9a-f]{6}$' "the walk comes before the panic"
log_lacks '\(XEN\) .*Pagetable walk' "the kernel handled its fault: Xen printed no walk"
