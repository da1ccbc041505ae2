# SPDX-License-Identifier: MIT
# @file tools/domu/domu.mk
# @brief Make fragment for pvmmu as an xl domU; the top Makefile includes it.
#        tools/domu/host.sh builds the host (a Linux dom0 with Debian's xl),
#        tools/domu/run.sh boots it; docs/domu.md explains both.

DOMU_HOST := $(BUILD)/domu/host

.PHONY: domu-host run-domu

## domu-host: fetch and build the domU host: Debian's Linux 6.1 dom0 with the xl toolstack in an initramfs (a second run does nothing)
domu-host: | $(SETUP_STAMP)
	@tools/domu/host.sh $(DOMU_HOST)

## run-domu: boot the domU host and run pvmmu as an xl domU, streaming its console [MEM=<domU MiB, default 32> KARGS= TIMEOUT=]
run-domu: all domu-host
	@tools/domu/run.sh --build $(BUILD) --mem $(if $(filter command line,$(origin MEM)),$(MEM),32) \
		--kargs "$(KARGS)" --timeout $(TIMEOUT)

.PHONY: bench-domu

## bench-domu: xl save, restore and migrate times of pvmmu beside a Linux PV domU of the same memory, one host boot on the shadow-capable Xen [MEM=<MiB, default 128>]
bench-domu: all domu-host
	@tools/domu/bench.sh --build $(BUILD) --mem $(if $(filter command line,$(origin MEM)),$(MEM),128)
