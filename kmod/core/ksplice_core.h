/* SPDX-License-Identifier: GPL-2.0 */
/* Shared between the files of ksplice_core.ko; not part of the ABI. */
#ifndef KSPLICE_CORE_H
#define KSPLICE_CORE_H

#include <linux/kobject.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include "ksplice_abi.h"

enum ksplice_abort {
#define KSPLICE_ABORT(name) KSPLICE_ABORT_##name,
#include "abort_causes.h"
#undef KSPLICE_ABORT
	KSPLICE_ABORT_COUNT
};

enum ksplice_stage { KSPLICE_PREPARING, KSPLICE_APPLIED, KSPLICE_REVERSED };

/* The core's state for one registered update: update->core_private. */
struct ksplice_state {
	struct kobject kobj;		/* /sys/kernel/ksplice/<id> */
	struct ksplice_update *update;
	enum ksplice_stage stage;
	enum ksplice_abort abort_cause;
	struct module **pinned;		/* target modules held while applied */
	unsigned int npinned;
	char *conflicts;		/* PAGE_SIZE text, last attempt */
	size_t conflicts_len;
	char *debug;			/* PAGE_SIZE text, last stage write */
	size_t debug_len;
};

/* A range of code that must not be on any stack, with its name. */
struct ksplice_busy_range {
	unsigned long start, end;
	const char *name;
};

/* Addresses of unexported kernel helpers, checked at load (core.c). */
extern struct mutex *ksplice_text_mutex;
extern int (*ksplice_stop_machine_cpuslocked)(int (*fn)(void *), void *data,
					       const struct cpumask *cpus);
extern struct task_struct *(*ksplice_idle_task)(int cpu);

/* core.c */
__printf(2, 3) void ksplice_debug(struct ksplice_state *st, const char *fmt, ...);
__printf(2, 3) void ksplice_conflict(struct ksplice_state *st, const char *fmt, ...);
const char *ksplice_abort_name(enum ksplice_abort cause);

/* patch.c: run with the core's mutex held; return the abort cause. */
enum ksplice_abort ksplice_apply(struct ksplice_state *st);
enum ksplice_abort ksplice_reverse(struct ksplice_state *st);

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
	struct ksplice_span *spans;	/* ksplice_prepare_stack_check: the union of the ranges,
					 * sorted, disjoint, none empty */
	unsigned int nspans;
	struct ksplice_scan_stats stats;	/* of the last check */
	unsigned long read_ahead;	/* what ksplice_read_ahead read, so it is not optimised out */
};

/* stack.c, outside stop_machine. */
int ksplice_prepare_stack_check(struct ksplice_stack_check *check);
void ksplice_free_stack_check(struct ksplice_stack_check *check);
/* Reads what the check will read (no decision), so it is in this CPU's caches and TLB. */
void ksplice_read_ahead(struct ksplice_stack_check *check);

/* stack.c, under stop_machine: true when a task's stack holds an address in a range. */
bool ksplice_check_stacks(struct ksplice_state *st, struct ksplice_stack_check *check);

#endif /* KSPLICE_CORE_H */
