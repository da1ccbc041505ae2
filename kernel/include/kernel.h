/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/kernel.h
 * @brief Everyday kernel helpers: panic, BUG_ON, sizes, alignment.
 */
#ifndef PVMMU_KERNEL_H
#define PVMMU_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "printk.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a) (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define KiB(x) ((unsigned long)(x) << 10)
#define MiB(x) ((unsigned long)(x) << 20)
#define GiB(x) ((unsigned long)(x) << 30)

#define __noreturn __attribute__((noreturn))
#define __noinline __attribute__((noinline))
#define __used __attribute__((used))
#define __aligned(x) __attribute__((aligned(x)))
#define __section(s) __attribute__((section(s)))
#define __printf(a, b) __attribute__((format(printf, a, b)))

/** Stop the kernel: print @p fmt and a backtrace, then call the halt hook. */
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

#define BUG_ON(cond)                                                        \
	do {                                                                \
		if (__builtin_expect(!!(cond), 0))                          \
			panic("BUG at %s:%d: %s", __FILE__, __LINE__, #cond); \
	} while (0)

/** panic() with the backtrace starting at @p rip / @p rbp (a trapped frame). */
void panic_at(unsigned long rip, unsigned long rbp, const char *fmt, ...) __printf(3, 4) __noreturn;

/** Print the frame-pointer chain starting at @p rbp, first entry @p rip. */
void backtrace(unsigned long rip, unsigned long rbp);

/**
 * How panic() ends: @p halt stops the machine (for dom0, xen_crash()).
 * The library cannot end a domain itself; with no hook panic() spins and
 * the runner's timeout ends it.
 */
void panic_register_halt(void (*halt)(void));
/** How panic() names the vCPU it runs on (and tells its own nested panic from another's). */
void panic_register_cpu(unsigned int (*id)(void));

#endif
