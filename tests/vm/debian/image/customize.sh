#!/bin/sh
# mmdebstrap --customize-hook for the Debian test guest: $1 is the root filesystem being built.
# Installs the unit that runs the harness's steps, and keeps the boot lean and deterministic.
set -eu
root=$1
here=$(dirname "$0")

install -D -m 0755 "$here/ksplice-test-run" "$root/usr/local/sbin/ksplice-test-run"
install -D -m 0644 "$here/ksplice-test.service" "$root/etc/systemd/system/ksplice-test.service"
mkdir -p "$root/etc/systemd/system/multi-user.target.wants"
ln -sf /etc/systemd/system/ksplice-test.service "$root/etc/systemd/system/multi-user.target.wants/ksplice-test.service"

# A server: no graphical.target.
ln -sf /lib/systemd/system/multi-user.target "$root/etc/systemd/system/default.target"

# The harness's disk is the root filesystem, whole (no partition table); no fsck (e2fsprogs is not installed).
printf '/dev/vda / ext4 rw,errors=remount-ro 0 0\n' > "$root/etc/fstab"
echo debian-guest > "$root/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 debian-guest\n' > "$root/etc/hosts"

# Nothing may touch apt behind a test's back.
for timer in apt-daily.timer apt-daily-upgrade.timer; do
	ln -sf /dev/null "$root/etc/systemd/system/$timer"
done

# A fresh machine-id at first boot, as on an installed system.
: > "$root/etc/machine-id"
