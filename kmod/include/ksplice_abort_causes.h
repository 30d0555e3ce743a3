/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The abort causes, in wire order: X(name), the text
 * /sys/kernel/ksplice/<id>/abort_cause shows.  The C# mirror is
 * Ksplice.Abi.AbortCause; a test compares names and order with this list.
 */
#ifndef KSPLICE_ABORT_CAUSES_H
#define KSPLICE_ABORT_CAUSES_H

#define KSPLICE_ABORT_CAUSES(X)		\
	X(ok)				\
	X(no_match)			\
	X(code_busy)			\
	X(module_busy)			\
	X(out_of_memory)		\
	X(failed_to_find)		\
	X(already_reversed)		\
	X(missing_export)		\
	X(unexpected_running_task)	\
	X(target_not_loaded)		\
	X(call_failed)			\
	X(cold_update_loaded)		\
	X(text_reserved)		\
	X(ftrace_conflict)		\
	X(unexpected)

#endif /* KSPLICE_ABORT_CAUSES_H */
