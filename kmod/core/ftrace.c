// SPDX-License-Identifier: GPL-2.0
/*
 * ftrace's IPMODIFY arbitration.  The trampoline of a function that starts
 * with the fentry call goes after it, at +5, where ftrace never writes; but a
 * livepatch or kpatch redirects the same function at +0, through ftrace, with
 * FTRACE_OPS_FL_IPMODIFY, and its redirection runs first: our jump would
 * never run.  ftrace lets one IPMODIFY ops per function, so while an update
 * is applied the core holds one ops of its own, filtered to the fentry
 * locations of the update's functions, with a callback that does nothing.
 * Registering it fails with -EBUSY when another IPMODIFY user holds one of
 * them, and a livepatch loaded later gets -EBUSY from ftrace itself.
 *
 * While the ops is registered the fentry site is a call to its ftrace
 * trampoline, not the NOP: patch.c's byte checks leave [0, 5) of these
 * functions to ftrace.  Other ftrace users (the function tracer, kprobes on
 * ftrace) share the site as usual.
 *
 * Only SAVE_REGS-free ops: on x86 with DYNAMIC_FTRACE_WITH_ARGS, 6.1 accepts
 * IPMODIFY without FTRACE_OPS_FL_SAVE_REGS (livepatch sets it only where
 * WITH_ARGS is missing), and the callback needs no registers.  Without
 * FTRACE_OPS_FL_RECURSION the ops' own trampoline calls the callback directly.
 */
#define pr_fmt(fmt) "ksplice: " fmt

#include <linux/ftrace.h>
#include <linux/list.h>
#include <linux/slab.h>
#include "ftrace.h"

/* One update's reservation: the ops and the fentry locations it filters. */
struct reservation {
	struct list_head node;
	const struct ksplice_state *st;
	struct ftrace_ops ops;
	unsigned int nips;
	unsigned long ips[];
};

/* Every reservation held, for the functions two updates patch; the core's mutex guards it. */
static LIST_HEAD(reservations);

/* Holds the site for ftrace's arbitration; changes nothing (the jump at +5 does the work). */
static void notrace reserve_callback(unsigned long ip, unsigned long parent_ip,
				     struct ftrace_ops *op, struct ftrace_regs *fregs)
{
}

static bool has_fentry(const struct ksplice_func *f)
{
	return f->old_addr && f->tramp_offset == KSPLICE_FENTRY_SIZE;
}

static const struct reservation *holder(unsigned long ip)
{
	const struct reservation *r;
	unsigned int i;

	list_for_each_entry(r, &reservations, node)
		for (i = 0; i < r->nips; i++)
			if (r->ips[i] == ip)
				return r;
	return NULL;
}

static struct reservation *find(const struct ksplice_state *st)
{
	struct reservation *r;

	list_for_each_entry(r, &reservations, node)
		if (r->st == st)
			return r;
	return NULL;
}

static enum ksplice_abort refusal(struct ksplice_state *st, const struct ksplice_func *f, int err)
{
	if (err == -EBUSY) {
		ksplice_debug(st, "ftrace_conflict: %s (%s) at 0x%lx is already redirected through ftrace by another user (a livepatch, kpatch or other IPMODIFY ftrace_ops; see /sys/kernel/tracing/enabled_functions): disable it first\n",
			      f->name, f->target, f->old_addr);
		return KSPLICE_ABORT_ftrace_conflict;
	}
	if (err == -ENOMEM) {
		ksplice_debug(st, "out_of_memory: ftrace could not reserve %s\n", f->name);
		return KSPLICE_ABORT_out_of_memory;
	}
	ksplice_debug(st, "unexpected: ftrace refused to reserve %s (%s) at 0x%lx: %d (not an ftrace location?)\n",
		      f->name, f->target, f->old_addr, err);
	return KSPLICE_ABORT_unexpected;
}

/*
 * Registers the ops on the first location and adds the others one by one,
 * so that a refusal names its function: ftrace checks IPMODIFY at each change
 * of a registered ops' filter.
 */
static enum ksplice_abort take(struct ksplice_state *st, struct reservation *r,
			       const struct ksplice_func **funcs)
{
	unsigned int i;
	int err;

	err = ftrace_set_filter_ip(&r->ops, r->ips[0], 0, 1);
	if (!err)
		err = register_ftrace_function(&r->ops);
	if (err) {
		ftrace_free_filter(&r->ops);
		return refusal(st, funcs[0], err);
	}
	for (i = 1; i < r->nips; i++) {
		err = ftrace_set_filter_ip(&r->ops, r->ips[i], 0, 0);
		if (err) {
			unregister_ftrace_function(&r->ops);
			ftrace_free_filter(&r->ops);
			return refusal(st, funcs[i], err);
		}
	}
	return KSPLICE_ABORT_ok;
}

enum ksplice_abort ksplice_ftrace_reserve(struct ksplice_state *st)
{
	const struct ksplice_update *u = st->update;
	const struct ksplice_func **funcs;
	const struct reservation *other;
	struct reservation *r;
	enum ksplice_abort ret;
	unsigned int i, n = 0;

	r = kzalloc(struct_size(r, ips, u->nfuncs), GFP_KERNEL);
	funcs = kcalloc(u->nfuncs + 1, sizeof(*funcs), GFP_KERNEL);
	if (!r || !funcs) {
		kfree(funcs);
		kfree(r);
		return KSPLICE_ABORT_out_of_memory;
	}
	for (i = 0; i < u->nfuncs; i++) {
		const struct ksplice_func *f = &u->funcs[i];

		if (!has_fentry(f))
			continue;
		other = holder(f->old_addr);
		if (other) {
			ksplice_debug(st, "%s: ftrace location already reserved by update %s\n",
				      f->name, other->st->update->id);
			continue;
		}
		funcs[n] = f;
		r->ips[n++] = f->old_addr;
	}
	/* An ops with an empty filter would trace every function: register none. */
	if (!n) {
		kfree(funcs);
		kfree(r);
		return KSPLICE_ABORT_ok;
	}
	r->st = st;
	r->nips = n;
	r->ops.func = reserve_callback;
	r->ops.flags = FTRACE_OPS_FL_IPMODIFY;
	ret = take(st, r, funcs);
	kfree(funcs);
	if (ret != KSPLICE_ABORT_ok) {
		kfree(r);
		return ret;
	}
	list_add(&r->node, &reservations);
	ksplice_debug(st, "reserved %u function(s) in ftrace (IPMODIFY)\n", n);
	return KSPLICE_ABORT_ok;
}

void ksplice_ftrace_release(struct ksplice_state *st)
{
	struct reservation *r = find(st);
	int err;

	if (!r)
		return;
	list_del(&r->node);
	/* Waits until no CPU runs the callback (the ops is dynamic): r can be freed after. */
	err = unregister_ftrace_function(&r->ops);
	if (err)
		pr_warn("Update %s: ftrace refused to release its reservation: %d\n",
			st->update->id, err);
	ftrace_free_filter(&r->ops);
	/* Freeing an ops ftrace still lists would leave it a dangling pointer: leak it instead. */
	if (!err)
		kfree(r);
}
