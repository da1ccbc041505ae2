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
#include "pgtable.h"
#include "proc.h"
#include "pv_mmu.h"
#include "sched.h"
#include "syscall_nr.h"
#include "timer.h"
#include "uaccess.h"
#include "vcpu.h"
#include "vm.h"
#include "vsprintf.h"
#include "xen_setup.h"

#define USER_RFLAGS 0x202UL	/* IF: Xen unmasks events when it returns to user mode */

static struct proc *initproc;	/* adopts orphans; NULL once it has exited */

extern char ret_from_fork[];

/*
 * Lay out @p p's kernel stack so that its first switch "returns" through
 * ret_from_fork into trap_return, which irets to the user frame @p regs.
 */
static void prepare_kstack(struct proc *p, const struct cpu_regs *regs)
{
	struct cpu_regs *frame = (struct cpu_regs *)(kstack_top(p) - sizeof(*frame));
	unsigned long *sp = (unsigned long *)frame;

	*frame = *regs;
	*--sp = (unsigned long)ret_from_fork;
	for (int i = 0; i < 6; i++)	/* rbp rbx r12-r15, as context_switch pops them */
		*--sp = 0;
	p->ksp = (unsigned long)sp;
	p->state = P_RUNNABLE;
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

/* Load @p name into a fresh address space and point @p regs at its entry. */
static int load_program(struct mm *mm, struct cpu_regs *regs, const char *name,
			const char *const *argv, int argc)
{
	unsigned long entry, rsp;
	int rc = mm_create(mm);

	if (rc)
		return rc;
	rc = elf_load(mm, name, &entry);
	if (!rc)
		rc = vma_add(mm, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_TOP, VMA_WRITE);
	if (!rc)
		rc = push_args(mm, argv, argc, &rsp);
	if (rc) {
		mm_destroy(mm);
		return rc;
	}
	*regs = (struct cpu_regs){ .rip = entry, .cs = FLAT_USER_CS, .rflags = USER_RFLAGS,
				   .rsp = rsp, .ss = FLAT_USER_SS };
	return 0;
}

int proc_exec(struct cpu_regs *regs, const char *name, const char *const *argv, int argc)
{
	struct mm old = current->mm;
	int rc = load_program(&current->mm, regs, name, argv, argc);

	if (rc) {
		current->mm = old;
		return rc;
	}
	snprintf(current->name, sizeof(current->name), "%s", name);
	thread_state_init(&current->thread);
	thread_state_load(&current->thread);
	pv_mmu_ops.write_cr3(__pa(current->mm.pgd));
	mm_destroy(&old);
	return 0;
}

int proc_fork(const struct cpu_regs *regs)
{
	struct proc *child = proc_alloc(current->name);
	struct cpu_regs child_regs = *regs;
	int rc;

	if (!child)
		return -EAGAIN;
	rc = pv_mmu_ops.pgd_alloc(&child->mm);
	if (!rc)
		rc = mm_copy(&child->mm, &current->mm);
	if (rc) {
		if (child->mm.pgd)
			pv_mmu_ops.pgd_free(&child->mm);
		proc_free(child);
		return rc;
	}
	child->parent = current;
	fd_fork(&child->files, &current->files);
	thread_state_save(&child->thread);
	child_regs.rax = 0;	/* fork returns 0 in the child */
	prepare_kstack(child, &child_regs);
	return child->pid;
}

static void wake_parent(struct proc *p)
{
	if (p->parent && p->parent->state == P_WAITING)
		p->parent->state = P_RUNNABLE;
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

/* End current: free its address space, leave a zombie for its parent to reap. */
void proc_exit(int status)
{
	struct proc *p = current;

	reparent_children(p);
	fd_close_all(&p->files);
	if (p == initproc)
		initproc = NULL;
	pv_mmu_ops.write_cr3(__pa(init_pgd));
	mm_destroy(&p->mm);
	/* However it ends, a killed process ends killed. */
	p->exit_status = p->killed ? KILL_KILL : status;
	if (p->parent) {
		p->state = P_ZOMBIE;
		wake_parent(p);
	} else {
		proc_free(p);
	}
	schedule();
	panic("proc_exit: pid %d was scheduled again", p->pid);
}

int proc_wait(int pid, int *status)
{
	for (;;) {
		bool children = false;

		if (current->killed)	/* woken by kill(): waiting holds nothing either */
			proc_exit(KILL_KILL);
		for (unsigned int i = 1; i < NR_PROCS; i++) {
			struct proc *p = &proc_table[i];

			if (p->state == P_UNUSED || p->parent != current || (pid > 0 && p->pid != pid))
				continue;
			children = true;
			if (p->state == P_ZOMBIE) {
				int found = p->pid;

				*status = p->exit_status;
				proc_free(p);
				return found;
			}
		}
		if (!children)
			return -ECHILD;
		current->state = P_WAITING;
		schedule();
	}
}

static bool is_live(const struct proc *p)
{
	return p->state == P_RUNNABLE || p->state == P_WAITING || p->state == P_SLEEPING;
}

/* The live (not yet exited) process @p pid, or NULL. */
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
		p->state = P_RUNNABLE;
	return 0;
}

int proc_kill(int pid, int sig)
{
	struct proc *p = find_live(pid);
	char by[24];

	if (!p)
		return -ESRCH;
	if (!sig)
		return 0;
	snprintf(by, sizeof(by), "pid %d", current->pid);
	return kill_proc(p, by);
}

int proc_interrupt(int pid)
{
	struct proc *p = find_live(pid);

	return p ? kill_proc(p, "Ctrl-C") : -ESRCH;
}

static unsigned long pgd_pfn(const struct mm *mm, bool user)
{
	if (!mm->pgd)
		return 0;
	return user ? virt_to_pfn((void *)virt_to_page(mm->pgd)->private) : virt_to_pfn(mm->pgd);
}

unsigned int proc_list(struct pvmmu_proc *out, unsigned int max)
{
	static const char states[] = { [P_RUNNABLE] = 'R', [P_WAITING] = 'W', [P_SLEEPING] = 'S',
				       [P_ZOMBIE] = 'Z' };
	unsigned int n = 0;

	for (unsigned int i = 1; i < NR_PROCS && n < max; i++) {
		const struct proc *p = &proc_table[i];
		bool live = is_live(p);

		if (p->state == P_UNUSED)
			continue;
		out[n] = (struct pvmmu_proc){ .pid = p->pid, .ppid = p->parent ? p->parent->pid : 0,
					      .state = states[p->state], .vcpu = 0,
					      .pgd_pfn = live ? pgd_pfn(&p->mm, false) : 0,
					      .user_pgd_pfn = live ? pgd_pfn(&p->mm, true) : 0,
					      .nr_vmas = live ? p->mm.nr_vmas : 0 };
		snprintf(out[n].name, sizeof(out[n].name), "%s", p->name);
		n++;
	}
	return n;
}

struct mm *proc_mm(int pid, char *name)
{
	struct proc *p = find_live(pid);

	if (!p)
		return NULL;
	snprintf(name, sizeof(p->name), "%s", p->name);
	return &p->mm;
}

static unsigned int count_state(enum proc_state state)
{
	unsigned int n = 0;

	for (unsigned int i = 1; i < NR_PROCS; i++)
		n += proc_table[i].state == state;
	return n;
}

/*
 * The boot context runs when no process can.  While one sleeps, an event
 * may wake it: idle until then.  When the rest only wait for each other,
 * nothing ever will.
 */
static void idle_while_asleep(void)
{
	while (count_state(P_SLEEPING) || count_state(P_WAITING)) {
		if (!count_state(P_SLEEPING))
			panic("scheduler: %u processes wait for children and none can run",
			      count_state(P_WAITING));
		xen_idle();
		schedule();
	}
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
	schedule();	/* back here when no process can run */
	idle_while_asleep();
	timer_stop();
	printk("proc: all processes have exited\n");
}
