/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/spinlock.h
 * @brief Spinlocks between vCPUs, and the _irqsave form that also masks events.
 *
 * Test-and-test-and-set, not tickets: Xen (and under TCG, the host) may stop
 * any vCPU at any moment, and a ticket lock then stalls every waiter behind
 * the stopped one whose turn it is, holder or not; here only a stopped holder
 * stalls the others.  The price is fairness, which no caller here needs.
 * A lock an event handler may take must be held with spin_lock_irqsave(): if
 * the handler ran on the holder's own vCPU it would spin on a lock that vCPU
 * can never release.
 */
#ifndef PVMMU_SPINLOCK_H
#define PVMMU_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include "hypercall.h"

typedef struct {
	uint32_t locked;
} spinlock_t;

#define SPINLOCK_INIT { 0 }

static inline void spin_lock(spinlock_t *l)
{
	/* Spin on a plain load: only a free lock is worth the exclusive cache line. */
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			__builtin_ia32_pause();
}

/** Take @p l if it is free; false (and nothing taken) if another holds it. */
static inline bool spin_trylock(spinlock_t *l)
{
	return !__atomic_load_n(&l->locked, __ATOMIC_RELAXED) &&
	       !__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE);
}

static inline void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

static inline bool spin_is_locked(const spinlock_t *l)
{
	return __atomic_load_n(&l->locked, __ATOMIC_RELAXED);
}

/** Mask events on this vCPU, then take @p l; returns the old mask for the unlock. */
static inline unsigned long spin_lock_irqsave(spinlock_t *l)
{
	unsigned long flags = irq_save();

	spin_lock(l);
	return flags;
}

static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	spin_unlock(l);
	irq_restore(flags);
}

/** The console's lock: taken again by the vCPU that holds it (printk inside printk, panic). */
unsigned long console_lock(void);
void console_unlock(unsigned long flags);

#endif
