# SPDX-License-Identifier: MIT
# @file tests/host/host.mk
# @brief Build the host unit tests (cmocka) for the kernel's portable code.
#
# Included by the top-level Makefile, which sets BUILD and HOSTCC.  Each
# test is built twice into $(BUILD)/tests/host/: plain, and with ASan and
# UBSan as <name>-san.  `make host-tests` builds them all; $(HOST_TESTS)
# lists the binaries for the test runner.
#
# Include paths: the kernel's headers are reached with -iquote only, so
# `#include "cmdline.h"` finds kernel/include while `#include <string.h>`
# still finds the C library's header, not the kernel's.
#
# Per-test flags: HOST_TEST_FLAGS_<name> is added to every object of that
# test (its own file, its support files and the kernel sources it links),
# so each test's objects live in their own directory.  The MMU tests that
# build kernel/xen sources put tests/host/shim first on the -iquote path:
# its hypercall.h sends hypercalls to the recording fake in fake_xen.c.
#
# Name clashes: the kernel's vsnprintf()/snprintf() would collide with the
# C library's, so kernel sources are compiled with them renamed to
# pv_vsnprintf()/pv_snprintf().  The test programs themselves are compiled
# without the renaming so they can use libc's printf family as an oracle.

BUILD ?= build
HOSTCC ?= gcc

HOST_TEST_DIR := $(BUILD)/tests/host

# The Xen ABI version the kernel is built against (kernel/kernel.mk), so that
# host builds lay out Xen's structures exactly as the kernel does.
HOST_TEST_XEN := $(filter -D__XEN_INTERFACE_VERSION__=%,$(KERNEL_FLAGS))
ifeq ($(HOST_TEST_XEN),)
$(error tests/host/host.mk: include kernel/kernel.mk first, for the Xen interface version)
endif

HOST_TEST_CFLAGS := -O2 -g -Wall -Wextra -Werror -std=gnu11 -DTHIS_CPU_HOST \
                    -iquote kernel/include $(HOST_TEST_XEN) -MMD -MP
HOST_TEST_SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_TEST_RENAME := -Dvsnprintf=pv_vsnprintf -Dsnprintf=pv_snprintf
HOST_TEST_LDLIBS := -lcmocka

# The sources each test links with besides its own file: kernel sources
# (built with HOST_TEST_RENAME) and shared test support from tests/host.
# A test that prints links the kernel's printk and, to read what it printed,
# tests/host/capture.c (host_log); test_printk registers consoles of its own.
HOST_TEST_PRINTK := kernel/lib/printk.c kernel/lib/vsprintf.c kernel/lib/clock.c
HOST_TEST_SRCS_test_vsprintf := kernel/lib/vsprintf.c
HOST_TEST_SRCS_test_cmdline := kernel/lib/cmdline.c tests/host/capture.c $(HOST_TEST_PRINTK)
HOST_TEST_SRCS_test_printk := $(HOST_TEST_PRINTK)

HOST_TEST_SHIM := -iquote tests/host/shim

# pgtable.c reaches its tables through pt_host_table(), which maps kernel
# addresses into the test's arena (the PT_TABLE_ACCESS seam in pgtable.c).
# pgtable.c calls pv_mmu_ops (mmu.c), which pulls in the rest of the MMU code.
HOST_TEST_SRCS_test_pgtable := tests/host/support.c tests/host/capture.c tests/host/fake_xen.c \
        kernel/mm/pgtable.c kernel/mm/paravirt.c kernel/xen/mmu.c kernel/xen/multicall.c \
        kernel/xen/fault_inject.c \
        kernel/mm/page_alloc.c kernel/mm/memblock.c kernel/mm/stats.c kernel/lib/errno.c \
        kernel/lib/cmdline.c $(HOST_TEST_PRINTK)
HOST_TEST_FLAGS_test_pgtable := $(HOST_TEST_SHIM) -DPT_TABLE_ACCESS=pt_host_table

# fault_inject.c is linked as it is: with fail= empty it lets every request through.
# It parses fail= with cmdline.c's helpers.
HOST_TEST_SRCS_test_multicall := tests/host/support.c tests/host/capture.c tests/host/fake_xen.c \
        kernel/xen/multicall.c kernel/xen/fault_inject.c kernel/mm/stats.c kernel/lib/errno.c \
        kernel/lib/cmdline.c $(HOST_TEST_PRINTK)
HOST_TEST_FLAGS_test_multicall := $(HOST_TEST_SHIM)

# events.c on a fake shared_info; the test itself plays Xen's event_channel_op.
HOST_TEST_SRCS_test_events := tests/host/support.c tests/host/capture.c kernel/xen/events.c kernel/lib/errno.c \
        $(HOST_TEST_PRINTK)
HOST_TEST_FLAGS_test_events := $(HOST_TEST_SHIM)

HOST_TEST_SRCS_test_page_alloc := tests/host/support.c tests/host/capture.c kernel/mm/memblock.c kernel/mm/page_alloc.c \
        kernel/mm/paravirt.c \
        $(HOST_TEST_PRINTK)

# The test outcomes both in-guest harnesses share (kernel/test/outcome.c).
HOST_TEST_SRCS_test_outcome := kernel/test/outcome.c kernel/lib/vsprintf.c

# The console's line ownership, with the real printk (uptime and console captured).
HOST_TEST_SRCS_test_console_user := tests/host/capture.c $(HOST_TEST_PRINTK)

# pvrun's console analysis, without its QEMU side (pvrun.c).
HOST_TEST_SRCS_test_pvrun_lines := tools/pvrun/lines.c tools/pvrun/console.c \
        tools/pvrun/util.c tools/pvrun/symbols.c
HOST_TEST_LDLIBS_test_pvrun_lines := -ldw -lelf
HOST_TEST_SRCS_test_pvrun_domu := tools/pvrun/domu.c $(HOST_TEST_SRCS_test_pvrun_lines)
HOST_TEST_LDLIBS_test_pvrun_domu := -ldw -lelf

# The console's line discipline, pure.
HOST_TEST_SRCS_test_ldisc := kernel/lib/ldisc.c

# The spinlock (test-and-test-and-set), with host threads for vCPUs.
HOST_TEST_LDLIBS_test_spinlock := -lpthread

# cpumask.h, and its bits set and cleared by host threads standing in for vCPUs.
HOST_TEST_LDLIBS_test_cpumask := -lpthread

# The run queue's choice (sched_pick), on a table of the test's own.
HOST_TEST_SRCS_test_sched_pick := kernel/proc/pick.c

# The kernel's memory functions, renamed beside the C library's (string.c's
# own <string.h> then declares the renamed ones); the test checks them
# against byte loops of its own.
HOST_TEST_SRCS_test_string := kernel/lib/string.c
HOST_TEST_FLAGS_test_string := -Dmemcpy=pv_memcpy -Dmemset=pv_memset -Dmemmove=pv_memmove \
        -Dmemcmp=pv_memcmp -Dstrlen=pv_strlen -Dstrnlen=pv_strnlen -Dstrcmp=pv_strcmp \
        -Dstrncmp=pv_strncmp -Dstrchr=pv_strchr -fno-builtin -fno-tree-loop-distribute-patterns

HOST_TEST_NAMES := test_vsprintf test_cmdline test_printk test_pgtable test_multicall test_events \
        test_page_alloc test_outcome test_console_user test_pvrun_lines test_ldisc test_pvrun_domu test_spinlock \
        test_cpumask test_sched_pick test_string

HOST_TESTS := $(foreach t,$(HOST_TEST_NAMES),$(HOST_TEST_DIR)/$(t) $(HOST_TEST_DIR)/$(t)-san)

# Do not let the first rule below become the including Makefile's default.
host_test_saved_goal := $(.DEFAULT_GOAL)

# The "## target: text" line below is what the top-level `make help` lists.
.PHONY: host-tests
## host-tests: build the host unit tests (cmocka), plain and with ASan+UBSan
host-tests: $(HOST_TESTS)

# Objects of test T: $(HOST_TEST_DIR)/obj/T/<path>.o (plain), .../obj-san/T/<path>.o.
host_test_objs = $(patsubst %.c,$(HOST_TEST_DIR)/$(2)/$(1)/%.o,tests/host/$(1).c $(HOST_TEST_SRCS_$(1)))

# host_test_rules: test name, object directory, binary suffix, extra flags
define host_test_rules
$(HOST_TEST_DIR)/$(2)/$(1)/tests/host/%.o: tests/host/%.c
	@mkdir -p $$(@D)
	@echo "  CC [host] $$<"
	@$$(HOSTCC) $$(HOST_TEST_FLAGS_$(1)) $$(HOST_TEST_CFLAGS) $(4) -c $$< -o $$@

$(HOST_TEST_DIR)/$(2)/$(1)/kernel/%.o: kernel/%.c
	@mkdir -p $$(@D)
	@echo "  CC [host] $$<"
	@$$(HOSTCC) $$(HOST_TEST_FLAGS_$(1)) $$(HOST_TEST_CFLAGS) $(4) $$(HOST_TEST_RENAME) -c $$< -o $$@

$(HOST_TEST_DIR)/$(2)/$(1)/tools/%.o: tools/%.c
	@mkdir -p $$(@D)
	@echo "  CC [host] $$<"
	@$$(HOSTCC) $$(HOST_TEST_CFLAGS) $(4) -c $$< -o $$@

$(HOST_TEST_DIR)/$(1)$(3): $(call host_test_objs,$(1),$(2))
	@echo "  LD [host] $$@"
	@$$(HOSTCC) $(4) -o $$@ $$^ $$(HOST_TEST_LDLIBS) $$(HOST_TEST_LDLIBS_$(1))
endef

$(foreach t,$(HOST_TEST_NAMES),$(eval $(call host_test_rules,$(t),obj,,)))
$(foreach t,$(HOST_TEST_NAMES),$(eval $(call host_test_rules,$(t),obj-san,-san,$$(HOST_TEST_SANFLAGS))))

# Header dependencies written by -MMD.
HOST_TEST_OBJS := $(foreach d,obj obj-san,$(foreach t,$(HOST_TEST_NAMES),$(call host_test_objs,$(t),$(d))))
-include $(sort $(HOST_TEST_OBJS:.o=.d))

.DEFAULT_GOAL := $(host_test_saved_goal)
