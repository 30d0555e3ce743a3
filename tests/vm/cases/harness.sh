# Cases of HarnessTests (Ksplice.Vm.Tests): the harness itself, in a real boot.

case_harness_output() {
	echo "hello from $(uname -r)"
	echo "to stderr" >&2
}

case_harness_exit_status() {
	echo "about to fail"
	false
	echo "not reached"
}

case_harness_kallsyms_visible() {
	expect_eq "$(cat /proc/sys/kernel/kptr_restrict)" 0 "kptr_restrict"
	addr=$(ksym cmdline_proc_show)
	[ -n "$addr" ] || fail "cmdline_proc_show is not in /proc/kallsyms"
	[ "$addr" != 0x0000000000000000 ] || fail "kallsyms addresses are hidden"
	echo "cmdline_proc_show=$addr"
}

case_harness_modprobe() {
	modprobe xfs
	grep '^xfs ' /proc/modules
	grep -q '^libcrc32c ' /proc/modules || fail "xfs's dependency libcrc32c was not loaded"
}

case_harness_warning() {
	insmod $KT/ksplice_fix_warn.ko
	rmmod ksplice_fix_warn
}

# Run alone, each in its own boot (HangTests, PanicTests): failures the harness must report.
case_hang() {
	echo sleeping
	sleep 3600
}

case_panic() {
	echo c > /proc/sysrq-trigger
}
