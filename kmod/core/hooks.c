// SPDX-License-Identifier: GPL-2.0
/* The patch author's hooks: ksplice-patch.h puts them in, ksplice_hook_kinds.h says when they run. */
#include <linux/kernel.h>
#include "hooks.h"

static const char *const hook_names[] = {
#define KSPLICE_HOOK_NAME(name, section) #name,
	KSPLICE_HOOK_KINDS(KSPLICE_HOOK_NAME)
#undef KSPLICE_HOOK_NAME
};

const char *ksplice_hook_name(enum ksplice_hook_kind kind)
{
	return kind < KSPLICE_HOOK_COUNT ? hook_names[kind] : "?";
}

bool ksplice_has_hooks(const struct ksplice_update *u, enum ksplice_hook_kind kind)
{
	unsigned int i;

	for (i = 0; i < u->nhooks; i++)
		if (u->hooks[i].kind == kind)
			return true;
	return false;
}

enum ksplice_abort ksplice_call_checks(struct ksplice_state *st, enum ksplice_hook_kind kind)
{
	const struct ksplice_update *u = st->update;
	unsigned int i;

	for (i = 0; i < u->nhooks; i++) {
		int (*fn)(void);
		int ret;

		if (u->hooks[i].kind != kind)
			continue;
		fn = (int (*)(void))*u->hooks[i].slot;
		ret = fn();
		if (ret) {
			ksplice_debug(st, "call_failed: %s hook %ps returned %d\n", ksplice_hook_name(kind), fn, ret);
			return KSPLICE_ABORT_call_failed;
		}
	}
	return KSPLICE_ABORT_ok;
}

void ksplice_call_hooks(struct ksplice_state *st, enum ksplice_hook_kind kind)
{
	const struct ksplice_update *u = st->update;
	unsigned int i;

	for (i = 0; i < u->nhooks; i++) {
		if (u->hooks[i].kind == kind)
			((void (*)(void))*u->hooks[i].slot)();
	}
}
