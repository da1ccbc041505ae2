/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_suspend.c
 * @brief The suspend path's refusal: with more than one vCPU online
 *        xen_suspend() must not suspend (the other vCPUs would run on
 *        through it), and says so.  The suspend itself is tested with xl
 *        (tests/boot/59-domu-save.sh).
 */
#include "errno.h"
#include "ktest.h"
#include "smp.h"
#include "suspend.h"

static void test_refused_smp(void)
{
	/* With one vCPU this would really suspend: in dom0 Xen would end the machine. */
	if (smp_num_online() < 2) {
		test_skip("needs 2 vCPUs online (VCPUS=2): with one, xen_suspend() suspends");
		return;
	}
	TEST_ASSERT_EQ(xen_suspend(), -EBUSY);
}
KTEST("suspend.refused_smp", test_refused_smp,
      "with 2 vCPUs online xen_suspend() refuses with -EBUSY and returns");
