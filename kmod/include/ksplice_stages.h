/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The stages of an update: X(name), the word /sys/kernel/ksplice/<id>/stage
 * shows, and the word written to it to apply ("applied") or undo
 * ("reversed").  The C# mirror is Ksplice.Abi.Stages; a test compares it.
 */
#ifndef KSPLICE_STAGES_H
#define KSPLICE_STAGES_H

#define KSPLICE_STAGES(X)	\
	X(preparing)		\
	X(applied)		\
	X(reversed)

#endif /* KSPLICE_STAGES_H */
