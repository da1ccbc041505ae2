# SPDX-License-Identifier: MIT
# @file tools/pvrun/pvrun.mk
# @brief Make fragment building the pvrun host runner; the top Makefile
#        includes it. Provides $(PVRUN) (the binary) and the phony `pvrun`.

BUILD ?= build
HOSTCC ?= gcc
#: HOST_CFLAGS: flags of the host tools (pvrun)
HOST_CFLAGS ?= -std=gnu11 -O2 -g -Wall -Wextra -Werror

PVRUN := $(BUILD)/tools/pvrun
PVRUN_SRCS := $(wildcard tools/pvrun/*.c)
PVRUN_HDRS := $(wildcard tools/pvrun/*.h)
# elfutils: backtraces name function and file:line (symbols.c).
PVRUN_LDLIBS := -ldw -lelf

$(PVRUN): $(PVRUN_SRCS) $(PVRUN_HDRS) tools/pvrun/pvrun.mk
	@mkdir -p $(@D)
	@echo "  CC [host] $@"
	@$(HOSTCC) $(HOST_CFLAGS) -o $@ $(PVRUN_SRCS) $(PVRUN_LDLIBS)

.PHONY: pvrun
pvrun: $(PVRUN)
