# Cases of CodeBusyTests (Ksplice.Vm.Tests): the stack check.  ksplice_fix_busy.ko
# runs a kthread "ksplice_busy" that sleeps inside ksplice_busy_wait(); the
# update fix_busy replaces that function.  The cases run in this order.

BUSY=/sys/module/ksplice_fix_busy/parameters

case_busy_setup() {
	load_core
	insmod $KT/ksplice_fix_busy.ko
	wait_for "cat $BUSY/last" 1
	insmod $KT/ksplice_fix_busy_update.ko old_addr="$(ksym ksplice_busy_wait ksplice_fix_busy)"
	expect_eq "$(stage fix_busy)" preparing "stage"
}

case_apply_blocked_by_sleeping_kthread() {
	pid=$(pid_of ksplice_busy)
	expect_eq "$(stage fix_busy applied)" preparing "stage"
	expect_eq "$(abort_cause fix_busy)" code_busy "abort_cause"
	expect_eq "$(conflicts fix_busy)" "ksplice_busy $pid ksplice_busy_wait" "conflicts"
	debug_log fix_busy
	expect_contains "$(debug_log fix_busy)" "attempt 5: code_busy" "debug"
	expect_eq "$(cat $BUSY/last)" 1 "the old code still runs"
}

case_apply_succeeds_once_kthread_stopped() {
	echo 0 > $BUSY/running
	expect_eq "$(stage fix_busy applied)" applied "stage"
	expect_eq "$(abort_cause fix_busy)" ok "abort_cause"
	expect_eq "$(conflicts fix_busy)" "" "conflicts"
	echo 0 > $BUSY/last
	echo 1 > $BUSY/running
	wait_for "cat $BUSY/last" 2
}

case_undo_blocked_by_kthread_in_new_code() {
	pid=$(pid_of ksplice_busy)
	expect_eq "$(stage fix_busy reversed)" applied "stage"
	expect_eq "$(abort_cause fix_busy)" code_busy "abort_cause"
	expect_eq "$(conflicts fix_busy)" "ksplice_busy $pid ksplice_busy_wait" "conflicts"
}

case_undo_succeeds_once_kthread_stopped() {
	echo 0 > $BUSY/running
	expect_eq "$(stage fix_busy reversed)" reversed "stage"
	expect_eq "$(abort_cause fix_busy)" ok "abort_cause"
	echo 0 > $BUSY/last
	echo 1 > $BUSY/running
	wait_for "cat $BUSY/last" 1
	echo 0 > $BUSY/running
	rmmod ksplice_fix_busy_update ksplice_fix_busy ksplice_core
}

# The idle tasks are on no task list; each online CPU's sleeps inside
# cpu_startup_entry() (the loop around do_idle()), CPU 0's being init_task.
case_idle_task_of_every_cpu_is_checked() {
	load_core
	insmod $KT/ksplice_fix_idle.ko old_addr="$(ksym cpu_startup_entry)"
	cpus=$(grep -c '^processor' /proc/cpuinfo)
	[ "$cpus" -ge 2 ] || fail "the guest has $cpus CPU(s); this case needs two"
	expected=$(cpu=0; while [ $cpu -lt "$cpus" ]; do echo "swapper/$cpu 0 cpu_startup_entry"; cpu=$((cpu + 1)); done)
	expect_eq "$(stage fix_idle applied)" preparing "stage"
	expect_eq "$(abort_cause fix_idle)" code_busy "abort_cause"
	expect_eq "$(conflicts fix_idle)" "$expected" "conflicts"
	rmmod ksplice_fix_idle ksplice_core
}
