/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/proc.h
 * @brief User processes: struct proc, the process table (proc_table.c) and the
 *        process calls (proc.c); the scheduler, address spaces, ELF loader,
 *        system calls and user faults have headers of their own.
 *
 * User space runs in ring 3 like the kernel; Xen tells them apart by its
 * kernel/user mode flag and switches page tables between them.  A process
 * enters the kernel through Xen's syscall callback, an exception, or an
 * event upcall, on the kernel stack given to Xen with stack_switch.
 */
#ifndef PVMMU_PROC_H
#define PVMMU_PROC_H

#include "fd.h"
#include "mm.h"
#include "percpu.h"
#include "thread.h"
#include "traps.h"

#define NR_PROCS 64

/* The user half: canonical lower addresses, L4 slots 0-255. */
#define USER_TOP 0x0000800000000000UL
#define USER_STACK_TOP 0x00007ffffffff000UL
#define USER_STACK_SIZE MiB(1)
#define USER_MMAP_BASE 0x0000100000000000UL
#define USER_HEAP_MAX GiB(1)

/* Exit statuses of killed processes, 128 + the signal Linux would send. */
#define KILL_SEGV (128 + 11)	/* page fault on an address the process may not use */
#define KILL_ILL (128 + 4)	/* privileged or invalid instruction (#GP, #UD) */
#define KILL_TRAP (128 + 5)	/* int3, a debug trap */
#define KILL_FPE (128 + 8)	/* arithmetic fault */
#define KILL_BUS (128 + 7)	/* any other exception */
#define KILL_KILL (128 + 9)	/* kill() */

/*
 * P_NEW: a slot taken, not yet runnable; P_WAITING: for a child (wait4);
 * P_SLEEPING: for an event (wait.h).  A running process is P_RUNNABLE with on_cpu set.
 */
enum proc_state { P_UNUSED, P_NEW, P_RUNNABLE, P_WAITING, P_SLEEPING, P_ZOMBIE };

struct proc {
	int pid;
	enum proc_state state;
	char name[16];
	struct mm *mm;			/* shared with its threads (mm_ref.h); NULL once it exits */
	unsigned long ksp;		/* saved by context_switch */
	uint8_t *kstack;
	struct proc *parent;
	int exit_status;
	bool killed;			/* by kill(): ends at its next preempt_point */
	const void *wait_chan;		/* what a P_SLEEPING process sleeps on */
	struct thread_state thread;	/* x87/SSE registers and selectors while switched out */
	bool on_cpu;			/* running on a vCPU: no other one may pick it */
	unsigned long affinity;		/* bit N: it may run on vCPU N (sched_setaffinity) */
	unsigned int cpu;		/* the vCPU it runs or last ran on (a new one: its parent's) */
	uint64_t runnable_ns;		/* when it last became runnable (sched.c) */
	struct fd_table files;		/* fds: kernel/proc/fd.c */
	/* Its last user page fault and how often it came again unresolved (fault.c). */
	struct { unsigned long rip, va, ec; unsigned int count; } last_fault;
};

/** The process running on this vCPU (its idle context when none is). */
#define current (this_cpu()->curr)

/*
 * The process table (kernel/proc/proc_table.c): slot 0 is the boot context.
 * Every field the table's walkers read (state, parent, pid, killed,
 * wait_chan, on_cpu) changes only under its lock.
 */
extern struct proc proc_table[NR_PROCS];
void ptable_lock(void);
void ptable_unlock(void);
/** Panic naming @p where unless this vCPU holds the table lock. */
void ptable_assert_held(const char *where);
/** A new slot, P_NEW, with a fresh pid (takes the lock); NULL if the table is full. */
struct proc *proc_alloc(const char *name);
/** Give @p p's slot back; with the lock held. */
void proc_free(struct proc *p);
unsigned long kstack_top(const struct proc *p);

/* Processes (kernel/proc/proc.c). */
void proc_exit(int status) __noreturn;
int proc_fork(const struct cpu_regs *regs);
/** A thread: a new process sharing current's mm, starting at @p regs with %rsp @p sp and %rax 0. */
int proc_clone(const struct cpu_regs *regs, unsigned long sp);
int proc_wait(int pid, int *status);
/** kill(@p pid, @p sig): @p sig 0 only checks that @p pid lives, SIGKILL (9) kills it. */
int proc_kill(int pid, int sig);
/** The console's Ctrl-C: kill @p pid as kill(pid, SIGKILL) would, saying so; 0 or -ESRCH / -EPERM. */
int proc_interrupt(int pid);
/** What `ps` shows of one process (SYS_pvmmu_procs). */
struct pvmmu_proc;
/** Fill @p out with up to @p max live or zombie processes, by slot; returns how many. */
unsigned int proc_list(struct pvmmu_proc *out, unsigned int max);
/** The mm of the live process @p pid with a reference (mm_put it), its name in @p name (16 bytes), or NULL. */
struct mm *proc_mm(int pid, char *name);
int proc_exec(struct cpu_regs *regs, const char *name, const char *const *argv, int argc);
/** Start init with the comma-separated @p programs (nothing if empty); returns when all have exited. */
void start_user_space(const char *programs);
/** Run the program @p name with @p argv as process 1 until every process has exited. */
void run_init(const char *name, const char *const *argv, int argc);
/** sched_setaffinity for current: @p mask must name an online vCPU; 0 or -EINVAL. */
int proc_set_affinity(unsigned long mask);
/** The way back to user mode: switch if the timer asked, end current if it was killed. */
void preempt_point(void);
/** A long system call's pause between pieces: take a pending timer tick, then preempt_point. */
void cond_resched(void);

#endif
