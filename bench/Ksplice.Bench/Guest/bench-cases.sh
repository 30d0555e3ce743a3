# Shell functions for the benchmark guest (busybox sh), sourced by the scenario Ksplice.Bench generates.
# Updates are /ksplice-test/updates/ID.tar.gz; the fixture module is /ksplice-test/ksplice_fix_stopbench.ko.

# One apply (with the core module's debug log: "attempt 1: ok pause_ns=...") and its undo.
bench_apply_undo() {
	ksplice apply --debug "$KT/updates/$1.tar.gz"
	ksplice undo "$1"
}

# One load of the fixture: 21 empty stop_machine calls, one line with their min, median and max.
bench_empty_stop_machine() {
	insmod "$KT/ksplice_fix_stopbench.ko"
	dmesg | grep "ksplice_fix_stopbench: empty stop_machine" | tail -n 1
	rmmod ksplice_fix_stopbench
}
