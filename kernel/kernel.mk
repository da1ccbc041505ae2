# SPDX-License-Identifier: MIT
#
# The kernel: one template, instantiated for gcc ($(KERNEL)) and clang
# ($(KERNEL_CLANG)), so both compilers keep building it warning-free.

KERNEL       := $(BUILD)/pvmmu
KERNEL_CLANG := $(BUILD)/pvmmu-clang
KERNEL_LDS   := $(BUILD)/kernel/kernel.lds

KERNEL_C_SRCS := $(sort $(wildcard kernel/*/*.c kernel/*/*/*.c))
KERNEL_S_SRCS := $(filter-out %.lds.S,$(sort $(wildcard kernel/*/*.S kernel/*/*/*.S)))

# The Xen ABI comes from Debian's libxen-dev; a private include directory
# holding only xen/ keeps glibc's headers out of the freestanding build.
XEN_INCLUDE := $(BUILD)/include

KERNEL_FLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -fno-pie -fno-pic -mcmodel=kernel -mno-red-zone \
	-mno-sse -mno-sse2 -mno-mmx -mno-avx -fno-stack-protector \
	-fno-omit-frame-pointer -fno-asynchronous-unwind-tables -fcf-protection=none \
	-nostdinc -Ikernel/include -isystem $(XEN_INCLUDE) \
	-D__XEN_INTERFACE_VERSION__=0x00040e00 -MMD -MP
KERNEL_LDFLAGS := -nostdlib -static -z max-page-size=4096 -z noexecstack --no-warn-rwx-segments

# The linker script shares layout.h with C and head.S; both compilers link with it.
$(KERNEL_LDS): kernel/arch/x86/kernel.lds.S
	@mkdir -p $(@D)
	@echo "  CPP     $@"
	@gcc -E -P -x c -nostdinc -Ikernel/include -D__ASSEMBLY__ -MMD -MP -MT $@ -o $@ $<
-include $(KERNEL_LDS:.lds=.d)

$(XEN_INCLUDE)/xen: | $(SETUP_STAMP)
	@mkdir -p $(XEN_INCLUDE)
	ln -sfn /usr/include/xen $@

# $(1): compiler, $(2): object directory, $(3): output ELF, $(4): compiler's own include dir,
# $(5): extra flags
define kernel_template
$(3)_OBJS := $$(patsubst kernel/%.c,$(2)/%.o,$$(KERNEL_C_SRCS)) $$(patsubst kernel/%.S,$(2)/%.o,$$(KERNEL_S_SRCS))

$(2)/%.o: kernel/%.c | $$(XEN_INCLUDE)/xen
	@mkdir -p $$(@D)
	@echo "  CC [$(1)] $$<"
	@$(1) $$(KERNEL_FLAGS) $(5) -isystem $(4) -c $$< -o $$@

$(2)/%.o: kernel/%.S | $$(XEN_INCLUDE)/xen
	@mkdir -p $$(@D)
	@echo "  AS [$(1)] $$<"
	@$(1) $$(KERNEL_FLAGS) $(5) -isystem $(4) -D__ASSEMBLY__ -c $$< -o $$@

$(2)/user_programs.o: $$(USER_PROGRAMS_S)
	@mkdir -p $$(@D)
	@$(1) -c $$< -o $$@

$(3): $$($(3)_OBJS) $(2)/user_programs.o $$(KERNEL_LDS)
	@echo "  LD      $$@"
	@ld $$(KERNEL_LDFLAGS) -T $$(KERNEL_LDS) -Map $$@.map -o $$@ $$($(3)_OBJS) $(2)/user_programs.o

-include $$($(3)_OBJS:.o=.d)
endef

# gcc may turn string.c's loops back into calls to memset/memcpy themselves.
GCC_ONLY_FLAGS := -fno-tree-loop-distribute-patterns
$(eval $(call kernel_template,gcc,$(BUILD)/kernel/gcc,$(KERNEL),$(shell gcc -print-file-name=include),$(GCC_ONLY_FLAGS)))
$(eval $(call kernel_template,clang,$(BUILD)/kernel/clang,$(KERNEL_CLANG),$(shell clang -print-resource-dir 2>/dev/null)/include,))
KERNEL_OBJS       := $($(KERNEL)_OBJS)
KERNEL_CLANG_OBJS := $($(KERNEL_CLANG)_OBJS)
