# SPDX-License-Identifier: MIT
# Every in-guest test (test=all) passes; each one is reported on its own.
boot guest-tests shutdown --kargs "test=all"
log_has 'tests: [1-9][0-9]* passed, 0 failed'
