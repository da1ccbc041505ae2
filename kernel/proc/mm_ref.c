/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/mm_ref.c
 * @brief Address spaces shared by reference: a process and its threads use one struct mm.
 *
 * The mms come from a fixed pool: each process uses one, and exec holds a
 * second only while it loads (never across a switch), so NR_PROCS + NR_CPUS
 * always suffice.  The last user to let go destroys the address space; it
 * has switched its vCPU away from it first, and every other user has exited.
 */
#include <string.h>
#include "errno.h"
#include "mm_ref.h"
#include "percpu.h"
#include "proc.h"
#include "smp.h"
#include "vm.h"

static struct mm mm_pool[NR_PROCS + NR_CPUS];
static bool mm_used[NR_PROCS + NR_CPUS];
static spinlock_t pool_lock = SPINLOCK_INIT;

struct mm *mm_alloc(void)
{
	struct mm *mm = NULL;

	spin_lock(&pool_lock);
	for (unsigned int i = 0; i < ARRAY_SIZE(mm_pool) && !mm; i++) {
		if (!mm_used[i]) {
			mm_used[i] = true;
			mm = &mm_pool[i];
		}
	}
	spin_unlock(&pool_lock);
	if (mm)
		memset(mm, 0, sizeof(*mm));
	return mm;
}

/* Back to the pool, its tables already gone (or never made). */
void mm_free(struct mm *mm)
{
	spin_lock(&pool_lock);
	mm_used[mm - mm_pool] = false;
	spin_unlock(&pool_lock);
}

void mm_get(struct mm *mm)
{
	__atomic_fetch_add(&mm->users, 1, __ATOMIC_RELAXED);
}

void mm_put(struct mm *mm)
{
	if (__atomic_sub_fetch(&mm->users, 1, __ATOMIC_ACQ_REL))
		return;
	mm_destroy(mm);
	mm_free(mm);
}

unsigned int mm_users(const struct mm *mm)
{
	return __atomic_load_n(&mm->users, __ATOMIC_ACQUIRE);
}

void mm_lock(struct mm *mm)
{
	smp_spin_lock(&mm->lock);
}

void mm_unlock(struct mm *mm)
{
	spin_unlock(&mm->lock);
}
