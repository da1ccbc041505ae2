/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/proc.c
 * @brief The process table: create, fork, exec, exit, wait, kill.
 */
#include <string.h>
#include "errno.h"
#include "hypercall.h"
#include "proc.h"
#include "pv_mmu.h"
#include "vsprintf.h"

#define USER_RFLAGS 0x202UL	/* IF: Xen unmasks events when it returns to user mode */

/* Slot 0 is the boot context: it runs when no process can. */
static struct proc procs[NR_PROCS];
static uint8_t kstacks[NR_PROCS][KSTACK_SIZE] __aligned(KSTACK_SIZE);
static int next_pid = 1;

struct proc *current = &procs[0];

extern char ret_from_fork[];

struct proc *proc_table_next(struct proc *p)
{
	return !p || p == &procs[NR_PROCS - 1] ? &procs[0] : p + 1;
}

unsigned long kstack_top(const struct proc *p)
{
	return (unsigned long)p->kstack + KSTACK_SIZE;
}

struct proc *proc_alloc(const char *name)
{
	for (unsigned int i = 1; i < NR_PROCS; i++) {
		struct proc *p = &procs[i];

		if (p->state != P_UNUSED)
			continue;
		memset(p, 0, sizeof(*p));
		p->pid = next_pid++;
		p->kstack = kstacks[i];
		snprintf(p->name, sizeof(p->name), "%s", name);
		thread_state_init(&p->thread);
		return p;
	}
	return NULL;
}

void proc_free(struct proc *p)
{
	p->state = P_UNUSED;
}

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
	unsigned long sp = USER_STACK_TOP, ptrs[16];

	if (argc > 16)
		return -E2BIG;
	for (int i = argc - 1; i >= 0; i--) {
		size_t len = strlen(argv[i]) + 1;

		if (len > 256)
			return -E2BIG;
		sp -= len;
		ptrs[i] = sp;
	}
	sp = ALIGN_DOWN(sp, 16) - (size_t)(argc + 2) * 8;
	/* Fault the pages in, then write them through the kernel's pgd: it maps user space too. */
	if (user_range_ok(mm, sp, USER_STACK_TOP - sp, true))
		return -ENOMEM;
	for (int i = 0; i < argc; i++)
		memcpy((void *)ptrs[i], argv[i], strlen(argv[i]) + 1);
	((unsigned long *)sp)[0] = (unsigned long)argc;
	memcpy((unsigned long *)sp + 1, ptrs, (size_t)argc * 8);
	((unsigned long *)sp)[argc + 1] = 0;
	*rsp = sp;
	return 0;
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
	if (!rc) {
		/* The kernel writes argv through mm's own mappings: load it first. */
		unsigned long cr3 = pv_mmu_ops.read_cr3();

		pv_mmu_ops.write_cr3(__pa(mm->pgd));
		rc = push_args(mm, argv, argc, &rsp);
		pv_mmu_ops.write_cr3(cr3);
	}
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

/* End @p p: free its address space, leave a zombie for its parent to reap. */
static void terminate(struct proc *p, int status)
{
	for (unsigned int i = 1; i < NR_PROCS; i++)
		if (procs[i].state != P_UNUSED && procs[i].parent == p)
			procs[i].parent = NULL;	/* orphans are reaped by nobody: free them at exit */
	if (p == current)
		pv_mmu_ops.write_cr3(__pa(init_pgd));
	mm_destroy(&p->mm);
	p->exit_status = status;
	if (p->parent) {
		p->state = P_ZOMBIE;
		wake_parent(p);
	} else {
		proc_free(p);
	}
}

void proc_exit(int status)
{
	terminate(current, status);
	/* Orphaned zombies have no one to reap them. */
	for (unsigned int i = 1; i < NR_PROCS; i++)
		if (procs[i].state == P_ZOMBIE && !procs[i].parent)
			proc_free(&procs[i]);
	schedule();
	panic("proc_exit: pid %d was scheduled again", current->pid);
}

int proc_wait(int pid, int *status)
{
	for (;;) {
		bool children = false;

		for (unsigned int i = 1; i < NR_PROCS; i++) {
			struct proc *p = &procs[i];

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

int proc_kill(int pid)
{
	for (unsigned int i = 1; i < NR_PROCS; i++) {
		struct proc *p = &procs[i];

		if (p->pid != pid || p->state == P_UNUSED || p->state == P_ZOMBIE)
			continue;
		if (p == current)
			proc_exit(KILL_KILL);
		printk("proc: pid %d (%s) killed by pid %d; exit status %d\n", p->pid, p->name,
		       current->pid, KILL_KILL);
		terminate(p, KILL_KILL);
		return 0;
	}
	return -ESRCH;
}

void start_user_space(const char *programs)
{
	static char list[256];
	const char *argv[16] = { "init" };
	int argc = 1;

	if (!*programs)
		return;
	snprintf(list, sizeof(list), "%s", programs);
	for (char *p = list; *p && argc < 16;) {
		char *comma = strchr(p, ',');

		argv[argc++] = p;
		if (!comma)
			break;
		*comma = '\0';
		p = comma + 1;
	}
	run_init("init", argv, argc);
}

void run_init(const char *name, const char *const *argv, int argc)
{
	struct proc *init = proc_alloc(name);
	struct cpu_regs regs;
	int rc;

	procs[0].state = P_RUNNABLE;
	if (!init)
		panic("run_init: no process slot");
	rc = load_program(&init->mm, &regs, name, argv, argc);
	if (rc)
		panic("run_init: cannot start %s: %d (%s)", name, rc, errno_name(rc));
	prepare_kstack(init, &regs);
	printk("proc: starting %s as pid %d\n", name, init->pid);
	timer_start();
	schedule();	/* back here once every process has exited */
	timer_stop();
	printk("proc: all processes have exited\n");
}
