# SPDX-License-Identifier: MIT
# @file tools/bench/bench.mk
# @brief Make fragment for `make bench`; the top Makefile includes it.
#        tools/bench/bench.sh does the work, docs/bench.md explains it.

#: BENCH_RUNS: `make bench`'s boots per system and size
BENCH_RUNS    ?= 5
#: BENCH_SIZES: `make bench`'s dom0 sizes in MiB
BENCH_SIZES   ?= 256 1024 4096 8192
#: BENCH_PEER: `make bench`'s peer kernel: linux (Debian's, downloaded) or none
BENCH_PEER    ?= linux
#: BENCH_XENARGS: Xen's extra command line for `make bench`
BENCH_XENARGS ?= smap=0
#: BENCH_PARTS: `make bench`'s parts: mmu (bring-up at each size), user (user-process operations), smp (pvmmu with 1 and 2 vCPUs)
BENCH_PARTS   ?= mmu user smp

## bench: pvmmu beside Debian's Linux 6.1 on the same Xen and QEMU: MMU bring-up, user-process operations, SMP [BENCH_RUNS= BENCH_SIZES="MiB ..." BENCH_PEER=linux|none BENCH_XENARGS= BENCH_PARTS="mmu user smp" XEN=]
# Like `run`: the setup stamp and a fresh build first.
bench: all | $(SETUP_STAMP)
	@tools/bench/bench.sh --build $(BUILD) --runs "$(BENCH_RUNS)" --sizes "$(BENCH_SIZES)" \
		--peer "$(BENCH_PEER)" --xenargs "$(BENCH_XENARGS)" --xen "$(XEN_IMAGE)" --parts "$(BENCH_PARTS)"
