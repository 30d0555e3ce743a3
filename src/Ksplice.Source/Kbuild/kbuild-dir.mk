# Prints the raw kbuild lists of one directory, the way scripts/Makefile.build reads them.
# Run from the top of a configured tree: make -s -f kbuild-dir.mk obj=DIR ksplice-print
# with srctree, SRCARCH, BITS, ARCH_CORE, ARCH_LIB, ARCH_DRIVERS in the environment (as the top Makefile exports).
src := $(obj)
include include/config/auto.conf
include scripts/Kbuild.include
ksplice-kbuild-dir := $(if $(filter /%,$(src)),$(src),$(srctree)/$(src))
ksplice-kbuild-file := $(or $(wildcard $(ksplice-kbuild-dir)/Kbuild),$(ksplice-kbuild-dir)/Makefile)
include $(ksplice-kbuild-file)
ksplice-entries := $(sort $(filter %.o,$(obj-y) $(obj-m) $(lib-y) $(lib-m)))
.PHONY: ksplice-print
ksplice-print:
	@printf '%s\n' 'obj-y $(strip $(obj-y))' 'obj-m $(strip $(obj-m))' 'lib-y $(strip $(lib-y))' 'lib-m $(strip $(lib-m))'
	@printf '%s\n' $(foreach e,$(ksplice-entries),'parts $(e) -objs $(strip $($(e:.o=-objs))) -y $(strip $($(e:.o=-y))) -m $(strip $($(e:.o=-m)))')
