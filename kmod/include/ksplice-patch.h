/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksplice-patch.h: for authors of a ksplice update.  ksplice-create puts this
 * file in the post tree as include/linux/ksplice-patch.h; a patch that needs
 * it adds `#include <linux/ksplice-patch.h>` to the files it changes.
 *
 * Hooks (as in the original Ksplice): name a function of the patched file,
 *
 *	static int refuse_while_busy(void) { return foo_busy ? -EBUSY : 0; }
 *	ksplice_check_apply(refuse_while_busy);
 *
 * int hooks return 0 to go on, anything else refuses the stage change with
 * the abort cause call_failed (and runs the fail_* hooks).  When they run:
 *
 *	ksplice_pre_apply(int fn(void))      before the machine is paused
 *	ksplice_check_apply(int fn(void))    paused, after the stack check, before
 *	                                     the jumps are written
 *	ksplice_apply(void fn(void))         paused, after the jumps are written
 *	ksplice_post_apply(void fn(void))    after the pause, once applied
 *	ksplice_fail_apply(void fn(void))    after a failed apply (also when a
 *	                                     pre_apply or check_apply hook refused)
 * and ksplice_pre_reverse ... ksplice_fail_reverse the same for undo.
 * check_* and apply/reverse hooks run with every CPU stopped and interrupts
 * off: they must not sleep, allocate with GFP_KERNEL or take a sleeping lock.
 * A check_* hook runs again at each retry of the pause.
 *
 * Shadow variables (as livepatch's klp_shadow_*): new data attached to an
 * object that exists before the update (a task, a socket, ...), so a fix that
 * needs a new member adds a shadow instead of changing the structure, which
 * ksplice-create refuses.  A shadow is found by (obj, id); pick an id unique
 * to the update, e.g. a constant made of its name.
 *
 *	void *ksplice_shadow_get(void *obj, unsigned long id);
 *		the shadow's data, or NULL when obj has none with that id
 *	void *ksplice_shadow_alloc(void *obj, unsigned long id, size_t size, gfp_t gfp);
 *		the existing shadow's data, or a new zeroed one of size bytes;
 *		NULL when memory runs out
 *	void ksplice_shadow_free(void *obj, unsigned long id);
 *		detaches and frees it (after an RCU grace period); call it where
 *		obj dies (e.g. the task's exit path)
 *	void ksplice_shadow_free_all(unsigned long id);
 *		every shadow with that id
 *
 * A shadow belongs to the update whose code allocated it: the core frees what
 * is left when the update is undone or unloaded, and
 * /sys/kernel/ksplice/<id>/shadows counts them meanwhile.  get is safe in any
 * context (RCU); alloc with GFP_ATOMIC in atomic context.
 */
#ifndef KSPLICE_PATCH_H
#define KSPLICE_PATCH_H

#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/types.h>

#define ksplice_call_int(name, fn)					\
	static int (*__ksplice_##name##_##fn)(void) __used		\
	__attribute__((__section__(".ksplice_call_" #name))) = fn

#define ksplice_call_void(name, fn)					\
	static void (*__ksplice_##name##_##fn)(void) __used		\
	__attribute__((__section__(".ksplice_call_" #name))) = fn

#define ksplice_pre_apply(fn)		ksplice_call_int(pre_apply, fn)
#define ksplice_check_apply(fn)		ksplice_call_int(check_apply, fn)
#define ksplice_apply(fn)		ksplice_call_void(apply, fn)
#define ksplice_post_apply(fn)		ksplice_call_void(post_apply, fn)
#define ksplice_fail_apply(fn)		ksplice_call_void(fail_apply, fn)

#define ksplice_pre_reverse(fn)		ksplice_call_int(pre_reverse, fn)
#define ksplice_check_reverse(fn)	ksplice_call_int(check_reverse, fn)
#define ksplice_reverse(fn)		ksplice_call_void(reverse, fn)
#define ksplice_post_reverse(fn)	ksplice_call_void(post_reverse, fn)
#define ksplice_fail_reverse(fn)	ksplice_call_void(fail_reverse, fn)

void *ksplice_shadow_get(void *obj, unsigned long id);
void *ksplice_shadow_alloc(void *obj, unsigned long id, size_t size, gfp_t gfp);
void ksplice_shadow_free(void *obj, unsigned long id);
void ksplice_shadow_free_all(unsigned long id);

#endif /* KSPLICE_PATCH_H */
