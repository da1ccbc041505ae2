/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/pipe.c
 * @brief Pipes: a ring of one page between readers and writers that sleep on it.
 *
 * Readers sleep on the pipe's reader count, writers on its writer count:
 * each side wakes the other when it changes what the other waits for (data
 * or room, an end closed).  Both ends may run on different vCPUs: the
 * pipe's lock guards its ring and counts, and sleep_on lets go of it only
 * once the sleeper is asleep, so a wake-up between the check and the sleep
 * is not lost.  The lock is held across the copy to or from user memory
 * (which takes the mm's lock, never the other way round): a reader takes
 * bytes out only once they are copied.  Which slots are in use is the
 * table's lock's, apart from the pipes' own: a pipe whose last end closes
 * gives its slot back only after it has let go of its own lock.
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
	spinlock_t lock;
	unsigned int readers, writers;	/* references to each end */
	bool used;			/* the slot is taken: under pipes_lock */
	struct page *page;
	char *buf;
	size_t head, count;		/* the oldest byte's offset, the bytes held */
};

static struct pipe pipes[NR_PIPES];
static spinlock_t pipes_lock = SPINLOCK_INIT;

static struct pipe *take_slot(void)
{
	struct pipe *found = NULL;

	spin_lock(&pipes_lock);
	for (unsigned int i = 0; i < NR_PIPES && !found; i++) {
		if (!pipes[i].used) {
			found = &pipes[i];
			found->used = true;
		}
	}
	spin_unlock(&pipes_lock);
	return found;
}

static void give_slot(struct pipe *p)
{
	spin_lock(&pipes_lock);
	p->used = false;
	spin_unlock(&pipes_lock);
}

struct pipe *pipe_create(void)
{
	struct pipe *p = take_slot();
	struct page *page = p ? alloc_page() : NULL;

	if (!page) {
		if (p)
			give_slot(p);
		return NULL;
	}
	/* Nobody else holds the slot yet: no lock needed to fill it in. */
	*p = (struct pipe){ .lock = SPINLOCK_INIT, .readers = 1, .writers = 1, .used = true,
			    .page = page, .buf = page_address(page) };
	return p;
}

void pipe_get(struct pipe *p, bool write)
{
	spin_lock(&p->lock);
	if (write)
		p->writers++;
	else
		p->readers++;
	spin_unlock(&p->lock);
}

void pipe_put(struct pipe *p, bool write)
{
	bool last;

	spin_lock(&p->lock);
	/* The other side may sleep for what the last end of this one would have done. */
	if (write && !--p->writers)
		wake_up(&p->readers);
	else if (!write && !--p->readers)
		wake_up(&p->writers);
	last = !p->readers && !p->writers;
	spin_unlock(&p->lock);
	if (last) {
		free_page(p->page);
		give_slot(p);
	}
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
	spin_lock(&p->lock);
	while (!p->count && p->writers) {
		if (current->killed) {
			spin_unlock(&p->lock);
			return -EINTR;
		}
		sleep_on(&p->readers, &p->lock);
	}
	n = MIN(len, p->count);
	/* Taken only once copied: a bad buffer costs -EFAULT, not the data. */
	rc = ring_copy(p, p->head, mm, ubuf, n, true);
	if (!rc) {
		p->head = (p->head + n) % PIPE_BUF;
		p->count -= n;
		wake_up(&p->writers);
	}
	spin_unlock(&p->lock);
	return rc ? rc : (long)n;
}

/* With the lock held, wait until @p want bytes fit or no reader is left: 0, or -EINTR for a killed writer. */
static int wait_for_room(struct pipe *p, size_t want)
{
	while (p->readers && PIPE_BUF - p->count < want) {
		if (current->killed)
			return -EINTR;
		sleep_on(&p->writers, &p->lock);
	}
	return 0;
}

long pipe_write(struct pipe *p, struct mm *mm, unsigned long ubuf, size_t len)
{
	size_t done = 0;

	spin_lock(&p->lock);
	while (done < len) {
		size_t left = len - done, n;
		/* Up to PIPE_BUF bytes go in one piece, never interleaved with another write. */
		int rc = wait_for_room(p, left <= PIPE_BUF ? left : 1);

		if (!rc && !p->readers)
			rc = -EPIPE;
		n = MIN(left, PIPE_BUF - p->count);
		if (!rc)
			rc = ring_copy(p, (p->head + p->count) % PIPE_BUF, mm, ubuf + done, n, false);
		if (rc) {
			spin_unlock(&p->lock);
			return done ? (long)done : rc;
		}
		p->count += n;
		done += n;
		wake_up(&p->readers);
	}
	spin_unlock(&p->lock);
	return (long)done;
}
