# Cases of NmiTests (Ksplice.Vm.Tests): the 5-byte write is one store.  ksplice_fix_nmi.ko calls
# ksplice_nmi_target() from an NMI handler while its kthread sends NMIs to the other CPUs; the update fix_nmi
# replaces that function.  NMIs reach CPUs that stop_machine holds, so a half-written jump would run there.

NMI=/sys/module/ksplice_fix_nmi/parameters

case_nmi_setup() {
	load_core
	insmod $KT/ksplice_fix_nmi.ko
	wait_for "[ \$(cat $NMI/calls_old) -gt 100 ] && echo yes" yes
}

# 200 cycles: load the update, apply it, reverse it, unload it, while NMIs call the function on the other CPU.
case_apply_and_undo_200_times_under_nmis() {
	old_addr=$(ksym ksplice_nmi_target ksplice_fix_nmi)
	cycle=0
	while [ $cycle -lt 200 ]; do
		insmod $KT/ksplice_fix_nmi_update.ko old_addr="$old_addr"
		[ "$(stage fix_nmi applied)" = applied ] || fail "cycle $cycle: apply: $(abort_cause fix_nmi)"
		[ "$(stage fix_nmi reversed)" = reversed ] || fail "cycle $cycle: undo: $(abort_cause fix_nmi)"
		rmmod ksplice_fix_nmi_update
		cycle=$((cycle + 1))
	done
	echo "cycles: $cycle; NMIs sent: $(cat $NMI/sent); old code ran $(cat $NMI/calls_old), new code $(cat $NMI/calls_new) times"
	[ "$(cat $NMI/calls_new)" -gt 0 ] || fail "the new code never ran in an NMI"
	before=$(cat $NMI/calls_old)
	sleep 1
	[ "$(cat $NMI/calls_old)" -gt "$before" ] || fail "the old code no longer runs after the last undo"
	rmmod ksplice_fix_nmi ksplice_core
}
