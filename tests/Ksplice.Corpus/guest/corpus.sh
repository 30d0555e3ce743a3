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
	t0=$(uptime_cs)
	ksplice-apply "$name.tar.gz"
	echo "TIME: apply_cs=$(( $(uptime_cs) - t0 ))"
	expect_applied "$name"
	if [ -f check ] && ! sh ./check; then echo "FAIL: $name: check fails while the update is applied"; return 1; fi
	machine_works
	ksplice-undo "$name"
	expect_gone "$name"
	if [ -f check ] && sh ./check; then echo "FAIL: $name: check still passes after undo"; return 1; fi
	echo "PASS: $name"
}

# ksplice-view lists NAME as applied and every trampoline jumps into its module (an update of hooks alone has none).
expect_applied() {
	ksplice-view | grep -q "^$1: .*\[applied\]$" || { echo "FAIL: ksplice-view does not list $1 as applied"; ksplice-view; return 1; }
	ksplice-view -v --id="$1" > /tmp/view.$1
	cat /tmp/view.$1
	functions=$(grep -c ") at 0x" /tmp/view.$1 || true)
	[ "$(grep -c "(into ksplice_$1)" /tmp/view.$1 || true)" = "$functions" ] || { echo "FAIL: not every trampoline jumps into ksplice_$1"; return 1; }
	[ "$functions" -gt 0 ] || grep -q "^  hook " /tmp/view.$1 || { echo "FAIL: $1 replaces no function and has no hook"; return 1; }
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

# Applies NAME, which must be refused: a non-zero exit with a reason on stderr and no stack trace, no module loaded or
# unloaded, no update listed, and the check (if any) still failing.
corpus_refused() {
	name=$1
	dir=/ksplice-test/updates/$name
	cd "$dir"
	if [ -f setup ]; then sh ./setup; fi
	cut -d' ' -f1 /proc/modules | sort > /tmp/modules.before
	t0=$(uptime_cs)
	rc=0; ksplice-apply "$name.tar.gz" 2> /tmp/refused.err || rc=$?
	echo "TIME: apply_cs=$(( $(uptime_cs) - t0 ))"
	cat /tmp/refused.err
	[ "$rc" != 0 ] || { echo "FAIL: $name: ksplice-apply accepted the update"; ksplice-undo "$name"; return 1; }
	[ -s /tmp/refused.err ] || { echo "FAIL: $name: refused (exit $rc) without saying why"; return 1; }
	if grep -q "Unhandled exception\|^   at " /tmp/refused.err; then echo "FAIL: $name: ksplice-apply crashed"; return 1; fi
	cut -d' ' -f1 /proc/modules | sort > /tmp/modules.after
	cmp -s /tmp/modules.before /tmp/modules.after || { echo "FAIL: $name: the loaded modules changed"; return 1; }
	expect_gone "$name"
	if [ -f check ] && sh ./check; then echo "FAIL: $name: check passes after the refusal"; return 1; fi
	echo "REFUSED: $name: exit $rc: $(head -n 1 /tmp/refused.err)"
}

# Centiseconds since boot, from /proc/uptime ("123.45 ...").
uptime_cs() {
	read -r up _ < /proc/uptime
	echo "${up%.*}${up#*.}" | sed 's/^0*//; s/^$/0/'
}
