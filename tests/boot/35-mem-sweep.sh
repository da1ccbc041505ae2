# SPDX-License-Identifier: MIT
# Memory sweep: the MMU self-checks (test=mm.*) pass from the smallest dom0
# Xen 4.17 and pvmmu allow up to 8 GiB.  The floor is 4164 KiB (1041 frames,
# docs/robustness.md): Xen's start-of-day area takes 4 MiB, bring-up 17 more
# frames.  One frame less must stop with the kernel's own clear message.
# Sizes that are not whole MiB go to Xen as dom0_mem=...K, which overrides
# the whole MiB pvrun asks for (pvrun's --mem only sizes QEMU then).

# mem_boot NAME NR_PAGES PVRUN-OPTIONS...: boot, pass test=mm.*, see NR_PAGES frames.
mem_boot() {
	local name=$1 pages=$2
	shift 2
	boot "$name" shutdown --timeout 120 --kargs "test=mm.*" "$@"
	log_has "  nr_pages +$pages \\(" "dom0 has $pages frames"
	log_has 'tests: [1-9][0-9]* passed, 0 failed, 0 skipped'
	sweep_result
}

floor_kib=4164
mem_boot mem-floor $((floor_kib / 4)) --mem 32 --xenargs "dom0_mem=${floor_kib}K,max:${floor_kib}K"

boot mem-below-floor panic --mem 32 --kargs "test=mm.*" \
	--xenargs "dom0_mem=$((floor_kib - 4))K,max:$((floor_kib - 4))K"
log_has "  nr_pages +$((floor_kib / 4 - 1)) \\("
log_has 'Kernel panic - not syncing: memblock: out of early memory for ' "our own message, not Xen's"
sweep_result

mem_boot mem-97m 24832 --mem 97
mem_boot mem-1000m 256000 --mem 1000
mem_boot mem-3g-4k 786433 --mem 3073 --xenargs "dom0_mem=3145732K,max:3145732K"
mem_boot mem-8g 2097152 --mem 8192
sweep_finish mem-sweep
