// SPDX-License-Identifier: GPL-2.0
/*
 * The state below every other file of ksplice_core.ko: the names of the abort
 * causes and stages (the lists are in kmod/include), the debug and conflicts
 * text of an update, and the kernel helpers resolved at load.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include "state.h"

struct mutex *ksplice_text_mutex;
int (*ksplice_stop_machine_cpuslocked)(int (*fn)(void *), void *data,
				       const struct cpumask *cpus);
struct task_struct *(*ksplice_idle_task)(int cpu);
int (*ksplice_jump_label_text_reserved)(void *start, void *end);
int (*ksplice_static_call_text_reserved)(void *start, void *end);

static const char *const abort_names[] = {
#define KSPLICE_ABORT_NAME(name) [KSPLICE_ABORT_##name] = #name,
	KSPLICE_ABORT_CAUSES(KSPLICE_ABORT_NAME)
#undef KSPLICE_ABORT_NAME
};

const char *ksplice_abort_name(enum ksplice_abort cause)
{
	return cause < KSPLICE_ABORT_COUNT ? abort_names[cause] : "unexpected";
}

static const char *const stage_names[] = {
#define KSPLICE_STAGE_NAME(name) [KSPLICE_STAGE_##name] = #name,
	KSPLICE_STAGES(KSPLICE_STAGE_NAME)
#undef KSPLICE_STAGE_NAME
};

const char *ksplice_stage_name(enum ksplice_stage stage)
{
	return stage < KSPLICE_STAGE_COUNT ? stage_names[stage] : "unknown";
}

int ksplice_alloc_text(struct ksplice_state *st)
{
	st->conflicts = kzalloc(PAGE_SIZE, GFP_KERNEL);
	st->debug = kzalloc(PAGE_SIZE, GFP_KERNEL);
	return st->conflicts && st->debug ? 0 : -ENOMEM;
}

void ksplice_free_text(struct ksplice_state *st)
{
	kfree(st->conflicts);
	kfree(st->debug);
	st->conflicts = st->debug = NULL;
}

static __printf(3, 0) void append(char *buf, size_t *len, const char *fmt, va_list args)
{
	static const char cut[] = "...(truncated)\n";
	size_t room = PAGE_SIZE - sizeof(cut);

	if (*len >= room)
		return;
	*len += vscnprintf(buf + *len, room - *len, fmt, args);
	if (*len >= room - 1)
		*len += scnprintf(buf + *len, PAGE_SIZE - *len, "%s", cut);
}

void ksplice_debug(struct ksplice_state *st, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	append(st->debug, &st->debug_len, fmt, args);
	va_end(args);
}

void ksplice_conflict(struct ksplice_state *st, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	append(st->conflicts, &st->conflicts_len, fmt, args);
	va_end(args);
}

void ksplice_clear_debug(struct ksplice_state *st)
{
	st->debug_len = 0;
	st->debug[0] = '\0';
}

void ksplice_clear_conflicts(struct ksplice_state *st)
{
	st->conflicts_len = 0;
	st->conflicts[0] = '\0';
}
