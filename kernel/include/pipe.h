/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/pipe.h
 * @brief Pipes: one page of buffer between a read end and a write end (kernel/proc/pipe.c).
 *
 * Reads block while the pipe is empty and a writer is left, and read 0
 * (end of file) once none is; writes block while it is full and end with
 * -EPIPE once no reader is left.  Ends are counted, not owned: fork adds
 * to the counts (pipe_get), close takes away (pipe_put), and the last put
 * frees the pipe.
 */
#ifndef PVMMU_PIPE_H
#define PVMMU_PIPE_H

#include <stdbool.h>
#include <stddef.h>
#include "mm.h"

/** The bytes a write of at most this many puts in the pipe in one piece (POSIX's PIPE_BUF). */
#define PIPE_BUF PAGE_SIZE

struct pipe;

/** A new pipe with one read end and one write end: NULL when no pipe or page is free. */
struct pipe *pipe_create(void);
/** One more reference to the read (@p write false) or write end. */
void pipe_get(struct pipe *p, bool write);
/** One reference less; the pipe and its page go with the last one. */
void pipe_put(struct pipe *p, bool write);
/** Up to @p len bytes into user memory @p ubuf of @p mm: the count, 0 at end of file, -EFAULT, -EINTR. */
long pipe_read(struct pipe *p, struct mm *mm, unsigned long ubuf, size_t len);
/** All @p len bytes from @p ubuf, blocking while full: @p len, or what was written before -EPIPE, -EFAULT, -EINTR. */
long pipe_write(struct pipe *p, struct mm *mm, unsigned long ubuf, size_t len);

#endif
