# SPDX-License-Identifier: MIT
#
# pvmmu: top-level build. `make help` lists the targets.

# A line "#: NAME: text" documents the variable set on the next line for
# `make help`, which prints it with its value (tests/boot/51-make-help.sh
# checks that every ?= variable of every Makefile has one).
#: BUILD: the build directory
BUILD   := build
#: HOSTCC: compiler of the host tools and host tests
HOSTCC  ?= gcc

#: MEM: dom0 memory in MiB (QEMU gets a little more, for Xen)
MEM     ?= 512
#: VCPUS: vCPUs of the machine and of dom0
VCPUS   ?= 1
#: KARGS: kernel command line, e.g. "test=all", "init=tests", "fail=list", "help"
KARGS   ?=
#: XENARGS: appended to Xen's command line
XENARGS ?=
#: TIMEOUT: seconds before pvrun gives up on a boot (0: never)
TIMEOUT ?= 60
#: Q: 1 hides Xen's own (XEN) lines on the terminal (the log keeps them)
Q       ?= 0
#: TEST: tests `make test` runs: host, boot/NAME or a prefix of one (empty: all)
TEST    ?=
#: GDB_PORT: `make gdb`'s port on 127.0.0.1 (0: a free one)
GDB_PORT ?= 0

.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
# Keep every intermediate file (the user objects, programs.S): make would
# delete them, say so, and build them again on the next run.
.SECONDARY:

SETUP_STAMP := $(BUILD)/.setup-done
#: XEN: the Xen to boot: 4.17 (Debian 12's) or 4.20 (Debian 13's), both fetched by setup
XEN         ?= 4.17
#: XEN_IMAGE: the Xen ELF32 image to boot (overrides XEN=; any path)
XEN_IMAGE   ?= $(BUILD)/xen/xen-$(XEN)-amd64
# make test runs the conformance and seed boots again on 4.20 when the main
# run is on the default 4.17.
XEN_ALSO    := $(if $(filter $(BUILD)/xen/xen-4.17-amd64,$(XEN_IMAGE)),$(BUILD)/xen/xen-4.20-amd64)

include user/user.mk
include kernel/kernel.mk
include tools/pvrun/pvrun.mk
include tests/host/host.mk
include tools/bench/bench.mk
include tools/map/map.mk
include tools/domu/domu.mk

.PHONY: all setup run gdb test help clean distclean kernel-clang bench deps map

all: $(KERNEL) $(PVRUN)

## setup: install what is missing (QEMU, libxen-dev, cmocka, libdw, clang, gnuplot) and fetch the Xen 4.17 and 4.20 images (and bookworm's shadow-capable 4.17.5, for xl migrate) into build/xen
setup: $(SETUP_STAMP)
$(SETUP_STAMP): tools/setup.sh
	@tools/setup.sh $(BUILD)
	@touch $@

# The kernel and the host tools need the setup's headers and libraries.
$(KERNEL_OBJS) $(KERNEL_CLANG_OBJS) $(PVRUN) $(HOST_TESTS): | $(SETUP_STAMP)

PVRUN_ARGS = --kernel $(KERNEL) --xen $(XEN_IMAGE) --mem $(MEM) --cpus $(VCPUS) \
	--kargs "$(KARGS)" --xenargs "$(XENARGS)" $(if $(filter 1,$(Q)),--quiet-xen)

## run: build and boot pvmmu on Xen under QEMU; pvrun's last line gives its exit code in words [MEM= VCPUS= KARGS= XENARGS= TIMEOUT= Q= XEN=]
run: all
	@$(PVRUN) $(PVRUN_ARGS) --timeout $(TIMEOUT)

## gdb: like run, but QEMU waits for gdb on 127.0.0.1 (a free port unless GDB_PORT=) and pvrun prints the command to attach
gdb: all
	@$(PVRUN) $(PVRUN_ARGS) --gdb-port $(GDB_PORT)

## test: build everything and run host unit tests and boot tests on real Xen [TEST=host|boot/NAME XEN=]; conformance and seed boots on 4.20 too
test: all host-tests $(KERNEL_CLANG)
	@XEN_IMAGE=$(XEN_IMAGE) XEN_ALSO=$(XEN_ALSO) tests/run $(TEST)

## kernel-clang: build the kernel with clang too (warnings are errors)
kernel-clang: $(KERNEL_CLANG)

## deps: check that no kernel file or folder depends on itself in a circle [DEPS_GRAPH=1 prints the graphs]
deps: $(KERNEL)
	@tools/deps.sh $(BUILD)/kernel/gcc

# The Makefiles themselves, not the -include'd dependency files.
HELP_MAKEFILES = $(filter-out %.d,$(MAKEFILE_LIST))
HELP_VARS = $(shell sed -n 's/^#: \([A-Z_]*\): .*/\1/p' $(HELP_MAKEFILES))
HELP_DOCS = README.md $(sort $(wildcard docs/*.md))

## help: this list: targets, variables with their values (the defaults unless set), docs
help:
	@echo "pvmmu make targets:"
	@sed -n 's/^## //p' $(HELP_MAKEFILES) | sed 's/^\([a-z-]*\):/  \1:/'
	@echo "variables (make VAR=value; each shown as defined, its default unless set):"
	@$(foreach v,$(HELP_VARS),printf '  %-34s %s\n' '$(v)="$(value $(v))"' \
		"$$(sed -n 's/^#: $(v): //p' $(HELP_MAKEFILES))";)
	@echo "kernel parameters: make run KARGS=help (fault injection: KARGS=fail=list)"
	@echo "docs: $(HELP_DOCS)"

## clean: remove everything the build made; keeps the setup (Xen images, build/.setup-done), bench's Linux download and the domU host
clean:
	rm -rf $(BUILD)/kernel $(BUILD)/user $(BUILD)/include $(BUILD)/tools $(BUILD)/tests \
		$(BUILD)/pvmmu $(BUILD)/pvmmu.map $(BUILD)/pvmmu-clang $(BUILD)/pvmmu-clang.map \
		$(BUILD)/log $(BUILD)/map $(BUILD)/domu/run
	rm -rf $(filter-out $(BUILD)/bench/linux,$(wildcard $(BUILD)/bench/*))
	@echo "clean: kept $(BUILD)/xen and $(BUILD)/.setup-done (and $(BUILD)/bench/linux, $(BUILD)/domu/host); make distclean removes them"

## distclean: remove all of build/, the setup's Xen images and the downloads of bench and the domU host too
distclean:
	rm -rf $(BUILD)
