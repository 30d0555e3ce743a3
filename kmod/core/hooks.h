/* SPDX-License-Identifier: GPL-2.0 */
/* The patch author's hooks (hooks.c), run by patch.c at the points ksplice_hook_kinds.h lists. */
#ifndef KSPLICE_HOOKS_H
#define KSPLICE_HOOKS_H

#include "ksplice_hook_kinds.h"
#include "state.h"

enum ksplice_hook_kind {
#define KSPLICE_HOOK_ENUM(name, section) KSPLICE_HOOK_##name,
	KSPLICE_HOOK_KINDS(KSPLICE_HOOK_ENUM)
#undef KSPLICE_HOOK_ENUM
	KSPLICE_HOOK_COUNT
};

/*
 * Runs the update's int hooks of this kind in order; the first that returns
 * non-zero stops the others and gives call_failed (noted in debug).  Safe
 * under stop_machine.
 */
enum ksplice_abort ksplice_call_checks(struct ksplice_state *st, enum ksplice_hook_kind kind);

/* Runs the update's void hooks of this kind in order.  Safe under stop_machine. */
void ksplice_call_hooks(struct ksplice_state *st, enum ksplice_hook_kind kind);

/* Whether the update has a hook of this kind. */
bool ksplice_has_hooks(const struct ksplice_update *u, enum ksplice_hook_kind kind);

const char *ksplice_hook_name(enum ksplice_hook_kind kind);

#endif /* KSPLICE_HOOKS_H */
