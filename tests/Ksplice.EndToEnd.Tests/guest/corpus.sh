# Shell functions for the end-to-end guest: the real ksplice commands against the booted Debian kernel.
# Each update NAME was unpacked by the host as /ksplice-test/updates/NAME/ with NAME.tar.gz, check and setup.

# Applies NAME, verifies it is live (ksplice-view, the trampoline bytes, its check), that the machine still works,
# undoes it and verifies that it is gone.
corpus_apply_undo() {
	name=$1
	dir=/ksplice-test/updates/$name
	cd "$dir"
	if [ -f setup ]; then sh ./setup; fi
	if [ -f check ] && sh ./check; then echo "FAIL: $name: check passes before the update is applied"; return 1; fi
	ksplice-apply "$name.tar.gz"
	expect_applied "$name"
	if [ -f check ] && ! sh ./check; then echo "FAIL: $name: check fails while the update is applied"; return 1; fi
	machine_works
	ksplice-undo "$name"
	expect_gone "$name"
	if [ -f check ] && sh ./check; then echo "FAIL: $name: check still passes after undo"; return 1; fi
	echo "PASS: $name"
}

# ksplice-view lists NAME as applied and every trampoline jumps into its module.
expect_applied() {
	ksplice-view | grep -q "^$1: .*\[applied\]$" || { echo "FAIL: ksplice-view does not list $1 as applied"; ksplice-view; return 1; }
	ksplice-view -v --id="$1" > /tmp/view.$1
	cat /tmp/view.$1
	grep -q "(into ksplice_$1)" /tmp/view.$1 || { echo "FAIL: no trampoline into ksplice_$1"; return 1; }
	if grep -q "no trampoline\|NOT into" /tmp/view.$1; then echo "FAIL: a function of $1 is not redirected"; return 1; fi
}

# NAME is no longer loaded: not in ksplice-view, no module, no sysfs directory.
expect_gone() {
	if ksplice-view -q | grep -qx "$1"; then echo "FAIL: $1 is still listed after undo"; return 1; fi
	if grep -q "^ksplice_$1 " /proc/modules; then echo "FAIL: ksplice_$1 is still loaded"; return 1; fi
	if [ -d "/sys/kernel/ksplice/$1" ]; then echo "FAIL: /sys/kernel/ksplice/$1 still exists"; return 1; fi
}

# fork, exec, /proc and file I/O still work.
machine_works() {
	sh -c 'exit 0'
	ls /proc/self/fd > /dev/null
	cat /proc/meminfo /proc/cmdline /proc/version > /dev/null
	echo "ksplice $$" > /tmp/io-check && grep -q "ksplice $$" /tmp/io-check
	ps > /dev/null
}
