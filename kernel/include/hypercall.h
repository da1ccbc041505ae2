/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/hypercall.h
 * @brief Hypercalls into Xen through the hypercall page, and the Xen ABI.
 *
 * A 64-bit PV guest calls Xen through the entry points Xen writes into the page
 * named by the HYPERCALL_PAGE ELF note: entry @c n lives at offset n * 32 and
 * does `mov $n, %eax; syscall; ret`.  Arguments go in rdi, rsi, rdx, r10, r8;
 * Xen may clobber them (debug builds do on purpose), and syscall clobbers
 * rcx and r11.
 */
#ifndef PVMMU_HYPERCALL_H
#define PVMMU_HYPERCALL_H

#include <stddef.h>
#include <stdint.h>
#include <xen/xen.h>
#include <xen/sched.h>
#include <xen/version.h>
#include <xen/callback.h>
#include <xen/vcpu.h>
#include <xen/event_channel.h>
#include <xen/physdev.h>
#include <xen/memory.h>
#include "percpu.h"

extern char hypercall_page[];

/** Xen's start-of-day information, kept from the entry point. */
extern start_info_t *xen_start_info;
/** Xen's shared_info page, mapped by xen_map_shared_info(). */
extern struct shared_info *HYPERVISOR_shared_info;

static inline long hypercall5_uncounted(unsigned int nr, unsigned long a1, unsigned long a2,
					unsigned long a3, unsigned long a4, unsigned long a5)
{
	register unsigned long rdi asm("rdi") = a1;
	register unsigned long rsi asm("rsi") = a2;
	register unsigned long rdx asm("rdx") = a3;
	register unsigned long r10 asm("r10") = a4;
	register unsigned long r8 asm("r8") = a5;
	long ret;

	asm volatile("call *%[entry]"
		     : "=a"(ret), "+r"(rdi), "+r"(rsi), "+r"(rdx), "+r"(r10), "+r"(r8)
		     : [entry] "r"(hypercall_page + nr * 32)
		     : "memory", "rcx", "r11", "r9");
	return ret;
}

/** Every trip into Xen, counted per vCPU where they all pass: for benchmarks. */
static inline long hypercall5(unsigned int nr, unsigned long a1, unsigned long a2,
			      unsigned long a3, unsigned long a4, unsigned long a5)
{
	this_cpu()->stats.hypercalls++;
	return hypercall5_uncounted(nr, a1, a2, a3, a4, a5);
}

#define hypercall(nr, ...) hypercall_args(hypercall5, nr, __VA_ARGS__, 0, 0, 0, 0, 0)
/* Only before this vCPU's %gs base is set (percpu_init). */
#define hypercall_uncounted(nr, ...) \
	hypercall_args(hypercall5_uncounted, nr, __VA_ARGS__, 0, 0, 0, 0, 0)
#define hypercall_args(fn, nr, a, b, c, d, e, ...)                         \
	fn(nr, (unsigned long)(a), (unsigned long)(b), (unsigned long)(c), \
	   (unsigned long)(d), (unsigned long)(e))

static inline long HYPERVISOR_console_io(int cmd, int count, const char *str)
{
	return hypercall(__HYPERVISOR_console_io, cmd, count, str);
}

static inline long HYPERVISOR_sched_op(int cmd, void *arg)
{
	return hypercall(__HYPERVISOR_sched_op, cmd, arg);
}

static inline long HYPERVISOR_xen_version(int cmd, void *arg)
{
	return hypercall(__HYPERVISOR_xen_version, cmd, arg);
}

static inline long HYPERVISOR_set_trap_table(const struct trap_info *table)
{
	return hypercall(__HYPERVISOR_set_trap_table, table);
}

static inline long HYPERVISOR_callback_op(int cmd, const void *arg)
{
	return hypercall(__HYPERVISOR_callback_op, cmd, arg);
}

static inline long HYPERVISOR_update_va_mapping(unsigned long va, uint64_t pte,
						unsigned long flags)
{
	return hypercall(__HYPERVISOR_update_va_mapping, va, pte, flags);
}

static inline long HYPERVISOR_mmu_update(const mmu_update_t *req, unsigned int count,
					 unsigned int *done, domid_t domid)
{
	return hypercall(__HYPERVISOR_mmu_update, req, count, done, domid);
}

static inline long HYPERVISOR_mmuext_op(const struct mmuext_op *op, unsigned int count,
					unsigned int *done, domid_t domid)
{
	return hypercall(__HYPERVISOR_mmuext_op, op, count, done, domid);
}

static inline long HYPERVISOR_multicall(multicall_entry_t *calls, unsigned int count)
{
	return hypercall(__HYPERVISOR_multicall, calls, count);
}

static inline long HYPERVISOR_vcpu_op(int cmd, unsigned int vcpu, void *extra)
{
	return hypercall(__HYPERVISOR_vcpu_op, cmd, vcpu, extra);
}

static inline long HYPERVISOR_set_timer_op(uint64_t deadline_ns)
{
	return hypercall(__HYPERVISOR_set_timer_op, deadline_ns);
}

static inline long HYPERVISOR_event_channel_op(int cmd, void *arg)
{
	return hypercall(__HYPERVISOR_event_channel_op, cmd, arg);
}

/*
 * Event delivery is masked per vCPU in its vcpu_info, not with cli: this is
 * a PV guest's local_irq_save().  Unmasking does not deliver what became
 * pending meanwhile, so any hypercall (here the cheapest) makes Xen look.
 */
static inline unsigned long irq_save(void)
{
	volatile struct vcpu_info *v = this_cpu()->vcpu_info;
	unsigned long old = v->evtchn_upcall_mask;

	v->evtchn_upcall_mask = 1;
	asm volatile("" ::: "memory");
	return old;
}

static inline void irq_restore(unsigned long flags)
{
	volatile struct vcpu_info *v = this_cpu()->vcpu_info;

	asm volatile("" ::: "memory");
	v->evtchn_upcall_mask = (uint8_t)flags;
	asm volatile("" ::: "memory");
	if (!flags && v->evtchn_upcall_pending)
		HYPERVISOR_xen_version(XENVER_version, NULL);
}


#endif
