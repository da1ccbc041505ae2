/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/proc.c
 * @brief Processes: create, fork, exec, exit, wait, kill.
 */
#include <string.h>
#include "cmdline.h"
#include "elf.h"
#include "errno.h"
#include "events.h"
#include "hypercall.h"
#include "mm_ref.h"
#include "pgtable.h"
#include "proc.h"
#include "pv_mmu.h"
#include "sched.h"
#include "syscall_nr.h"
#include "timer.h"
#include "tlb.h"
#include "uaccess.h"
#include "vcpu.h"
#include "vm.h"
#include "vsprintf.h"
#include "xen_setup.h"

#define USER_RFLAGS 0x202UL	/* IF: Xen unmasks events when it returns to user mode */

static struct proc *initproc;	/* adopts orphans; NULL once it has exited */

extern char trap_return[];

/*
 * Lay out @p p's kernel stack so that its first switch "returns" into
 * schedule_tail (the switching vCPU still holds the table lock), which
 * returns into trap_return, which irets to the user frame @p regs.  It
 * stays P_NEW: start() makes it runnable.
 */
static void prepare_kstack(struct proc *p, const struct cpu_regs *regs)
{
	struct cpu_regs *frame = (struct cpu_regs *)(kstack_top(p) - sizeof(*frame));
	unsigned long *sp = (unsigned long *)frame;

	*frame = *regs;
	*--sp = (unsigned long)trap_return;
	*--sp = (unsigned long)schedule_tail;	/* entered as if called: the ABI's alignment holds */
	for (int i = 0; i < 6; i++)	/* rbp rbx r12-r15, as context_switch pops them */
		*--sp = 0;
	p->ksp = (unsigned long)sp;
}

/* @p p, laid out, becomes runnable as a child of @p parent (NULL: none). */
static void start(struct proc *p, struct proc *parent)
{
	ptable_lock();
	p->parent = parent;
	sched_wake(p);
	ptable_unlock();
}

static void give_back(struct proc *p)
{
	ptable_lock();
	proc_free(p);
	ptable_unlock();
}

/* Push argv's strings and pointers on the new user stack; returns the user %rsp. */
static int push_args(struct mm *mm, const char *const *argv, int argc, unsigned long *rsp)
{
	unsigned long sp = USER_STACK_TOP, ptrs[16 + 2];
	int rc = 0;

	if (argc > 16)
		return -E2BIG;
	for (int i = argc - 1; i >= 0 && !rc; i--) {
		size_t len = strlen(argv[i]) + 1;

		if (len > 256)
			return -E2BIG;
		sp -= len;
		ptrs[i + 1] = sp;
		rc = copy_to_user(mm, sp, argv[i], len);
	}
	ptrs[0] = (unsigned long)argc;
	ptrs[argc + 1] = 0;
	sp = ALIGN_DOWN(sp, 16) - (size_t)(argc + 2) * 8;
	if (!rc)
		rc = copy_to_user(mm, sp, ptrs, (size_t)(argc + 2) * 8);
	*rsp = sp;
	return rc;
}

/* Load @p name into a fresh address space, its only user, and point @p regs at its entry. */
static int load_program(struct mm **out, struct cpu_regs *regs, const char *name,
			const char *const *argv, int argc)
{
	struct mm *mm = mm_alloc();
	unsigned long entry, rsp;
	int rc = -EAGAIN;

	/*
	 * One batch for the pgd pair and the segments' pages, sent as each
	 * chain of new tables is hooked and at the end: the loader only
	 * writes ptes (user_pte).  push_args reads its pages back: after it.
	 */
	pv_mmu_ops.lazy_mode_enter();
	if (mm)
		rc = mm_create(mm);
	if (!rc)
		rc = elf_load(mm, name, &entry);
	pv_mmu_ops.lazy_mode_leave();
	if (rc && (!mm || !mm->pgd)) {
		if (mm)
			mm_free(mm);
		return rc;
	}
	if (!rc)
		rc = vma_add(mm, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_TOP, VMA_WRITE);
	if (!rc)
		rc = push_args(mm, argv, argc, &rsp);
	if (rc) {
		mm_destroy(mm);
		mm_free(mm);
		return rc;
	}
	mm->users = 1;
	*out = mm;
	*regs = (struct cpu_regs){ .rip = entry, .cs = FLAT_USER_CS, .rflags = USER_RFLAGS,
				   .rsp = rsp, .ss = FLAT_USER_SS };
	return 0;
}

/*
 * This vCPU moves to @p next's tables (the kernel's alone if NULL), current
 * uses @p next from now on, and lets go of its old mm.  One batch: when the
 * old mm is destroyed, Xen gets the switch away from it ahead of its unpin
 * (drop_mm_ref), in the same trip.
 */
static void replace_mm(struct mm *next)
{
	struct mm *old;

	pv_mmu_ops.lazy_mode_enter();
	if (next)
		mm_switch(next);
	else
		pv_mmu_ops.write_cr3(__pa(init_pgd));
	ptable_lock();	/* ps reads p->mm under it */
	old = current->mm;
	current->mm = next;
	ptable_unlock();
	mm_put(old);	/* its last user destroys it */
	pv_mmu_ops.lazy_mode_leave();
}

/* A thread's siblings would lose their address space under their feet: exec is refused. */
int proc_exec(struct cpu_regs *regs, const char *name, const char *const *argv, int argc)
{
	struct mm *mm;
	int rc;

	if (mm_users(current->mm) > 1)
		return -EBUSY;
	rc = load_program(&mm, regs, name, argv, argc);
	if (rc)
		return rc;
	snprintf(current->name, sizeof(current->name), "%s", name);
	thread_state_init(&current->thread);
	thread_state_load(&current->thread);
	replace_mm(mm);
	return 0;
}

/* A copy of current's mm, copy-on-write; under its lock, since a thread may change it meanwhile. */
static int copy_mm(struct mm **out)
{
	struct mm *mm = mm_alloc();
	int rc = -EAGAIN;

	/* One batch: the new pgd pair is pinned in the trip that fills it. */
	pv_mmu_ops.lazy_mode_enter();
	if (mm)
		rc = pv_mmu_ops.pgd_alloc(mm);
	if (!rc) {
		mm_lock(current->mm);
		rc = mm_copy(mm, current->mm);
		mm_unlock(current->mm);
	}
	pv_mmu_ops.lazy_mode_leave();
	if (rc) {
		if (mm && mm->pgd)
			pv_mmu_ops.pgd_free(mm);
		if (mm)
			mm_free(mm);
		return rc;
	}
	mm->users = 1;
	*out = mm;
	return 0;
}

/* A child of current with @p mm, starting at @p regs with %rax 0 (fork's and clone's return there). */
static int start_child(struct proc *child, struct mm *mm, const struct cpu_regs *regs)
{
	struct cpu_regs child_regs = *regs;

	child->mm = mm;
	child->affinity = current->affinity;
	/* A thread too gets a copy of the fds, as clone without CLONE_FILES. */
	fd_fork(&child->files, &current->files);
	thread_state_save(&child->thread);
	child_regs.rax = 0;
	prepare_kstack(child, &child_regs);
	start(child, current);
	return child->pid;
}

int proc_fork(const struct cpu_regs *regs)
{
	struct proc *child = proc_alloc(current->name);
	struct mm *mm;
	int rc;

	if (!child)
		return -EAGAIN;
	rc = copy_mm(&mm);
	if (rc) {
		give_back(child);
		return rc;
	}
	return start_child(child, mm, regs);
}

int proc_clone(const struct cpu_regs *regs, unsigned long sp)
{
	struct proc *thread = proc_alloc(current->name);
	struct cpu_regs thread_regs = *regs;

	if (!thread)
		return -EAGAIN;
	mm_get(current->mm);
	thread_regs.rsp = sp;
	return start_child(thread, current->mm, &thread_regs);
}

/* With the table lock held, as everything below that walks the table. */
static void wake_parent(struct proc *p)
{
	if (p->parent && p->parent->state == P_WAITING)
		sched_wake(p->parent);
}

/*
 * @p p's children go to init, as on Unix: it waits for any child, so their
 * zombies give their slots back.  With init gone nobody reaps: zombies are
 * freed at once, the living when they exit.
 */
static void reparent_children(struct proc *p)
{
	struct proc *reaper = p == initproc ? NULL : initproc;

	for (unsigned int i = 1; i < NR_PROCS; i++) {
		struct proc *child = &proc_table[i];

		if (child->state == P_UNUSED || child->parent != p)
			continue;
		child->parent = reaper;
		if (child->state == P_ZOMBIE && !reaper)
			proc_free(child);
		else if (child->state == P_ZOMBIE)
			wake_parent(child);
	}
}

/*
 * End current: free its address space, leave a zombie for its parent to
 * reap.  The table lock, held from here through the switch away, keeps the
 * parent from freeing the slot (and a fork from reusing its kernel stack)
 * while this vCPU still runs on it.
 */
void proc_exit(int status)
{
	struct proc *p = current;

	replace_mm(NULL);
	fd_close_all(&p->files);	/* before the table lock: closing a pipe end wakes the other */
	ptable_lock();
	reparent_children(p);
	if (p == initproc)
		initproc = NULL;
	/* However it ends, a killed process ends killed. */
	p->exit_status = p->killed ? KILL_KILL : status;
	if (p->parent) {
		p->state = P_ZOMBIE;
		wake_parent(p);
	} else {
		proc_free(p);
	}
	sched();
	panic("proc_exit: pid %d was scheduled again", p->pid);
}

int proc_wait(int pid, int *status)
{
	ptable_lock();
	for (;;) {
		bool children = false;

		if (current->killed) {	/* woken by kill(): waiting holds nothing either */
			ptable_unlock();
			proc_exit(KILL_KILL);
		}
		for (unsigned int i = 1; i < NR_PROCS; i++) {
			struct proc *p = &proc_table[i];

			if (p->state == P_UNUSED || p->parent != current || (pid > 0 && p->pid != pid))
				continue;
			children = true;
			if (p->state == P_ZOMBIE) {
				int found = p->pid;

				*status = p->exit_status;
				proc_free(p);
				ptable_unlock();
				return found;
			}
		}
		if (!children) {
			ptable_unlock();
			return -ECHILD;
		}
		current->state = P_WAITING;
		sched();
	}
}

static bool is_live(const struct proc *p)
{
	return p->state == P_RUNNABLE || p->state == P_WAITING || p->state == P_SLEEPING;
}

/* The live (not yet exited) process @p pid, or NULL; with the table lock held. */
static struct proc *find_live(int pid)
{
	for (unsigned int i = 1; i < NR_PROCS; i++)
		if (proc_table[i].pid == pid && is_live(&proc_table[i]))
			return &proc_table[i];
	return NULL;
}

static int kill_proc(struct proc *p, const char *by)
{
	/* init runs the rest of the programs and reaps orphans: it may not be killed. */
	if (p == initproc)
		return -EPERM;
	printk("proc: pid %d (%s) killed by %s; exit status %d\n", p->pid, p->name, by, KILL_KILL);
	/*
	 * It ends at its next safe point (preempt_point, on its way back to user
	 * mode), not here: it may be in the middle of a system call.  A waiting
	 * or sleeping process is woken to get there.
	 */
	p->killed = true;
	if (p->state == P_WAITING || p->state == P_SLEEPING)
		sched_wake(p);
	else
		sched_kick(p);	/* running on another vCPU: its next safe point comes sooner */
	return 0;
}

/* kill(@p pid) on behalf of @p by (NULL: only check that it lives). */
static int kill_pid(int pid, const char *by)
{
	struct proc *p;
	int rc;

	ptable_lock();
	p = find_live(pid);
	rc = !p ? -ESRCH : by ? kill_proc(p, by) : 0;
	ptable_unlock();
	return rc;
}

int proc_kill(int pid, int sig)
{
	char by[24];

	snprintf(by, sizeof(by), "pid %d", current->pid);
	return kill_pid(pid, sig ? by : NULL);
}

int proc_interrupt(int pid)
{
	return kill_pid(pid, "Ctrl-C");
}

static unsigned long pgd_pfn(const struct mm *mm, bool user)
{
	if (!mm || !mm->pgd)
		return 0;
	return user ? virt_to_pfn((void *)virt_to_page(mm->pgd)->private) : virt_to_pfn(mm->pgd);
}

unsigned int proc_list(struct pvmmu_proc *out, unsigned int max)
{
	static const char states[] = { [P_RUNNABLE] = 'R', [P_WAITING] = 'W', [P_SLEEPING] = 'S',
				       [P_ZOMBIE] = 'Z' };
	unsigned int n = 0;

	ptable_lock();
	for (unsigned int i = 1; i < NR_PROCS && n < max; i++) {
		const struct proc *p = &proc_table[i];
		bool live = is_live(p);

		if (p->state == P_UNUSED || p->state == P_NEW)
			continue;
		out[n] = (struct pvmmu_proc){ .pid = p->pid, .ppid = p->parent ? p->parent->pid : 0,
					      .state = states[p->state], .vcpu = (unsigned char)p->cpu,
					      .pgd_pfn = live ? pgd_pfn(p->mm, false) : 0,
					      .user_pgd_pfn = live ? pgd_pfn(p->mm, true) : 0,
					      .nr_vmas = live && p->mm ? p->mm->nr_vmas : 0 };
		snprintf(out[n].name, sizeof(out[n].name), "%s", p->name);
		n++;
	}
	ptable_unlock();
	return n;
}

struct mm *proc_mm(int pid, char *name)
{
	struct mm *mm;
	struct proc *p;

	ptable_lock();
	p = find_live(pid);
	mm = p ? p->mm : NULL;
	if (mm) {
		snprintf(name, sizeof(p->name), "%s", p->name);
		mm_get(mm);
	}
	ptable_unlock();
	return mm;
}

/* How many processes are in each state, counted at one moment (under the lock). */
static void count_states(unsigned int count[P_ZOMBIE + 1])
{
	for (unsigned int s = 0; s <= P_ZOMBIE; s++)
		count[s] = 0;
	ptable_lock();
	for (unsigned int i = 1; i < NR_PROCS; i++)
		count[proc_table[i].state]++;
	ptable_unlock();
}

/*
 * The boot context runs when vCPU 0 has no process to run; the others may
 * still be running some, and a sleeper may be woken by an event: idle until
 * every process has exited.  When the rest only wait for each other,
 * nothing ever will end them.
 */
static void idle_until_all_exited(void)
{
	for (;;) {
		unsigned int n[P_ZOMBIE + 1];

		count_states(n);
		if (!n[P_NEW] && !n[P_RUNNABLE] && !n[P_SLEEPING] && !n[P_WAITING])
			return;
		if (!n[P_NEW] && !n[P_RUNNABLE] && !n[P_SLEEPING])
			panic("scheduler: %u processes wait for children and none can run",
			      n[P_WAITING]);
		xen_idle();
		schedule();
	}
}

int proc_set_affinity(unsigned long mask)
{
	unsigned long online = 0;

	for (unsigned int i = 0; i < NR_CPUS; i++)
		online |= (unsigned long)__atomic_load_n(&cpus[i].online, __ATOMIC_ACQUIRE) << i;
	if (!(mask & online))
		return -EINVAL;
	ptable_lock();
	current->affinity = mask;
	ptable_unlock();
	/* Not allowed here any more: leave at the way out; a vCPU it may use picks it up. */
	if (!(mask >> smp_processor_id() & 1))
		this_cpu()->need_resched = true;
	return 0;
}

void preempt_point(void)
{
	if (sched_resched_pending())
		schedule();
	/* Here current holds nothing in the kernel: a kill takes effect. */
	if (current->killed)
		proc_exit(KILL_KILL);
}

/*
 * The kernel runs with events masked, so a tick that fell due during a long
 * system call waits, pending, in vcpu_info: take it here, as the upcall would.
 */
void cond_resched(void)
{
	volatile struct vcpu_info *v = this_vcpu();

	if (v->evtchn_upcall_pending)
		evtchn_do_upcall();
	preempt_point();
}

void start_user_space(const char *programs)
{
	static char list[256];
	const char *argv[16] = { "init" };
	char *rest;
	int argc = 1;

	if (!*programs)
		return;
	snprintf(list, sizeof(list), "%s", programs);
	rest = list;
	for (char *name; argc < (int)ARRAY_SIZE(argv) && (name = next_item(&rest, ','));)
		argv[argc++] = name;
	if (*rest)
		printk("proc: init= names more than %zu programs: dropped %s\n",
		       ARRAY_SIZE(argv) - 1, rest);
	/* A typo in init= ends the boot here, with the names one could have meant. */
	for (int i = 1; i < argc; i++) {
		if (!program_exists(argv[i])) {
			char names[512];

			program_names(names, sizeof(names));
			panic("init=: no program \"%s\"; the programs are: %s", argv[i], names);
		}
	}
	run_init("init", argv, argc);
}

void run_init(const char *name, const char *const *argv, int argc)
{
	struct proc *init = proc_alloc(name);
	struct cpu_regs regs;
	int rc;

	proc_table[0].state = P_RUNNABLE;
	if (!init)
		panic("run_init: no process slot");
	initproc = init;
	fd_init_console(&init->files);
	rc = load_program(&init->mm, &regs, name, argv, argc);
	if (rc)
		panic("run_init: cannot start %s: %d (%s)", name, rc, errno_name(rc));
	prepare_kstack(init, &regs);
	printk("proc: starting %s as pid %d\n", name, init->pid);
	timer_start(sched_tick);
	start(init, NULL);
	schedule();	/* back here when vCPU 0 has no process to run */
	idle_until_all_exited();
	timer_stop();
	printk("proc: all processes have exited\n");
}
