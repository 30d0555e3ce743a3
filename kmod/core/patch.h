/* SPDX-License-Identifier: GPL-2.0 */
/* Applying and reversing an update (patch.c), used by core.c. */
#ifndef KSPLICE_PATCH_H
#define KSPLICE_PATCH_H

#include "state.h"

/* Run with the core's mutex held; return the abort cause and set the stage on success. */
enum ksplice_abort ksplice_apply(struct ksplice_state *st);
enum ksplice_abort ksplice_reverse(struct ksplice_state *st);

/* From registration to unregistration: the loaded target modules stay loaded. */
void ksplice_hold_targets(struct ksplice_state *st);
void ksplice_release_targets(struct ksplice_state *st);

#endif /* KSPLICE_PATCH_H */
