/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/test_assert.h
 * @brief TEST_ASSERT and TEST_ASSERT_EQ, for in-guest and user-space tests alike.
 *
 * Both sides provide test_fail(fmt, ...), which records the first failure;
 * an assertion that fails returns from the (void) test function.
 */
#ifndef PVMMU_TEST_ASSERT_H
#define PVMMU_TEST_ASSERT_H

void test_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define TEST_ASSERT(cond)                                                  \
	do {                                                               \
		if (!(cond)) {                                             \
			test_fail("%s:%d: %s", __FILE__, __LINE__, #cond); \
			return;                                            \
		}                                                          \
	} while (0)

/* Compares as long and prints both sides, in decimal and in hex. */
#define TEST_ASSERT_EQ(a, b)                                                               \
	do {                                                                               \
		long a_ = (long)(a), b_ = (long)(b);                                       \
		if (a_ != b_) {                                                            \
			test_fail("%s:%d: %s == %s (%ld != %ld; %#lx != %#lx)", __FILE__,  \
				  __LINE__, #a, #b, a_, b_, (unsigned long)a_, (unsigned long)b_); \
			return;                                                            \
		}                                                                          \
	} while (0)

#endif
