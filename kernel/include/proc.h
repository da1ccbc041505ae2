/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/proc.h
 * @brief User processes: the process table, scheduling, system calls.
 *
 * User space runs in ring 3 like the kernel; Xen tells them apart by its
 * kernel/user mode flag and switches page tables between them.  A process
 * enters the kernel through Xen's syscall callback, an exception, or an
 * event upcall, on the kernel stack given to Xen with stack_switch.
 */
#ifndef PVMMU_PROC_H
#define PVMMU_PROC_H

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

enum proc_state { P_UNUSED, P_RUNNABLE, P_WAITING, P_ZOMBIE };

struct proc {
	int pid;
	enum proc_state state;
	char name[16];
	struct mm mm;
	unsigned long ksp;		/* saved by context_switch */
	uint8_t *kstack;
	struct proc *parent;
	int exit_status;
	bool killed;			/* by kill(): ends at its next preempt_point */
	struct thread_state thread;	/* x87/SSE registers and selectors while switched out */
};

/** The process running on this vCPU (its idle context when none is). */
#define current (this_cpu()->curr)

/* Scheduling (kernel/proc/sched.c). */
void schedule(void);
/** The way back to user mode: switch if the timer asked, end current if it was killed. */
void preempt_point(void);
/** A long system call's pause between pieces: take a pending timer tick, then preempt_point. */
void cond_resched(void);
void sched_tick(void);
/** This vCPU's idle context becomes current: before anything reads `current`. */
void sched_init_cpu(void);

/* Processes (kernel/proc/proc.c). */
struct proc *proc_alloc(const char *name);
void proc_free(struct proc *p);
void proc_exit(int status) __noreturn;
int proc_fork(const struct cpu_regs *regs);
int proc_wait(int pid, int *status);
/** kill(@p pid, @p sig): @p sig 0 only checks that @p pid lives, SIGKILL (9) kills it. */
int proc_kill(int pid, int sig);
int proc_exec(struct cpu_regs *regs, const char *name, const char *const *argv, int argc);
/** Start init with the comma-separated @p programs (nothing if empty); returns when all have exited. */
void start_user_space(const char *programs);
/** Run the program @p name with @p argv as process 1 until every process has exited. */
void run_init(const char *name, const char *const *argv, int argc);
unsigned long kstack_top(const struct proc *p);
/** The slot after @p p in the process table, wrapping; slot 0 (the boot context) for NULL. */
struct proc *proc_table_next(struct proc *p);

/* User address spaces (kernel/proc/vm.c). */
int mm_create(struct mm *mm);
void mm_destroy(struct mm *mm);
int mm_copy(struct mm *dst, const struct mm *src);
int vma_add(struct mm *mm, unsigned long start, unsigned long end, unsigned int flags);
/** Unmap [start, end) and cut it out of the regions; -ENOMEM (nothing changed) if a split finds no slot. */
int vma_remove(struct mm *mm, unsigned long start, unsigned long end);
/** The lowest free address from USER_MMAP_BASE for @p len bytes, a guard page each side; 0 if none. */
unsigned long vma_gap(const struct mm *mm, unsigned long len);
int map_user_page(struct mm *mm, unsigned long va, struct page *page, unsigned int vma_flags);
/** Resolve a fault at @p va: 0 if the process may go on, -EACCES (PROT_NONE) or -EFAULT if not. */
int handle_user_fault(struct mm *mm, unsigned long va, bool write);
/** The page behind user address @p va for the kernel to read (@p write false) or write (true):
 *  for a write, faulted in / COW broken as a user write would; for a read of an untouched
 *  anonymous page, NULL with 0 returned (the caller reads zeros, no frame is allocated).
 *  Returns 0 and sets *page, or -EFAULT (no region / not allowed) or -ENOMEM. */
int user_page_get(struct mm *mm, unsigned long va, bool write, struct page **page);
void put_user_page(struct page *page);

/* Programs embedded in the image, and loading them (kernel/proc/elf.c). */
int elf_load(struct mm *mm, const char *name, unsigned long *entry);

/* The memory-map system calls (kernel/proc/mman.c). */
long sys_brk(unsigned long addr);
long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags);
long sys_munmap(unsigned long addr, unsigned long len);

/* System calls and user exceptions (kernel/proc/syscall.c, kernel/proc/fault.c). */
void do_syscall(struct cpu_regs *regs);
void do_user_exception(struct cpu_regs *regs);
/** End the current process for @p what (the reason, printed with rip and rsp) with @p status. */
/** Xen could not load a user context's segments (@p what says which): the process dies, the kernel does not. */
void do_user_failsafe(const struct cpu_regs *regs, const char *what) __noreturn;

#endif
