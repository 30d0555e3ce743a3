/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kinds of hook a patch author can attach to an update (ksplice-patch.h),
 * in wire order: struct ksplice_hook.kind is the position in this list.
 * X(name, section) where section is where ksplice-patch.h puts the hook's
 * function pointer in the patched object; ksplice-create collects them from
 * there.  When they run (core/hooks.c):
 *
 *   pre_apply     before the pause; int, non-zero refuses (call_failed)
 *   check_apply   inside the pause, after the stack check, before the jumps
 *                 are written; int, non-zero refuses (call_failed)
 *   apply         inside the pause, after the jumps are written
 *   post_apply    after the pause, once the update is applied
 *   fail_apply    after a failed apply (a refusal by a pre_apply or check_apply
 *                 hook included), so a hook can undo what an earlier one did
 *   and the same five for reverse (undo).
 *
 * The C# mirror is Ksplice.Abi.HookKinds; a test compares it.
 */
#ifndef KSPLICE_HOOK_KINDS_H
#define KSPLICE_HOOK_KINDS_H

#define KSPLICE_HOOK_KINDS(X)				\
	X(pre_apply, ".ksplice_call_pre_apply")		\
	X(check_apply, ".ksplice_call_check_apply")	\
	X(apply, ".ksplice_call_apply")			\
	X(post_apply, ".ksplice_call_post_apply")	\
	X(fail_apply, ".ksplice_call_fail_apply")	\
	X(pre_reverse, ".ksplice_call_pre_reverse")	\
	X(check_reverse, ".ksplice_call_check_reverse")	\
	X(reverse, ".ksplice_call_reverse")		\
	X(post_reverse, ".ksplice_call_post_reverse")	\
	X(fail_reverse, ".ksplice_call_fail_reverse")

#endif /* KSPLICE_HOOK_KINDS_H */
