/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/mm/memblock.c
 * @brief The early allocator: frames handed out before struct pages exist.
 *
 * A cursor moves up through a window of frames that is mapped writable at
 * the time: first the padding Xen leaves after its start-of-day area, then
 * the frames the kernel map adds for the direct map's tables, then all of
 * RAM once the direct map is up.  It also remembers which early frames are
 * page tables, so that the direct map can map them read-only from the start.
 * When the page allocator starts, whatever memblock did not hand out is
 * passed over to it.
 */
#include "memblock.h"
#include "mm.h"

#define MAX_RANGES 8

struct pfn_range {
	unsigned long start, end;
};

static unsigned long cursor, limit;
static struct pfn_range released[MAX_RANGES], pagetables[MAX_RANGES];
static unsigned int nr_released, nr_pagetables;

static void add_range(struct pfn_range *ranges, unsigned int *nr, unsigned long start,
		      unsigned long end, const char *what)
{
	if (start == end)
		return;
	if (*nr == MAX_RANGES)
		panic("memblock: more than %d %s ranges", MAX_RANGES, what);
	ranges[(*nr)++] = (struct pfn_range){ start, end };
}

void memblock_init(unsigned long first_pfn, unsigned long limit_pfn)
{
	cursor = first_pfn;
	limit = limit_pfn;
	/* The kernel calls this once; host unit tests start many boots in one process. */
	nr_released = nr_pagetables = 0;
}

unsigned long memblock_alloc(unsigned long nr, const char *why)
{
	unsigned long pfn = cursor;

	if (nr > limit - cursor)
		panic("memblock: out of early memory for %s: %lu frames wanted at pfn %#lx, "
		      "window ends at %#lx", why, nr, cursor, limit);
	cursor += nr;
	return pfn;
}

/**
 * Move the window to [@p start, @p end).  What is left of the old window and
 * not inside the new one is released: a frame must never be both.
 */
static unsigned long clamp(unsigned long v, unsigned long lo, unsigned long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void memblock_set_window(unsigned long start, unsigned long end)
{
	/* Left of the old window's rest, then right of it: either may be empty. */
	add_range(released, &nr_released, cursor, clamp(start, cursor, limit), "released");
	add_range(released, &nr_released, clamp(end, cursor, limit), limit, "released");
	cursor = start;
	limit = end;
}

void memblock_release(unsigned long first_pfn, unsigned long end_pfn)
{
	add_range(released, &nr_released, first_pfn, end_pfn, "released");
}

void memblock_mark_pagetables(unsigned long first_pfn, unsigned long nr)
{
	add_range(pagetables, &nr_pagetables, first_pfn, first_pfn + nr, "page-table");
}

bool memblock_is_pagetable(unsigned long pfn)
{
	for (unsigned int i = 0; i < nr_pagetables; i++)
		if (pfn >= pagetables[i].start && pfn < pagetables[i].end)
			return true;
	return false;
}

unsigned long memblock_cursor(void)
{
	return cursor;
}

void memblock_hand_over(void (*free_range)(unsigned long, unsigned long))
{
	memblock_set_window(limit, limit);
	for (unsigned int i = 0; i < nr_released; i++)
		free_range(released[i].start, released[i].end);
	nr_released = 0;
}
