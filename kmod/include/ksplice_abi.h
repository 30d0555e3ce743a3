/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksplice_abi.h - the one contract between the ksplice core module and
 * update modules.  Update modules are generated C (Ksplice.Update) that fills
 * a struct ksplice_update and includes kmod/update/main.c, which registers it.
 *
 * Life of an update, as seen through /sys/kernel/ksplice/<id>/:
 *
 *   stage        preparing --write "applied"--> applied --write "reversed"--> reversed
 *   abort_cause  the result of the last write to stage (ksplice_abort_causes.h)
 *   conflicts    "comm pid symbol..." per task that blocked the last attempt
 *   debug        what the core did for the last write to stage (one line per
 *                attempt: ksplice_attempt_line.h)
 *   shadows      how many shadow variables the update's code has attached
 *                (ksplice-patch.h) and not yet freed
 *
 * The lists are X-macros in this directory, each mirrored in C# (Ksplice.Abi)
 * and compared with it by a test: the stages (ksplice_stages.h), the files
 * (ksplice_sysfs_files.h), the abort causes, the keys of the debug line, the
 * kinds of hook (ksplice_hook_kinds.h), and
 * the core's load parameters (ksplice_core_params.h).  This header includes
 * none of them: update modules are built with it alone.
 *
 * A write of "applied" or "reversed" always succeeds at the syscall level
 * (unknown words give -EINVAL); its outcome is abort_cause.  Writes that do
 * not fit the stage change nothing but abort_cause:
 *   "applied"  while applied   -> unexpected        (nothing to do)
 *   "reversed" while preparing -> unexpected        (was never applied)
 *   either     while reversed  -> already_reversed  (unload the module and
 *                                                   load it again to retry)
 * A failed apply leaves the stage at preparing, so it may be retried; a failed
 * undo leaves it at applied.  While applied, the core holds a reference on the
 * update module and on every target module, so neither can be unloaded.  An
 * update with KSPLICE_UPDATE_KEEP_CODE stays referenced after its reverse too:
 * its code handed out its own addresses (a timer or work callback, an ops
 * table), which the running kernel may still call, so it is never unloaded.
 */
#ifndef KSPLICE_ABI_H
#define KSPLICE_ABI_H

#define KSPLICE_ABI_VERSION 3

/* Size of the trampoline: e9 <rel32>, a jmp to the replacement. */
#define KSPLICE_TRAMP_SIZE 5

/* Size of the ftrace call (a NOP once booted) a traced function starts with. */
#define KSPLICE_FENTRY_SIZE 5

/* A range of code that is not a patched function, checked on the stacks. */
struct ksplice_range {
	const char *name;
	unsigned long addr;
	unsigned long size;
};

struct ksplice_func {
	const char *name;             /* function name, for conflicts/debug */
	const char *target;           /* "vmlinux" or the module name */
	unsigned long old_addr;       /* running function; 0 = skip this function (its target is not loaded, --partial) */
	unsigned long old_size;       /* bytes compared by the matcher */
	unsigned long new_addr;       /* replacement, inside the update module */
	unsigned long new_size;
	unsigned int tramp_offset;    /* 0, or KSPLICE_FENTRY_SIZE when the function starts with the ftrace NOP */
	const unsigned char *expected;/* old_size bytes: what the matcher saw at old_addr */
	unsigned char saved[KSPLICE_TRAMP_SIZE]; /* owned by the core: bytes replaced by the trampoline */
};

/*
 * A hook of the patch author's (ksplice-patch.h): kind is the position in
 * ksplice_hook_kinds.h, slot the pointer the patched object stored in that
 * kind's section (the module loader relocated it to the function).
 */
struct ksplice_hook {
	unsigned int kind;
	void *const *slot;
};

/* ksplice_update.flags */
#define KSPLICE_UPDATE_KEEP_CODE 0x1  /* keep the module loaded after a reverse */

struct ksplice_update {
	unsigned int abi_version;     /* KSPLICE_ABI_VERSION */
	const char *id;               /* the sysfs directory name */
	struct module *owner;         /* THIS_MODULE of the update module */
	struct ksplice_func *funcs;
	unsigned int nfuncs;
	struct ksplice_range *old_extra; /* e.g. .cold parts of old functions: stack-checked too */
	unsigned int nold_extra;
	struct ksplice_range *new_extra; /* cold parts of the new code: stack-checked on undo */
	unsigned int nnew_extra;
	const struct ksplice_hook *hooks; /* in the order the patched objects listed them */
	unsigned int nhooks;
	unsigned int flags;           /* KSPLICE_UPDATE_* */
	void *core_private;           /* owned by the core */
};

#ifdef __KERNEL__
int ksplice_register(struct ksplice_update *update);
void ksplice_unregister(struct ksplice_update *update);
#endif

#endif /* KSPLICE_ABI_H */
