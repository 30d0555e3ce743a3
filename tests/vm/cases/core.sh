# Cases of CoreModuleTests (Ksplice.Vm.Tests): ksplice_core.ko and hand-written
# updates in the booted kernel.  Each case_<name> runs in a subshell with set -e;
# the cases run in the order the test class lists them and share the guest.

case_core_refuses_without_parameters() {
	if insmod $KT/ksplice_core.ko; then fail "ksplice_core loaded without parameters"; fi
	expect_contains "$(dmesg | tail -n 4)" "ksplice: Parameter text_mutex is missing" "kernel log"
	[ ! -d /sys/kernel/ksplice ] || fail "/sys/kernel/ksplice exists"
}

case_core_refuses_wrong_address() {
	if insmod $KT/ksplice_core.ko text_mutex="$(ksym text_mutex)" \
		stop_machine_cpuslocked="$(ksym text_mutex)"; then
		fail "ksplice_core loaded with stop_machine_cpuslocked pointing at text_mutex"
	fi
	expect_contains "$(dmesg | tail -n 4)" "is text_mutex+0x0/" "kernel log"
}

case_core_loads() {
	load_core
	grep -q '^ksplice_core ' /proc/modules || fail "ksplice_core is not in /proc/modules"
	[ -d /sys/kernel/ksplice ] || fail "no /sys/kernel/ksplice"
	expect_eq "$(ls /sys/kernel/ksplice)" "" "updates registered"
}

case_apply_and_reverse_cmdline() {
	orig=$(cat /proc/cmdline)
	expect_eq "$(livepatch_taint)" 0 "TAINT_LIVEPATCH before the first apply"
	insmod $KT/ksplice_fix_cmdline.ko old_addr="$(ksym cmdline_proc_show)"
	expect_eq "$(ls /sys/kernel/ksplice/fix_cmdline | tr '\n' ' ')" "abort_cause conflicts debug shadows stage " "sysfs files"
	expect_eq "$(cat /sys/kernel/ksplice/fix_cmdline/shadows)" 0 "shadow variables of an update without any"
	expect_eq "$(stage fix_cmdline)" preparing "stage after load"
	expect_eq "$(stage fix_cmdline applied)" applied "stage after writing applied"
	expect_eq "$(abort_cause fix_cmdline)" ok "abort_cause"
	expect_eq "$(conflicts fix_cmdline)" "" "conflicts"
	expect_eq "$(cat /proc/cmdline)" ksplice-fixture-cmdline "/proc/cmdline while applied"
	expect_eq "$(livepatch_taint)" 1 "TAINT_LIVEPATCH after the apply"
	debug_log fix_cmdline
	expect_contains "$(debug_log fix_cmdline)" "attempt 1: ok pause_ns=" "debug"
	expect_contains "$(dmesg | tail -n 3)" "ksplice: Update fix_cmdline applied successfully" "kernel log"
	if rmmod ksplice_fix_cmdline; then fail "the update module was unloaded while applied"; fi
	expect_eq "$(stage fix_cmdline reversed)" reversed "stage after writing reversed"
	expect_eq "$(abort_cause fix_cmdline)" ok "abort_cause of the undo"
	debug_log fix_cmdline
	expect_eq "$(cat /proc/cmdline)" "$orig" "/proc/cmdline after the undo"
	expect_contains "$(dmesg | tail -n 3)" "ksplice: Update fix_cmdline reversed successfully" "kernel log"
	rmmod ksplice_fix_cmdline
	[ ! -d /sys/kernel/ksplice/fix_cmdline ] || fail "/sys/kernel/ksplice/fix_cmdline is left behind"
}

case_stage_writes_out_of_order() {
	insmod $KT/ksplice_fix_cmdline.ko old_addr="$(ksym cmdline_proc_show)"
	expect_eq "$(stage fix_cmdline reversed)" preparing "stage after reversed while preparing"
	expect_eq "$(abort_cause fix_cmdline)" unexpected "abort_cause of reversed while preparing"
	if echo bogus > /sys/kernel/ksplice/fix_cmdline/stage; then fail "an unknown stage word was accepted"; fi
	expect_eq "$(stage fix_cmdline applied)" applied "stage after applied"
	expect_eq "$(stage fix_cmdline applied)" applied "stage after applied twice"
	expect_eq "$(abort_cause fix_cmdline)" unexpected "abort_cause of applied twice"
	expect_eq "$(cat /proc/cmdline)" ksplice-fixture-cmdline "/proc/cmdline"
	expect_eq "$(stage fix_cmdline reversed)" reversed "stage after reversed"
	expect_eq "$(stage fix_cmdline applied)" reversed "stage after applied once reversed"
	expect_eq "$(abort_cause fix_cmdline)" already_reversed "abort_cause of applied once reversed"
	expect_eq "$(stage fix_cmdline reversed)" reversed "stage after reversed twice"
	expect_eq "$(abort_cause fix_cmdline)" already_reversed "abort_cause of reversed twice"
	rmmod ksplice_fix_cmdline
}

case_no_match_leaves_kernel_unchanged() {
	orig=$(cat /proc/cmdline)
	insmod $KT/ksplice_fix_cmdline.ko old_addr="$(ksym cmdline_proc_show)" corrupt=1
	expect_eq "$(stage fix_cmdline applied)" preparing "stage"
	expect_eq "$(abort_cause fix_cmdline)" no_match "abort_cause"
	debug_log fix_cmdline
	expect_contains "$(debug_log fix_cmdline)" "no_match: cmdline_proc_show (vmlinux)" "debug"
	expect_contains "$(debug_log fix_cmdline)" " differs at +0x" "debug"
	expect_contains "$(debug_log fix_cmdline)" "attempt 1: no_match" "debug"
	case "$(debug_log fix_cmdline)" in *"attempt 2"*) fail "no_match was retried" ;; esac
	expect_eq "$(cat /proc/cmdline)" "$orig" "/proc/cmdline"
	rmmod ksplice_fix_cmdline
}

case_target_module_not_loaded() {
	insmod $KT/ksplice_fix_cmdline.ko old_addr="$(ksym cmdline_proc_show)" target=ksplice_no_such_module
	expect_eq "$(stage fix_cmdline applied)" preparing "stage"
	expect_eq "$(abort_cause fix_cmdline)" target_not_loaded "abort_cause"
	expect_contains "$(debug_log fix_cmdline)" "module ksplice_no_such_module (for cmdline_proc_show) is not loaded" "debug"
	rmmod ksplice_fix_cmdline
}

case_function_outside_its_target() {
	insmod $KT/ksplice_fix_busy.ko
	insmod $KT/ksplice_fix_cmdline.ko old_addr="$(ksym cmdline_proc_show)" target=ksplice_fix_busy
	expect_eq "$(stage fix_cmdline applied)" preparing "stage"
	expect_eq "$(abort_cause fix_cmdline)" unexpected "abort_cause"
	expect_contains "$(debug_log fix_cmdline)" "is outside the text of ksplice_fix_busy" "debug"
	rmmod ksplice_fix_cmdline
	# the failed apply released its hold on the target module
	echo 0 > /sys/module/ksplice_fix_busy/parameters/running
	rmmod ksplice_fix_busy
}

# Loaded, not applied: the update's module is linked to its target (jump-label and static-call entries with keys
# there), so the target stays loaded until the update module goes.
case_target_module_held_while_update_loaded() {
	insmod $KT/ksplice_fix_busy.ko
	echo 0 > /sys/module/ksplice_fix_busy/parameters/running
	insmod $KT/ksplice_fix_busy_update.ko old_addr="$(ksym ksplice_busy_wait ksplice_fix_busy)"
	expect_eq "$(stage fix_busy)" preparing "stage"
	expect_contains "$(debug_log fix_busy)" "holding target module ksplice_fix_busy while the update is loaded" "debug"
	if rmmod ksplice_fix_busy 2> /dev/null; then fail "the target was unloaded while an update of it is loaded"; fi
	grep -q "^ksplice_fix_busy " /proc/modules || fail "ksplice_fix_busy is gone"
	rmmod ksplice_fix_busy_update
	rmmod ksplice_fix_busy
}

case_stacked_update_must_be_undone_first() {
	orig=$(cat /proc/cmdline)
	insmod $KT/ksplice_fix_cmdline.ko old_addr="$(ksym cmdline_proc_show)"
	expect_eq "$(stage fix_cmdline applied)" applied "fix_cmdline stage"
	insmod $KT/ksplice_fix_cmdline2.ko old_addr="$(ksym cmdline_proc_show)"
	expect_eq "$(stage fix_cmdline2 applied)" applied "fix_cmdline2 stage"
	expect_eq "$(cat /proc/cmdline)" ksplice-fixture-cmdline2 "/proc/cmdline with both applied"
	expect_eq "$(stage fix_cmdline reversed)" applied "fix_cmdline stage after undo under fix_cmdline2"
	expect_eq "$(abort_cause fix_cmdline)" module_busy "abort_cause"
	expect_contains "$(debug_log fix_cmdline)" "the trampoline of cmdline_proc_show at 0x" "debug"
	expect_eq "$(stage fix_cmdline2 reversed)" reversed "fix_cmdline2 stage"
	expect_eq "$(cat /proc/cmdline)" ksplice-fixture-cmdline "/proc/cmdline back to fix_cmdline"
	expect_eq "$(stage fix_cmdline reversed)" reversed "fix_cmdline stage"
	expect_eq "$(cat /proc/cmdline)" "$orig" "/proc/cmdline after both undone"
	rmmod ksplice_fix_cmdline2 ksplice_fix_cmdline
}

# apply A (cmdline) then B (version): both show; then undo in the order given.
two_updates() {
	cmdline=$(cat /proc/cmdline)
	version=$(cat /proc/version)
	insmod $KT/ksplice_fix_cmdline.ko old_addr="$(ksym cmdline_proc_show)"
	insmod $KT/ksplice_fix_version.ko old_addr="$(ksym version_proc_show)"
	expect_eq "$(stage fix_cmdline applied)" applied "fix_cmdline stage"
	expect_eq "$(stage fix_version applied)" applied "fix_version stage"
	expect_eq "$(cat /proc/cmdline)" ksplice-fixture-cmdline "/proc/cmdline with both applied"
	expect_eq "$(cat /proc/version)" ksplice-fixture-version "/proc/version with both applied"
	expect_eq "$(stage "$1" reversed)" reversed "$1 stage"
	if [ "$1" = fix_cmdline ]; then
		expect_eq "$(cat /proc/cmdline)" "$cmdline" "/proc/cmdline after undoing fix_cmdline"
		expect_eq "$(cat /proc/version)" ksplice-fixture-version "/proc/version still patched"
	else
		expect_eq "$(cat /proc/cmdline)" ksplice-fixture-cmdline "/proc/cmdline still patched"
		expect_eq "$(cat /proc/version)" "$version" "/proc/version after undoing fix_version"
	fi
	expect_eq "$(stage "$2" reversed)" reversed "$2 stage"
	expect_eq "$(cat /proc/cmdline)" "$cmdline" "/proc/cmdline after both undone"
	expect_eq "$(cat /proc/version)" "$version" "/proc/version after both undone"
	debug_log fix_version
	rmmod ksplice_fix_cmdline ksplice_fix_version
}

case_two_updates_undone_newest_first() {
	two_updates fix_version fix_cmdline
}

case_two_updates_undone_oldest_first() {
	two_updates fix_cmdline fix_version
}

# The trampoline of a function that starts 3 bytes before a page boundary is
# written through an alias of two pages of module text.
case_trampoline_across_a_page() {
	value=/sys/module/ksplice_fix_cross/parameters/value
	insmod $KT/ksplice_fix_cross.ko
	addr=$(ksym ksplice_cross_value ksplice_fix_cross)
	expect_eq "$(printf %s "$addr" | tail -c 3)" ffd "page offset of ksplice_cross_value"
	expect_eq "$(cat $value)" 1 "value before the apply"
	insmod $KT/ksplice_fix_cross_update.ko old_addr="$addr"
	# 5 bytes across a page cross a 16-byte boundary: no single store writes them, so an NMI could run half a jump.
	expect_eq "$(stage fix_cross applied)" preparing "stage after writing applied"
	expect_eq "$(abort_cause fix_cross)" unexpected "abort_cause"
	debug_log fix_cross
	expect_contains "$(debug_log fix_cross)" "ksplice_cross_value: the 5 bytes at $addr cannot be written in one store" "debug"
	expect_eq "$(cat $value)" 1 "value after the refusal"
	rmmod ksplice_fix_cross_update ksplice_fix_cross
}

case_empty_stop_machine_timing() {
	insmod $KT/ksplice_fix_stopbench.ko
	dmesg | grep "ksplice_fix_stopbench: empty stop_machine" | tail -n 1
	rmmod ksplice_fix_stopbench
}

case_core_unloads() {
	rmmod ksplice_core
	[ ! -d /sys/kernel/ksplice ] || fail "/sys/kernel/ksplice is left behind"
}
