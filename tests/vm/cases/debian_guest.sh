# Steps of DebianGuestTests (Ksplice.Vm.Tests), run by dash in the Debian guest after multi-user.target.
# The share (/ksplice-test, $KT) holds apt/keyring.gpg and apt/repo/, the signed repository with ksplice-guest-probe.

export DEBIAN_FRONTEND=noninteractive
probe_boots=/var/lib/ksplice-guest-probe/boots
local_list=/etc/apt/sources.list.d/ksplice-test.list

# apt_update_local: reads the local repository's index only (the guest has no network for Debian's archive).
apt_update_local() {
	apt-get -q update -o Dir::Etc::SourceList="$local_list" -o Dir::Etc::SourceParts=- -o APT::Get::List-Cleanup=0
}

case_debian_release() {
	echo "release=$(uname -r)"
	echo "debian_version=$(cat /etc/debian_version)"
	echo "kernel_package=$(dpkg-query -W -f='${Package}=${Version}' "linux-image-$(uname -r)")"
	echo "initrd=$(ls /boot/initrd.img-"$(uname -r)")"
}

# Without the key, apt refuses the repository: signature checking is on.
case_debian_apt_unsigned_refused() {
	echo "deb file:$KT/apt/repo ./" > "$local_list"
	if apt_update_local > /tmp/update.log 2>&1; then
		cat /tmp/update.log
		fail "apt-get update accepted a repository signed by an unknown key"
	fi
	cat /tmp/update.log
	grep -q NO_PUBKEY /tmp/update.log || fail "apt-get update failed, but not for the missing key"
	if apt-get -q install -y ksplice-guest-probe; then fail "installed a package from an untrusted repository"; fi
	rm "$local_list"
}

case_debian_apt_install() {
	mkdir -p /etc/apt/keyrings
	cp "$KT/apt/keyring.gpg" /etc/apt/keyrings/ksplice-test.gpg
	echo "deb [signed-by=/etc/apt/keyrings/ksplice-test.gpg] file:$KT/apt/repo ./" > "$local_list"
	apt_update_local
	start=$(date +%s%N)
	apt-get -q install -y ksplice-guest-probe
	end=$(date +%s%N)
	echo "apt_install_ms=$(( (end - start) / 1000000 ))"
	expect_eq "$(dpkg-query -W -f='${Status}' ksplice-guest-probe)" "install ok installed" "ksplice-guest-probe's status"
	expect_eq "$(systemctl is-enabled ksplice-guest-probe.service)" enabled "the probe unit"
	expect_eq "$(systemctl is-active ksplice-guest-probe.service)" active "the probe unit"
	expect_eq "$(cat "$probe_boots")" "$(cat /proc/sys/kernel/random/boot_id)" "the boots the probe recorded"
	echo "boot_id=$(cat /proc/sys/kernel/random/boot_id)"
}

# After the reboot: the probe's unit ran again at boot, before multi-user.target.
case_debian_probe_after_reboot() {
	cat "$probe_boots"
	expect_eq "$(wc -l < "$probe_boots")" 2 "the number of boots the probe recorded"
	expect_eq "$(tail -n 1 "$probe_boots")" "$(cat /proc/sys/kernel/random/boot_id)" "the last boot the probe recorded"
	echo "first_boot_id=$(head -n 1 "$probe_boots")"
	probe=$(systemctl show -P ActiveEnterTimestampMonotonic ksplice-guest-probe.service)
	target=$(systemctl show -P ActiveEnterTimestampMonotonic multi-user.target)
	echo "probe_active_usec=$probe multi_user_usec=$target"
	[ "$probe" -gt 0 ] && [ "$probe" -le "$target" ] || fail "the probe did not run before multi-user.target"
}

case_debian_warning() {
	insmod "$KT/ksplice_fix_warn.ko"
	rmmod ksplice_fix_warn
}
