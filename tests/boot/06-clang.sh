# SPDX-License-Identifier: MIT
# The kernel built by clang boots and passes the in-guest tests too.
KERNEL=$BUILD/pvmmu-clang
boot clang shutdown --kargs "test=all"
log_has 'built with .*[Cc]lang'
log_has 'tests: [1-9][0-9]* passed, 0 failed'
