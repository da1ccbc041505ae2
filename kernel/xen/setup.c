/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/xen/setup.c
 * @brief start_info, the shared_info page, and shutting the domain down.
 */
#include "events.h"
#include "hypercall.h"
#include "kernel.h"
#include "mm.h"
#include "pgtable.h"
#include "string.h"
#include "vcpu.h"
#include "xen_setup.h"

/*
 * Xen gives shared_info only as a machine address.  We point a page of our
 * own image at it; the guest frame behind that page is simply no longer
 * reachable from this address, which costs one page.
 */
static uint8_t shared_info_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");

void xen_map_shared_info(void)
{
	unsigned long va = (unsigned long)shared_info_page;
	uint64_t pte = xen_start_info->shared_info | PAGE_KERNEL;
	long rc = HYPERVISOR_update_va_mapping(va, pte, UVMF_INVLPG);

	if (rc)
		panic("update_va_mapping(va=%#lx, pte=%#llx, UVMF_INVLPG) for shared_info failed: %ld",
		      va, (unsigned long long)pte, rc);
	HYPERVISOR_shared_info = (struct shared_info *)shared_info_page;
	this_cpu()->vcpu_info = &HYPERVISOR_shared_info->vcpu_info[smp_processor_id()];
}

/*
 * Before a suspend: the toolstack refuses to save a page table entry that
 * names a frame outside the guest's p2m, and shared_info is Xen's frame.
 * So the page goes back to its own guest frame, and until the resume maps
 * the new shared_info, time and the event mask are read from a copy.
 */
static uint8_t shared_info_copy[PAGE_SIZE] __aligned(PAGE_SIZE);

void xen_unmap_shared_info(void)
{
	unsigned long va = (unsigned long)shared_info_page;
	uint64_t pte = pt_make_entry(virt_to_pfn(shared_info_page), PAGE_KERNEL);
	long rc;

	memcpy(shared_info_copy, shared_info_page, PAGE_SIZE);
	HYPERVISOR_shared_info = (struct shared_info *)shared_info_copy;
	this_cpu()->vcpu_info = &HYPERVISOR_shared_info->vcpu_info[smp_processor_id()];
	rc = HYPERVISOR_update_va_mapping(va, pte, UVMF_INVLPG);
	if (rc)
		panic("update_va_mapping(va=%#lx, pte=%#llx, UVMF_INVLPG) to unmap shared_info "
		      "failed: %ld", va, (unsigned long long)pte, rc);
}

long xen_suspend_hypercall(void)
{
	struct sched_shutdown arg = { .reason = SHUTDOWN_suspend };
	unsigned long si_mfn = pfn_to_mfn(virt_to_pfn(xen_start_info));

	/* x86 PV: the third argument names start_info, which the toolstack rewrites. */
	return hypercall(__HYPERVISOR_sched_op, SCHEDOP_shutdown, &arg, si_mfn);
}

void xen_shutdown(unsigned int reason)
{
	struct sched_shutdown arg = { .reason = reason };
	long rc;

	/* A domU's console is a ring the toolstack destroys with the domain. */
	console_flush();
	rc = HYPERVISOR_sched_op(SCHEDOP_shutdown, &arg);

	/* Only a broken hypervisor gets here; the runner's timeout ends us. */
	printk("xen: SCHEDOP_shutdown(reason=%u) failed: %ld; halting\n", reason, rc);
	for (;;)
		HYPERVISOR_sched_op(SCHEDOP_block, NULL);
}

void xen_idle(void)
{
	volatile struct vcpu_info *v = this_vcpu();
	long rc = HYPERVISOR_sched_op(SCHEDOP_block, NULL);

	if (rc)
		panic("sched_op(SCHEDOP_block) failed: %ld", rc);
	/*
	 * SCHEDOP_block unmasked events (atomically with its check for pending
	 * ones, so no wake-up is lost) and Xen delivered them; the kernel runs
	 * masked, so mask again and take what came after the upcall.
	 */
	v->evtchn_upcall_mask = 1;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (v->evtchn_upcall_pending)
		evtchn_do_upcall();
}

void xen_crash(void)
{
	xen_shutdown(SHUTDOWN_crash);
}

void kernel_poweroff(void)
{
	printk("pvmmu: power off\n");
	xen_shutdown(SHUTDOWN_poweroff);
}
