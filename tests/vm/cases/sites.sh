# Cases of TrampolineSiteTests (Ksplice.Vm.Tests): no trampoline over code the
# kernel rewrites at run time.  ksplice_fix_sites.ko's ksplice_sites_branch()
# starts with a static branch, whose jump label site lies right after the
# fentry NOP, where the trampoline would go; the update fix_sites replaces
# that function.  The cases run in this order.

SITES=/sys/module/ksplice_fix_sites/parameters

case_sites_setup() {
	load_core
	insmod $KT/ksplice_fix_sites.ko
	site=$(cat $SITES/site)
	echo "ksplice_sites_branch: jump label site at +$site, bytes $(cat $SITES/head)"
	case "$site" in
	5 | 6 | 7 | 8 | 9) ;;
	*) fail "the jump label site of ksplice_sites_branch is at +$site, not in the trampoline's bytes +5..+10" ;;
	esac
	insmod $KT/ksplice_fix_sites_update.ko old_addr="$(ksym ksplice_sites_branch ksplice_fix_sites)"
	expect_eq "$(stage fix_sites)" preparing "stage"
}

case_apply_refused_over_jump_label() {
	before=$(cat $SITES/head)
	expect_eq "$(stage fix_sites applied)" preparing "stage"
	expect_eq "$(abort_cause fix_sites)" text_reserved "abort_cause"
	debug_log fix_sites
	expect_contains "$(debug_log fix_sites)" \
		"text_reserved: ksplice_sites_branch (ksplice_fix_sites): its trampoline at +5..+10 would cover a jump label" "debug"
	expect_eq "$(cat $SITES/head)" "$before" "the function's bytes"
	expect_eq "$(cat $SITES/result)" 1 "what the function returns (the old code)"
	expect_eq "$(livepatch_taint)" 0 "the livepatch taint"
}

case_key_flips_after_refusal() {
	echo 1 > $SITES/key
	expect_eq "$(cat $SITES/key)" 1 "key"
	expect_eq "$(cat $SITES/result)" 2 "what the function returns with the key on"
	echo 0 > $SITES/key
	expect_eq "$(cat $SITES/result)" 1 "what the function returns with the key off"
	echo 1 > $SITES/key
	expect_eq "$(stage fix_sites applied)" preparing "stage with the key on"
	expect_eq "$(abort_cause fix_sites)" text_reserved "abort_cause with the key on"
	expect_eq "$(cat $SITES/result)" 2 "what the function returns with the key on, after the refusal"
	echo 0 > $SITES/key
	rmmod ksplice_fix_sites_update ksplice_fix_sites ksplice_core
}
