# SPDX-License-Identifier: MIT
# The PV MMU conformance suite (kernel/test/test_conf_*.c): every case's
# result is Xen's own answer, checked in the guest; the cases of this Xen's
# column of docs/conformance.md are exactly the ones this boot printed.
boot conformance shutdown --kargs "test=conf.*"
log_has 'tests: [1-9][0-9]* passed, 0 failed, 0 skipped, 0 errors'
conformance_check
