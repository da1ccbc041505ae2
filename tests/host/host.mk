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
# Name clashes: the kernel's vsnprintf()/snprintf() would collide with the
# C library's, so kernel sources are compiled with them renamed to
# pv_vsnprintf()/pv_snprintf().  The test programs themselves are compiled
# without the renaming so they can use libc's printf family as an oracle.

BUILD ?= build
HOSTCC ?= gcc

HOST_TEST_DIR := $(BUILD)/tests/host

HOST_TEST_CFLAGS := -O2 -g -Wall -Wextra -Werror -std=gnu11 \
                    -iquote kernel/include -MMD -MP
HOST_TEST_SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_TEST_RENAME := -Dvsnprintf=pv_vsnprintf -Dsnprintf=pv_snprintf
HOST_TEST_LDLIBS := -lcmocka

# The kernel sources each test links with.
HOST_TEST_SRCS_test_vsprintf := kernel/lib/vsprintf.c
HOST_TEST_SRCS_test_cmdline := kernel/lib/cmdline.c kernel/lib/vsprintf.c

HOST_TEST_NAMES := test_vsprintf test_cmdline

HOST_TESTS := $(foreach t,$(HOST_TEST_NAMES),$(HOST_TEST_DIR)/$(t) $(HOST_TEST_DIR)/$(t)-san)

# Do not let the first rule below become the including Makefile's default.
host_test_saved_goal := $(.DEFAULT_GOAL)

# The "## target: text" line below is what the top-level `make help` lists.
.PHONY: host-tests
## host-tests: build the host unit tests (cmocka), plain and with ASan+UBSan
host-tests: $(HOST_TESTS)

# Objects: $(HOST_TEST_DIR)/obj/<path>.o (plain), .../obj-san/<path>.o.
$(HOST_TEST_DIR)/obj/tests/host/%.o: tests/host/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_CFLAGS) -c $< -o $@

$(HOST_TEST_DIR)/obj-san/tests/host/%.o: tests/host/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_CFLAGS) $(HOST_TEST_SANFLAGS) -c $< -o $@

$(HOST_TEST_DIR)/obj/kernel/%.o: kernel/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_CFLAGS) $(HOST_TEST_RENAME) -c $< -o $@

$(HOST_TEST_DIR)/obj-san/kernel/%.o: kernel/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_CFLAGS) $(HOST_TEST_SANFLAGS) $(HOST_TEST_RENAME) -c $< -o $@

# host_test_link: test name, object directory, binary suffix, extra link flags
define host_test_link
$(HOST_TEST_DIR)/$(1)$(3): $(HOST_TEST_DIR)/$(2)/tests/host/$(1).o \
        $(patsubst %.c,$(HOST_TEST_DIR)/$(2)/%.o,$(HOST_TEST_SRCS_$(1)))
	$$(HOSTCC) $(4) -o $$@ $$^ $$(HOST_TEST_LDLIBS)
endef

$(foreach t,$(HOST_TEST_NAMES),$(eval $(call host_test_link,$(t),obj,,)))
$(foreach t,$(HOST_TEST_NAMES),$(eval $(call host_test_link,$(t),obj-san,-san,$$(HOST_TEST_SANFLAGS))))

# Header dependencies written by -MMD.
HOST_TEST_OBJS := $(foreach d,obj obj-san,$(foreach t,$(HOST_TEST_NAMES), \
        $(patsubst %.c,$(HOST_TEST_DIR)/$(d)/%.o,tests/host/$(t).c $(HOST_TEST_SRCS_$(t)))))
-include $(sort $(HOST_TEST_OBJS:.o=.d))

.DEFAULT_GOAL := $(host_test_saved_goal)
