/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The bottom of ksplice_core.ko, below core.c, patch.c and stack.c: an
 * update's state, the abort causes and their names, the debug and conflicts
 * text, and the kernel helpers resolved at load.  Not part of the ABI.
 */
#ifndef KSPLICE_STATE_H
#define KSPLICE_STATE_H

#include <linux/compiler_attributes.h>
#include <linux/kobject.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include "ksplice_abi.h"
#include "ksplice_abort_causes.h"
#include "ksplice_stages.h"

enum ksplice_abort {
#define KSPLICE_ABORT_ENUM(name) KSPLICE_ABORT_##name,
	KSPLICE_ABORT_CAUSES(KSPLICE_ABORT_ENUM)
#undef KSPLICE_ABORT_ENUM
	KSPLICE_ABORT_COUNT
};

enum ksplice_stage {
#define KSPLICE_STAGE_ENUM(name) KSPLICE_STAGE_##name,
	KSPLICE_STAGES(KSPLICE_STAGE_ENUM)
#undef KSPLICE_STAGE_ENUM
	KSPLICE_STAGE_COUNT
};

/* The core's state for one registered update: update->core_private. */
struct ksplice_state {
	struct kobject kobj;		/* /sys/kernel/ksplice/<id> */
	struct ksplice_update *update;
	enum ksplice_stage stage;
	enum ksplice_abort abort_cause;
	struct module **pinned;		/* target modules held while applied */
	unsigned int npinned;
	struct module **held;		/* target modules held while the update is loaded */
	unsigned int nheld;
	char *conflicts;		/* PAGE_SIZE text, last attempt */
	size_t conflicts_len;
	char *debug;			/* PAGE_SIZE text, last stage write */
	size_t debug_len;
};

/* Addresses of unexported kernel helpers, set by core.c once checked at load. */
extern struct mutex *ksplice_text_mutex;
extern int (*ksplice_stop_machine_cpuslocked)(int (*fn)(void *), void *data,
					       const struct cpumask *cpus);
extern struct task_struct *(*ksplice_idle_task)(int cpu);
/* Whether code the kernel rewrites at run time lies in [start, end] (end inclusive); sites.c */
extern int (*ksplice_jump_label_text_reserved)(void *start, void *end);
extern int (*ksplice_static_call_text_reserved)(void *start, void *end);

const char *ksplice_abort_name(enum ksplice_abort cause);
const char *ksplice_stage_name(enum ksplice_stage stage);

/* Allocates the text buffers; 0 or -ENOMEM (ksplice_free_text frees what was allocated). */
int ksplice_alloc_text(struct ksplice_state *st);
void ksplice_free_text(struct ksplice_state *st);

/* Safe under stop_machine: they append to the buffers allocated at registration. */
__printf(2, 3) void ksplice_debug(struct ksplice_state *st, const char *fmt, ...);
__printf(2, 3) void ksplice_conflict(struct ksplice_state *st, const char *fmt, ...);
void ksplice_clear_debug(struct ksplice_state *st);
void ksplice_clear_conflicts(struct ksplice_state *st);

#endif /* KSPLICE_STATE_H */
