/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The files of /sys/kernel/ksplice/<id>/: X(name, access, mode), access RW
 * or RO (the kernel's __ATTR_RW_MODE and __ATTR_RO_MODE).  What each holds is
 * described in ksplice_abi.h.  The C# mirror is Ksplice.Abi.SysfsFiles; a
 * test compares it.
 */
#ifndef KSPLICE_SYSFS_FILES_H
#define KSPLICE_SYSFS_FILES_H

#define KSPLICE_SYSFS_FILES(X)		\
	X(stage, RW, 0600)		\
	X(abort_cause, RO, 0400)	\
	X(conflicts, RO, 0400)		\
	X(debug, RO, 0400)		\
	X(shadows, RO, 0400)

#endif /* KSPLICE_SYSFS_FILES_H */
