/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/xen/time.c
 * @brief Xen system time from shared_info's vcpu_time_info.
 *
 * Xen publishes, per vCPU, a TSC stamp and the system time at that stamp;
 * the time now is system_time + scaled (rdtsc - tsc_timestamp).  The
 * version field is odd while Xen updates the record, so readers retry.
 */
#include "clock.h"
#include "hypercall.h"
#include "vcpu.h"
#include "xen_time.h"

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static uint64_t scale_delta(uint64_t delta, uint32_t mul, int8_t shift)
{
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

uint64_t xen_system_time(void)
{
	volatile struct vcpu_time_info *t;
	uint32_t version;
	uint64_t ns;

	/* Each vCPU's own: Xen stamps it against the TSC of the pCPU it runs on. */
	if (!this_vcpu())
		return 0;
	t = &this_vcpu()->time;
	do {
		version = t->version;
		asm volatile("" ::: "memory");
		ns = t->system_time +
		     scale_delta(rdtsc() - t->tsc_timestamp, t->tsc_to_system_mul, t->tsc_shift);
		asm volatile("" ::: "memory");
	} while ((version & 1) || version != t->version);
	return ns;
}

void time_init(void)
{
	clock_register(xen_system_time);
}
