# Shell helpers for in-guest scenarios (busybox sh).  Sourced by the scenario
# script that Ksplice.Vm generates; files live under /ksplice-test in the guest.

KT=/ksplice-test

# ksym NAME [MODULE]: the address of NAME in /proc/kallsyms as 0x..., empty if absent.
ksym() {
	if [ -n "$2" ]; then
		awk -v n="$1" -v m="[$2]" '$3 == n && $4 == m { print "0x" $1; exit }' /proc/kallsyms
	else
		awk -v n="$1" '$3 == n && NF == 3 { print "0x" $1; exit }' /proc/kallsyms
	fi
}

# core_params: the module parameters ksplice_core.ko needs, resolved here.
core_params() {
	echo "text_mutex=$(ksym text_mutex)" \
		"stop_machine_cpuslocked=$(ksym stop_machine_cpuslocked) idle_task=$(ksym idle_task)" \
		"jump_label_text_reserved=$(ksym jump_label_text_reserved)" \
		"static_call_text_reserved=$(ksym static_call_text_reserved)"
}

load_core() {
	# shellcheck disable=SC2046
	insmod $KT/ksplice_core.ko $(core_params)
}

# fail MESSAGE: report and stop the case.
fail() {
	echo "FAIL: $*"
	exit 1
}

# expect_eq ACTUAL EXPECTED WHAT
expect_eq() {
	[ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
	echo "ok: $3 = '$2'"
}

# expect_contains TEXT PATTERN WHAT
expect_contains() {
	case "$1" in
	*"$2"*) echo "ok: $3 contains '$2'" ;;
	*) fail "$3: '$1' does not contain '$2'" ;;
	esac
}

# stage ID [WORD]: read the stage of an update, or write WORD to it first.
stage() {
	[ -z "$2" ] || echo "$2" > /sys/kernel/ksplice/"$1"/stage
	cat /sys/kernel/ksplice/"$1"/stage
}

abort_cause() { cat /sys/kernel/ksplice/"$1"/abort_cause; }
conflicts() { cat /sys/kernel/ksplice/"$1"/conflicts; }
debug_log() { cat /sys/kernel/ksplice/"$1"/debug; }

# livepatch_taint: 1 when TAINT_LIVEPATCH (bit 15) is set.
livepatch_taint() { echo $(( ($(cat /proc/sys/kernel/tainted) >> 15) & 1 )); }

# pid_of COMM: the pid of the task whose comm is COMM (kernel threads included).
pid_of() {
	for p in /proc/[0-9]*; do
		[ "$(cat "$p"/comm 2>/dev/null)" = "$1" ] && echo "${p#/proc/}" && return 0
	done
	return 1
}

# wait_for CMD EXPECTED [TRIES]: poll until $(CMD) prints EXPECTED (0.1 s steps).
wait_for() {
	n=${3:-50}
	while [ "$n" -gt 0 ]; do
		[ "$(eval "$1")" = "$2" ] && return 0
		sleep 0.1
		n=$((n - 1))
	done
	fail "timed out waiting for '$1' to print '$2' (last: '$(eval "$1")')"
}
