/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The load parameters of ksplice_core.ko: X(name, description), each the
 * address of the kernel symbol of that name in /proc/kallsyms.  The C#
 * mirror is Ksplice.Abi.CoreParameters; a test compares it.
 */
#ifndef KSPLICE_CORE_PARAMS_H
#define KSPLICE_CORE_PARAMS_H

#define KSPLICE_CORE_PARAMS(X)								\
	X(text_mutex, "address of text_mutex from /proc/kallsyms")			\
	X(stop_machine_cpuslocked, "address of stop_machine_cpuslocked() from /proc/kallsyms") \
	X(idle_task, "address of idle_task() from /proc/kallsyms")			\
	X(jump_label_text_reserved, "address of jump_label_text_reserved() from /proc/kallsyms") \
	X(static_call_text_reserved, "address of static_call_text_reserved() from /proc/kallsyms")

#endif /* KSPLICE_CORE_PARAMS_H */
