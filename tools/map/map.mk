# SPDX-License-Identifier: MIT
# @file tools/map/map.mk
# @brief Make fragment for `make map`; the top Makefile includes it.
#        tools/map/map.sh does the work, docs/address-space.md shows the picture.

## map: draw the address space from a boot: build/map/address-space.svg and .png [MEM= XENARGS=]
map: all | $(SETUP_STAMP)
	@tools/map/map.sh --build $(BUILD) --mem $(MEM) --xenargs "$(XENARGS)"
