/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/test/test_conf_iret.c
 * @brief Conformance, the way to user mode (xen/arch/x86/pv/iret.c, do_iret):
 *        an IRET to a user %cs with no user page table crashes the domain.
 *        A hook: it ends the boot (tests/boot/61-conformance-no-user-pgd.sh).
 */
#include "test_conf.h"
#include "printk.h"

static void hook_no_user_pgd(void)
{
	/*
	 * Xen's iret reads rax r11 rcx flags rip cs rflags rsp ss from the stack;
	 * the hypercall page's iret entry pushes the first three itself.
	 */
	static struct iret_context frame = {
		.rip = 0x400000, .cs = FLAT_USER_CS64, .rflags = 0x202,
		.rsp = 0x800000, .ss = FLAT_USER_SS64,
	};
	long rc = conf_mmuext(MMUEXT_NEW_USER_BASEPTR, 0);

	printk("conf: NEW_USER_BASEPTR 0 | do_mmuext_op | %ld; now an iret to cs %#lx\n", rc,
	       (unsigned long)frame.cs);
	asm volatile("mov %0, %%rsp\n\tjmp *%1" : : "r"(&frame.flags),
		     "r"(hypercall_page + __HYPERVISOR_iret * 32) : "memory");
}
KTEST_HOOK("conf_no_user_pgd", hook_no_user_pgd,
	   "NEW_USER_BASEPTR 0, then an iret to user mode: Xen crashes the domain");
