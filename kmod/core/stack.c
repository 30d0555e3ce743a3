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
 * Where the unwinder does not reach the top of the stack without an error
 * (the test of the kernel's reliable unwinder, arch_stack_walk_reliable: it
 * ends at the user registers or at the end-of-stack hint), the thread is
 * scanned conservatively like everyone else.  The unwinder is slow, so a
 * requester thread is first read word by word for anything the unwinder
 * could report: a word in a range or just past one (a call that ends its
 * function returns there), or a return address the unwinder would translate
 * (function graph tracer, kretprobes, rethooks).  Only a thread with such a word is unwound: every
 * return address the unwinder reads is one of the words from the thread's
 * saved stack pointer to the top of its stack, so a thread without one has
 * no return address in a range.
 *
 * Return addresses a tracer took off the stack: the function graph tracer
 * (task->ret_stack) and rethooks (kretprobes, fprobes: task->rethooks)
 * replace a return address with their trampoline's and keep the real one in
 * the task.  The word scan reads them there too: every entry of either list
 * is a frame the task is in (the kernel's ftrace_graph_ret_addr and
 * rethook_find_ret_addr pick the entry of one stack slot out of the same
 * lists), so checking them all finds whatever those would, without their
 * slot matching, and without rethook_find_ret_addr's warning on a task that
 * is runnable but preempted.  A list that cannot be read (an index out of
 * bounds) makes the task block the update, with a conflicts line saying so.
 *
 * Stack pointers: a sleeping task's is saved in task->thread.sp; the tasks
 * running now are the stopper threads, and each CPU recorded on arrival in
 * the stop_machine callback (sp[cpu]) the frame address of that callback,
 * above which are only its callers.
 * The idle tasks are on no task list: init_task is CPU 0's, idle_task()
 * (resolved from kallsyms) gives every other online CPU's.  Not covered: the
 * interrupt stacks, which hold no live frames here since interrupts are off
 * on every CPU.
 *
 * The ranges are merged beforehand into sorted, disjoint spans, so a word is
 * checked with one subtraction and comparison (outside every span: almost
 * all of them) or a binary search; the ranges' names are looked up only for
 * a word that hits.
 */
#include <linux/ftrace.h>
#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/llist.h>
#include <linux/rethook.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <asm/ptrace.h>
#include <asm/unwind.h>
#include "stack.h"
#include "state.h"

#define MAX_NAMES 8

/* Names of the ranges found on one task's stack. */
struct hits {
	const char *names[MAX_NAMES];
	unsigned int n;
};

/* ---- before and after stop_machine ---- */

static int cmp_span(const void *a, const void *b)
{
	const struct ksplice_span *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

int ksplice_prepare_stack_check(struct ksplice_stack_check *check)
{
	struct ksplice_span *spans;
	unsigned int i, n = 0, m = 0;

	spans = kcalloc(check->nranges + 1, sizeof(*spans), GFP_KERNEL);
	if (!spans)
		return -ENOMEM;
	for (i = 0; i < check->nranges; i++) {
		if (check->ranges[i].start >= check->ranges[i].end)
			continue;	/* empty: nothing is in it */
		spans[n].start = check->ranges[i].start;
		spans[n++].end = check->ranges[i].end;
	}
	sort(spans, n, sizeof(*spans), cmp_span, NULL);
	for (i = 0; i < n; i++) {
		if (m && spans[i].start <= spans[m - 1].end)
			spans[m - 1].end = max(spans[m - 1].end, spans[i].end);
		else
			spans[m++] = spans[i];
	}
	check->spans = spans;
	check->nspans = m;
	return 0;
}

void ksplice_free_stack_check(struct ksplice_stack_check *check)
{
	kfree(check->spans);
	check->spans = NULL;
	check->nspans = 0;
}

/* The fields and live words check_task will read (racy, harmless: nothing is decided). */
static unsigned long read_task(struct task_struct *t)
{
	const unsigned long *base = READ_ONCE(t->stack), *p, *end;
	unsigned long sum = (unsigned long)READ_ONCE(t->signal) +
			    refcount_read(&t->stack_refcount);

	/*
	 * Under rcu_read_lock, a stack freed meanwhile is either in a per-CPU
	 * cache, still mapped, or not yet freed (delayed by RCU).  Running
	 * tasks' stacks change anyway: skipped.
	 */
	if (!base || READ_ONCE(t->on_cpu))
		return sum;
	end = base + THREAD_SIZE / sizeof(*base);
	p = (const unsigned long *)ALIGN_DOWN(READ_ONCE(t->thread.sp), sizeof(*p));
	if (p < base || p >= end)
		return sum;
	for (; p < end; p += L1_CACHE_BYTES / sizeof(*p))
		sum += READ_ONCE(*p);
	return sum;
}

/* The idle task of every online CPU but CPU 0, whose idle task is init_task (on no task list either). */
#define for_each_other_idle_task(cpu, t)					\
	for_each_online_cpu(cpu)						\
		if (((t) = ksplice_idle_task(cpu)) && (t) != &init_task)

void ksplice_read_ahead(struct ksplice_stack_check *check)
{
	struct task_struct *g, *t;
	unsigned long sum = read_task(&init_task);
	unsigned int cpu;

	for_each_other_idle_task(cpu, t)
		sum += read_task(t);

	rcu_read_lock();
	for_each_process_thread(g, t)
		sum += read_task(t);
	rcu_read_unlock();
	WRITE_ONCE(check->read_ahead, sum);
}

/* ---- under stop_machine ---- */

struct scan {
	struct ksplice_state *st;
	struct ksplice_stack_check *check;
	const struct ksplice_span *spans;
	unsigned int nspans;
	unsigned long lo, len;	/* spans[0].start, spans[last].end - lo */
};

/* Whether w lies in a span. */
static __always_inline bool hit(const struct scan *s, unsigned long w)
{
	unsigned int lo = 0, hi = s->nspans, mid;

	if (likely(w - s->lo >= s->len))
		return false;
	/* spans[lo].start <= w < spans[hi].start */
	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if (w < s->spans[mid].start)
			hi = mid;
		else
			lo = mid;
	}
	return w < s->spans[lo].end;
}

/* Adds the names of the ranges holding w. */
static noinline void name_hits(const struct scan *s, unsigned long w, struct hits *h)
{
	const struct ksplice_stack_check *c = s->check;
	unsigned int i, j;

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

/* The words of t's stack that are live: from its stack pointer to the top. */
struct words {
	const unsigned long *p, *end;
};

static struct words live_words(const struct scan *s, struct task_struct *t)
{
	const unsigned long *base = task_stack_page(t);
	const unsigned long *p = (const unsigned long *)ALIGN_DOWN(stack_pointer(t, s->check->sp),
								   sizeof(*p));
	struct words w = { .p = p, .end = base + THREAD_SIZE / sizeof(*base) };

	if (p < base || p >= w.end)
		w.p = base;	/* unknown: all of it */
	s->check->stats.words += w.end - w.p;
	return w;
}

/* Every live word; true when one lies in a range (named in h). */
static bool scan_words(const struct scan *s, struct task_struct *t, struct hits *h)
{
	struct words w = live_words(s, t);
	bool found = false;

	for (; w.p < w.end; w.p++) {
		if (unlikely(hit(s, *w.p))) {
			name_hits(s, *w.p, h);
			found = true;
		}
	}
	return found;
}

/* A return address: in a range, or just past one (a call that ends its function returns there). */
static void check_return(const struct scan *s, unsigned long addr, struct hits *h)
{
	if (hit(s, addr))
		name_hits(s, addr, h);
	if (hit(s, addr - 1))
		name_hits(s, addr - 1, h);
}

/*
 * The return addresses the function graph tracer and rethooks keep for t in
 * place of the ones they replaced on its stack (see the top); false when
 * they cannot be read.
 */
static bool scan_hidden_returns(const struct scan *s, struct task_struct *t, struct hits *h)
{
	struct llist_node *node __maybe_unused;
#ifdef CONFIG_FUNCTION_GRAPH_TRACER
	int i, top = READ_ONCE(t->curr_ret_stack);

	if (top < -1 || top >= FTRACE_RETFUNC_DEPTH || (top >= 0 && !t->ret_stack))
		return false;
	for (i = 0; i <= top; i++)
		check_return(s, t->ret_stack[i].ret, h);
#endif
#ifdef CONFIG_RETHOOK
	llist_for_each(node, t->rethooks.first)
		check_return(s, container_of(node, struct rethook_node, llist)->ret_addr, h);
#endif
#if defined(CONFIG_KRETPROBES) && !defined(CONFIG_KRETPROBE_ON_RETHOOK)
	llist_for_each(node, t->kretprobe_instances.first)
		check_return(s, container_of(node, struct kretprobe_instance, llist)->ret_addr, h);
#endif
	return true;
}

/* The conservative check: every live word and every hidden return address; false when the latter are unreadable. */
static bool scan_conservatively(const struct scan *s, struct task_struct *t, struct hits *h)
{
	scan_words(s, t, h);
	return scan_hidden_returns(s, t, h);
}

/* Whether the unwinder could report a return address that is not a word of t's stack. */
static bool translates_return_addresses(struct task_struct *t)
{
#ifdef CONFIG_FUNCTION_GRAPH_TRACER
	if (READ_ONCE(t->ret_stack))
		return true;
#endif
#ifdef CONFIG_RETHOOK
	if (!llist_empty(&t->rethooks))
		return true;
#endif
#if defined(CONFIG_KRETPROBES) && !defined(CONFIG_KRETPROBE_ON_RETHOOK)
	if (!llist_empty(&t->kretprobe_instances))
		return true;
#endif
	return false;
}

/*
 * Whether unwinding t would warn: the unwinder recovers a rethook's return
 * address with rethook_find_ret_addr, which warns on a task that is runnable
 * but not running (preempted); such a thread is scanned word by word.
 */
static bool rethook_would_warn(struct task_struct *t)
{
#ifdef CONFIG_RETHOOK
	return !llist_empty(&t->rethooks) && task_is_running(t);
#else
	return false;
#endif
}

/* Whether the unwinder could find a return address in a range on t's stack (see the top). */
static bool worth_unwinding(const struct scan *s, struct task_struct *t)
{
	struct words w;

	if (translates_return_addresses(t))
		return true;
	for (w = live_words(s, t); w.p < w.end; w.p++)
		if (unlikely(hit(s, *w.p) || hit(s, *w.p - 1)))
			return true;
	return false;
}

/*
 * Return addresses of a blocked task; false unless the unwinder went through
 * every frame, by arch_stack_walk_reliable's rules: it ends at the user
 * registers at the top of the stack or at the end-of-stack hint of a kernel
 * thread, without an error and without a frame whose return address it
 * cannot tell (anything else stopped it early).
 */
static bool scan_frames(const struct scan *s, struct task_struct *t, struct hits *h)
{
	struct unwind_state state;
	struct pt_regs *regs;
	unsigned long addr;

	s->check->stats.unwound++;
	for (unwind_start(&state, t, NULL, NULL); !unwind_done(&state) && !unwind_error(&state);
	     unwind_next_frame(&state)) {
		regs = unwind_get_entry_regs(&state, NULL);
		if (regs && user_mode(regs))
			return regs == task_pt_regs(t);
		addr = unwind_get_return_address(&state);
		if (!addr)
			return false;
		s->check->stats.frames++;
		check_return(s, addr, h);
	}
	return !unwind_error(&state);
}

/* Returns true when the task's stack holds an address inside a range. */
static bool check_task(const struct scan *s, struct task_struct *t)
{
	struct hits h = { .n = 0 };
	bool readable = true;
	unsigned int i;

	if (!task_stack_page(t) || !refcount_read(&t->stack_refcount))
		return false;	/* an exited task whose stack is gone */
	s->check->stats.tasks++;
	if (!same_thread_group(t, s->check->requester)) {
		readable = scan_conservatively(s, t, &h);
	} else if (worth_unwinding(s, t) && (rethook_would_warn(t) || !scan_frames(s, t, &h))) {
		ksplice_debug(s->st, "the unwinder did not reach the top of %s (pid %d): scanned every word\n",
			      t->comm, task_pid_nr(t));
		readable = scan_conservatively(s, t, &h);
	}
	if (!readable) {
		ksplice_conflict(s->st, "%s %d (return addresses hidden by a tracer are unreadable)\n",
				 t->comm, task_pid_nr(t));
		ksplice_debug(s->st, "code_busy: %s (pid %d): the return addresses the function graph tracer or a kretprobe hid cannot be read\n",
			      t->comm, task_pid_nr(t));
		return true;
	}
	if (s->check->leaving && within_module((unsigned long)READ_ONCE(t->restart_block.fn), s->check->leaving)) {
		/* An interrupted system call the new code set up would restart into freed memory. */
		ksplice_conflict(s->st, "%s %d (restart_block.fn %ps)\n", t->comm, task_pid_nr(t), t->restart_block.fn);
		ksplice_debug(s->st, "code_busy: %s (pid %d) will restart its system call in %ps, in the update module\n",
			      t->comm, task_pid_nr(t), t->restart_block.fn);
		return true;
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

bool ksplice_check_stacks(struct ksplice_state *st, struct ksplice_stack_check *check)
{
	struct scan s = { .st = st, .check = check, .spans = check->spans, .nspans = check->nspans };
	struct task_struct *g, *t;
	unsigned int cpu;
	bool busy;

	memset(&check->stats, 0, sizeof(check->stats));
	if (!check->nspans)
		return false;
	s.lo = check->spans[0].start;
	s.len = check->spans[check->nspans - 1].end - s.lo;

	busy = check_task(&s, &init_task);
	for_each_other_idle_task(cpu, t)
		busy |= check_task(&s, t);
	rcu_read_lock();
	for_each_process_thread(g, t)
		busy |= check_task(&s, t);
	rcu_read_unlock();
	return busy;
}
