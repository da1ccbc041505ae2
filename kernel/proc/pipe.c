/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/pipe.c
 * @brief Pipes: a ring of one page between readers and writers that sleep on it.
 *
 * Readers sleep on the pipe's reader count, writers on its writer count:
 * each side wakes the other when it changes what the other waits for (data
 * or room, an end closed).  The kernel runs with events masked and user
 * processes run on vCPU 0 only, so between a check of the ring and the
 * sleep nothing else touches it: no lock, and no wake-up is lost.
 *
 * A killed sleeper returns -EINTR (or what it moved so far) rather than
 * ending here: on its way back to user mode preempt_point ends it, with
 * nothing held.  A write with no reader left is -EPIPE: pvmmu has no
 * signals, so this is what Linux returns when SIGPIPE is ignored.
 */
#include "errno.h"
#include "page_alloc.h"
#include "pipe.h"
#include "proc.h"
#include "uaccess.h"
#include "wait.h"

#define NR_PIPES 32
#define MIN(a, b) ((a) < (b) ? (a) : (b))

struct pipe {
	unsigned int readers, writers;	/* references to each end; both 0: the slot is free */
	struct page *page;
	char *buf;
	size_t head, count;		/* the oldest byte's offset, the bytes held */
};

static struct pipe pipes[NR_PIPES];

struct pipe *pipe_create(void)
{
	for (unsigned int i = 0; i < NR_PIPES; i++) {
		struct pipe *p = &pipes[i];

		if (p->readers || p->writers)
			continue;
		p->page = alloc_page();
		if (!p->page)
			return NULL;
		*p = (struct pipe){ .readers = 1, .writers = 1, .page = p->page,
				    .buf = page_address(p->page) };
		return p;
	}
	return NULL;
}

void pipe_get(struct pipe *p, bool write)
{
	if (write)
		p->writers++;
	else
		p->readers++;
}

void pipe_put(struct pipe *p, bool write)
{
	/* The other side may sleep for what the last end of this one would have done. */
	if (write && !--p->writers)
		wake_up(&p->readers);
	else if (!write && !--p->readers)
		wake_up(&p->writers);
	if (!p->readers && !p->writers)
		free_page(p->page);
}

/* Move @p n bytes between the ring at offset @p pos and user memory, across the ring's end if need be. */
static int ring_copy(struct pipe *p, size_t pos, struct mm *mm, unsigned long ubuf, size_t n,
		     bool to_user)
{
	size_t first = MIN(n, PIPE_BUF - pos);
	int rc = to_user ? copy_to_user(mm, ubuf, p->buf + pos, first)
			 : copy_from_user(mm, p->buf + pos, ubuf, first);

	if (rc || first == n)
		return rc;
	return to_user ? copy_to_user(mm, ubuf + first, p->buf, n - first)
		       : copy_from_user(mm, p->buf, ubuf + first, n - first);
}

long pipe_read(struct pipe *p, struct mm *mm, unsigned long ubuf, size_t len)
{
	size_t n;
	int rc;

	if (!len)
		return 0;
	while (!p->count && p->writers) {
		if (current->killed)
			return -EINTR;
		sleep_on(&p->readers);
	}
	n = MIN(len, p->count);
	/* Taken only once copied: a bad buffer costs -EFAULT, not the data. */
	rc = ring_copy(p, p->head, mm, ubuf, n, true);
	if (rc)
		return rc;
	p->head = (p->head + n) % PIPE_BUF;
	p->count -= n;
	wake_up(&p->writers);
	return (long)n;
}

/* Wait until @p want bytes fit or no reader is left: 0, or -EINTR for a killed writer. */
static int wait_for_room(struct pipe *p, size_t want)
{
	while (p->readers && PIPE_BUF - p->count < want) {
		if (current->killed)
			return -EINTR;
		sleep_on(&p->writers);
	}
	return 0;
}

long pipe_write(struct pipe *p, struct mm *mm, unsigned long ubuf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		size_t left = len - done, n;
		/* Up to PIPE_BUF bytes go in one piece, never interleaved with another write. */
		int rc = wait_for_room(p, left <= PIPE_BUF ? left : 1);

		if (!rc && !p->readers)
			rc = -EPIPE;
		n = MIN(left, PIPE_BUF - p->count);
		if (!rc)
			rc = ring_copy(p, (p->head + p->count) % PIPE_BUF, mm, ubuf + done, n, false);
		if (rc)
			return done ? (long)done : rc;
		p->count += n;
		done += n;
		wake_up(&p->readers);
	}
	return (long)done;
}
