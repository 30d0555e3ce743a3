# Cases of FtraceCoexistenceTests (Ksplice.Vm.Tests): an update of cmdline_proc_show
# (ksplice_fix_cmdline.ko) beside the kernel's own sample livepatch of the same
# function (livepatch-sample.ko), the function tracer and a kprobe, and rmmod -f of
# an applied update.  The cases run in this order and share the guest.

T=/sys/kernel/debug/tracing
LP=/sys/kernel/livepatch/livepatch_sample
LIVEPATCHED="this has been live patched"

livepatch_on() {
	insmod $KT/livepatch-sample.ko
	wait_for "cat $LP/transition" 0 300
	expect_eq "$(cat /proc/cmdline)" "$LIVEPATCHED" "/proc/cmdline with the livepatch"
}

# Disables the sample livepatch, waits until the kernel has freed it, unloads it.
livepatch_off() {
	echo 0 > $LP/enabled
	wait_for "[ -d $LP ] && echo present || echo gone" gone 300
	rmmod livepatch_sample
}

load_cmdline_update() {
	insmod $KT/ksplice_fix_cmdline.ko old_addr="$(ksym cmdline_proc_show)"
}

case_ftrace_setup() {
	load_core
	cat /proc/cmdline > /tmp/cmdline
	[ -d $T ] || fail "no tracefs at $T"
}

case_livepatch_first_refuses_update() {
	livepatch_on
	load_cmdline_update
	expect_eq "$(stage fix_cmdline applied)" preparing "stage"
	expect_eq "$(abort_cause fix_cmdline)" ftrace_conflict "abort_cause"
	debug_log fix_cmdline
	expect_contains "$(debug_log fix_cmdline)" "ftrace_conflict: cmdline_proc_show (vmlinux) at $(ksym cmdline_proc_show)" "debug"
	case "$(debug_log fix_cmdline)" in *"attempt 1"*) fail "the machine was stopped for a refused update" ;; esac
	expect_eq "$(cat /proc/cmdline)" "$LIVEPATCHED" "/proc/cmdline after the refusal"
	expect_eq "$(livepatch_taint)" 1 "TAINT_LIVEPATCH (the livepatch's)"
	rmmod ksplice_fix_cmdline
	livepatch_off
	expect_eq "$(cat /proc/cmdline)" "$(cat /tmp/cmdline)" "/proc/cmdline once the livepatch is gone"
}

case_update_first_refuses_livepatch() {
	load_cmdline_update
	expect_eq "$(stage fix_cmdline applied)" applied "stage"
	debug_log fix_cmdline
	expect_contains "$(debug_log fix_cmdline)" "reserved 1 function(s) in ftrace (IPMODIFY)" "debug"
	expect_contains "$(cat $T/enabled_functions)" "cmdline_proc_show" "enabled_functions"
	if insmod $KT/livepatch-sample.ko; then fail "the livepatch loaded over the applied update"; fi
	expect_contains "$(dmesg | tail -n 5)" "failed to register ftrace handler for function 'cmdline_proc_show' (-16)" "kernel log"
	[ ! -d $LP ] || fail "$LP exists"
	expect_eq "$(cat /proc/cmdline)" ksplice-fixture-cmdline "/proc/cmdline"
}

case_livepatch_loads_after_undo() {
	expect_eq "$(stage fix_cmdline reversed)" reversed "stage"
	expect_eq "$(cat /proc/cmdline)" "$(cat /tmp/cmdline)" "/proc/cmdline after the undo"
	case "$(cat $T/enabled_functions)" in *cmdline_proc_show*) fail "the reservation outlived the undo" ;; esac
	rmmod ksplice_fix_cmdline
	livepatch_on
	livepatch_off
	expect_eq "$(cat /proc/cmdline)" "$(cat /tmp/cmdline)" "/proc/cmdline once the livepatch is gone"
}

case_tracer_and_kprobe_while_applied() {
	load_cmdline_update
	expect_eq "$(stage fix_cmdline applied)" applied "stage"
	echo cmdline_proc_show > $T/set_ftrace_filter
	echo function > $T/current_tracer
	echo > $T/trace
	expect_eq "$(cat /proc/cmdline)" ksplice-fixture-cmdline "/proc/cmdline while traced"
	expect_contains "$(cat $T/trace)" "cmdline_proc_show <-" "function trace"
	echo 'p:ksplice_kp cmdline_proc_show' > $T/kprobe_events
	echo 1 > $T/events/kprobes/ksplice_kp/enable
	echo > $T/trace
	expect_eq "$(cat /proc/cmdline)" ksplice-fixture-cmdline "/proc/cmdline with a kprobe"
	expect_contains "$(cat $T/trace)" "ksplice_kp: (cmdline_proc_show+0x0/" "kprobe trace"
	echo 0 > $T/events/kprobes/ksplice_kp/enable
	echo '-:ksplice_kp' >> $T/kprobe_events
	echo nop > $T/current_tracer
	echo > $T/set_ftrace_filter
	expect_eq "$(cat $T/kprobe_events)" "" "kprobe_events after removal"
	expect_eq "$(cat /proc/cmdline)" ksplice-fixture-cmdline "/proc/cmdline after the tracers are gone"
	expect_eq "$(stage fix_cmdline reversed)" reversed "stage after undo"
	expect_eq "$(cat /proc/cmdline)" "$(cat /tmp/cmdline)" "/proc/cmdline after the undo"
	rmmod ksplice_fix_cmdline
}

# Two updates of one function: the reservation stays with the first (the second
# cannot be undone after it), and the livepatch is refused until both are undone.
case_stacked_updates_share_the_reservation() {
	load_cmdline_update
	expect_eq "$(stage fix_cmdline applied)" applied "fix_cmdline stage"
	# loaded now: a fixture takes the running bytes, fix_cmdline's jump included, as expected
	insmod $KT/ksplice_fix_cmdline2.ko old_addr="$(ksym cmdline_proc_show)"
	expect_eq "$(stage fix_cmdline2 applied)" applied "fix_cmdline2 stage"
	debug_log fix_cmdline2
	expect_contains "$(debug_log fix_cmdline2)" "cmdline_proc_show: ftrace location already reserved by update fix_cmdline" "debug"
	expect_eq "$(cat /proc/cmdline)" ksplice-fixture-cmdline2 "/proc/cmdline with both applied"
	if insmod $KT/livepatch-sample.ko; then fail "the livepatch loaded over two updates"; fi
	expect_eq "$(stage fix_cmdline2 reversed)" reversed "fix_cmdline2 stage after undo"
	if insmod $KT/livepatch-sample.ko; then fail "the livepatch loaded over fix_cmdline"; fi
	expect_eq "$(cat /proc/cmdline)" ksplice-fixture-cmdline "/proc/cmdline back to fix_cmdline"
	expect_eq "$(stage fix_cmdline reversed)" reversed "fix_cmdline stage after undo"
	rmmod ksplice_fix_cmdline2 ksplice_fix_cmdline
	livepatch_on
	livepatch_off
}

# What the reservation costs a call: cmdline_proc_show called directly in a loop
# (ksplice_fix_callbench.ko), unpatched, applied (the fentry call into the ops'
# ftrace trampoline and its empty callback, then our jump to the new code) and with
# the function tracer on it.  Printed, not asserted: under TCG these are the
# emulator's nanoseconds.
ns_per_call() {
	insmod $KT/ksplice_fix_callbench.ko addr="$(ksym cmdline_proc_show)"
	rmmod ksplice_fix_callbench
	dmesg | grep -o 'ksplice_fix_callbench: calls=.*' | tail -n 1 | sed 's/.*ns_per_call=//'
}

case_cost_per_call() {
	load_cmdline_update
	echo "unpatched: $(ns_per_call) ns per call"
	expect_eq "$(stage fix_cmdline applied)" applied "stage"
	echo "applied (reservation + jump): $(ns_per_call) ns per call"
	echo cmdline_proc_show > $T/set_ftrace_filter
	echo function > $T/current_tracer
	echo "applied and traced by the function tracer: $(ns_per_call) ns per call"
	echo nop > $T/current_tracer
	echo > $T/set_ftrace_filter
	expect_eq "$(stage fix_cmdline reversed)" reversed "stage after undo"
	echo "unpatched again: $(ns_per_call) ns per call"
	livepatch_on
	echo "livepatched (klp_ftrace_handler): $(ns_per_call) ns per call"
	livepatch_off
	rmmod ksplice_fix_cmdline
}

case_forced_unload_reverses() {
	load_cmdline_update
	expect_eq "$(stage fix_cmdline applied)" applied "stage"
	expect_eq "$(cat /proc/cmdline)" ksplice-fixture-cmdline "/proc/cmdline while applied"
	rmmod -f ksplice_fix_cmdline || fail "rmmod -f failed"
	if grep -q '^ksplice_fix_cmdline ' /proc/modules; then fail "ksplice_fix_cmdline is still loaded"; fi
	[ ! -d /sys/kernel/ksplice/fix_cmdline ] || fail "/sys/kernel/ksplice/fix_cmdline is left behind"
	expect_eq "$(cat /proc/cmdline)" "$(cat /tmp/cmdline)" "/proc/cmdline after rmmod -f"
	dmesg | tail -n 4
	expect_contains "$(dmesg | tail -n 4)" "Update fix_cmdline is being unloaded by force while applied; reversing it" "kernel log"
	expect_contains "$(dmesg | tail -n 4)" "Update fix_cmdline reversed successfully" "kernel log"
	# the ftrace reservation went with it
	livepatch_on
	livepatch_off
	# and the update loads and applies again
	load_cmdline_update
	expect_eq "$(stage fix_cmdline applied)" applied "stage of a reloaded update"
	expect_eq "$(stage fix_cmdline reversed)" reversed "stage after undo"
	rmmod ksplice_fix_cmdline
}

case_ftrace_core_unloads() {
	rmmod ksplice_core
}
