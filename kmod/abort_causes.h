/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The abort causes, in wire order: the text is what
 * /sys/kernel/ksplice/<id>/abort_cause shows.  This is the only C list; the C#
 * AbortCause enum (src/Ksplice.Apply/AbortCause.cs) is checked against it by
 * a test.  Include it with KSPLICE_ABORT(name) defined; no include guard.
 */
KSPLICE_ABORT(ok)
KSPLICE_ABORT(no_match)
KSPLICE_ABORT(code_busy)
KSPLICE_ABORT(module_busy)
KSPLICE_ABORT(out_of_memory)
KSPLICE_ABORT(failed_to_find)
KSPLICE_ABORT(already_reversed)
KSPLICE_ABORT(missing_export)
KSPLICE_ABORT(unexpected_running_task)
KSPLICE_ABORT(target_not_loaded)
KSPLICE_ABORT(call_failed)
KSPLICE_ABORT(cold_update_loaded)
KSPLICE_ABORT(unexpected)
