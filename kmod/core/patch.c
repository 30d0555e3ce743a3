// SPDX-License-Identifier: GPL-2.0
/*
 * Applying and reversing an update: pin the modules involved, then up to
 * five attempts, one second apart, of
 *   cpus_read_lock -> text_mutex -> stop_machine_cpuslocked(every online CPU)
 * in which the first CPU to arrive verifies the running bytes, checks every
 * stack and writes (or removes) the trampolines while the others wait; then
 * every CPU serialises its instruction stream with sync_core().
 */
#define pr_fmt(fmt) "ksplice: " fmt

#include <linux/cpu.h>
#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <asm/sync_core.h>
#include "ksplice_core.h"

#define ATTEMPTS 5
#define RETRY_DELAY_MS 1000

struct stop_ctx {
	struct ksplice_state *st;
	bool reverse;
	struct ksplice_stack_check check;
	atomic_t arrived;
	int done;
	enum ksplice_abort result;
	u64 work_ns;
};

static void make_trampoline(const struct ksplice_func *f, unsigned char *insn)
{
	unsigned long from = f->old_addr + f->tramp_offset + KSPLICE_TRAMP_SIZE;
	s32 rel = (s32)(long)(f->new_addr - from);

	insn[0] = 0xe9;
	memcpy(insn + 1, &rel, sizeof(rel));
}

static bool rel32_reaches(const struct ksplice_func *f)
{
	long d = (long)(f->new_addr - (f->old_addr + f->tramp_offset + KSPLICE_TRAMP_SIZE));

	return d == (long)(s32)d;
}

/* ---- under stop_machine ---- */

static enum ksplice_abort verify_old_code(struct ksplice_state *st)
{
	const struct ksplice_update *u = st->update;
	unsigned int i;
	unsigned long off;

	for (i = 0; i < u->nfuncs; i++) {
		const struct ksplice_func *f = &u->funcs[i];
		const unsigned char *live = (const unsigned char *)f->old_addr;

		if (!f->old_addr || !memcmp(live, f->expected, f->old_size))
			continue;
		for (off = 0; live[off] == f->expected[off]; off++)
			;
		ksplice_debug(st, "no_match: %s (%s) at 0x%lx differs at +0x%lx: expected %*ph, running %*ph\n",
			      f->name, f->target, f->old_addr, off,
			      (int)min(8UL, f->old_size - off), f->expected + off,
			      (int)min(8UL, f->old_size - off), live + off);
		return KSPLICE_ABORT_no_match;
	}
	return KSPLICE_ABORT_ok;
}

static enum ksplice_abort write_trampolines(struct ksplice_state *st)
{
	struct ksplice_update *u = st->update;
	unsigned char insn[KSPLICE_TRAMP_SIZE];
	unsigned int i;

	for (i = 0; i < u->nfuncs; i++) {
		struct ksplice_func *f = &u->funcs[i];
		void *site = (void *)(f->old_addr + f->tramp_offset);

		if (!f->old_addr)
			continue;
		make_trampoline(f, insn);
		memcpy(f->saved, site, KSPLICE_TRAMP_SIZE);
		ksplice_text_poke(site, insn, KSPLICE_TRAMP_SIZE);
	}
	return KSPLICE_ABORT_ok;
}

/* Undo is refused when someone else has changed our trampolines or uses the update. */
static enum ksplice_abort verify_trampolines(struct ksplice_state *st)
{
	const struct ksplice_update *u = st->update;
	unsigned char insn[KSPLICE_TRAMP_SIZE];
	unsigned int i, refs;

	for (i = 0; i < u->nfuncs; i++) {
		const struct ksplice_func *f = &u->funcs[i];
		const void *site = (const void *)(f->old_addr + f->tramp_offset);

		if (!f->old_addr)
			continue;
		make_trampoline(f, insn);
		if (memcmp(site, insn, KSPLICE_TRAMP_SIZE)) {
			ksplice_debug(st, "module_busy: the trampoline of %s at 0x%lx was overwritten: %*ph (another update or tracer patched it; undo that first)\n",
				      f->name, (unsigned long)site, KSPLICE_TRAMP_SIZE, site);
			return KSPLICE_ABORT_module_busy;
		}
	}
	/* Our own reference is one; any other holder uses the update's code. */
	refs = module_refcount(u->owner);
	if (refs > 1) {
		ksplice_debug(st, "module_busy: update module %s has %u other user(s)\n",
			      u->owner->name, refs - 1);
		return KSPLICE_ABORT_module_busy;
	}
	return KSPLICE_ABORT_ok;
}

static enum ksplice_abort remove_trampolines(struct ksplice_state *st)
{
	const struct ksplice_update *u = st->update;
	unsigned int i;

	for (i = 0; i < u->nfuncs; i++) {
		const struct ksplice_func *f = &u->funcs[i];

		if (f->old_addr)
			ksplice_text_poke((void *)(f->old_addr + f->tramp_offset), f->saved,
					  KSPLICE_TRAMP_SIZE);
	}
	return KSPLICE_ABORT_ok;
}

static enum ksplice_abort do_work(struct stop_ctx *ctx)
{
	struct ksplice_state *st = ctx->st;
	enum ksplice_abort ret;

	ret = ctx->reverse ? verify_trampolines(st) : verify_old_code(st);
	if (ret == KSPLICE_ABORT_ok)
		ret = ksplice_check_stacks(st, &ctx->check);
	if (ret == KSPLICE_ABORT_ok)
		ret = ctx->reverse ? remove_trampolines(st) : write_trampolines(st);
	return ret;
}

static int stop_fn(void *data)
{
	struct stop_ctx *ctx = data;

	ctx->check.sp[smp_processor_id()] = current_stack_pointer;
	if (atomic_inc_return(&ctx->arrived) == 1) {
		u64 t0;

		/* Wait until every CPU has recorded where its stack is. */
		while (atomic_read(&ctx->arrived) < num_online_cpus())
			cpu_relax();
		t0 = ktime_get_mono_fast_ns();
		ctx->result = do_work(ctx);
		ctx->work_ns = ktime_get_mono_fast_ns() - t0;
		smp_store_release(&ctx->done, 1);
	} else {
		while (!smp_load_acquire(&ctx->done))
			cpu_relax();
	}
	sync_core();
	return 0;
}

/* ---- outside stop_machine ---- */

static void unpin(struct ksplice_state *st)
{
	while (st->npinned)
		module_put(st->pinned[--st->npinned]);
	module_put(st->update->owner);
}

/*
 * Hold the update module and each target module (by name, through the
 * /sys/module kset, since __module_address is not exported), and check that
 * every function lies in its target's text and can be read.
 */
static enum ksplice_abort pin(struct ksplice_state *st)
{
	struct ksplice_update *u = st->update;
	struct kset *modules = THIS_MODULE->mkobj.kobj.kset;
	unsigned char buf[64];
	unsigned int i, j;
	unsigned long off;

	if (!try_module_get(u->owner)) {
		ksplice_debug(st, "unexpected: update module %s is being unloaded\n", u->owner->name);
		return KSPLICE_ABORT_unexpected;
	}
	for (i = 0; i < u->nfuncs; i++) {
		const struct ksplice_func *f = &u->funcs[i];
		struct module *mod = NULL;
		unsigned long text, text_end;

		if (!f->old_addr) {
			ksplice_debug(st, "%s (%s): skipped, target not loaded\n", f->name, f->target);
			continue;
		}
		if (strcmp(f->target, "vmlinux")) {
			struct kobject *kobj = kset_find_obj(modules, f->target);

			if (kobj) {
				mod = container_of(kobj, struct module_kobject, kobj)->mod;
				if (mod && !try_module_get(mod))
					mod = ERR_PTR(-ENOENT);
				kobject_put(kobj);
			}
			if (IS_ERR_OR_NULL(mod)) {
				ksplice_debug(st, "target_not_loaded: module %s (for %s) is not loaded\n",
					      f->target, f->name);
				goto fail_target;
			}
			for (j = 0; j < st->npinned && st->pinned[j] != mod; j++)
				;
			if (j < st->npinned)
				module_put(mod);	/* already held */
			else
				st->pinned[st->npinned++] = mod;
			text = (unsigned long)mod->core_layout.base;
			text_end = text + mod->core_layout.text_size;
		} else {
			text = __START_KERNEL_map;
			text_end = MODULES_VADDR;
		}
		if (f->old_addr < text || f->old_addr + f->old_size > text_end) {
			ksplice_debug(st, "unexpected: %s at 0x%lx+0x%lx is outside the text of %s\n",
				      f->name, f->old_addr, f->old_size, f->target);
			goto fail;
		}
		if (!rel32_reaches(f)) {
			ksplice_debug(st, "unexpected: %s: replacement 0x%lx is out of jmp range\n",
				      f->name, f->new_addr);
			goto fail;
		}
		for (off = 0; off < f->old_size; off += sizeof(buf)) {
			if (copy_from_kernel_nofault(buf, (void *)(f->old_addr + off),
						     min(sizeof(buf), f->old_size - off))) {
				ksplice_debug(st, "unexpected: %s at 0x%lx+0x%lx is not readable\n",
					      f->name, f->old_addr, f->old_size);
				goto fail;
			}
		}
		ksplice_debug(st, "%s (%s): old 0x%lx+0x%lx new 0x%lx+0x%lx trampoline at +%u\n",
			      f->name, f->target, f->old_addr, f->old_size, f->new_addr, f->new_size,
			      f->tramp_offset);
	}
	return KSPLICE_ABORT_ok;
fail_target:
	unpin(st);
	return KSPLICE_ABORT_target_not_loaded;
fail:
	unpin(st);
	return KSPLICE_ABORT_unexpected;
}

static unsigned int collect_ranges(const struct ksplice_update *u, bool reverse,
				   struct ksplice_busy_range *r)
{
	unsigned int i, n = 0;
	const struct ksplice_range *extra = reverse ? u->new_extra : u->old_extra;
	unsigned int nextra = reverse ? u->nnew_extra : u->nold_extra;

	for (i = 0; i < u->nfuncs; i++) {
		const struct ksplice_func *f = &u->funcs[i];

		if (!f->old_addr)
			continue;
		r[n].start = reverse ? f->new_addr : f->old_addr;
		r[n].end = r[n].start + (reverse ? f->new_size : f->old_size);
		r[n++].name = f->name;
	}
	for (i = 0; i < nextra; i++) {
		r[n].start = extra[i].addr;
		r[n].end = extra[i].addr + extra[i].size;
		r[n++].name = extra[i].name;
	}
	return n;
}

static enum ksplice_abort run(struct ksplice_state *st, bool reverse)
{
	const struct ksplice_update *u = st->update;
	struct stop_ctx ctx = { .st = st, .reverse = reverse, .check.requester = current };
	struct ksplice_busy_range *ranges;
	enum ksplice_abort ret = KSPLICE_ABORT_code_busy;
	int attempt, err;
	u64 t0, pause_ns;

	ranges = kcalloc(u->nfuncs + (reverse ? u->nnew_extra : u->nold_extra) + 1,
			 sizeof(*ranges), GFP_KERNEL);
	ctx.check.sp = kcalloc(nr_cpu_ids, sizeof(*ctx.check.sp), GFP_KERNEL);
	if (!ranges || !ctx.check.sp) {
		ret = KSPLICE_ABORT_out_of_memory;
		goto out;
	}
	ctx.check.ranges = ranges;
	ctx.check.nranges = collect_ranges(u, reverse, ranges);

	for (attempt = 1; attempt <= ATTEMPTS; attempt++) {
		st->conflicts_len = 0;
		st->conflicts[0] = '\0';
		atomic_set(&ctx.arrived, 0);
		ctx.done = 0;
		ctx.result = KSPLICE_ABORT_unexpected;	/* unless the worker ran */

		cpus_read_lock();
		mutex_lock(ksplice_text_mutex);
		t0 = ktime_get_mono_fast_ns();
		err = ksplice_stop_machine_cpuslocked(stop_fn, &ctx, cpu_online_mask);
		pause_ns = ktime_get_mono_fast_ns() - t0;
		mutex_unlock(ksplice_text_mutex);
		cpus_read_unlock();

		ret = ctx.result;
		if (err) {
			ksplice_debug(st, "unexpected: stop_machine failed: %d\n", err);
			ret = KSPLICE_ABORT_unexpected;
		}
		ksplice_debug(st, "attempt %d: %s pause_ns=%llu work_ns=%llu cpus=%u\n", attempt,
			      ksplice_abort_name(ret), pause_ns, ctx.work_ns, num_online_cpus());
		if (ret != KSPLICE_ABORT_code_busy || attempt == ATTEMPTS)
			break;
		msleep(RETRY_DELAY_MS);
	}
out:
	kfree(ctx.check.sp);
	kfree(ranges);
	return ret;
}

enum ksplice_abort ksplice_apply(struct ksplice_state *st)
{
	const char *id = st->update->id;
	enum ksplice_abort ret;

	ksplice_debug(st, "apply %s\n", id);
	ret = pin(st);		/* releases what it took when it fails */
	if (ret == KSPLICE_ABORT_ok) {
		ret = run(st, false);
		if (ret != KSPLICE_ABORT_ok)
			unpin(st);
	}
	if (ret != KSPLICE_ABORT_ok) {
		pr_info("Update %s not applied: %s\n", id, ksplice_abort_name(ret));
		return ret;
	}
	st->stage = KSPLICE_APPLIED;
	add_taint(TAINT_LIVEPATCH, LOCKDEP_STILL_OK);
	pr_info("Update %s applied successfully\n", id);
	return ret;
}

enum ksplice_abort ksplice_reverse(struct ksplice_state *st)
{
	const char *id = st->update->id;
	enum ksplice_abort ret;

	ksplice_debug(st, "reverse %s\n", id);
	ret = run(st, true);
	if (ret != KSPLICE_ABORT_ok) {
		pr_info("Update %s not reversed: %s\n", id, ksplice_abort_name(ret));
		return ret;
	}
	st->stage = KSPLICE_REVERSED;
	unpin(st);
	pr_info("Update %s reversed successfully\n", id);
	return ret;
}
