/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ftrace's IPMODIFY arbitration for the functions an update patches after
 * their fentry call (ftrace.c), used by patch.c.  Both run with the core's
 * mutex held and never with text_mutex or the CPU hotplug lock: ftrace takes
 * ftrace_lock and text_mutex itself.
 */
#ifndef KSPLICE_FTRACE_H
#define KSPLICE_FTRACE_H

#include "state.h"

/*
 * Reserves, in ftrace, every function of the update whose trampoline follows
 * the fentry call, so that no livepatch, kpatch or other IPMODIFY user can
 * redirect it while the update is applied (and the update refuses to go over
 * one that does: ftrace_conflict, naming the function in debug).  A function
 * another applied update already reserves stays that update's.  Releases what
 * it took when it fails.
 */
enum ksplice_abort ksplice_ftrace_reserve(struct ksplice_state *st);

/* Gives the update's reservation back to ftrace; nothing when it holds none. */
void ksplice_ftrace_release(struct ksplice_state *st);

#endif /* KSPLICE_FTRACE_H */
