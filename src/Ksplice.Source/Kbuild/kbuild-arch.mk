# Prints what the top Makefile takes from arch/$(SRCARCH)/Makefile for the top-level Kbuild:
# core-y, libs-y, drivers-y (exported there as ARCH_CORE, ARCH_LIB, ARCH_DRIVERS) and BITS.
# Run from the top of a configured tree: make -s -f kbuild-arch.mk ksplice-print-arch (SRCARCH, srctree in the environment).
include include/config/auto.conf
include scripts/Kbuild.include
core-y :=
drivers-y :=
libs-y := lib/
include arch/$(SRCARCH)/Makefile
.PHONY: ksplice-print-arch
ksplice-print-arch:
	@printf '%s\n' 'core-y $(strip $(core-y))' 'libs-y $(strip $(filter %/,$(libs-y)))' 'drivers-y $(strip $(drivers-y) $(drivers-m))' 'BITS $(BITS)'
