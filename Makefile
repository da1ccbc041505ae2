# SPDX-License-Identifier: MIT
#
# pvmmu: top-level build. `make help` lists the targets.

BUILD   := build
HOSTCC  ?= gcc

MEM     ?= 512
VCPUS   ?= 1
KARGS   ?=
XENARGS ?=
TIMEOUT ?= 60

.DEFAULT_GOAL := all
.DELETE_ON_ERROR:

SETUP_STAMP := $(BUILD)/.setup-done
XEN_IMAGE   := $(BUILD)/xen/xen-4.17-amd64

include user/user.mk
include kernel/kernel.mk
include tools/pvrun/pvrun.mk
include tests/host/host.mk
include tools/bench/bench.mk
include tools/domu/domu.mk

.PHONY: all setup run test help clean kernel-clang bench deps

all: $(KERNEL) $(PVRUN)

## setup: install what is missing (QEMU, Xen 4.17 image, libxen-dev, cmocka, libdw, clang)
setup: $(SETUP_STAMP)
$(SETUP_STAMP): tools/setup.sh
	@tools/setup.sh $(BUILD)
	@touch $@

# The kernel and the host tools need the setup's headers and libraries.
$(KERNEL_OBJS) $(KERNEL_CLANG_OBJS) $(PVRUN) $(HOST_TESTS): | $(SETUP_STAMP)

## run: build and boot pvmmu on Xen under QEMU [MEM= VCPUS= KARGS= XENARGS= TIMEOUT=]
run: all
	@$(PVRUN) --kernel $(KERNEL) --xen $(XEN_IMAGE) --mem $(MEM) --cpus $(VCPUS) \
		--timeout $(TIMEOUT) --kargs "$(KARGS)" --xenargs "$(XENARGS)"

## test: build everything and run host unit tests and boot tests on real Xen
test: all host-tests $(KERNEL_CLANG)
	@tests/run

## kernel-clang: build the kernel with clang too (warnings are errors)
kernel-clang: $(KERNEL_CLANG)

## deps: check that no kernel file or folder depends on itself in a circle [DEPS_GRAPH=1 prints the graphs]
deps: $(KERNEL)
	@tools/deps.sh $(BUILD)/kernel/gcc

## help: this list
help:
	@echo "pvmmu make targets:"
	@sed -n 's/^## //p' $(MAKEFILE_LIST) | sed 's/^\([a-z-]*\):/  \1:/'
	@echo "variables: MEM=<MiB, default $(MEM)> VCPUS=<n> KARGS=\"<kernel cmdline>\" XENARGS=\"<Xen cmdline>\" TIMEOUT=<s>"
	@echo "kernel parameters: make run KARGS=help"

## clean: remove build outputs (keeps the downloaded Xen image)
clean:
	rm -rf $(BUILD)/kernel $(BUILD)/tools $(BUILD)/tests $(BUILD)/pvmmu $(BUILD)/pvmmu-clang $(BUILD)/log $(BUILD)/domu/run
