# SPDX-License-Identifier: MIT
# The PV MMU on several vCPUs (test=tlb.*, kernel/test/test_tlb.c): with 2
# and 4 vCPUs an address space loaded on vCPU 1 is shot down after munmap,
# fork's write-protection and a copy-on-write break, at no extra hypercall;
# vCPU 1 idles with it loaded (lazy TLB) and drop_mm_ref takes it off before
# the pgd pair is freed.  With one vCPU each test skips.  Then the proof
# that the tests can fail: tlb_shootdown=off leaves vCPU 1 reading through
# stale TLB entries (munmap of 1 and of 8 pages, copy-on-write break; fork's write-protection
# is flushed by Xen anyway, see docs/smp.md), and drop_mm_ref=off ends in
# the panic of the frame's next use, at release_pt, with Xen's -EBUSY.
# Then the same with user threads and processes (init=t_tlb).

TLB_TESTS=(drop_mm_ref shootdown_cost shootdown_change shootdown_cow shootdown_munmap shootdown_munmap_many)

for n in 2 4; do
	boot "tlb-$n" shutdown --cpus "$n" --kargs "test=tlb.*"
	for t in "${TLB_TESTS[@]}"; do
		log_has "test: tlb\\.$t: PASS$"
	done
	log_has '\] tlb: munmap of one page: 1 hypercall\(s\), 1 mmuext op\(s\) loaded here only \(INVLPG_LOCAL\); 1, 1 loaded here and on vCPU 1 \(INVLPG_MULTI\); 1, 1 on vCPU 1 only$' \
		"the hypercalls per shootdown"
	log_has 'tests: 6 passed, 0 failed, 0 skipped, 0 errors'
	sweep_result
done

boot tlb-1 shutdown --cpus 1 --kargs "test=tlb.*"
log_has 'tests: 0 passed, 0 failed, 6 skipped, 0 errors'
sweep_result

run_pvrun_expect_exit tlb-shootdown-off 1 --kernel "$KERNEL" --xen "$XEN" --quiet-xen --cpus 2 \
	--kargs "test=tlb.* tlb_shootdown=off"
while read -r t pages; do
	log_has "test: tlb\\.$t: FAIL: vCPU 1 read 0x0?e10e10e10e10e10 at 0x200000001000 after munmap of $pages page\\(s\\) returned \\(the frame.s next contents; the frame was reused\\): a stale TLB entry, no shootdown\$" \
		"vCPU 1 sees the reused frame's next contents"
done <<<$'shootdown_munmap 1\nshootdown_munmap_many 8'
log_has 'test: tlb\.shootdown_change: FAIL: vCPU 1 still read the shared frame .* a stale TLB entry$'
log_has 'test: tlb\.shootdown_cow: PASS$' "Xen flushes for the child's new page tables"
log_has 'tests: 3 passed, 3 failed, 0 skipped, 0 errors'
sweep_result

run_pvrun_expect_exit tlb-drop-off 2 --kernel "$KERNEL" --xen "$XEN" --quiet-xen --cpus 2 \
	--kargs "test=tlb.drop_mm_ref drop_mm_ref=off"
log_has 'tlb: vCPU 1 idles with pgd pfn 0x[0-9a-f]+ still loaded; destroying that mm here$'
log_has 'tlb: drop_mm_ref=off: vCPU 1 keeps pgd pfn 0x[0-9a-f]+ loaded while it is freed$'
log_has 'Kernel panic - not syncing: release_pt: mmu_update request 0 of [0-9]+ \(ptr=0x[0-9a-f]+ val=0x[0-9a-f]+\) failed: -16 \(EBUSY\)$' \
	"the pgd's frame cannot be made writable: vCPU 1 still has it loaded"
log_has '\] +\[<[0-9a-f]{16}>\] mm_destroy\+' "sent in mm_destroy's batch, which holds the pgd pair's release"
sweep_result

# The same with real threads and processes (user/t_tlb.c): a thread on vCPU
# 1 reads a page another thread munmaps; processes end while vCPU 1 keeps
# their pgd loaded lazily.
for n in 2 4; do
	boot "tlb-user-$n" shutdown --cpus "$n" --kargs "init=t_tlb"
	log_has 't_tlb: the reader read the page [0-9]+ times; after munmap: no read went through, status 139$'
	log_has 'test: user\.tlb\.munmap_remote: PASS$'
	log_has 'test: user\.tlb\.exit_lazy: PASS$'
	if [ "$n" -ge 3 ]; then
		log_has 'test: user\.tlb\.exit_lazy_parallel: PASS$'
	else
		log_has 'test: user\.tlb\.exit_lazy_parallel: SKIP: fewer than 3 vCPUs online$'
	fi
	sweep_result
done

run_pvrun_expect_exit tlb-user-shootdown-off 1 --kernel "$KERNEL" --xen "$XEN" --quiet-xen --cpus 2 \
	--kargs "init=t_tlb tlb_shootdown=off"
log_has 't_tlb: the reader read the page [0-9]+ times; after munmap: it read new contents' \
	"the reader's stale TLB entry reaches the frame's next use"
log_has 'test: user\.tlb\.munmap_remote: FAIL: '
sweep_result

run_pvrun_expect_exit tlb-user-drop-off 2 --kernel "$KERNEL" --xen "$XEN" --quiet-xen --cpus 2 \
	--kargs "init=t_tlb drop_mm_ref=off"
log_has 'tlb: drop_mm_ref=off: vCPU 1 keeps pgd pfn 0x[0-9a-f]+ loaded while it is freed$'
log_has 'Kernel panic - not syncing: release_pt: mmu_update request 0 of [0-9]+ \(ptr=0x[0-9a-f]+ val=0x[0-9a-f]+\) failed: -16 \(EBUSY\)$'
sweep_result

sweep_finish tlb
