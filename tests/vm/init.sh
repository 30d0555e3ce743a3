#!/bin/sh
# /init of the test initramfs built by Ksplice.Vm.Initramfs: mount the usual
# filesystems, show kernel addresses, run the scenario with fd 3 on ttyS1
# (the C# side reads it from a file), then power off.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t debugfs debugfs /sys/kernel/debug
mount -t tmpfs tmpfs /tmp
echo 0 > /proc/sys/kernel/kptr_restrict
stty -F /dev/ttyS1 raw -echo
exec 3> /dev/ttyS1
echo "@@BOOTED $(uname -r)" >&3
# In a child shell, so that a broken scenario still ends in a clean poweroff.
sh /ksplice-test/scenario.sh
echo "@@DONE" >&3
sync
poweroff -f
