# Steps of FleetTests (Ksplice.EndToEnd.Tests), run by dash in the Debian guest after multi-user.target.
# The share ($KT, /ksplice-test) holds apt/keyring.gpg and apt/repo/ (the signed repository `ksplice repo` made: ksplice,
# ksplice-core-dkms, the update packages and a stand-in for a second installed kernel image), checks/ID (each update's
# check: exits 0 while the new code is live) and fleet.env (the package names and ids, below).
#   FIRST_ID FIRST_PKG     the first update of a series; SECOND_ID SECOND_PKG the one stacked on it (depends on it)
#   FOREIGN_ID FOREIGN_PKG an update built for FOREIGN_RELEASE, whose image package the repository's stand-in provides
#   VERSION                the tool packages' version
export DEBIAN_FRONTEND=noninteractive
. "$KT/fleet.env"
local_list=/etc/apt/sources.list.d/ksplice-test.list

# apt_update_local: reads the local repository's index only (the guest has no network for Debian's archive).
apt_update_local() {
	apt-get -q update -o Dir::Etc::SourceList="$local_list" -o Dir::Etc::SourceParts=- -o APT::Get::List-Cleanup=0
}

# live ID: exits 0 when ID's check passes (its new code is live).
live() { sh "$KT/checks/$1" > /dev/null 2>&1; }

expect_live() { live "$1" || fail "the check of $1 fails: its new code is not live"; echo "ok: $1's new code is live"; }
expect_not_live() { ! live "$1" || fail "the check of $1 passes: its new code is still live"; echo "ok: $1's old code is live"; }

# applied: the ids ksplice-view lists, on one line.
applied() { ksplice-view -q | tr '\n' ' ' | sed 's/ $//'; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

case_fleet_release() {
	echo "release=$(uname -r)"
	echo "debian_version=$(cat /etc/debian_version)"
	echo "kernel_package=$(dpkg-query -W -f='${Package}=${Version}' "linux-image-$(uname -r)")"
}

# Without the key, apt refuses the repository: signature checking is on.
case_fleet_unsigned_refused() {
	echo "deb file:$KT/apt/repo ./" > "$local_list"
	if apt_update_local > /tmp/update.log 2>&1; then
		cat /tmp/update.log
		fail "apt-get update accepted a repository signed by an unknown key"
	fi
	cat /tmp/update.log
	grep -q NO_PUBKEY /tmp/update.log || fail "apt-get update failed, but not for the missing key"
	if apt-get -q install -y ksplice; then fail "installed a package from an untrusted repository"; fi
	rm "$local_list"
}

# The two tool packages from the signed repository: DKMS builds the core for the running kernel.
case_fleet_install_tools() {
	mkdir -p /etc/apt/keyrings
	cp "$KT/apt/keyring.gpg" /etc/apt/keyrings/ksplice-test.gpg
	echo "deb [signed-by=/etc/apt/keyrings/ksplice-test.gpg] file:$KT/apt/repo ./" > "$local_list"
	apt_update_local
	start=$(now_ms)
	apt-get -q install -y ksplice ksplice-core-dkms
	echo "tools_install_ms=$(( $(now_ms) - start ))"
	expect_eq "$(dpkg-query -W -f='${Status} ${Version}' ksplice)" "install ok installed $VERSION" "ksplice's status"
	expect_eq "$(dpkg-query -W -f='${Status} ${Version}' ksplice-core-dkms)" "install ok installed $VERSION" "ksplice-core-dkms's status"
	dkms status
	expect_contains "$(dkms status)" "ksplice-core/$VERSION, $(uname -r), x86_64: installed" "dkms status"
	expect_eq "$(modinfo -n ksplice_core)" "/lib/modules/$(uname -r)/updates/dkms/ksplice_core.ko" "the core modprobe finds"
	expect_eq "$(systemctl is-enabled ksplice.service)" enabled "ksplice.service"
	expect_eq "$(ksplice-uname -r)" "$(uname -r)" "ksplice-uname -r with no update applied"
	expect_eq "$(applied)" "" "the applied updates"
}

# bash-completion loads a completion when a command is first completed, by the command's name: each command name finds
# ksplice's (and not bash-completion's fallback, _minimal) in a shell that has completed nothing yet.
case_fleet_completion() {
	for command in ksplice ksplice-create ksplice-uname ksplice-apply ksplice-undo ksplice-view; do
		expect_eq "$(bash -c '. /usr/share/bash-completion/bash_completion; _completion_loader "$1"; complete -p "$1"' sh "$command")" \
			"complete -F _ksplice $command" "the completion bash-completion loads for $command"
	done
	reply=$(bash -c '. /usr/share/bash-completion/bash_completion; _completion_loader ksplice-apply
		COMP_WORDS=(ksplice-apply --dr); COMP_CWORD=1; COMP_LINE="ksplice-apply --dr"; COMP_POINT=${#COMP_LINE}
		_ksplice ksplice-apply --dr ksplice-apply; echo "${COMPREPLY[*]}"')
	expect_eq "$reply" --dry-run "the completion of 'ksplice-apply --dr'"
}

# systemd-analyze verify finds nothing wrong with the installed ksplice.service (the guest has no man, so the man page
# its Documentation= names is checked by its path).
case_fleet_unit_verified() {
	unit=$(systemctl show -P FragmentPath ksplice.service)
	echo "unit=$unit"
	systemd-analyze verify --man=no "$unit" > /tmp/verify.log 2>&1 || { cat /tmp/verify.log; fail "systemd-analyze verify $unit failed"; }
	cat /tmp/verify.log
	expect_eq "$(cat /tmp/verify.log)" "" "what systemd-analyze verify says about $unit"
	[ -f /usr/share/man/man8/ksplice-apply.8.gz ] || fail "no ksplice-apply(8), which ksplice.service's Documentation= names"
}

# An update package: installed and applied live by its postinst.
case_fleet_install_update() {
	expect_not_live "$FIRST_ID"
	start=$(now_ms)
	apt-get -q install -y "$FIRST_PKG"
	echo "install_to_applied_ms=$(( $(now_ms) - start ))"
	expect_eq "$(applied)" "$FIRST_ID" "the applied updates"
	expect_live "$FIRST_ID"
	expect_eq "$(ksplice-uname -r)" "$(uname -r)+ksplice.$FIRST_ID" "ksplice-uname -r"
	expect_eq "$(ksplice-view --available -q)" "" "the installed updates not applied"
}

# An update for another kernel: the install succeeds and says why nothing is applied.
case_fleet_install_foreign() {
	apt-get -q install -y "$FOREIGN_PKG" > /tmp/foreign.log 2>&1 || { cat /tmp/foreign.log; fail "installing $FOREIGN_PKG failed"; }
	cat /tmp/foreign.log
	expect_contains "$(cat /tmp/foreign.log)" "is for kernel $FOREIGN_RELEASE, but $(uname -r) is running: installed, not applied" "the install's output"
	expect_eq "$(dpkg-query -W -f='${Status}' "$FOREIGN_PKG")" "install ok installed" "$FOREIGN_PKG's status"
	expect_eq "$(applied)" "$FIRST_ID" "the applied updates"
}

# The second update of the series: apt installs it after the first; removing the first alone is refused.
case_fleet_install_stacked() {
	expect_not_live "$SECOND_ID"
	apt-get -q install -y "$SECOND_PKG"
	expect_eq "$(applied)" "$FIRST_ID $SECOND_ID" "the applied updates"
	expect_live "$SECOND_ID"
	if dpkg --remove "$FIRST_PKG" > /tmp/wrong-order.log 2>&1; then
		cat /tmp/wrong-order.log
		fail "dpkg removed $FIRST_PKG while $SECOND_PKG, stacked on it, is installed"
	fi
	cat /tmp/wrong-order.log
	expect_contains "$(cat /tmp/wrong-order.log)" "dependency problems prevent removal of $FIRST_PKG" "dpkg's refusal"
	expect_contains "$(cat /tmp/wrong-order.log)" "$SECOND_PKG depends on $FIRST_PKG" "dpkg's refusal"
	expect_eq "$(dpkg-query -W -f='${db:Status-Status}' "$FIRST_PKG")" installed "$FIRST_PKG's state"
	expect_eq "$(applied)" "$FIRST_ID $SECOND_ID" "the applied updates after the refused removal"
	# The refused removal left the package selected for removal; the administrator takes that back.
	echo "$FIRST_PKG install" | dpkg --set-selections
	expect_eq "$(dpkg-query -W -f='${Status}' "$FIRST_PKG")" "install ok installed" "$FIRST_PKG's status"
	expect_live "$FIRST_ID"
}

# After the reboot: ksplice.service applied the series again, in order, before multi-user.target.
case_fleet_after_reboot() {
	systemctl --no-pager -l status ksplice.service
	expect_eq "$(systemctl show -P Result ksplice.service)" success "ksplice.service's result"
	expect_eq "$(systemctl show -P ExecMainStatus ksplice.service)" 0 "ksplice.service's exit status"
	expect_eq "$(systemctl is-active ksplice.service)" active "ksplice.service"
	service=$(systemctl show -P ActiveEnterTimestampMonotonic ksplice.service)
	target=$(systemctl show -P ActiveEnterTimestampMonotonic multi-user.target)
	echo "service_active_usec=$service multi_user_usec=$target"
	[ "$service" -gt 0 ] && [ "$service" -le "$target" ] || fail "ksplice.service did not finish before multi-user.target"
	journalctl -b -u ksplice.service --no-pager -o cat > /tmp/service.log
	cat /tmp/service.log
	expect_contains "$(cat /tmp/service.log)" "$FIRST_ID: applied" "the service's log"
	expect_contains "$(cat /tmp/service.log)" "$SECOND_ID: applied" "the service's log"
	expect_contains "$(cat /tmp/service.log)" "$FOREIGN_ID: not applied: installed for kernel $FOREIGN_RELEASE, but $(uname -r) is running" "the service's log"
	expect_eq "$(applied)" "$FIRST_ID $SECOND_ID" "the applied updates"
	expect_live "$FIRST_ID"
	expect_live "$SECOND_ID"
	expect_eq "$(ksplice-uname -r)" "$(uname -r)+ksplice.$FIRST_ID+ksplice.$SECOND_ID" "ksplice-uname -r"
	ksplice-apply --all --json > /tmp/all.json || fail "ksplice-apply --all --json failed with everything applied"
	cat /tmp/all.json
	expect_contains "$(tr -d ' \n' < /tmp/all.json)" "\"otherKernels\":[{\"id\":\"$FOREIGN_ID\",\"release\":\"$FOREIGN_RELEASE\"" "ksplice-apply --all --json"
	expect_contains "$(tr -d ' \n' < /tmp/all.json)" "\"failed\":[]" "ksplice-apply --all --json"
}

# ksplice.service runs early: ordered before network-pre.target (which it wants), and done before it was reached.
case_fleet_early() {
	before=$(systemctl show -P Before ksplice.service)
	echo "Before=$before"
	expect_contains " $before " " network-pre.target " "ksplice.service's Before="
	exited=$(systemctl show -P ExecMainExitTimestampMonotonic ksplice.service)
	active=$(systemctl show -P ActiveEnterTimestampMonotonic ksplice.service)
	network_pre=$(systemctl show -P ActiveEnterTimestampMonotonic network-pre.target)
	printf 'service_exited_usec=%s\nservice_active_usec=%s\nnetwork_pre_usec=%s\n' "$exited" "$active" "$network_pre"
	[ "$network_pre" -gt 0 ] || fail "network-pre.target, which ksplice.service wants, was not reached"
	[ "$exited" -gt 0 ] && [ "$exited" -le "$network_pre" ] && [ "$active" -le "$network_pre" ] \
		|| fail "ksplice.service did not finish before network-pre.target was reached"
}

# apt-get remove undoes each update live: the stacked one first.
case_fleet_remove_stacked() {
	apt-get -q remove -y "$SECOND_PKG"
	expect_eq "$(applied)" "$FIRST_ID" "the applied updates"
	expect_not_live "$SECOND_ID"
	expect_live "$FIRST_ID"
}

# The update for another kernel has the first update's id: removing it leaves the first update applied.
case_fleet_remove_foreign() {
	apt-get -q remove -y "$FOREIGN_PKG" > /tmp/foreign-remove.log 2>&1 || { cat /tmp/foreign-remove.log; fail "removing $FOREIGN_PKG failed"; }
	cat /tmp/foreign-remove.log
	expect_contains "$(cat /tmp/foreign-remove.log)" "update $FOREIGN_ID is for kernel $FOREIGN_RELEASE, but $(uname -r) is running: nothing to undo" "the removal's output"
	[ "$(dpkg-query -W -f='${db:Status-Status}' "$FOREIGN_PKG" 2>/dev/null)" != installed ] || fail "$FOREIGN_PKG is still installed"
	expect_eq "$(applied)" "$FIRST_ID" "the applied updates"
	expect_live "$FIRST_ID"
}

# Then the first update alone: apt-get remove undoes it live.
case_fleet_remove() {
	start=$(now_ms)
	apt-get -q remove -y "$FIRST_PKG"
	echo "remove_to_undone_ms=$(( $(now_ms) - start ))"
	expect_eq "$(applied)" "" "the applied updates"
	expect_not_live "$FIRST_ID"
	expect_eq "$(ksplice-uname -r)" "$(uname -r)" "ksplice-uname -r"
}

# For the boots with ksplice turned off: the first update installed (and applied) again, and /etc/ksplice/disable.
case_fleet_disable() {
	apt-get -q install -y "$FIRST_PKG"
	expect_eq "$(applied)" "$FIRST_ID" "the applied updates"
	mkdir -p /etc/ksplice
	touch /etc/ksplice/disable
}

# skipped WHY: ksplice.service's start condition WHY failed this boot, and nothing is applied.
skipped() {
	systemctl --no-pager -l status ksplice.service > /tmp/status.log 2>&1 || true
	cat /tmp/status.log
	expect_eq "$(systemctl show -P ConditionResult ksplice.service)" no "ksplice.service's start condition"
	expect_eq "$(systemctl is-active ksplice.service)" inactive "ksplice.service"
	expect_contains "$(cat /tmp/status.log)" "$1 was not met" "systemctl status ksplice"
	expect_eq "$(applied)" "" "the applied updates"
	expect_eq "$(ksplice-view --available -q)" "$FIRST_ID" "the installed updates not applied"
	expect_not_live "$FIRST_ID"
}

# A boot with /etc/ksplice/disable: the service is skipped, and ksplice-apply --all applies nothing either; without the
# file the service applies the update.
case_fleet_disabled_by_file() {
	skipped "ConditionPathExists=!/etc/ksplice/disable"
	expect_eq "$(ksplice-apply --all)" "ksplice is off (/etc/ksplice/disable exists): no update applied" "ksplice-apply --all"
	expect_eq "$(applied)" "" "the applied updates"
	rm /etc/ksplice/disable
	systemctl start ksplice.service
	expect_eq "$(applied)" "$FIRST_ID" "the applied updates once ksplice.service ran"
	expect_live "$FIRST_ID"
}

# A boot with ksplice=off on the kernel command line: the service is skipped, ksplice-apply --all applies nothing.
case_fleet_off_on_command_line() {
	expect_contains " $(cat /proc/cmdline) " " ksplice=off " "the kernel command line"
	[ ! -e /etc/ksplice/disable ] || fail "/etc/ksplice/disable exists"
	skipped "ConditionKernelCommandLine=!ksplice=off"
	expect_eq "$(ksplice-apply --all)" "ksplice is off (ksplice=off is on the kernel command line): no update applied" "ksplice-apply --all"
	expect_eq "$(applied)" "" "the applied updates"
}

# The harness catches a kernel warning on this machine too.
case_fleet_warning() {
	insmod "$KT/ksplice_fix_warn.ko"
	rmmod ksplice_fix_warn
}
