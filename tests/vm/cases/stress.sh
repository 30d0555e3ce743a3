# Cases of StressTests (Ksplice.Vm.Tests), also run by the bench (bench/Ksplice.Bench/Guest): an update of a function
# that both vCPUs call in tight loops, applied and undone many times.  ksplice_fix_stress.ko calls
# ksplice_stress_target() from a kthread bound to CPU 0, and a shell loop pinned to CPU 1 calls it through a system
# call (reading the parameter `probe`); the old code returns x + 1, the update fix_stress's x + 2, and each side
# counts old, new and wrong answers.  Every apply's and undo's stop_machine pause (pause_ns of the core's attempt
# line) is kept and summarised beside an empty stop_machine's (ksplice_fix_stopbench.ko) under the same load.

STRESS=/sys/module/ksplice_fix_stress/parameters
STRESS_UPDATE=/sys/kernel/ksplice/fix_stress
STRESS_DIR=/tmp/stress
STRESS_REWRITES=3

# stress_counts: "kthread_old kthread_new kthread_wrong user_old user_new user_wrong", without a fork.
stress_counts() {
	for c in kthread_old kthread_new kthread_wrong user_old user_new user_wrong; do
		read -r v < $STRESS/$c
		printf '%s ' "$v"
	done
}

# stress_read VAR COUNT: VAR=the count, without a fork.
stress_read() { read -r "$1" < $STRESS/"$2"; }

# stress_wait_both_move KIND: wait until the kthread's and the system call's KIND (old or new) counts both grow.
stress_wait_both_move() {
	stress_read k0 "kthread_$1"
	stress_read u0 "user_$1"
	n=0
	while :; do
		stress_read k "kthread_$1"
		stress_read u "user_$1"
		[ "$k" -gt "$k0" ] && [ "$u" -gt "$u0" ] && return 0
		n=$((n + 1))
		[ $n -lt 20000 ] || fail "cycle $cycle: the $1 code does not answer both callers (kthread $k0 -> $k, system call $u0 -> $u)"
		[ $n -lt 200 ] || sleep 0.01
	done
}

# stress_stage WORD PAUSES: writes WORD (applied or reversed) to the update's stage until it holds; a write that
# ends in code_busy after the core's own attempts is written again (counted), at most $STRESS_REWRITES times, any
# other cause fails.  Appends the pause_ns of the attempt that succeeded to the file PAUSES.
stress_stage() {
	writes=0
	while :; do
		echo "$1" > $STRESS_UPDATE/stage
		writes=$((writes + 1))
		read -r now < $STRESS_UPDATE/stage
		# "BUSY PAUSE": the attempts that found a caller inside the code, the pause of the one that succeeded
		result=$(awk '/^attempt [0-9]+: code_busy / { busy++ }
			/^attempt [0-9]+: ok / { for (i = 1; i <= NF; i++) if ($i ~ /^pause_ns=/) pause = substr($i, 10) }
			END { print busy + 0, pause + 0 }' $STRESS_UPDATE/debug)
		busy_attempts=$((busy_attempts + ${result% *}))
		if [ "$now" = "$1" ]; then
			echo "${result#* }" >> "$2"
			return 0
		fi
		read -r cause < $STRESS_UPDATE/abort_cause
		[ "$cause" = code_busy ] && [ $writes -le $STRESS_REWRITES ] ||
			fail "cycle $cycle: $1 ended in $cause after $writes write(s): $(cat $STRESS_UPDATE/debug)"
		rewrites=$((rewrites + 1))
	done
}

# stress_summary WHAT FILE: "pause_ns WHAT: count=N median=M max=X" of FILE's lines "VALUE [MAX]" (the median of
# the values, the largest MAX, or value when a line has none).
stress_summary() {
	sort -n "$2" | awk -v what="$1" '{ v[NR] = $1; m = NF > 1 ? $2 : $1; if (m > max) max = m }
		END { printf "pause_ns %s: count=%d median=%d max=%d\n", what, NR, v[int((NR + 1) / 2)], max }'
}

# stress_start: the core, the fixture's kthread on CPU 0 and the system-call loop on CPU 1, both answered by the old code.
stress_start() {
	load_core
	cpus=$(grep -c '^processor' /proc/cpuinfo)
	[ "$cpus" -ge 2 ] || fail "the guest has $cpus CPU(s); this case needs two"
	rm -rf $STRESS_DIR && mkdir -p $STRESS_DIR
	insmod $KT/ksplice_fix_stress.ko cpu=0
	taskset 2 sh -c "while :; do read -r x < $STRESS/probe; done" &
	echo $! > $STRESS_DIR/user.pid
	cycle=setup
	stress_wait_both_move old
	echo "callers: kthread ksplice_stress on CPU 0 (pid $(pid_of ksplice_stress)), system-call loop pid $! on CPU 1 ($(taskset -p $! 2>&1))"
	echo "counts (kthread old new wrong, user old new wrong): $(stress_counts)"
}

# stress_empty_stop_machine LOADS: LOADS loads of the empty-stop_machine fixture while the callers run (21 calls
# each); "pause_ns empty stop_machine: count=LOADS median=(the median of the loads' medians) max=(the longest call)".
stress_empty_stop_machine() {
	: > $STRESS_DIR/empty.ns
	load=0
	while [ $load -lt "$1" ]; do
		insmod $KT/ksplice_fix_stopbench.ko
		line=$(dmesg | grep "ksplice_fix_stopbench: empty stop_machine" | tail -n 1)
		rmmod ksplice_fix_stopbench
		echo "$line"
		median=${line#* median_ns=}
		max=${line#* max_ns=}
		echo "${median%% *} ${max%% *}" >> $STRESS_DIR/empty.ns
		load=$((load + 1))
	done
	stress_summary "empty stop_machine" $STRESS_DIR/empty.ns
}

# stress_cycles N: N cycles of: load the update, apply it, wait until both callers get the new answer, undo it, wait
# until both get the old answer again, unload it.  Prints the counts and the pauses of the applies and undos.
stress_cycles() {
	old_addr=$(ksym ksplice_stress_target ksplice_fix_stress)
	: > $STRESS_DIR/apply.ns
	: > $STRESS_DIR/undo.ns
	busy_attempts=0
	rewrites=0
	cycle=0
	while [ $cycle -lt "$1" ]; do
		insmod $KT/ksplice_fix_stress_update.ko old_addr="$old_addr"
		stress_stage applied $STRESS_DIR/apply.ns
		stress_wait_both_move new
		stress_stage reversed $STRESS_DIR/undo.ns
		stress_wait_both_move old
		rmmod ksplice_fix_stress_update
		cycle=$((cycle + 1))
		[ $((cycle % 25)) != 0 ] || echo "after $cycle cycles, counts (kthread old new wrong, user old new wrong): $(stress_counts)"
	done
	set -- $(stress_counts)
	echo "cycles: $cycle; code_busy attempts: $busy_attempts; stage writes again after code_busy: $rewrites"
	echo "kthread: old=$1 new=$2 wrong=$3"
	echo "user: old=$4 new=$5 wrong=$6"
	stress_summary apply $STRESS_DIR/apply.ns
	stress_summary undo $STRESS_DIR/undo.ns
	[ "$3" = 0 ] && [ "$6" = 0 ] || fail "wrong answers: kthread $3, system call $6"
}

# stress_stop: after the last undo both callers still make progress and only the old code answers them; then
# everything is unloaded.
stress_stop() {
	cycle=after
	stress_wait_both_move old
	stress_read k0 kthread_old; stress_read u0 user_old
	stress_read kn kthread_new; stress_read un user_new
	sleep 1
	stress_read k1 kthread_old; stress_read u1 user_old
	stress_read kn1 kthread_new; stress_read un1 user_new
	echo "progress in 1 s after the last undo: kthread old +$((k1 - k0)) new +$((kn1 - kn)), user old +$((u1 - u0)) new +$((un1 - un))"
	[ "$k1" -gt "$k0" ] && [ "$u1" -gt "$u0" ] || fail "a caller made no progress after the last undo"
	[ "$kn1" = "$kn" ] && [ "$un1" = "$un" ] || fail "the new code still answered after the last undo"
	pid=$(cat $STRESS_DIR/user.pid)
	kill "$pid"
	# the loop's parent is gone, so it may stay a zombie
	while [ -d /proc/"$pid" ] && ! grep -q '^State:.*Z' /proc/"$pid"/status 2>/dev/null; do sleep 0.1; done
	rmmod ksplice_fix_stress ksplice_core
}

case_stress_setup() {
	stress_start
	stress_empty_stop_machine 5
}

case_apply_and_undo_200_times_under_calls() { stress_cycles 200; }

case_callers_progress_after_last_undo() { stress_stop; }
