# Cases of KernelInterfaceTests (Ksplice.Vm.Tests): the C# kernel interfaces of
# Ksplice.Apply (CoreModule, KernelModules, Kallsyms, SysfsUpdate) in the booted
# kernel, through ksplice-vm-driver (tests/vm/driver).  Run in this order.

D=$KT/ksplice-vm-driver

# fails CMD...: run CMD, which must fail; its stdout and stderr go to /tmp/out.
fails() {
	if "$@" > /tmp/out 2>&1; then fail "'$*' succeeded"; fi
	cat /tmp/out
}

case_api_core_module() {
	expect_eq "$($D loaded ksplice_core)" no "ksplice_core loaded before"
	expect_eq "$($D core $KT/ksplice_core.ko)" Loaded "first EnsureLoaded"
	expect_eq "$($D core $KT/ksplice_core.ko)" AlreadyLoaded "second EnsureLoaded"
	expect_eq "$($D loaded ksplice_core)" yes "ksplice_core loaded after"
	expect_eq "$($D updates)" "" "registered updates"
}

case_api_kallsyms() {
	$D symbols cmdline_proc_show text_mutex "$(ksym cmdline_proc_show)" size:cmdline_proc_show > /tmp/out
	cat /tmp/out
	expect_eq "$(sed -n 1p /tmp/out)" "$(ksym cmdline_proc_show)" "cmdline_proc_show"
	expect_eq "$(sed -n 2p /tmp/out)" "$(ksym text_mutex)" "text_mutex"
	expect_eq "$(sed -n 3p /tmp/out)" "cmdline_proc_show+0x0 vmlinux" "containing"
	expect_contains "$(sed -n 4p /tmp/out)" "0x" "size"
	fails $D symbols ksplice_no_such_symbol
	expect_contains "$(cat /tmp/out)" "ksplice_no_such_symbol is not in vmlinux" "error"
}

case_api_apply_and_reverse() {
	orig=$(cat /proc/cmdline)
	expect_eq "$($D load $KT/ksplice_fix_cmdline.ko old_addr="$(ksym cmdline_proc_show)")" done "load"
	expect_eq "$($D updates)" fix_cmdline "registered updates"
	expect_eq "$($D apply fix_cmdline)" "stage=applied abort_cause=ok" "apply"
	expect_eq "$(cat /proc/cmdline)" ksplice-fixture-cmdline "/proc/cmdline while applied"
	fails $D unload ksplice_fix_cmdline
	expect_contains "$(cat /tmp/out)" "the module is in use" "unload while applied"
	fails $D load $KT/ksplice_fix_cmdline.ko
	expect_contains "$(cat /tmp/out)" "a module of that name is already loaded (EEXIST)" "second load"
	fails $D apply fix_cmdline
	expect_contains "$(cat /tmp/out)" "stage=applied abort_cause=unexpected" "second apply"
	expect_eq "$($D reverse fix_cmdline)" "stage=reversed abort_cause=ok" "reverse"
	expect_eq "$(cat /proc/cmdline)" "$orig" "/proc/cmdline after the undo"
	expect_eq "$($D unload ksplice_fix_cmdline)" done "unload"
	expect_eq "$($D updates)" "" "registered updates after unload"
}

case_api_module_errors() {
	fails $D unload ksplice_no_such_module
	expect_contains "$(cat /tmp/out)" "no such module is loaded (ENOENT)" "unload of a module not loaded"
	echo "not a module" > /tmp/bad.ko
	fails $D load /tmp/bad.ko
	expect_contains "$(cat /tmp/out)" "invalid module format (ENOEXEC)" "load of a non-module"
	fails $D load $KT/ksplice_fix_cmdline.ko
	expect_contains "$(cat /tmp/out)" "(EINVAL)" "load whose init fails"
}

case_api_code_busy() {
	$D load $KT/ksplice_fix_busy.ko
	wait_for "cat /sys/module/ksplice_fix_busy/parameters/last" 1
	pid=$(pid_of ksplice_busy)
	addr=$(ksym ksplice_busy_wait ksplice_fix_busy)
	$D symbols ksplice_busy_wait:ksplice_fix_busy "$addr" > /tmp/out
	expect_eq "$(sed -n 1p /tmp/out)" "$addr" "module symbol"
	expect_eq "$(sed -n 2p /tmp/out)" "ksplice_busy_wait+0x0 ksplice_fix_busy" "containing in a module"
	$D load $KT/ksplice_fix_busy_update.ko old_addr="$addr"
	set +e
	$D apply fix_busy > /tmp/out
	rc=$?
	set -e
	cat /tmp/out
	expect_eq "$rc" 3 "exit status of a refused apply"
	expect_contains "$(cat /tmp/out)" "stage=preparing abort_cause=code_busy" "apply"
	expect_contains "$(cat /tmp/out)" "conflict: command=ksplice_busy pid=$pid symbols=ksplice_busy_wait" "conflicts"
	expect_contains "$(cat /tmp/out)" "advice: Ksplice has aborted the update because the code" "advice"
	echo 0 > /sys/module/ksplice_fix_busy/parameters/running
	expect_eq "$($D apply fix_busy)" "stage=applied abort_cause=ok" "apply with the thread stopped"
	expect_eq "$($D reverse fix_busy)" "stage=reversed abort_cause=ok" "reverse"
	$D unload ksplice_fix_busy_update
	$D unload ksplice_fix_busy
}
