/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/fd.h
 * @brief A process's file descriptors: the console or one end of a pipe (kernel/proc/fd.c).
 *
 * The smallest table that works: NR_FDS slots in struct proc, copied by fork
 * (each end counted once more), kept by exec, closed by exit.  The console
 * fds keep their calls in syscall.c; fd_console() tells the dispatcher
 * which fds those are.
 */
#ifndef PVMMU_FD_H
#define PVMMU_FD_H

#include <stdbool.h>

#define NR_FDS 16

enum fd_kind { FD_CLOSED, FD_CONSOLE, FD_PIPE_READ, FD_PIPE_WRITE };

struct pipe;

struct fd_table {
	struct fd_slot {
		enum fd_kind kind;
		struct pipe *pipe;	/* for the pipe ends */
	} fd[NR_FDS];
};

/** init's table: fds 0, 1 and 2 on the console. */
void fd_init_console(struct fd_table *t);
/** fork: @p child gets @p parent's fds, each pipe end counted once more. */
void fd_fork(struct fd_table *child, const struct fd_table *parent);
/** exit: close every fd of @p t. */
void fd_close_all(struct fd_table *t);

/** Whether current's @p fd is the console (syscall.c's read, write, ioctl serve it). */
bool fd_console(unsigned long fd);
/** read(2) and write(2) on current's other fds: a pipe end, else -EBADF. */
long fd_read(unsigned long fd, unsigned long ubuf, unsigned long len);
long fd_write(unsigned long fd, unsigned long ubuf, unsigned long len);
/** ioctl(2) on current's other fds: -EINVAL for a pipe end, else -EBADF. */
long fd_ioctl(unsigned long fd);
/** close(2): 0 or -EBADF. */
long fd_close(unsigned long fd);
/** pipe2(2): the two fds written to @p ufds (int[2]); flags must be 0. */
long fd_pipe2(unsigned long ufds, unsigned long flags);

#endif
