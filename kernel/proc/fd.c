/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/fd.c
 * @brief File descriptors: each process's table of console and pipe ends.
 *
 * A new fd takes the lowest free slot, as on Unix, so a program that closes
 * 0 and makes a pipe reads the pipe on fd 0.  The table lives in struct
 * proc; fork copies it, exec keeps it, exit empties it.
 */
#include "errno.h"
#include "fd.h"
#include "pipe.h"
#include "proc.h"
#include "uaccess.h"

void fd_init_console(struct fd_table *t)
{
	for (int i = 0; i < 3; i++)
		t->fd[i] = (struct fd_slot){ .kind = FD_CONSOLE };
}

static bool is_pipe(const struct fd_slot *s)
{
	return s->kind == FD_PIPE_READ || s->kind == FD_PIPE_WRITE;
}

void fd_fork(struct fd_table *child, const struct fd_table *parent)
{
	*child = *parent;
	for (int i = 0; i < NR_FDS; i++)
		if (is_pipe(&child->fd[i]))
			pipe_get(child->fd[i].pipe, child->fd[i].kind == FD_PIPE_WRITE);
}

static void slot_close(struct fd_slot *s)
{
	if (is_pipe(s))
		pipe_put(s->pipe, s->kind == FD_PIPE_WRITE);
	*s = (struct fd_slot){ .kind = FD_CLOSED };
}

void fd_close_all(struct fd_table *t)
{
	for (int i = 0; i < NR_FDS; i++)
		slot_close(&t->fd[i]);
}

/* current's slot @p fd when it is open as @p kind, else NULL. */
static struct fd_slot *slot(unsigned long fd, enum fd_kind kind)
{
	struct fd_slot *s = fd < NR_FDS ? &current->files.fd[fd] : NULL;

	return s && s->kind == kind ? s : NULL;
}

bool fd_console(unsigned long fd)
{
	return slot(fd, FD_CONSOLE);
}

long fd_read(unsigned long fd, unsigned long ubuf, unsigned long len)
{
	struct fd_slot *s = slot(fd, FD_PIPE_READ);

	return s ? pipe_read(s->pipe, current->mm, ubuf, len) : -EBADF;
}

long fd_write(unsigned long fd, unsigned long ubuf, unsigned long len)
{
	struct fd_slot *s = slot(fd, FD_PIPE_WRITE);

	return s ? pipe_write(s->pipe, current->mm, ubuf, len) : -EBADF;
}

/* current's slot @p fd when it is open as anything, else NULL. */
static struct fd_slot *open_slot(unsigned long fd)
{
	struct fd_slot *s = fd < NR_FDS ? &current->files.fd[fd] : NULL;

	return s && s->kind != FD_CLOSED ? s : NULL;
}

long fd_ioctl(unsigned long fd)
{
	if (!open_slot(fd))
		return -EBADF;
	return -EINVAL;	/* a pipe end is no terminal: Linux says ENOTTY, which Xen's errno list lacks */
}

long fd_close(unsigned long fd)
{
	struct fd_slot *s = open_slot(fd);

	if (!s)
		return -EBADF;
	slot_close(s);
	return 0;
}

static int lowest_free(const struct fd_table *t, int after)
{
	for (int i = after + 1; i < NR_FDS; i++)
		if (t->fd[i].kind == FD_CLOSED)
			return i;
	return -1;
}

long fd_pipe2(unsigned long ufds, unsigned long flags)
{
	struct fd_table *t = &current->files;
	int fds[2] = { lowest_free(t, -1), -1 };
	struct pipe *p;
	int rc;

	if (flags)
		return -EINVAL;	/* no O_CLOEXEC or O_NONBLOCK: refused rather than ignored */
	if (fds[0] >= 0)
		fds[1] = lowest_free(t, fds[0]);
	if (fds[1] < 0)
		return -EMFILE;
	/* The fds are written first, so a bad pointer costs nothing to undo. */
	rc = copy_to_user(current->mm, ufds, fds, sizeof(fds));
	if (rc)
		return rc;
	p = pipe_create();
	if (!p)
		return -ENFILE;
	t->fd[fds[0]] = (struct fd_slot){ .kind = FD_PIPE_READ, .pipe = p };
	t->fd[fds[1]] = (struct fd_slot){ .kind = FD_PIPE_WRITE, .pipe = p };
	return 0;
}
