# Cases of HiddenReturnTests (Ksplice.Vm.Tests): return addresses that a
# kretprobe or the function graph tracer replaced on a stack still count.
# ksplice_fix_hidden.ko runs a kthread "ksplice_hidden" in
# ksplice_hidden_wait(), sleeping in its callee ksplice_hidden_sleep(); the
# update fix_hidden replaces ksplice_hidden_wait.  The cases run in this order.

HIDDEN=/sys/module/ksplice_fix_hidden/parameters
TRACING=/sys/kernel/tracing

case_hidden_setup() {
	load_core
	insmod $KT/ksplice_fix_hidden.ko
	insmod $KT/ksplice_fix_hidden_update.ko old_addr="$(ksym ksplice_hidden_wait ksplice_fix_hidden)"
	expect_eq "$(stage fix_hidden)" preparing "stage"
}

# expect_busy: applying is code_busy, naming the kthread and the function.
expect_busy() {
	pid=$(pid_of ksplice_hidden)
	expect_eq "$(stage fix_hidden applied)" preparing "stage"
	expect_eq "$(abort_cause fix_hidden)" code_busy "abort_cause"
	expect_eq "$(conflicts fix_hidden)" "ksplice_hidden $pid ksplice_hidden_wait" "conflicts"
}

case_apply_blocked_behind_kretprobe() {
	echo 1 > $HIDDEN/kretprobe
	echo 1 > $HIDDEN/running
	wait_for "cat $HIDDEN/sleeping" 1
	expect_busy
	echo 0 > $HIDDEN/running
	expect_eq "$(cat $HIDDEN/returns)" 1 "returns the kretprobe saw"
	echo 0 > $HIDDEN/kretprobe
}

case_apply_blocked_behind_function_graph() {
	[ -e $TRACING/current_tracer ] || mount -t tracefs nodev $TRACING || fail "cannot mount tracefs"
	grep -qw function_graph $TRACING/available_tracers || fail "the guest kernel has no function_graph tracer"
	echo ksplice_hidden_sleep > $TRACING/set_ftrace_filter
	echo function_graph > $TRACING/current_tracer
	echo 1 > $HIDDEN/running
	wait_for "cat $HIDDEN/sleeping" 1
	expect_busy
	echo 0 > $HIDDEN/running
	expect_contains "$(cat $TRACING/trace)" "ksplice_hidden_sleep" "the function graph trace"
	echo nop > $TRACING/current_tracer
	echo > $TRACING/set_ftrace_filter
}

case_apply_succeeds_with_no_thread_inside() {
	expect_eq "$(stage fix_hidden applied)" applied "stage"
	expect_eq "$(stage fix_hidden reversed)" reversed "stage"
	rmmod ksplice_fix_hidden_update ksplice_fix_hidden ksplice_core
}
