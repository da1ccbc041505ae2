# SPDX-License-Identifier: MIT
# A system call that runs out of memory part-way says -ENOMEM (not -EFAULT),
# twice in a row, and the frames all come back (user/enomem.c).
boot user-enomem shutdown --mem 64 --timeout 120 --kargs "init=enomem"
log_has 'test: user.enomem.stats_out_of_memory: PASS'
log_has 'test: user.enomem.and_again: PASS'
log_has 'init: enomem exited with status 0'
log_has 'proc: all processes have exited'
