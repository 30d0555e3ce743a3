// SPDX-License-Identifier: GPL-2.0
/*
 * Shadow variables: data attached to an existing object by (obj, id), so an
 * update that needs a new member does not change the object's layout.  The
 * same design as livepatch's klp_shadow_*: one hash table keyed by the
 * object's address, readers under RCU, writers under a spinlock, frees after
 * a grace period.  Each shadow remembers the code that allocated it, so the
 * core can free an update's leftovers when it is undone or unloaded.
 */
#include <linux/hashtable.h>
#include <linux/module.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "ksplice-patch.h"
#include "shadow.h"

struct ksplice_shadow {
	struct hlist_node node;
	struct rcu_head rcu;
	void *obj;
	unsigned long id;
	unsigned long caller;	/* return address of the allocation */
	char data[] __aligned(sizeof(void *));
};

static DEFINE_HASHTABLE(shadow_hash, 12);
static DEFINE_SPINLOCK(shadow_lock);

static struct ksplice_shadow *find(void *obj, unsigned long id)
{
	struct ksplice_shadow *s;

	hash_for_each_possible_rcu(shadow_hash, s, node, (unsigned long)obj)
		if (s->obj == obj && s->id == id)
			return s;
	return NULL;
}

void *ksplice_shadow_get(void *obj, unsigned long id)
{
	struct ksplice_shadow *s;
	void *data = NULL;

	rcu_read_lock();
	s = find(obj, id);
	if (s)
		data = s->data;
	rcu_read_unlock();
	return data;
}
EXPORT_SYMBOL_GPL(ksplice_shadow_get);

void *ksplice_shadow_alloc(void *obj, unsigned long id, size_t size, gfp_t gfp)
{
	struct ksplice_shadow *s, *fresh;
	unsigned long flags;

	rcu_read_lock();
	s = find(obj, id);
	rcu_read_unlock();
	if (s)
		return s->data;

	/* Allocated outside the lock, which the caller's gfp may not allow sleeping under. */
	fresh = kzalloc(struct_size(fresh, data, size), gfp);
	if (!fresh)
		return NULL;
	fresh->obj = obj;
	fresh->id = id;
	fresh->caller = (unsigned long)__builtin_return_address(0);

	spin_lock_irqsave(&shadow_lock, flags);
	s = find(obj, id);
	if (!s) {
		hash_add_rcu(shadow_hash, &fresh->node, (unsigned long)obj);
		s = fresh;
		fresh = NULL;
	}
	spin_unlock_irqrestore(&shadow_lock, flags);
	kfree(fresh);		/* another CPU attached one first */
	return s->data;
}
EXPORT_SYMBOL_GPL(ksplice_shadow_alloc);

static void detach(struct ksplice_shadow *s)
{
	hash_del_rcu(&s->node);
	kfree_rcu(s, rcu);
}

void ksplice_shadow_free(void *obj, unsigned long id)
{
	struct ksplice_shadow *s;
	unsigned long flags;

	spin_lock_irqsave(&shadow_lock, flags);
	s = find(obj, id);
	if (s)
		detach(s);
	spin_unlock_irqrestore(&shadow_lock, flags);
}
EXPORT_SYMBOL_GPL(ksplice_shadow_free);

void ksplice_shadow_free_all(unsigned long id)
{
	struct ksplice_shadow *s;
	struct hlist_node *tmp;
	unsigned long flags;
	int bkt;

	spin_lock_irqsave(&shadow_lock, flags);
	hash_for_each_safe(shadow_hash, bkt, tmp, s, node)
		if (s->id == id)
			detach(s);
	spin_unlock_irqrestore(&shadow_lock, flags);
}
EXPORT_SYMBOL_GPL(ksplice_shadow_free_all);

static bool owned_by(const struct ksplice_shadow *s, const struct module *mod)
{
	return within_module(s->caller, (struct module *)mod);
}

unsigned int ksplice_shadow_count_owned(const struct module *mod)
{
	struct ksplice_shadow *s;
	unsigned int n = 0;
	int bkt;

	rcu_read_lock();
	hash_for_each_rcu(shadow_hash, bkt, s, node)
		if (owned_by(s, mod))
			n++;
	rcu_read_unlock();
	return n;
}

unsigned int ksplice_shadow_free_owned(const struct module *mod)
{
	struct ksplice_shadow *s;
	struct hlist_node *tmp;
	unsigned long flags;
	unsigned int n = 0;
	int bkt;

	spin_lock_irqsave(&shadow_lock, flags);
	hash_for_each_safe(shadow_hash, bkt, tmp, s, node) {
		if (owned_by(s, mod)) {
			detach(s);
			n++;
		}
	}
	spin_unlock_irqrestore(&shadow_lock, flags);
	return n;
}
