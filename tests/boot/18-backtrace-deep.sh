# SPDX-License-Identifier: MIT
# A panic 12 KiB down the 16 KiB boot stack: the backtrace must be whole,
# one line per deep_frame frame and on to start_kernel.  The walk is bounded
# by the KSTACK_SIZE-aligned block %rbp is in, so a boot stack aligned to
# less than its size cut this trace short at the block's end.
boot backtrace-deep panic --kargs "test=deep_backtrace"
log_has 'Kernel panic - not syncing: test hook: backtrace from frame [0-9]+ of deep_frame, 1[2-5][0-9]{3} bytes down the boot stack$'
frames=$(sed -nE 's/.*Kernel panic - not syncing: test hook: backtrace from frame ([0-9]+) of deep_frame.*/\1/p' "$case_log")
shown=$(grep -cE '\]   \[<ffffffff80[0-9a-f]{6}>\] deep_frame\+' "$case_log")
((shown == ${frames:--1} + 1)) ||
	case_problems+=("the trace shows $shown deep_frame frames of $((${frames:--1} + 1))")
log_has '\[<ffffffff80[0-9a-f]{6}>\] hook_deep_backtrace\+' "the trace leaves the recursion"
log_has '\[<ffffffff80[0-9a-f]{6}>\] start_kernel\+' "the trace reaches start_kernel"
