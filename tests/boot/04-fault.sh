# SPDX-License-Identifier: MIT
# A kernel page fault after traps are registered is reported by the kernel
# itself: vector, error code, %rip, %cr2, registers, symbolised backtrace.
boot fault panic --kargs "test=fault"
log_has 'Unhandled exception: vector 14 \(#PF\), error code 0x0002' "kernel-mode write to a not-present page"
# Xen reports the PV kernel's cs (0xe033) with RPL 0 in the frame it bounces.
log_has '^\[ +[0-9.]+\] RIP: e030:ffffffff80[0-9a-f]{6} RFLAGS: ' "kernel %rip, kernel cs"
log_has 'CR2: 000000000dead000$' "the faulting address"
log_has 'RAX: [0-9a-f]{16} RBX: [0-9a-f]{16} RCX: [0-9a-f]{16}$'
log_has '\[<ffffffff80[0-9a-f]{6}>\] hook_fault\+0x[0-9a-f]+/0x[0-9a-f]+ kernel/test/test_boot\.c:[0-9]+$' "trace starts in the faulting function"
log_has 'Kernel panic - not syncing: unhandled #PF at ffffffff80[0-9a-f]{6}$'
log_has '^\[ +[0-9.]+\] user CR3: none \(no user pgd beside the kernel pgd\)$' "the user %cr3 Xen holds beside it"
