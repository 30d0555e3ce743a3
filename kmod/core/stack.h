/* SPDX-License-Identifier: GPL-2.0 */
/* The stack check (stack.c), used by patch.c. */
#ifndef KSPLICE_STACK_H
#define KSPLICE_STACK_H

#include <linux/types.h>
#include "state.h"

/* A range of code that must not be on any stack, with its name. */
struct ksplice_busy_range {
	unsigned long start, end;
	const char *name;
};

/* A stretch of addresses in one or more ranges. */
struct ksplice_span {
	unsigned long start, end;
};

/* What the stack check covered, for the debug file. */
struct ksplice_scan_stats {
	unsigned int tasks;		/* tasks checked */
	unsigned int unwound;		/* threads of the requester walked with the unwinder */
	unsigned int frames;		/* frames those walks went through */
	unsigned long words;		/* stack words compared */
};

/* What the stack check needs, filled before stop_machine. */
struct ksplice_stack_check {
	const struct ksplice_busy_range *ranges;	/* named, for the report */
	unsigned int nranges;
	unsigned long *sp;		/* per CPU: where its stopper's stack starts to count */
	struct task_struct *requester;	/* the task that wrote the stage file; its threads are unwound */
	struct module *leaving;		/* undo: the update module, which no task's restart_block may point into */
	struct ksplice_span *spans;	/* ksplice_prepare_stack_check: the union of the ranges,
					 * sorted, disjoint, none empty */
	unsigned int nspans;
	struct ksplice_scan_stats stats;	/* of the last check */
	unsigned long read_ahead;	/* what ksplice_read_ahead read, so it is not optimised out */
};

/* Outside stop_machine. */
int ksplice_prepare_stack_check(struct ksplice_stack_check *check);
void ksplice_free_stack_check(struct ksplice_stack_check *check);
/* Reads what the check will read (no decision), so it is in this CPU's caches and TLB. */
void ksplice_read_ahead(struct ksplice_stack_check *check);

/* Under stop_machine: true when a task's stack holds an address in a range. */
bool ksplice_check_stacks(struct ksplice_state *st, struct ksplice_stack_check *check);

#endif /* KSPLICE_STACK_H */
