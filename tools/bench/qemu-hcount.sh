#!/bin/sh
# SPDX-License-Identifier: MIT
#
# tools/bench/qemu-hcount.sh: QEMU with make bench's counting plugin, for
# pvrun --qemu.  HCOUNT_SO is the plugin (build/bench/hcount.so), HCOUNT_OUT
# the file it writes its window counts to (tools/bench/hcount.c).
exec qemu-system-x86_64 -plugin "${HCOUNT_SO:?}",out="${HCOUNT_OUT:?}" "$@"
