# SPDX-License-Identifier: MIT
# Hostile brk/mmap/munmap (user/t_mman.c): each attack in a child, killed
# with the status and the message that say why, nothing leaked; munmap of
# empty terabytes is quick.
boot mman shutdown --timeout 120 --kargs "init=t_mman"
log_has 'test: user.mman.munmap_empty: PASS'
log_has 'proc: pid [0-9]+ \(t_mman\) killed: page fault \(access to a PROT_NONE page 0x[0-9a-f]+\) at rip 0x[0-9a-f]+ \(rsp 0x[0-9a-f]+\); exit status 139'
log_has 'proc: pid [0-9]+ \(t_mman\) killed: page fault \(write to a read-only page 0x[0-9a-f]+\)'
log_has 'init: t_mman exited with status 0'
log_has 'proc: all processes have exited'
