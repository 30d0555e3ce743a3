// SPDX-License-Identifier: GPL-2.0
/*
 * No trampoline may cover code the kernel rewrites while running: a jump
 * label (static branch, tracepoint) or a static call.  When its key is
 * switched or the call retargeted, the kernel checks the bytes it expects
 * there: finding our jump it calls BUG() with text_mutex held, or (a tail
 * static call, also an e9 jmp) overwrites our jump and the fix silently goes.
 * The kernel's own answers decide, as they do for kprobes
 * (check_kprobe_address_safe): jump_label_text_reserved() and
 * static_call_text_reserved(), one row each of the table below.  Create
 * already refuses such a function from the pre object's special sections
 * (TrampolineSites); this is the check against the code actually running.
 *
 * Called once per apply, after pinning and before the attempts take
 * cpus_read_lock and text_mutex: the kernel orders jump_label_mutex and
 * static_call_mutex before text_mutex, so these checks must never run under
 * it.  In 6.1 neither takes its mutex; the entries they read (the kernel's,
 * or those of a pinned live module) no longer change.  Undo needs no check:
 * the bytes it restores are the kernel's own.
 */
#define pr_fmt(fmt) "ksplice: " fmt

#include <linux/kernel.h>
#include "sites.h"
#include "state.h"

/* A kind of site the kernel rewrites at run time, and the kernel's check for it. */
struct site_kind {
	const char *what;
	const char *check_name;
	int (**check)(void *start, void *end);
};

static const struct site_kind site_kinds[] = {
	{ "a jump label (static branch or tracepoint)", "jump_label_text_reserved",
	  &ksplice_jump_label_text_reserved },
	{ "a static call", "static_call_text_reserved", &ksplice_static_call_text_reserved },
};

enum ksplice_abort ksplice_check_sites(struct ksplice_state *st)
{
	const struct ksplice_update *u = st->update;
	enum ksplice_abort ret = KSPLICE_ABORT_ok;
	unsigned int i, k;

	for (i = 0; i < u->nfuncs; i++) {
		const struct ksplice_func *f = &u->funcs[i];
		unsigned char *start = (unsigned char *)(f->old_addr + f->tramp_offset);

		if (!f->old_addr)
			continue;
		for (k = 0; k < ARRAY_SIZE(site_kinds); k++) {
			const struct site_kind *kind = &site_kinds[k];

			/* the kernel's checks take the last byte, not one past it */
			if (!(*kind->check)(start, start + KSPLICE_TRAMP_SIZE - 1))
				continue;
			ksplice_debug(st, "text_reserved: %s (%s): its trampoline at +%u..+%u would cover %s the kernel rewrites at run time (%s); patch its callers instead, or move the change away from the function's start\n",
				      f->name, f->target, f->tramp_offset,
				      f->tramp_offset + KSPLICE_TRAMP_SIZE, kind->what, kind->check_name);
			ret = KSPLICE_ABORT_text_reserved;
		}
	}
	return ret;
}
