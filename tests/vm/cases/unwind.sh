# Cases of RequesterUnwindTests (Ksplice.Vm.Tests): the threads of the process
# that writes the stage file (the requester) are unwound instead of scanned
# word by word, and an unwind that stops early counts as incomplete.
# ksplice_fix_unwind.ko writes "applied" to an update's stage file for the
# shell that writes the update id to /proc/ksplice_unwind_orc or
# /proc/ksplice_unwind_noorc, from a relay function that keeps an address
# inside ksplice_unwind_target (the function the update fix_unwind replaces)
# in its frame.  The cases run in this order.

UNWIND=/sys/module/ksplice_fix_unwind/parameters

case_unwind_setup() {
	load_core
	insmod $KT/ksplice_fix_unwind.ko
	insmod $KT/ksplice_fix_unwind_update.ko old_addr="$(ksym ksplice_unwind_target ksplice_fix_unwind)"
	expect_eq "$(stage fix_unwind)" preparing "stage"
}

# The relay without ORC data stops the unwinder: every word of the requester
# is scanned, and the stale copy of the address blocks the update.
case_apply_busy_when_the_requesters_unwind_stops_early() {
	echo fix_unwind > /proc/ksplice_unwind_noorc
	pid=$(cat $UNWIND/writer)
	comm=$(cat /proc/"$pid"/comm)
	expect_eq "$(stage fix_unwind)" preparing "stage"
	expect_eq "$(abort_cause fix_unwind)" code_busy "abort_cause"
	expect_eq "$(conflicts fix_unwind)" "$comm $pid ksplice_unwind_target" "conflicts"
	expect_contains "$(debug_log fix_unwind)" "the unwinder did not reach the top of $comm (pid $pid): scanned every word" "debug"
}

# The relay with ORC data: the unwinder reaches the user registers, only real
# return addresses count, and the same stale word does not block the update.
case_apply_succeeds_when_the_requesters_unwind_is_complete() {
	echo fix_unwind > /proc/ksplice_unwind_orc
	expect_eq "$(stage fix_unwind)" applied "stage"
	expect_eq "$(stage fix_unwind reversed)" reversed "stage"
	rmmod ksplice_fix_unwind_update ksplice_fix_unwind ksplice_core
}
