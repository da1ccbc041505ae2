/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/xen/smp.c
 * @brief Secondary vCPU bring-up (VCPUOP_initialise + VCPUOP_up) and call-function IPIs.
 *
 * Xen creates every vCPU of dom0 but starts only vCPU 0.  Each other one is
 * given a full starting context: a kernel stack of its own, the kernel pgd as
 * its only page table (kernel %cr3, no user pgd: nothing runs in user mode
 * there yet), and its kernel %gs base already pointing at its struct cpu,
 * so that this_cpu() works from its first instruction.  It registers its
 * own trap table and callbacks (Xen keeps them per vCPU), binds its IPI
 * port and says it is online; vCPU 0 waits for that, one vCPU at a time, and
 * times it.  docs/smp.md says where this sits in the boot order.
 *
 * Earlier in the boot the same vCPUs may help with work vCPU 0 would do
 * alone (smp_share: Xen's validation of the direct map).  A helper starts
 * in helper_main, with no trap table yet, runs the job and takes itself
 * down; Xen keeps its context, so the next VCPUOP_up (a second job, or the
 * real bring-up) lets it go on from there.
 */
#include <string.h>
#include "clock.h"
#include "errno.h"
#include "events.h"
#include "hypercall.h"
#include "mm.h"
#include "percpu.h"
#include "pgtable.h"
#include "smp.h"
#include "vcpu.h"
#include "xen_time.h"

#define ONLINE_TIMEOUT_NS 5000000000ULL

static uint8_t cpu_stacks[NR_CPUS][KSTACK_SIZE] __aligned(KSTACK_SIZE);
/* One bring-up at a time: Xen copies the context during VCPUOP_initialise. */
static struct vcpu_guest_context bringup_ctxt;

unsigned int smp_count_vcpus(void)
{
	unsigned int n = 0;
	long rc;

	while ((rc = HYPERVISOR_vcpu_op(VCPUOP_is_up, n, NULL)) >= 0)
		n++;
	if (rc != -ENOENT || n == 0)
		panic("vcpu_op(VCPUOP_is_up, vcpu %u) failed: %ld (%s)", n, rc, errno_name(rc));
	return n;
}

unsigned int smp_num_online(void)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < NR_CPUS; i++)
		n += __atomic_load_n(&cpus[i].online, __ATOMIC_ACQUIRE);
	return n;
}

/* Let another vCPU have the physical CPU while this one waits for it. */
static void yield(void)
{
	long rc = HYPERVISOR_sched_op(SCHEDOP_yield, NULL);

	if (rc)
		panic("sched_op(SCHEDOP_yield) on vCPU %u failed: %ld (%s)", smp_processor_id(), rc,
		      errno_name(rc));
}

bool smp_handle_call(void)
{
	struct cpu *c = this_cpu();
	void (*fn)(void *) = __atomic_load_n(&c->call_fn, __ATOMIC_ACQUIRE);

	if (!fn)
		return false;
	fn(c->call_arg);
	__atomic_store_n(&c->call_fn, NULL, __ATOMIC_RELEASE);
	return true;
}

/*
 * The kernel runs with events masked, so a vCPU spinning here could not
 * take the IPI of a vCPU waiting in on_each_cpu (drop_mm_ref, say), which
 * may itself be what keeps the holder busy: answer such a request while
 * spinning.  Nothing else runs here: no handler may take the lock from a spin.
 */
void smp_spin_lock(spinlock_t *l)
{
	while (!spin_trylock(l)) {
		smp_handle_call();
		__builtin_ia32_pause();
	}
}

static void ipi_interrupt(evtchn_port_t port, void *cookie)
{
	(void)port;
	(void)cookie;
	smp_handle_call();
}

/* Waking the vCPU is the point: it leaves SCHEDOP_block, and then looks for work. */
static void resched_interrupt(evtchn_port_t port, void *cookie)
{
	(void)port;
	(void)cookie;
	this_cpu()->need_resched = true;
}

void smp_send_reschedule(unsigned int id)
{
	const struct cpu *c = &cpus[id];

	if (id != smp_processor_id() && __atomic_load_n(&c->online, __ATOMIC_ACQUIRE))
		notify_remote_via_evtchn(c->resched_port);
}

static void bind_ipis(struct cpu *c)
{
	c->ipi_port = bind_ipi(c->id, ipi_interrupt, NULL);
	c->resched_port = bind_ipi(c->id, resched_interrupt, NULL);
}

void smp_resume(void)
{
	/* The new domain's ports are all closed: this vCPU's IPI ports with them. */
	bind_ipis(this_cpu());
}

void smp_cpu_starting(void)
{
	this_vcpu()->evtchn_upcall_mask = 1;
}

void smp_cpu_online(void)
{
	struct cpu *c = this_cpu();

	bind_ipis(c);
	__atomic_store_n(&c->online, true, __ATOMIC_RELEASE);
}

/* The job smp_share hands the helpers; entry is where they go once no job is left. */
static struct {
	void (*fn)(void *);
	void *arg;
	unsigned int running;		/* helpers still at the job */
	void (*entry)(void);
} share;

/* The context Xen starts vCPU @p id in: see the file comment. */
static void prepare_context(struct cpu *c, void (*entry)(void))
{
	struct vcpu_guest_context *ctxt = &bringup_ctxt;
	unsigned long top = (unsigned long)cpu_stacks[c->id] + KSTACK_SIZE;

	memset(ctxt, 0, sizeof(*ctxt));
	ctxt->flags = VGCF_in_kernel;
	ctxt->user_regs.rip = (unsigned long)entry;
	ctxt->user_regs.rsp = top - 8;	/* as after a call: the ABI's stack alignment */
	ctxt->user_regs.cs = FLAT_KERNEL_CS;
	ctxt->user_regs.ss = FLAT_KERNEL_SS;
	ctxt->kernel_ss = FLAT_KERNEL_SS;
	ctxt->kernel_sp = top;
	/* Kernel %cr3 only, as the early write_cr3 loads it; ctrlreg[1] (user) stays 0. */
	ctxt->ctrlreg[3] = xen_pfn_to_cr3(pfn_to_mfn(__pa(init_pgd) >> PAGE_SHIFT));
	ctxt->gs_base_kernel = (unsigned long)c;
}

static long wait_online(const struct cpu *c)
{
	uint64_t start = xen_system_time();

	while (!__atomic_load_n(&c->online, __ATOMIC_ACQUIRE)) {
		if (xen_system_time() - start > ONLINE_TIMEOUT_NS)
			return -ETIMEDOUT;
		/* Give the new vCPU the physical CPU, should Xen have only the one. */
		yield();
	}
	return 0;
}

/* The line every failed bring-up hypercall gives; returns @p rc. */
static long vcpu_op_failed(const char *op, unsigned int id, long rc)
{
	printk("smp: vCPU %u: vcpu_op(%s, vcpu %u) failed: %ld (%s); going on without it\n", id, op, id,
	       rc, errno_name(rc));
	return rc;
}

/*
 * Start vCPU @p id at @p entry, or wake it where it parked; 0 or the error,
 * reported here.  A parked vCPU is woken only once Xen has it down: woken
 * before its VCPUOP_down, it would take itself down for good.
 */
static long start_vcpu(unsigned int id, void (*entry)(void))
{
	struct cpu *c = percpu_setup(id);
	long rc;

	if (c->parked) {
		while ((rc = HYPERVISOR_vcpu_op(VCPUOP_is_up, id, NULL)) > 0)
			yield();
		if (rc < 0)
			return vcpu_op_failed("VCPUOP_is_up", id, rc);
	} else {
		c->vcpu_info = &HYPERVISOR_shared_info->vcpu_info[id];
		c->xen_cr3 = c->xen_current_cr3 = __pa(init_pgd);
		prepare_context(c, entry);
		rc = HYPERVISOR_vcpu_op(VCPUOP_initialise, id, &bringup_ctxt);
		if (rc)
			return vcpu_op_failed("VCPUOP_initialise", id, rc);
	}
	rc = HYPERVISOR_vcpu_op(VCPUOP_up, id, NULL);
	return rc ? vcpu_op_failed("VCPUOP_up", id, rc) : 0;
}

/* A helper's life: each job smp_share gives it, parked down in between, then @p share.entry. */
static void __noreturn helper_main(void)
{
	unsigned int id = smp_processor_id();

	smp_cpu_starting();
	for (;;) {
		void (*fn)(void *) = __atomic_load_n(&share.fn, __ATOMIC_ACQUIRE);
		long rc;

		if (!fn)
			break;
		fn(share.arg);
		__atomic_fetch_sub(&share.running, 1, __ATOMIC_RELEASE);
		rc = HYPERVISOR_vcpu_op(VCPUOP_down, id, NULL);
		if (rc)
			panic("vcpu_op(VCPUOP_down, vcpu %u) for a bring-up helper failed: %ld (%s)", id, rc,
			      errno_name(rc));
	}
	__atomic_load_n(&share.entry, __ATOMIC_ACQUIRE)();
	panic("smp: vCPU %u: its entry returned", id);
}

void smp_share(void (*fn)(void *), void *arg)
{
	unsigned int nr = smp_count_vcpus();
	uint64_t start;

	share.fn = fn;
	share.arg = arg;
	for (unsigned int id = 1; id < nr && id < NR_CPUS; id++) {
		/* Counted first: the helper may be done before VCPUOP_up returns. */
		__atomic_fetch_add(&share.running, 1, __ATOMIC_RELEASE);
		if (start_vcpu(id, helper_main))
			__atomic_fetch_sub(&share.running, 1, __ATOMIC_RELEASE);
		else
			cpus[id].parked = true;
	}
	fn(arg);
	start = xen_system_time();
	while (__atomic_load_n(&share.running, __ATOMIC_ACQUIRE)) {
		if (xen_system_time() - start > ONLINE_TIMEOUT_NS)
			panic("smp: %u bring-up helper(s) still at their share %llu ms after vCPU 0 finished",
			      __atomic_load_n(&share.running, __ATOMIC_ACQUIRE),
			      ONLINE_TIMEOUT_NS / 1000000);
		yield();
	}
	__atomic_store_n(&share.fn, NULL, __ATOMIC_RELEASE);
}

/* 0 once vCPU @p id is online; else the error, reported here. */
static long cpu_up(unsigned int id, void (*entry)(void))
{
	struct cpu *c = &cpus[id];
	long rc;

	__atomic_store_n(&share.entry, entry, __ATOMIC_RELEASE);
	rc = start_vcpu(id, entry);
	if (rc)
		return rc;
	c->parked = false;
	rc = wait_online(c);
	if (rc)
		printk("smp: vCPU %u: up, but not online within %llu ms; going on without it\n", id,
		       ONLINE_TIMEOUT_NS / 1000000);
	return rc;
}

void smp_bring_up(unsigned int nr, void (*entry)(void))
{
	struct cpu *boot = this_cpu();

	bind_ipis(boot);
	__atomic_store_n(&boot->online, true, __ATOMIC_RELEASE);
	if (nr > NR_CPUS) {
		printk("smp: Xen gives %u vCPUs; pvmmu brings up %u (NR_CPUS)\n", nr, NR_CPUS);
		nr = NR_CPUS;
	}
	for (unsigned int id = 1; id < nr; id++) {
		uint64_t t0 = kernel_uptime_ns(), ns;

		if (cpu_up(id, entry))
			continue;
		ns = kernel_uptime_ns() - t0;
		printk("smp: vCPU %u up in %lu.%03lu ms: own stack, trap table, IPI port %u\n", id,
		       (unsigned long)(ns / 1000000), (unsigned long)(ns % 1000000) / 1000,
		       cpus[id].ipi_port);
	}
	printk("smp: %u of %u vCPUs online\n", smp_num_online(), nr);
}

/* Ask vCPU @p c to run @p fn(@p arg) by IPI; false if it is not online. */
static bool post_call(struct cpu *c, void (*fn)(void *), void *arg)
{
	if (!__atomic_load_n(&c->online, __ATOMIC_ACQUIRE))
		return false;
	c->call_arg = arg;
	__atomic_store_n(&c->call_fn, fn, __ATOMIC_RELEASE);
	notify_remote_via_evtchn(c->ipi_port);
	return true;
}

/*
 * One request slot per vCPU, so one caller at a time in all: a second
 * caller would overwrite the first's request, or see it answered and take
 * that for its own.  Exits on any vCPU call drop_mm_ref, so two may come at
 * once; the loser waits here answering requests, as in smp_spin_lock, since
 * the winner may be waiting for it.
 */
static spinlock_t call_lock = SPINLOCK_INIT;

static void wait_call(const struct cpu *c)
{
	while (__atomic_load_n(&c->call_fn, __ATOMIC_ACQUIRE))
		yield();
}

int smp_call_function_single(unsigned int id, void (*fn)(void *), void *arg)
{
	int rc = -EINVAL;

	if (id >= NR_CPUS || id == smp_processor_id())
		return rc;
	smp_spin_lock(&call_lock);
	if (post_call(&cpus[id], fn, arg)) {
		wait_call(&cpus[id]);
		rc = 0;
	}
	spin_unlock(&call_lock);
	return rc;
}

void on_each_cpu(void (*fn)(void *), void *arg)
{
	struct cpu *me = this_cpu();

	smp_spin_lock(&call_lock);
	for (unsigned int i = 0; i < NR_CPUS; i++)
		if (&cpus[i] != me)
			post_call(&cpus[i], fn, arg);
	fn(arg);
	for (unsigned int i = 0; i < NR_CPUS; i++)
		wait_call(&cpus[i]);
	spin_unlock(&call_lock);
}
