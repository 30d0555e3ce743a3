#!/bin/sh
# One boot of the Debian test guest, run by ksplice-test-run (ksplice-test.service, after multi-user.target) from
# the harness's share, /ksplice-test. Waits for the boot to finish and records it in result/ (system state, failed
# units, systemd-analyze, when multi-user.target was reached), runs scenario.sh with fd 3 on ttyS1 (the protocol
# of Ksplice.Vm.Scenario), and saves the boot's journal. ksplice-test-run powers off afterwards.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
share=/ksplice-test
result=$share/result
mkdir -p "$result"
stty -F /dev/ttyS1 raw -echo
exec 3> /dev/ttyS1
echo "@@BOOTED $(uname -r)" >&3

systemctl is-system-running --wait > "$result/state"
systemctl list-units --failed --plain --no-legend > "$result/failed-units"
systemctl show -P ActiveEnterTimestampMonotonic multi-user.target > "$result/multi-user-usec"
systemd-analyze > "$result/analyze" 2>&1

# In a child shell, so that a broken scenario still ends in a journal and a clean poweroff.
sh "$share/scenario.sh"
echo "@@DONE" >&3
journalctl -b --no-pager -o short-monotonic > "$result/journal"
