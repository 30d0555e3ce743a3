// SPDX-License-Identifier: GPL-2.0
/*
 * Applying and reversing an update: pin the modules involved, then up to
 * five attempts, one second apart, of
 *   cpus_read_lock -> text_mutex -> prepare -> stop_machine_cpuslocked(every online CPU)
 *
 * The pause holds only what needs the machine stopped.  Before it, with both
 * locks held, on the CPU that will do the work: the running bytes are checked
 * once (a mismatch fails the attempt without stopping anything); the page of
 * every trampoline site (two when the site crosses a page) is mapped a second
 * time, writable, with vmap() of its struct page (vmalloc_to_page for module
 * text, virt_to_page for the kernel image: what text_poke did before
 * poking_mm), and each alias is checked to show the same bytes as the text;
 * and the stack check reads, without deciding anything, what it will read in
 * the pause, so those lines and TLB entries are at hand.  In the pause, once
 * every CPU has recorded where its stack is, that CPU checks the running
 * bytes again, checks every task's stack, and writes (or restores) the
 * trampolines with a memcpy through the alias, reading them back as
 * text_poke does; then every CPU serialises its instruction stream with
 * sync_core().  The alias is unmapped before text_mutex is released.
 */
#define pr_fmt(fmt) "ksplice: " fmt

#include <linux/cpu.h>
#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/math64.h>
#include <asm/msr.h>
#include <asm/tsc.h>
#include <asm/sync_core.h>
#include "ksplice_attempt_line.h"
#include "ftrace.h"
#include "hooks.h"
#include "patch.h"
#include "shadow.h"
#include "sites.h"
#include "stack.h"
#include "state.h"

#define ATTEMPTS 5
#define RETRY_DELAY_MS 1000

/* One trampoline site of an attempt: where, what goes there, and the writable alias. */
struct site {
	struct ksplice_func *f;
	unsigned char *addr;		/* old_addr + tramp_offset */
	unsigned char *alias;		/* the same bytes through the vmap alias */
	unsigned char insn[KSPLICE_TRAMP_SIZE];	/* the bytes to write */
};

/* Why the bytes are not what they should be (found outside or inside the pause). */
struct mismatch {
	enum ksplice_abort cause;	/* no_match or module_busy; ok when none */
	const struct ksplice_func *f;	/* NULL: the update module has other users */
	unsigned long off;		/* no_match: first differing offset */
	unsigned char live[8];		/* the running bytes there */
	unsigned int refs;		/* module_busy by reference */
};

struct stop_ctx {
	struct ksplice_state *st;
	bool reverse;
	struct site *sites;
	unsigned int nsites;
	void *alias_area;		/* vmap() of the sites' pages, NULL outside an attempt */
	struct page **pages;
	struct ksplice_stack_check check;
	unsigned int ncpus;		/* online CPUs (stable: cpus_read_lock) */
	int worker;			/* the CPU that prepared: checks and writes */
	atomic_t arrived, left;
	int done;
	enum ksplice_abort result;
	struct mismatch mismatch;
	/* TSC stamps of the breakdown (ktime's clocksource may be slow to read, e.g. an HPET) */
	u64 c_call, c_all_in, c_verified, c_scanned, c_done, c_all_out;
	u64 *c_arrive;			/* per CPU */
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

/* ---- the byte checks: before the pause, and again inside it ---- */

/*
 * Apply: every function's running bytes are what the matcher saw.  The fentry
 * call [0, 5) of a function whose trampoline follows it is ftrace's: a call
 * while any ftrace user (our own reservation, ftrace.c, among them) traces it.
 */
static bool old_code_matches(const struct ksplice_update *u, struct mismatch *m)
{
	unsigned int i;
	unsigned long off, from;

	for (i = 0; i < u->nfuncs; i++) {
		const struct ksplice_func *f = &u->funcs[i];
		const unsigned char *live = (const unsigned char *)f->old_addr;

		from = f->tramp_offset == KSPLICE_FENTRY_SIZE ? KSPLICE_FENTRY_SIZE : 0;
		if (!f->old_addr || !memcmp(live + from, f->expected + from, f->old_size - from))
			continue;
		for (off = from; live[off] == f->expected[off]; off++)
			;
		m->cause = KSPLICE_ABORT_no_match;
		m->f = f;
		m->off = off;
		memcpy(m->live, live + off, min(sizeof(m->live), f->old_size - off));
		return false;
	}
	return true;
}

/* Undo: every trampoline is still ours, and nobody else holds the update module. */
static bool trampolines_ours(const struct stop_ctx *ctx, struct mismatch *m)
{
	const struct ksplice_update *u = ctx->st->update;
	unsigned char insn[KSPLICE_TRAMP_SIZE];
	unsigned int i, refs;

	for (i = 0; i < ctx->nsites; i++) {
		const struct site *s = &ctx->sites[i];

		make_trampoline(s->f, insn);
		if (memcmp(s->addr, insn, KSPLICE_TRAMP_SIZE)) {
			m->cause = KSPLICE_ABORT_module_busy;
			m->f = s->f;
			memcpy(m->live, s->addr, KSPLICE_TRAMP_SIZE);
			return false;
		}
	}
	/* Our own reference is one; any other holder uses the update's code. */
	refs = module_refcount(u->owner);
	if (refs > 1) {
		m->cause = KSPLICE_ABORT_module_busy;
		m->f = NULL;
		m->refs = refs;
		return false;
	}
	return true;
}

static bool bytes_ok(const struct stop_ctx *ctx, struct mismatch *m)
{
	m->cause = KSPLICE_ABORT_ok;
	return ctx->reverse ? trampolines_ours(ctx, m) : old_code_matches(ctx->st->update, m);
}

static void report_mismatch(struct ksplice_state *st, const struct mismatch *m)
{
	const struct ksplice_func *f = m->f;

	if (m->cause == KSPLICE_ABORT_no_match)
		ksplice_debug(st, "no_match: %s (%s) at 0x%lx differs at +0x%lx: expected %*ph, running %*ph\n",
			      f->name, f->target, f->old_addr, m->off,
			      (int)min(8UL, f->old_size - m->off), f->expected + m->off,
			      (int)min(8UL, f->old_size - m->off), m->live);
	else if (f)
		ksplice_debug(st, "module_busy: the trampoline of %s at 0x%lx was overwritten: %*ph (another update or tracer patched it; undo that first)\n",
			      f->name, f->old_addr + f->tramp_offset, KSPLICE_TRAMP_SIZE, m->live);
	else
		ksplice_debug(st, "module_busy: update module %s has %u other user(s)\n",
			      st->update->owner->name, m->refs - 1);
}

/* ---- the writable alias ---- */

/* The page holding a byte of kernel or module text. */
static struct page *text_page(unsigned long addr)
{
	struct page *page;

	if (addr >= MODULES_VADDR && addr < MODULES_END)
		return vmalloc_to_page((void *)addr);
	/* pin() checked the rest is the kernel image, whose pages are reserved */
	page = virt_to_page((void *)addr);
	return PageReserved(page) ? page : NULL;
}

static unsigned int site_pages(const struct site *s)
{
	return offset_in_page(s->addr) + KSPLICE_TRAMP_SIZE > PAGE_SIZE ? 2 : 1;
}

/*
 * Maps the page (two when a site crosses into the next) of every site again,
 * writable, and checks that each alias shows the same bytes as the text.
 * Runs with text_mutex held, so nothing else changes the text meanwhile.
 */
static enum ksplice_abort map_aliases(struct stop_ctx *ctx)
{
	struct ksplice_state *st = ctx->st;
	unsigned int i, j, n = 0;
	unsigned char *area;

	for (i = 0; i < ctx->nsites; i++) {
		struct site *s = &ctx->sites[i];
		unsigned long page_addr = (unsigned long)s->addr & PAGE_MASK;

		for (j = 0; j < site_pages(s); j++) {
			ctx->pages[n + j] = text_page(page_addr + j * PAGE_SIZE);
			if (!ctx->pages[n + j]) {
				ksplice_debug(st, "unexpected: no page found for the trampoline of %s at 0x%lx\n",
					      s->f->name, (unsigned long)s->addr);
				return KSPLICE_ABORT_unexpected;
			}
		}
		n += j;
	}
	if (!n)
		return KSPLICE_ABORT_ok;	/* an update of hooks only: nothing to write */
	area = vmap(ctx->pages, n, VM_MAP, PAGE_KERNEL);
	if (!area) {
		ksplice_debug(st, "out_of_memory: cannot map %u page(s) for the trampolines\n", n);
		return KSPLICE_ABORT_out_of_memory;
	}
	ctx->alias_area = area;
	for (i = 0; i < ctx->nsites; i++) {
		struct site *s = &ctx->sites[i];
		unsigned long page_addr = (unsigned long)s->addr & PAGE_MASK;

		s->alias = area + offset_in_page(s->addr);
		/* read ahead, as the stack check does: saved is written in the pause */
		ctx->check.read_ahead += READ_ONCE(s->f->saved[0]);
		for (j = 0; j < site_pages(s); j++) {
			if (memcmp(area + j * PAGE_SIZE, (void *)(page_addr + j * PAGE_SIZE), PAGE_SIZE)) {
				ksplice_debug(st, "unexpected: the alias of the page at 0x%lx (for %s) shows other bytes\n",
					      page_addr + j * PAGE_SIZE, s->f->name);
				return KSPLICE_ABORT_unexpected;
			}
		}
		area += j * PAGE_SIZE;
	}
	return KSPLICE_ABORT_ok;
}

static void unmap_aliases(struct stop_ctx *ctx)
{
	unsigned int i;

	if (ctx->alias_area)
		vunmap(ctx->alias_area);
	ctx->alias_area = NULL;
	for (i = 0; i < ctx->nsites; i++)
		ctx->sites[i].alias = NULL;
}

/* ---- under stop_machine ---- */

/*
 * Writes the 5 bytes at alias in one store, so that no CPU can fetch half a
 * jump: NMIs (the perf watchdog) and machine checks still run on CPUs that
 * stop_machine holds.  One 8-byte store when the bytes lie in an aligned
 * 8-byte word, else one 16-byte cmpxchg of their aligned 16-byte block
 * (sites_storable() checked it is one, and that the CPU has cmpxchg16b).
 */
static void store_site(unsigned char *alias, const unsigned char *insn)
{
	unsigned long a = (unsigned long)alias;

	if ((a & 7) + KSPLICE_TRAMP_SIZE <= 8) {
		u64 *word = (u64 *)(a & ~7UL);
		u64 v = READ_ONCE(*word);

		memcpy((unsigned char *)&v + (a & 7), insn, KSPLICE_TRAMP_SIZE);
		WRITE_ONCE(*word, v);
	} else {
		u64 *block = (u64 *)(a & ~15UL);
		u64 old[2] = { READ_ONCE(block[0]), READ_ONCE(block[1]) };
		u64 new[2] = { old[0], old[1] };

		memcpy((unsigned char *)new + (a & 15), insn, KSPLICE_TRAMP_SIZE);
		/* Nothing else writes here (the machine is stopped, text_mutex is held): it succeeds. */
		cmpxchg_double(&block[0], &block[1], old[0], old[1], new[0], new[1]);
	}
}

/* Whether every site can be written by store_site(); notes the first that cannot. */
static bool sites_storable(struct stop_ctx *ctx)
{
	unsigned int i;

	for (i = 0; i < ctx->nsites; i++) {
		unsigned long a = (unsigned long)ctx->sites[i].addr;

		if ((a & 7) + KSPLICE_TRAMP_SIZE <= 8)
			continue;
		if ((a & 15) + KSPLICE_TRAMP_SIZE <= 16 && system_has_cmpxchg_double())
			continue;
		ksplice_debug(ctx->st, "unexpected: %s: the %d bytes at 0x%lx cannot be written in one store (they cross a 16-byte boundary, or the CPU lacks cmpxchg16b)\n",
			      ctx->sites[i].f->name, KSPLICE_TRAMP_SIZE, a);
		return false;
	}
	return true;
}

/* Writes every site through its alias (saving what was there on apply) and reads it back. */
static void write_sites(struct stop_ctx *ctx)
{
	unsigned int i;

	for (i = 0; i < ctx->nsites; i++) {
		struct site *s = &ctx->sites[i];

		if (!ctx->reverse)
			memcpy(s->f->saved, s->addr, KSPLICE_TRAMP_SIZE);
		store_site(s->alias, s->insn);
	}
	/* As text_poke: the text must now read what was written, or something is badly wrong. */
	for (i = 0; i < ctx->nsites; i++)
		BUG_ON(memcmp(ctx->sites[i].addr, ctx->sites[i].insn, KSPLICE_TRAMP_SIZE));
}

static int stop_fn(void *data)
{
	struct stop_ctx *ctx = data;
	int cpu = smp_processor_id();

	ctx->c_arrive[cpu] = rdtsc_ordered();
	/*
	 * Where this CPU's stopper stack starts to matter for the stack check:
	 * our caller's frames.  This frame's own slots (below the frame
	 * address) hold our locals, never part of anyone's call chain.
	 */
	ctx->check.sp[cpu] = (unsigned long)__builtin_frame_address(0);
	atomic_inc(&ctx->arrived);

	if (cpu == ctx->worker) {
		/* Wait until every CPU has recorded where its stack is. */
		while (atomic_read(&ctx->arrived) < ctx->ncpus)
			cpu_relax();
		ctx->c_all_in = rdtsc_ordered();
		bytes_ok(ctx, &ctx->mismatch);
		ctx->c_verified = rdtsc_ordered();
		if (ctx->mismatch.cause != KSPLICE_ABORT_ok) {
			ctx->result = ctx->mismatch.cause;
			ctx->c_scanned = ctx->c_verified;
		} else if (ksplice_check_stacks(ctx->st, &ctx->check)) {
			ctx->result = KSPLICE_ABORT_code_busy;
			ctx->c_scanned = rdtsc_ordered();
		} else {
			ctx->c_scanned = rdtsc_ordered();
			ctx->result = ksplice_call_checks(ctx->st, ctx->reverse ?
					KSPLICE_HOOK_check_reverse : KSPLICE_HOOK_check_apply);
			if (ctx->result == KSPLICE_ABORT_ok) {
				write_sites(ctx);
				ksplice_call_hooks(ctx->st, ctx->reverse ?
						   KSPLICE_HOOK_reverse : KSPLICE_HOOK_apply);
			}
		}
		ctx->c_done = rdtsc_ordered();
		smp_store_release(&ctx->done, 1);
	} else {
		while (!smp_load_acquire(&ctx->done))
			cpu_relax();
	}
	sync_core();
	if (atomic_inc_return(&ctx->left) == ctx->ncpus)
		ctx->c_all_out = rdtsc_ordered();
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
 * The loaded module called name (through the /sys/module kset, since
 * __module_address is not exported), held; NULL when there is none or it is
 * going, or, unless coming, when it is still COMING.
 */
static struct module *get_module(const char *name, bool coming)
{
	struct kobject *kobj = kset_find_obj(THIS_MODULE->mkobj.kobj.kset, name);
	struct module *mod = NULL;

	if (!kobj)
		return NULL;
	mod = container_of(kobj, struct module_kobject, kobj)->mod;
	if (mod && ((!coming && READ_ONCE(mod->state) != MODULE_STATE_LIVE) || !try_module_get(mod)))
		mod = NULL;
	kobject_put(kobj);
	return mod;
}

/*
 * While an update module is loaded, applied or not, each of its target
 * modules that is loaded stays loaded: the loader linked the update's
 * jump-label and static-call entries to keys in the target, which unloading
 * the update walks, and code kept after a reverse may call into the target.
 */
void ksplice_hold_targets(struct ksplice_state *st)
{
	const struct ksplice_update *u = st->update;
	unsigned int i, j;

	for (i = 0; i < u->nfuncs; i++) {
		const struct ksplice_func *f = &u->funcs[i];
		struct module *mod;

		if (!f->old_addr || !strcmp(f->target, "vmlinux"))
			continue;
		mod = get_module(f->target, true);
		if (!mod)
			continue;
		for (j = 0; j < st->nheld && st->held[j] != mod; j++)
			;
		if (j < st->nheld) {
			module_put(mod);
			continue;
		}
		st->held[st->nheld++] = mod;
		ksplice_debug(st, "holding target module %s while the update is loaded\n", mod->name);
	}
}

void ksplice_release_targets(struct ksplice_state *st)
{
	while (st->nheld)
		module_put(st->held[--st->nheld]);
}

/*
 * Hold the update module and each target module (by name, through the
 * /sys/module kset, since __module_address is not exported), and check that
 * every function lies in its target's text and can be read.
 */
static enum ksplice_abort pin(struct ksplice_state *st)
{
	struct ksplice_update *u = st->update;
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
			/* A module still COMING has not run its init: its code may not be final (jump labels, alternatives). */
			mod = get_module(f->target, false);
			if (!mod) {
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

/* The sites of the functions patched (apply) or restored (undo), with the bytes to write. */
static unsigned int collect_sites(struct ksplice_update *u, bool reverse, struct site *sites)
{
	unsigned int i, n = 0;

	for (i = 0; i < u->nfuncs; i++) {
		struct ksplice_func *f = &u->funcs[i];
		struct site *s = &sites[n];

		if (!f->old_addr)
			continue;
		s->f = f;
		s->addr = (unsigned char *)(f->old_addr + f->tramp_offset);
		s->alias = NULL;
		if (reverse)
			memcpy(s->insn, f->saved, KSPLICE_TRAMP_SIZE);
		else
			make_trampoline(f, s->insn);
		n++;
	}
	return n;
}

/* TSC cycles to ns; the stamps come from different CPUs, so a difference may come out negative. */
static s64 tsc_ns(u64 from, u64 to)
{
	s64 d = (s64)(to - from);

	if (!tsc_khz)
		return d;
	return d < 0 ? -(s64)mul_u64_u32_div(-d, 1000000, tsc_khz) : (s64)mul_u64_u32_div(d, 1000000, tsc_khz);
}

/* The values of an attempt's debug line (ksplice_attempt_line.h). */
struct attempt_line {
#define KSPLICE_ATTEMPT_FIELD(key, type, format) type key;
	KSPLICE_ATTEMPT_KEYS(KSPLICE_ATTEMPT_FIELD)
#undef KSPLICE_ATTEMPT_FIELD
};

#define KSPLICE_ATTEMPT_FORMAT(key, type, format) " " #key "=" format
#define KSPLICE_ATTEMPT_VALUE(key, type, format) , line.key

static void log_attempt(struct ksplice_state *st, int attempt, enum ksplice_abort ret,
			const struct stop_ctx *ctx, u64 prepare_ns, u64 pause_ns)
{
	const struct ksplice_scan_stats *c = &ctx->check.stats;
	char arrive[64];
	size_t len = 0;
	unsigned int cpu;
	struct attempt_line line;

	arrive[0] = '\0';
	for_each_online_cpu(cpu)
		len += scnprintf(arrive + len, sizeof(arrive) - len, "%s%lld", len ? "," : "",
				 tsc_ns(ctx->c_call, ctx->c_arrive[cpu]));
	/*
	 * pause_ns: the whole stop_machine call (ktime) = enter_ns (until the
	 * last CPU is in our callback; arrive_ns: each CPU, in CPU order) +
	 * stopped_ns (until the last CPU has left it) + exit_ns.  work_ns: the
	 * part of stopped_ns until the trampolines were written = verify_ns +
	 * scan_ns + poke_ns; the rest is every CPU's sync_core and leaving.
	 * prepare_ns: before the pause (byte check, alias, reading ahead).
	 */
	line = (struct attempt_line) {
		.pause_ns = pause_ns,
		.work_ns = tsc_ns(ctx->c_all_in, ctx->c_done),
		.cpus = ctx->ncpus,
		.enter_ns = tsc_ns(ctx->c_call, ctx->c_all_in),
		.stopped_ns = tsc_ns(ctx->c_all_in, ctx->c_all_out),
		.exit_ns = (s64)pause_ns - tsc_ns(ctx->c_call, ctx->c_all_out),
		.verify_ns = tsc_ns(ctx->c_all_in, ctx->c_verified),
		.scan_ns = tsc_ns(ctx->c_verified, ctx->c_scanned),
		.poke_ns = tsc_ns(ctx->c_scanned, ctx->c_done),
		.arrive_ns = arrive,
		.prepare_ns = prepare_ns,
		.tasks = c->tasks,
		.words = c->words,
		.unwound = c->unwound,
		.frames = c->frames,
	};
	ksplice_debug(st, "attempt %d: %s" KSPLICE_ATTEMPT_KEYS(KSPLICE_ATTEMPT_FORMAT) "\n",
		      attempt, ksplice_abort_name(ret) KSPLICE_ATTEMPT_KEYS(KSPLICE_ATTEMPT_VALUE));
}

#undef KSPLICE_ATTEMPT_FORMAT
#undef KSPLICE_ATTEMPT_VALUE

static enum ksplice_abort run(struct ksplice_state *st, bool reverse)
{
	struct ksplice_update *u = st->update;
	struct stop_ctx ctx = { .st = st, .reverse = reverse, .check.requester = current };
	struct ksplice_busy_range *ranges;
	enum ksplice_abort ret = KSPLICE_ABORT_code_busy;
	int attempt, err;
	u64 t_prep, t0, pause_ns;

	ranges = kcalloc(u->nfuncs + (reverse ? u->nnew_extra : u->nold_extra) + 1,
			 sizeof(*ranges), GFP_KERNEL);
	ctx.sites = kcalloc(u->nfuncs + 1, sizeof(*ctx.sites), GFP_KERNEL);
	ctx.pages = kcalloc(2 * u->nfuncs + 1, sizeof(*ctx.pages), GFP_KERNEL);
	ctx.check.sp = kcalloc(nr_cpu_ids, sizeof(*ctx.check.sp), GFP_KERNEL);
	ctx.c_arrive = kcalloc(nr_cpu_ids, sizeof(*ctx.c_arrive), GFP_KERNEL);
	if (!ranges || !ctx.sites || !ctx.pages || !ctx.check.sp || !ctx.c_arrive) {
		ret = KSPLICE_ABORT_out_of_memory;
		goto out;
	}
	ctx.nsites = collect_sites(u, reverse, ctx.sites);
	if (!sites_storable(&ctx)) {
		ret = KSPLICE_ABORT_unexpected;
		goto out;
	}
	ctx.check.ranges = ranges;
	ctx.check.leaving = reverse ? u->owner : NULL;
	ctx.check.nranges = collect_ranges(u, reverse, ranges);
	if (ksplice_prepare_stack_check(&ctx.check)) {
		ret = KSPLICE_ABORT_out_of_memory;
		goto out;
	}

	for (attempt = 1; attempt <= ATTEMPTS; attempt++) {
		ksplice_clear_conflicts(st);
		atomic_set(&ctx.arrived, 0);
		atomic_set(&ctx.left, 0);
		ctx.done = 0;
		ctx.result = KSPLICE_ABORT_unexpected;	/* unless the worker ran */
		ctx.c_call = ctx.c_all_in = ctx.c_verified = ctx.c_scanned = ctx.c_done = ctx.c_all_out = 0;
		memset(ctx.c_arrive, 0, nr_cpu_ids * sizeof(*ctx.c_arrive));

		cpus_read_lock();
		mutex_lock(ksplice_text_mutex);
		t_prep = ktime_get_mono_fast_ns();
		/* Fail fast, without stopping the machine, when the bytes are already wrong. */
		if (!bytes_ok(&ctx, &ctx.mismatch)) {
			ret = ctx.mismatch.cause;
			report_mismatch(st, &ctx.mismatch);
		} else {
			ret = map_aliases(&ctx);
		}
		if (ret != KSPLICE_ABORT_ok) {
			unmap_aliases(&ctx);
			mutex_unlock(ksplice_text_mutex);
			cpus_read_unlock();
			ksplice_debug(st, "attempt %d: %s (before stopping the machine)\n", attempt,
				      ksplice_abort_name(ret));
			break;
		}
		/*
		 * The CPU that ran the checks and maps (its caches and TLB hold
		 * what the work reads) does the work; a migration since only
		 * makes it slower.
		 */
		ksplice_read_ahead(&ctx.check);
		ctx.ncpus = num_online_cpus();
		ctx.worker = raw_smp_processor_id();
		t0 = ktime_get_mono_fast_ns();
		ctx.c_call = rdtsc_ordered();
		err = ksplice_stop_machine_cpuslocked(stop_fn, &ctx, cpu_online_mask);
		pause_ns = ktime_get_mono_fast_ns() - t0;
		unmap_aliases(&ctx);
		mutex_unlock(ksplice_text_mutex);
		cpus_read_unlock();

		ret = ctx.result;
		if (err) {
			ksplice_debug(st, "unexpected: stop_machine failed: %d\n", err);
			ret = KSPLICE_ABORT_unexpected;
		} else if (ctx.mismatch.cause != KSPLICE_ABORT_ok) {
			report_mismatch(st, &ctx.mismatch);
		}
		log_attempt(st, attempt, ret, &ctx, t0 - t_prep, pause_ns);
		if (ret != KSPLICE_ABORT_code_busy || attempt == ATTEMPTS)
			break;
		msleep(RETRY_DELAY_MS);
	}
out:
	ksplice_free_stack_check(&ctx.check);
	kfree(ctx.c_arrive);
	kfree(ctx.check.sp);
	kfree(ctx.pages);
	kfree(ctx.sites);
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
		/* before any lock: the kernel takes its site mutexes before text_mutex */
		ret = ksplice_check_sites(st);
		if (ret == KSPLICE_ABORT_ok)
			ret = ksplice_call_checks(st, KSPLICE_HOOK_pre_apply);
		if (ret == KSPLICE_ABORT_ok)
			ret = ksplice_ftrace_reserve(st);	/* releases what it took when it fails */
		if (ret == KSPLICE_ABORT_ok) {
			ret = run(st, false);
			if (ret != KSPLICE_ABORT_ok)
				ksplice_ftrace_release(st);
		}
		if (ret != KSPLICE_ABORT_ok) {
			ksplice_call_hooks(st, KSPLICE_HOOK_fail_apply);
			unpin(st);
		}
	}
	if (ret != KSPLICE_ABORT_ok) {
		pr_info("Update %s not applied: %s\n", id, ksplice_abort_name(ret));
		return ret;
	}
	st->stage = KSPLICE_STAGE_applied;
	add_taint(TAINT_LIVEPATCH, LOCKDEP_STILL_OK);
	ksplice_call_hooks(st, KSPLICE_HOOK_post_apply);
	pr_info("Update %s applied successfully\n", id);
	return ret;
}

/*
 * The new code handed out addresses of its own functions (a timer, a work
 * item, an ops table): the kernel may still call them after the jumps are
 * gone, so the module is referenced for good and its code stays in memory.
 */
static void keep_code(struct ksplice_state *st)
{
	struct module *owner = st->update->owner;

	if (!(st->update->flags & KSPLICE_UPDATE_KEEP_CODE))
		return;
	if (READ_ONCE(owner->state) == MODULE_STATE_GOING) {
		add_taint(TAINT_WARN, LOCKDEP_STILL_OK);
		pr_crit("Update %s is being unloaded by force although its code handed out addresses of its functions; a later call of one runs freed memory\n",
			st->update->id);
		return;
	}
	__module_get(owner);
	ksplice_debug(st, "kept: the new code handed out addresses of its functions; the module stays loaded\n");
	pr_info("Update %s keeps its code in memory until reboot: it handed out addresses of its functions\n",
		st->update->id);
}

enum ksplice_abort ksplice_reverse(struct ksplice_state *st)
{
	const char *id = st->update->id;
	enum ksplice_abort ret;
	unsigned int freed;

	ksplice_debug(st, "reverse %s\n", id);
	ret = ksplice_call_checks(st, KSPLICE_HOOK_pre_reverse);
	if (ret == KSPLICE_ABORT_ok)
		ret = run(st, true);
	if (ret != KSPLICE_ABORT_ok) {
		ksplice_call_hooks(st, KSPLICE_HOOK_fail_reverse);
		pr_info("Update %s not reversed: %s\n", id, ksplice_abort_name(ret));
		return ret;
	}
	st->stage = KSPLICE_STAGE_reversed;
	/* After the jumps are gone: no other redirection can come between. */
	ksplice_ftrace_release(st);
	unpin(st);
	ksplice_call_hooks(st, KSPLICE_HOOK_post_reverse);
	/* No task runs the new code any more (the stack check said so): nothing can reach its shadows. */
	freed = ksplice_shadow_free_owned(st->update->owner);
	if (freed)
		ksplice_debug(st, "freed %u shadow variable(s)\n", freed);
	pr_info("Update %s reversed successfully%s\n", id, freed ? "; its shadow variables are freed" : "");
	keep_code(st);
	return ret;
}
