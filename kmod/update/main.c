// SPDX-License-Identifier: GPL-2.0
/*
 * The fixed part of every update module: the generated descriptor (desc.c)
 * defines `ksplice_update`; this registers it with the core on load and
 * unregisters it on unload.  While the update is applied the core holds a
 * reference on this module, so it cannot be unloaded until it is reversed.
 */
#include <linux/module.h>
#include <linux/jump_label.h>
#include <linux/static_call_types.h>
#include "ksplice_abi.h"

extern struct ksplice_update ksplice_update;

/*
 * Inert keys.  ksplice-apply --partial binds the key of each __jump_table and
 * .static_call_sites entry whose key lies in a target module that is not
 * loaded to one of these, so the module loader registers those entries with a
 * key of this module instead of looking up one that does not exist.  The code
 * they belong to never runs: its function is not patched while its target is
 * absent, and the core refuses that target's load while the update is applied.
 */
struct static_key ksplice_inert_static_key __aligned(8);
struct static_call_key ksplice_inert_static_call_key __aligned(8);

static int __init ksplice_update_init(void)
{
	return ksplice_register(&ksplice_update);
}

static void __exit ksplice_update_exit(void)
{
	ksplice_unregister(&ksplice_update);
}

module_init(ksplice_update_init);
module_exit(ksplice_update_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Ksplice rebootless update");
