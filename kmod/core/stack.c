// SPDX-License-Identifier: GPL-2.0
/*
 * The stack check, under stop_machine: every word of every task's kernel
 * stack, from its stack pointer to the top, is compared with the code ranges
 * being replaced.  The scan is conservative: a stale return address left in a
 * live frame also counts, and the update is retried later.
 *
 * One exception: the threads of the process that wrote the stage file (the
 * requester) are walked with the ORC unwinder instead, so only their real
 * return addresses count.  The writer is blocked in our own code, and its
 * earlier system calls (the matcher reading /proc/kcore at the very addresses
 * being replaced, loading the update module, a read of the patched /proc
 * file), or those of its sibling threads (a runtime's I/O threads), leave
 * copies of those addresses in slots of live frames that were never
 * overwritten: scanned conservatively the tool would always block itself.
 * Where the unwinder reports an error, the thread is scanned conservatively
 * like everyone else.
 *
 * Stack pointers: a sleeping task's is saved in task->thread.sp; the tasks
 * running now are the stopper threads, and each CPU recorded its own on
 * arrival in the stop_machine callback (sp[cpu]), above our own frames.
 * Not covered: the idle tasks of CPUs other than CPU 0 (no exported way to
 * reach them) and the interrupt stacks, which hold no live frames here
 * since interrupts are off on every CPU.
 */
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/sched/task_stack.h>
#include <asm/unwind.h>
#include "ksplice_core.h"

#define MAX_NAMES 8

struct scan {
	struct ksplice_state *st;
	const struct ksplice_stack_check *check;
	unsigned long lo, hi;	/* union of the ranges, to skip most words fast */
};

/* Names of the ranges found on one task's stack. */
struct hits {
	const char *names[MAX_NAMES];
	unsigned int n;
};

static void match(const struct scan *s, unsigned long w, struct hits *h)
{
	const struct ksplice_stack_check *c = s->check;
	unsigned int i, j;

	if (w < s->lo || w >= s->hi)
		return;
	for (i = 0; i < c->nranges; i++) {
		if (w < c->ranges[i].start || w >= c->ranges[i].end)
			continue;
		for (j = 0; j < h->n && h->names[j] != c->ranges[i].name; j++)
			;
		if (j == h->n && h->n < MAX_NAMES)
			h->names[h->n++] = c->ranges[i].name;
	}
}

static unsigned long stack_pointer(struct task_struct *t, const unsigned long *sp)
{
	if (t == current)
		return sp[smp_processor_id()];
	if (READ_ONCE(t->on_cpu))
		return sp[task_cpu(t)];
	return t->thread.sp;
}

static void scan_words(const struct scan *s, struct task_struct *t, struct hits *h)
{
	unsigned long *base = task_stack_page(t);
	unsigned long *end = base + THREAD_SIZE / sizeof(*base);
	unsigned long *p = (unsigned long *)ALIGN_DOWN(stack_pointer(t, s->check->sp), sizeof(*p));

	if (p < base || p >= end)
		p = base;	/* unknown: scan all of it */
	for (; p < end; p++)
		match(s, *p, h);
}

/* Return addresses of a blocked task; false when the unwinder gave up. */
static bool scan_frames(const struct scan *s, struct task_struct *t, struct hits *h)
{
	struct unwind_state state;
	unsigned long addr;

	for (unwind_start(&state, t, NULL, NULL); !unwind_done(&state);
	     unwind_next_frame(&state)) {
		addr = unwind_get_return_address(&state);
		if (!addr)
			break;
		/* a call that ends its function returns just past it */
		match(s, addr, h);
		match(s, addr - 1, h);
	}
	return !unwind_error(&state);
}

/* Returns true when the task's stack holds an address inside a range. */
static bool check_task(const struct scan *s, struct task_struct *t)
{
	struct hits h = { .n = 0 };
	unsigned int i;

	if (!task_stack_page(t) || !refcount_read(&t->stack_refcount))
		return false;	/* an exited task whose stack is gone */
	if (!same_thread_group(t, s->check->requester)) {
		scan_words(s, t, &h);
	} else if (!scan_frames(s, t, &h)) {
		ksplice_debug(s->st, "the unwinder failed on %s (pid %d): scanned every word\n",
			      t->comm, task_pid_nr(t));
		scan_words(s, t, &h);
	}
	if (!h.n)
		return false;

	ksplice_conflict(s->st, "%s %d", t->comm, task_pid_nr(t));
	ksplice_debug(s->st, "code_busy: %s (pid %d) has on its stack:", t->comm, task_pid_nr(t));
	for (i = 0; i < h.n; i++) {
		ksplice_conflict(s->st, " %s", h.names[i]);
		ksplice_debug(s->st, " %s", h.names[i]);
	}
	ksplice_conflict(s->st, "\n");
	ksplice_debug(s->st, "\n");
	return true;
}

enum ksplice_abort ksplice_check_stacks(struct ksplice_state *st,
					const struct ksplice_stack_check *check)
{
	struct scan s = { .st = st, .check = check, .lo = ULONG_MAX, .hi = 0 };
	struct task_struct *g, *t;
	unsigned int i;
	bool busy;

	if (!check->nranges)
		return KSPLICE_ABORT_ok;
	for (i = 0; i < check->nranges; i++) {
		s.lo = min(s.lo, check->ranges[i].start);
		s.hi = max(s.hi, check->ranges[i].end);
	}

	busy = check_task(&s, &init_task);
	rcu_read_lock();
	for_each_process_thread(g, t)
		busy |= check_task(&s, t);
	rcu_read_unlock();
	return busy ? KSPLICE_ABORT_code_busy : KSPLICE_ABORT_ok;
}
