# Cases of RestartBlockTests (Ksplice.Vm.Tests): undo and a task whose
# restart_block.fn points into the update module.  ksplice_fix_restart.ko calls
# ksplice_restart_wait() on a write to /proc/ksplice_fix_restart; the update
# fix_restart replaces it with a wait that SIGSTOP interrupts with
# -ERESTART_RESTARTBLOCK and restart_block.fn = restart_again (in the update
# module), as nanosleep does.  The cases run in this order.

RESTART=/sys/module/ksplice_fix_restart/parameters

case_restart_setup() {
	load_core
	insmod $KT/ksplice_fix_restart.ko
	insmod $KT/ksplice_fix_restart_update.ko old_addr="$(ksym ksplice_restart_wait ksplice_fix_restart)"
	expect_eq "$(stage fix_restart applied)" applied "stage"
	# A task that writes, sleeps in the new code, and is stopped there:
	# it leaves the new code and keeps restart_block.fn = restart_again.
	sh -c 'echo 1 > /proc/ksplice_fix_restart' &
	echo $! > /tmp/restart.pid
	wait_for "cat $RESTART/last" 2
	kill -STOP "$(cat /tmp/restart.pid)"
	wait_for "task_state $(cat /tmp/restart.pid)" T
}

case_undo_refused_while_a_stopped_task_would_restart_into_the_update() {
	pid=$(cat /tmp/restart.pid)
	expect_eq "$(stage fix_restart reversed)" applied "stage"
	expect_eq "$(abort_cause fix_restart)" code_busy "abort_cause"
	expect_eq "$(conflicts fix_restart)" "sh $pid (restart_block.fn restart_again [ksplice_fix_restart_update])" "conflicts"
	expect_contains "$(debug_log fix_restart)" "code_busy: sh (pid $pid) will restart its system call in restart_again [ksplice_fix_restart_update], in the update module" "debug"
	expect_contains "$(debug_log fix_restart)" "attempt 5: code_busy" "debug"
}

# What the refusal protects: SIGCONT restarts the call through restart_block.fn.
case_the_stopped_task_restarts_through_the_update() {
	pid=$(cat /tmp/restart.pid)
	kill -CONT "$pid"
	wait_for "cat $RESTART/last" 3
	kill -KILL "$pid"
	# (its parent shell has exited: a zombie until init reaps it, which no stack check looks at)
	wait_for "task_state $pid" gone
}

# task_state PID: the State letter of /proc/PID/status, or "gone" once it exited.
task_state() {
	s=$(awk '/^State:/ { print $2 }' /proc/"$1"/status 2> /dev/null)
	case "$s" in
	"" | Z) echo gone ;;
	*) echo "$s" ;;
	esac
}

case_undo_succeeds_once_the_task_is_gone() {
	expect_eq "$(stage fix_restart reversed)" reversed "stage"
	expect_eq "$(abort_cause fix_restart)" ok "abort_cause"
	expect_eq "$(conflicts fix_restart)" "" "conflicts"
	rmmod ksplice_fix_restart_update
	echo 1 > /proc/ksplice_fix_restart
	expect_eq "$(cat $RESTART/last)" 1 "the old code runs again"
	rmmod ksplice_fix_restart ksplice_core
}
