// SPDX-License-Identifier: GPL-2.0
/*
 * The fixed part of every update module: the generated descriptor (desc.c)
 * defines `ksplice_update`; this registers it with the core on load and
 * unregisters it on unload.  While the update is applied the core holds a
 * reference on this module, so it cannot be unloaded until it is reversed.
 */
#include <linux/module.h>
#include "ksplice_abi.h"

extern struct ksplice_update ksplice_update;

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
