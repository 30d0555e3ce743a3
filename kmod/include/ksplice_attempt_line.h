/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The debug line of an attempt that stopped the machine, in
 * /sys/kernel/ksplice/<id>/debug:
 *
 *   attempt N: <abort cause> key=value key=value ...
 *
 * one key=value per X(key, type, format) below, in this order (kmod/README.md
 * says what each measures).  An attempt that ends before stopping the machine
 * writes "attempt N: <abort cause> (before stopping the machine)" instead.
 * The C# parser is Ksplice.Abi.AttemptLine; a test compares its keys with
 * this list.
 */
#ifndef KSPLICE_ATTEMPT_LINE_H
#define KSPLICE_ATTEMPT_LINE_H

#define KSPLICE_ATTEMPT_KEYS(X)				\
	X(pause_ns, u64, "%llu")			\
	X(work_ns, s64, "%lld")				\
	X(cpus, unsigned int, "%u")			\
	X(enter_ns, s64, "%lld")			\
	X(stopped_ns, s64, "%lld")			\
	X(exit_ns, s64, "%lld")				\
	X(verify_ns, s64, "%lld")			\
	X(scan_ns, s64, "%lld")				\
	X(poke_ns, s64, "%lld")				\
	X(arrive_ns, const char *, "%s")	/* one per online CPU, comma-separated */ \
	X(prepare_ns, u64, "%llu")			\
	X(tasks, unsigned int, "%u")			\
	X(words, unsigned long, "%lu")			\
	X(unwound, unsigned int, "%u")			\
	X(frames, unsigned int, "%u")

#endif /* KSPLICE_ATTEMPT_LINE_H */
