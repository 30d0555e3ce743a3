/* SPDX-License-Identifier: GPL-2.0 */
/* The run-time patch sites a trampoline must not cover (sites.c), used by patch.c. */
#ifndef KSPLICE_SITES_H
#define KSPLICE_SITES_H

#include "state.h"

/*
 * Before anything is written, outside every lock: text_reserved (with a debug
 * line per function) when a trampoline would cover code the kernel rewrites
 * while running, else ok.
 */
enum ksplice_abort ksplice_check_sites(struct ksplice_state *st);

#endif /* KSPLICE_SITES_H */
