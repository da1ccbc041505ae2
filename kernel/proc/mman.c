/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/proc/mman.c
 * @brief brk, mmap and munmap: the memory-map system calls over vm.c's regions.
 *
 * mmap places a mapping in the lowest gap from USER_MMAP_BASE that holds it
 * with a guard page on each side, so freed space is reused and no mapping
 * ever leaves the user half or touches the stack or another mapping.
 */
#include "errno.h"
#include "mman.h"
#include "proc.h"
#include "syscall_nr.h"
#include "vm.h"

long sys_brk(unsigned long addr)
{
	struct mm *mm = current->mm;
	unsigned long old_end = ALIGN_UP(mm->brk, PAGE_SIZE), new_end = ALIGN_UP(addr, PAGE_SIZE);

	/* Linux's rule: a brk that cannot be done returns the break unchanged. */
	if (addr < mm->brk_start || addr > mm->brk_start + USER_HEAP_MAX)
		return (long)mm->brk;
	if (new_end < old_end && vma_remove(mm, new_end, old_end))
		return (long)mm->brk;
	if (new_end > old_end && vma_add(mm, old_end, new_end, VMA_WRITE))
		return (long)mm->brk;
	mm->brk = addr;
	return (long)addr;
}

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags)
{
	struct mm *mm = current->mm;
	unsigned long start;
	int rc;

	/* Anonymous, private, kernel-chosen address: all that pvmmu's programs need. */
	if (addr || !len || flags != (MAP_PRIVATE | MAP_ANONYMOUS) ||
	    (prot & ~(PROT_READ | PROT_WRITE)))
		return -EINVAL;
	if (len > USER_TOP - USER_MMAP_BASE)
		return -ENOMEM;
	len = ALIGN_UP(len, PAGE_SIZE);
	start = vma_gap(mm, len);
	if (!start)
		return -ENOMEM;
	/* x86 pages cannot be write-only: PROT_WRITE alone reads too, as on Linux. */
	rc = vma_add(mm, start, start + len, !prot ? VMA_NONE : prot & PROT_WRITE ? VMA_WRITE : 0);
	return rc ? rc : (long)start;
}

long sys_munmap(unsigned long addr, unsigned long len)
{
	if ((addr & (PAGE_SIZE - 1)) || !len || addr + len < addr || addr + len > USER_TOP)
		return -EINVAL;
	return vma_remove(current->mm, addr, ALIGN_UP(addr + len, PAGE_SIZE));
}
