# Cases of ColdModuleTests (Ksplice.Vm.Tests): an update applied while a module it changes is not loaded (what
# ksplice-apply --partial does) must not let that module load and run the code the update fixes.

case_cold_target_load_refused_while_applied() {
	load_core
	insmod $KT/ksplice_fix_cold_update.ko absent=1
	expect_eq "$(stage fix_cold applied)" applied "stage (the absent target's function is skipped)"
	if insmod $KT/ksplice_fix_cold.ko 2> /tmp/cold.err; then fail "the target module loaded while the update is applied without it"; fi
	cat /tmp/cold.err
	expect_eq "$(abort_cause fix_cold)" cold_update_loaded "abort_cause"
	expect_contains "$(dmesg | tail -n 5)" "Refusing to load module ksplice_fix_cold: update fix_cold changes its ksplice_cold_target" "kernel log"
	if grep -q "^ksplice_fix_cold " /proc/modules; then fail "ksplice_fix_cold is loaded"; fi
}

case_cold_target_loads_after_undo() {
	expect_eq "$(stage fix_cold reversed)" reversed "stage"
	rmmod ksplice_fix_cold_update
	insmod $KT/ksplice_fix_cold.ko
	expect_eq "$(cat /sys/module/ksplice_fix_cold/parameters/ran)" 1 "the module's own code ran"
	rmmod ksplice_fix_cold ksplice_core
}

# A target module is pinned only once it is live: apply of an update of a loaded module works, the module cannot be
# unloaded while it is applied.
case_live_target_is_pinned() {
	load_core
	insmod $KT/ksplice_fix_cold.ko
	insmod $KT/ksplice_fix_cold_update.ko old_addr="$(ksym ksplice_cold_target ksplice_fix_cold)"
	expect_eq "$(stage fix_cold applied)" applied "stage"
	if rmmod ksplice_fix_cold 2> /dev/null; then fail "the target was unloaded while the update is applied"; fi
	expect_eq "$(stage fix_cold reversed)" reversed "stage"
	rmmod ksplice_fix_cold_update ksplice_fix_cold ksplice_core
}
