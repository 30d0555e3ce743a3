/* SPDX-License-Identifier: GPL-2.0 */
/* Shadow variables (shadow.c): the exported API is in ksplice-patch.h. */
#ifndef KSPLICE_SHADOW_H
#define KSPLICE_SHADOW_H

struct module;

/* How many live shadows were allocated by code of mod. */
unsigned int ksplice_shadow_count_owned(const struct module *mod);

/* Frees every shadow allocated by code of mod; returns how many. */
unsigned int ksplice_shadow_free_owned(const struct module *mod);

#endif /* KSPLICE_SHADOW_H */
