# SPDX-License-Identifier: MIT
# The exception table covers only the instructions it lists: right after a
# probe of an unmapped kernel address comes back as a value, a plain read of
# the same address from an unlisted instruction still ends the boot.
boot fixup-unlisted panic --kargs "test=fixup_unlisted"
log_has 'fixup: probe of 0xffffc90000000000 faulted and came back; now the unlisted read' "the probe returned"
log_has 'Unhandled exception: vector 14 \(#PF\), error code 000000: no handler for this exception in the kernel'
log_has 'CR2: ffffc90000000000$'
log_has '\[<ffffffff80[0-9a-f]{6}>\] hook_unlisted\+0x[0-9a-f]+/' "trace starts in the unlisted read"
log_has '^pvrun: outcome: panic: unhandled #PF at ffffffff80[0-9a-f]{6}$'
