// SPDX-License-Identifier: GPL-2.0
/*
 * ksplice_core: module parameters, registration of updates and their sysfs
 * directory /sys/kernel/ksplice/<id>/ (see ksplice_abi.h for the contract).
 * The patching itself is in patch.c, the stack check in stack.c, and what
 * they and this file share (names, debug text, resolved helpers) in state.c.
 */
#define pr_fmt(fmt) "ksplice: " fmt

#include <linux/ctype.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include "ksplice_core_params.h"
#include "ksplice_sysfs_files.h"
#include "ftrace.h"
#include "hooks.h"
#include "patch.h"
#include "shadow.h"
#include "state.h"

/*
 * Unexported kernel helpers, resolved by user space from /proc/kallsyms
 * (ksplice_core_params.h: the parameter names are the symbol names).
 * stop_machine_cpuslocked is needed to take the locks in the kernel's own
 * order (cpu hotplug lock, then text_mutex, then stop the machine): plain
 * stop_machine() under text_mutex could deadlock against a CPU coming online,
 * which takes text_mutex with the hotplug lock held (alternatives_enable_smp).
 * idle_task gives the stack check every CPU's idle task, which is on no task
 * list (CPU 0's is init_task).  jump_label_text_reserved and
 * static_call_text_reserved tell sites.c whether a trampoline would cover
 * code the kernel rewrites at run time (kprobes asks them the same).  The
 * variables are param_<name>, since text_mutex and idle_task are the
 * kernel's own declarations.
 */
#define KSPLICE_PARAM(name, description)				\
	static unsigned long param_##name;				\
	module_param_named(name, param_##name, ulong, 0);		\
	MODULE_PARM_DESC(name, description);
KSPLICE_CORE_PARAMS(KSPLICE_PARAM)
#undef KSPLICE_PARAM

/* Serialises registration and every stage change of every update. */
static DEFINE_MUTEX(ksplice_mutex);
static struct kset *ksplice_kset;

/* ---- sysfs ---- */

static struct ksplice_state *to_state(struct kobject *kobj)
{
	return container_of(kobj, struct ksplice_state, kobj);
}

static ssize_t stage_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", ksplice_stage_name(to_state(kobj)->stage));
}

static ssize_t stage_store(struct kobject *kobj, struct kobj_attribute *attr,
			   const char *buf, size_t len)
{
	struct ksplice_state *st = to_state(kobj);
	bool apply = sysfs_streq(buf, ksplice_stage_name(KSPLICE_STAGE_applied));

	if (!apply && !sysfs_streq(buf, ksplice_stage_name(KSPLICE_STAGE_reversed)))
		return -EINVAL;

	mutex_lock(&ksplice_mutex);
	ksplice_clear_debug(st);
	if (st->stage == KSPLICE_STAGE_reversed) {
		ksplice_debug(st, "update %s was already reversed; unload it and load it again\n",
			      st->update->id);
		st->abort_cause = KSPLICE_ABORT_already_reversed;
	} else if (apply && st->stage == KSPLICE_STAGE_applied) {
		ksplice_debug(st, "update %s is already applied\n", st->update->id);
		st->abort_cause = KSPLICE_ABORT_unexpected;
	} else if (!apply && st->stage == KSPLICE_STAGE_preparing) {
		ksplice_debug(st, "update %s is not applied, nothing to reverse\n", st->update->id);
		st->abort_cause = KSPLICE_ABORT_unexpected;
	} else {
		st->abort_cause = apply ? ksplice_apply(st) : ksplice_reverse(st);
	}
	mutex_unlock(&ksplice_mutex);
	return len;
}

static ssize_t abort_cause_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", ksplice_abort_name(to_state(kobj)->abort_cause));
}

static ssize_t text_show(const char *text, size_t len, char *buf)
{
	memcpy(buf, text, len);
	return len;
}

static ssize_t conflicts_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	struct ksplice_state *st = to_state(kobj);
	ssize_t ret;

	mutex_lock(&ksplice_mutex);
	ret = text_show(st->conflicts, st->conflicts_len, buf);
	mutex_unlock(&ksplice_mutex);
	return ret;
}

static ssize_t debug_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	struct ksplice_state *st = to_state(kobj);
	ssize_t ret;

	mutex_lock(&ksplice_mutex);
	ret = text_show(st->debug, st->debug_len, buf);
	mutex_unlock(&ksplice_mutex);
	return ret;
}

static ssize_t shadows_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", ksplice_shadow_count_owned(to_state(kobj)->update->owner));
}

#define KSPLICE_ATTR(name, access, mode) \
	static struct kobj_attribute name##_attr = __ATTR_##access##_MODE(name, mode);
KSPLICE_SYSFS_FILES(KSPLICE_ATTR)
#undef KSPLICE_ATTR

static struct attribute *ksplice_attrs[] = {
#define KSPLICE_ATTR(name, access, mode) &name##_attr.attr,
	KSPLICE_SYSFS_FILES(KSPLICE_ATTR)
#undef KSPLICE_ATTR
	NULL,
};
ATTRIBUTE_GROUPS(ksplice);

static void ksplice_release(struct kobject *kobj)
{
	struct ksplice_state *st = to_state(kobj);

	kfree(st->pinned);
	kfree(st->held);
	ksplice_free_text(st);
	kfree(st);
}

static struct kobj_type ksplice_ktype = {
	.release = ksplice_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = ksplice_groups,
};

/* ---- registration ---- */

static bool valid_id(const char *id)
{
	const char *p;

	if (!id || !*id || strlen(id) > 64)
		return false;
	for (p = id; *p; p++)
		if (!isalnum(*p) && *p != '_' && *p != '-')
			return false;
	return true;
}

/* Checks what the core relies on; returns a reason, or NULL when usable. */
static const char *check_update(const struct ksplice_update *u)
{
	unsigned int i, j;

	if (u->abi_version != KSPLICE_ABI_VERSION)
		return "ABI version differs from the core's " __stringify(KSPLICE_ABI_VERSION);
	if (!valid_id(u->id))
		return "id must be 1-64 characters of [A-Za-z0-9_-]";
	if (!u->owner)
		return "owner is not set";
	if ((u->nfuncs && !u->funcs) || (u->nold_extra && !u->old_extra) ||
	    (u->nnew_extra && !u->new_extra))
		return "an array is missing";
	if (u->nhooks && !u->hooks)
		return "an array is missing";
	if (u->flags & ~KSPLICE_UPDATE_KEEP_CODE)
		return "unknown flags";
	for (i = 0; i < u->nhooks; i++) {
		const struct ksplice_hook *h = &u->hooks[i];

		if (h->kind >= KSPLICE_HOOK_COUNT)
			return "a hook of unknown kind";
		if (!h->slot || !within_module((unsigned long)h->slot, u->owner) ||
		    !within_module_core((unsigned long)*h->slot, u->owner))
			return "a hook is not a function of the update module";
	}
	for (i = 0; i < u->nfuncs; i++) {
		const struct ksplice_func *f = &u->funcs[i];

		if (!f->name || !f->target)
			return "a function has no name or target";
		if (!f->old_addr)
			continue;
		if (f->tramp_offset != 0 && f->tramp_offset != KSPLICE_FENTRY_SIZE)
			return "tramp_offset must be 0 or 5";
		if (f->old_size < f->tramp_offset + KSPLICE_TRAMP_SIZE)
			return "a function is too small for a trampoline";
		if (!f->expected)
			return "a function has no expected bytes";
		if (!f->new_addr || !within_module_core(f->new_addr, u->owner))
			return "a replacement is not inside the update module";
		for (j = 0; j < i; j++)
			if (u->funcs[j].old_addr == f->old_addr)
				return "two functions patch the same address";
	}
	return NULL;
}

int ksplice_register(struct ksplice_update *update)
{
	struct ksplice_state *st;
	struct kobject *dup;
	const char *reason = check_update(update);
	int ret;

	if (reason) {
		pr_err("Cannot register update %s: %s\n",
		       update->id && valid_id(update->id) ? update->id : "(bad id)", reason);
		return -EINVAL;
	}

	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	st->update = update;
	st->stage = KSPLICE_STAGE_preparing;
	st->abort_cause = KSPLICE_ABORT_ok;
	ret = ksplice_alloc_text(st);
	st->pinned = kcalloc(update->nfuncs ?: 1, sizeof(*st->pinned), GFP_KERNEL);
	st->held = kcalloc(update->nfuncs ?: 1, sizeof(*st->held), GFP_KERNEL);
	st->kobj.kset = ksplice_kset;
	kobject_init(&st->kobj, &ksplice_ktype);
	if (ret || !st->pinned || !st->held) {
		kobject_put(&st->kobj);
		return -ENOMEM;
	}
	ksplice_debug(st, "registered update %s: %u function(s)\n", update->id, update->nfuncs);

	mutex_lock(&ksplice_mutex);
	dup = kset_find_obj(ksplice_kset, update->id);
	if (dup) {
		kobject_put(dup);
		ret = -EEXIST;
		pr_err("Cannot register update %s: an update with this id is loaded\n", update->id);
	} else {
		ret = kobject_add(&st->kobj, NULL, "%s", update->id);
	}
	if (!ret)
		update->core_private = st;
	mutex_unlock(&ksplice_mutex);
	if (ret) {
		kobject_put(&st->kobj);
		return ret;
	}
	ksplice_hold_targets(st);
	kobject_uevent(&st->kobj, KOBJ_ADD);
	return 0;
}
EXPORT_SYMBOL_GPL(ksplice_register);

/*
 * The core holds a reference on an applied update's module, so only
 * "rmmod -f" (MODULE_FORCE_UNLOAD) gets here while applied: the kernel calls
 * module_exit anyway and then frees the code the jumps lead to.  Reverse the
 * update as an undo would (the same stack-checked attempts and hooks), so the
 * machine keeps working; when that fails, nothing can stop the unload, and the
 * next call of a patched function runs freed memory.
 */
static void reverse_forced_unload(struct ksplice_state *st)
{
	const char *id = st->update->id;
	enum ksplice_abort ret;

	pr_warn("Update %s is being unloaded by force while applied; reversing it (use ksplice-undo, never rmmod -f)\n",
		id);
	ksplice_clear_debug(st);
	ret = ksplice_reverse(st);
	st->abort_cause = ret;
	if (ret == KSPLICE_ABORT_ok)
		return;
	/* The state goes with the module; a livepatch may take the functions over now. */
	ksplice_ftrace_release(st);
	add_taint(TAINT_WARN, LOCKDEP_STILL_OK);
	pr_crit("Update %s was unloaded by force and could NOT be reversed (%s): the functions it patched now jump into freed memory; reboot this machine\n",
		id, ksplice_abort_name(ret));
}

void ksplice_unregister(struct ksplice_update *update)
{
	struct ksplice_state *st = update->core_private;
	unsigned int freed;

	if (!st)
		return;
	mutex_lock(&ksplice_mutex);
	if (st->stage == KSPLICE_STAGE_applied)
		reverse_forced_unload(st);
	update->core_private = NULL;
	mutex_unlock(&ksplice_mutex);
	ksplice_release_targets(st);
	/* RCU callbacks the new code queued run now, before the module's memory is freed. */
	rcu_barrier();
	freed = ksplice_shadow_free_owned(update->owner);
	if (freed)
		pr_info("Update %s unloaded; freed %u shadow variable(s) it left\n", update->id, freed);
	/* Outside the mutex: removing the files waits for their readers and writers. */
	kobject_del(&st->kobj);
	kobject_put(&st->kobj);
}
EXPORT_SYMBOL_GPL(ksplice_unregister);

/* ---- modules loaded while an update is applied ---- */

/*
 * An update applied with --partial skipped the functions of targets that were
 * not loaded (old_addr 0).  Loading such a target now would run the code the
 * update fixes: refuse the load, and note cold_update_loaded on the update.
 */
static int ksplice_module_notify(struct notifier_block *nb, unsigned long action, void *data)
{
	struct module *mod = data;
	struct kobject *k;
	int ret = 0;

	if (action != MODULE_STATE_COMING)
		return NOTIFY_DONE;
	mutex_lock(&ksplice_mutex);
	spin_lock(&ksplice_kset->list_lock);
	list_for_each_entry(k, &ksplice_kset->list, entry) {
		struct ksplice_state *st = to_state(k);
		const struct ksplice_update *u = st->update;
		unsigned int i;

		if (st->stage != KSPLICE_STAGE_applied)
			continue;
		for (i = 0; i < u->nfuncs && !ret; i++) {
			if (u->funcs[i].old_addr || strcmp(u->funcs[i].target, mod->name))
				continue;
			st->abort_cause = KSPLICE_ABORT_cold_update_loaded;
			pr_err("Refusing to load module %s: update %s changes its %s and was applied while it was not loaded; undo %s, load %s, then apply %s again\n",
			       mod->name, u->id, u->funcs[i].name, u->id, mod->name, u->id);
			ret = -EBUSY;
		}
		if (ret)
			break;
	}
	spin_unlock(&ksplice_kset->list_lock);
	mutex_unlock(&ksplice_mutex);
	return ret ? notifier_from_errno(ret) : NOTIFY_OK;
}

static struct notifier_block ksplice_module_nb = {
	.notifier_call = ksplice_module_notify,
};

/* ---- load ---- */

/* The address must be exactly the named symbol: guards against stale or wrong values. */
static int check_symbol(const char *name, unsigned long addr)
{
	char sym[KSYM_SYMBOL_LEN];
	size_t n = strlen(name);

	if (!addr) {
		pr_err("Parameter %s is missing: load with %s=0x<address of %s in /proc/kallsyms>\n",
		       name, name, name);
		return -EINVAL;
	}
	sprint_symbol(sym, addr);
	if (strncmp(sym, name, n) || strncmp(sym + n, "+0x0/", 5)) {
		pr_err("Parameter %s=0x%lx is %s, not %s: take it from /proc/kallsyms of the running kernel\n",
		       name, addr, sym, name);
		return -EINVAL;
	}
	return 0;
}

static int __init ksplice_init(void)
{
#define KSPLICE_PARAM(name, description) \
	if (check_symbol(#name, param_##name)) \
		return -EINVAL;
	KSPLICE_CORE_PARAMS(KSPLICE_PARAM)
#undef KSPLICE_PARAM
	ksplice_text_mutex = (struct mutex *)param_text_mutex;
	ksplice_stop_machine_cpuslocked = (void *)param_stop_machine_cpuslocked;
	ksplice_idle_task = (void *)param_idle_task;
	ksplice_jump_label_text_reserved = (void *)param_jump_label_text_reserved;
	ksplice_static_call_text_reserved = (void *)param_static_call_text_reserved;

	ksplice_kset = kset_create_and_add("ksplice", NULL, kernel_kobj);
	if (!ksplice_kset)
		return -ENOMEM;
	if (register_module_notifier(&ksplice_module_nb)) {
		kset_unregister(ksplice_kset);
		return -ENOMEM;
	}
	return 0;
}

static void __exit ksplice_exit(void)
{
	unregister_module_notifier(&ksplice_module_nb);
	kset_unregister(ksplice_kset);
}

module_init(ksplice_init);
module_exit(ksplice_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Ksplice core: rebootless kernel updates");
/* A version makes modpost record srcversion, which ksplice-apply compares with /sys/module/ksplice_core/srcversion. */
MODULE_VERSION(__stringify(KSPLICE_ABI_VERSION));
