namespace Ksplice.EndToEnd.Tests;

/// <summary>The in-guest cases besides the corpus: several updates at once, refusals, and bad input.</summary>
public static class GuestCases
{
    public static IReadOnlyList<(string Name, string Body)> All { get; } =
    [
        ("two_at_once_undo_in_order", TwoAtOnce("meminfo_string", "cmdline_string")),
        ("two_at_once_undo_reversed", TwoAtOnce("cmdline_string", "meminfo_string")),
        ("mismatch_refused", """
            cd /ksplice-test/updates
            cat /proc/modules | cut -d' ' -f1 | sort > /tmp/modules.before
            rc=0; ksplice-apply --raw-errors mismatch/mismatch.tar.gz 2> /tmp/mismatch.err || rc=$?
            cat /tmp/mismatch.err
            [ "$rc" = 3 ] || { echo "FAIL: exit $rc, expected 3"; exit 1; }
            [ "$(head -n 1 /tmp/mismatch.err)" = no_match ] || { echo "FAIL: first line is not no_match"; exit 1; }
            grep -q "_printk" /tmp/mismatch.err || { echo "FAIL: the refusal does not name _printk"; exit 1; }
            cat /proc/modules | cut -d' ' -f1 | sort > /tmp/modules.after
            cmp /tmp/modules.before /tmp/modules.after || { echo "FAIL: modules changed"; exit 1; }
            if ksplice-view -q | grep -q .; then echo "FAIL: an update is loaded"; exit 1; fi
            dmesg -c > /dev/null; echo 1 > /proc/sys/vm/drop_caches
            if dmesg | grep -q "Quoth the kernel"; then echo "FAIL: the new _printk runs"; exit 1; fi
            echo "PASS: mismatch refused, nothing changed"
            """),
        ("dry_run_changes_nothing", """
            cd /ksplice-test/updates
            ksplice-apply --dry-run cmdline_string/cmdline_string.tar.gz | tee /tmp/dry
            grep -q "matches the running kernel" /tmp/dry
            grep -q "cmdline_proc_show at 0x" /tmp/dry
            if grep -q "^ksplice_cmdline_string " /proc/modules; then echo "FAIL: module loaded"; exit 1; fi
            if grep -q kpatch=1 /proc/cmdline; then echo "FAIL: applied"; exit 1; fi
            echo "PASS"
            """),
        ("apply_twice_refused", """
            cd /ksplice-test/updates
            ksplice-apply cmdline_string/cmdline_string.tar.gz
            rc=0; ksplice-apply cmdline_string/cmdline_string.tar.gz 2> /tmp/twice.err || rc=$?
            cat /tmp/twice.err
            [ "$rc" = 1 ] && grep -q "already loaded" /tmp/twice.err || { echo "FAIL: second apply exit $rc"; exit 1; }
            grep -q kpatch=1 /proc/cmdline
            ksplice-undo cmdline_string
            echo "PASS"
            """),
        ("state_is_root_only", """
            cd /ksplice-test/updates
            rm -f /tmp/debug.log
            ksplice-apply --debugfile=/tmp/debug.log cmdline_string/cmdline_string.tar.gz
            [ "$(stat -c %a /var/lib/ksplice)" = 700 ] || { echo "FAIL: /var/lib/ksplice is $(stat -c %a /var/lib/ksplice)"; exit 1; }
            for f in $(find /var/lib/ksplice/cmdline_string); do
              want=600; [ -d "$f" ] && want=700
              [ "$(stat -c %a "$f")" = $want ] || { echo "FAIL: $f is $(stat -c %a "$f"), expected $want"; exit 1; }
            done
            [ -s /tmp/debug.log ] || { echo "FAIL: no debug file"; exit 1; }
            [ "$(stat -c %a /tmp/debug.log)" = 600 ] || { echo "FAIL: the debug file is $(stat -c %a /tmp/debug.log)"; exit 1; }
            ksplice-undo cmdline_string
            echo "PASS: /var/lib/ksplice 700, its files 600, --debugfile 600"
            """),
        ("foreign_update_refused", """
            rc=0; ksplice-apply /ksplice-test/updates/foreign/foreign.tar.gz 2> /tmp/foreign.err || rc=$?
            cat /tmp/foreign.err
            [ "$rc" = 1 ] || { echo "FAIL: exit $rc"; exit 1; }
            grep -q "was built for kernel 6.1.0-99-amd64, but this kernel is $(uname -r)" /tmp/foreign.err
            if grep -q "^ksplice_cmdline_string " /proc/modules; then echo "FAIL: module loaded"; exit 1; fi
            echo "PASS"
            """),
        ("bad_tarballs_refused", """
            head -c 2000 /ksplice-test/updates/foreign/foreign.tar.gz > /tmp/truncated.tar.gz
            echo "not an update" > /tmp/text.tar.gz
            for bad in /tmp/truncated.tar.gz /tmp/text.tar.gz /tmp/missing.tar.gz; do
              rc=0; ksplice-apply "$bad" 2> /tmp/bad.err || rc=$?
              cat /tmp/bad.err
              [ "$rc" = 1 ] || { echo "FAIL: $bad: exit $rc"; exit 1; }
              grep -q "$bad" /tmp/bad.err || { echo "FAIL: $bad: the error does not name the file"; exit 1; }
            done
            echo "PASS"
            """),
        ("shadows_freed_on_undo", """
            cd /ksplice-test/updates
            ksplice-apply shadow_task_state/shadow_task_state.tar.gz
            rm -f /tmp/undo.fifo /tmp/undo.ready; mkfifo /tmp/undo.fifo
            sh -c 'umask 022; : > /tmp/undo.ready; read x < /tmp/undo.fifo' &
            while [ ! -e /tmp/undo.ready ]; do sleep 0.1; done
            n=$(cat /sys/kernel/ksplice/shadow_task_state/shadows)
            [ "$n" -ge 1 ] || { echo "FAIL: $n shadows while a task that called umask lives"; exit 1; }
            dmesg -c > /dev/null
            ksplice-undo shadow_task_state
            dmesg | grep -q "Update shadow_task_state reversed successfully; its shadow variables are freed" \
              || { echo "FAIL: undo did not free the shadows"; dmesg | tail -n 5; exit 1; }
            echo go > /tmp/undo.fifo; wait
            echo "PASS"
            """),
        ("check_apply_refusal_names_the_hook", """
            cd /ksplice-test/updates
            echo no-ksplice > /proc/sys/kernel/domainname
            rc=0; ksplice-apply hooks_check_refuses/hooks_check_refuses.tar.gz 2> /tmp/hook.err || rc=$?
            cat /tmp/hook.err
            [ "$rc" = 3 ] || { echo "FAIL: exit $rc, expected 3"; exit 1; }
            grep -q "aborted: call_failed" /tmp/hook.err || { echo "FAIL: not call_failed"; exit 1; }
            grep -q "check_apply hook ksplice_domainname_check .*returned -16" /tmp/hook.err || { echo "FAIL: the hook is not named"; exit 1; }
            [ "$(cat /proc/sys/kernel/domainname)" = no-ksplice ] || { echo "FAIL: the apply hook ran"; exit 1; }
            if grep -q "^ksplice_hooks_check_refuses " /proc/modules; then echo "FAIL: module left loaded"; exit 1; fi
            echo "PASS"
            """),
        ("every_hook_runs_in_order", """
            cd /ksplice-test/updates
            U=hooks_every_kind/hooks_every_kind.tar.gz
            order() { dmesg | sed -n 's/.*ksplice-hook-order: //p' | tr '\n' ' '; }
            expect_order() { [ "$(order)" = "$1" ] || { echo "FAIL: $2: hooks ran as '$(order)', expected '$1'"; exit 1; }; }
            echo no-apply > /proc/sys/kernel/domainname; dmesg -c > /dev/null
            rc=0; ksplice-apply $U 2> /tmp/order.err || rc=$?
            [ "$rc" = 3 ] && grep -q "aborted: call_failed" /tmp/order.err || { cat /tmp/order.err; echo "FAIL: apply refused by check_apply: exit $rc"; exit 1; }
            expect_order "pre_apply check_apply fail_apply " "apply refused"
            echo guest > /proc/sys/kernel/domainname; dmesg -c > /dev/null
            ksplice-apply $U || { echo "FAIL: apply"; exit 1; }
            expect_order "pre_apply check_apply apply post_apply " "apply"
            echo no-undo > /proc/sys/kernel/domainname; dmesg -c > /dev/null
            rc=0; ksplice-undo hooks_every_kind 2> /tmp/order.err || rc=$?
            [ "$rc" != 0 ] && grep -q "call_failed" /tmp/order.err || { cat /tmp/order.err; echo "FAIL: undo refused by check_reverse: exit $rc"; exit 1; }
            expect_order "pre_reverse check_reverse fail_reverse " "undo refused"
            [ "$(cat /sys/kernel/ksplice/hooks_every_kind/stage)" = applied ] || { echo "FAIL: the update is no longer applied after the refused undo"; exit 1; }
            echo guest > /proc/sys/kernel/domainname; dmesg -c > /dev/null
            ksplice-undo hooks_every_kind || { echo "FAIL: undo"; exit 1; }
            expect_order "pre_reverse check_reverse reverse post_reverse " "undo"
            echo "PASS: each of the ten hooks ran where it belongs"
            """),
        ("apply_and_undo_20_times_under_reads", ApplyAndUndoUnderReads(20)),
        ("livepatch_and_update_of_one_function", """
            cd /ksplice-test/updates
            LP=/sys/kernel/livepatch/livepatch_sample
            wait_lp() { n=300; while [ "$(eval "$1")" != "$2" ] && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done; [ $n -gt 0 ]; }
            insmod /ksplice-test/livepatch-sample.ko
            wait_lp "cat $LP/transition" 0 || { echo "FAIL: the livepatch did not finish its transition"; exit 1; }
            rc=0; ksplice-apply --raw-errors cmdline_string/cmdline_string.tar.gz 2> /tmp/lp.err || rc=$?
            cat /tmp/lp.err
            [ "$rc" = 3 ] || { echo "FAIL: exit $rc, expected 3"; exit 1; }
            [ "$(head -n 1 /tmp/lp.err)" = ftrace_conflict ] || { echo "FAIL: first line is not ftrace_conflict"; exit 1; }
            grep -q "^  cmdline_proc_show (vmlinux) at 0x.* is already redirected through ftrace" /tmp/lp.err || { echo "FAIL: the core's explanation is missing"; exit 1; }
            grep -q "note: cmdline_proc_show is traced through ftrace right now" /tmp/lp.err || { echo "FAIL: no note"; exit 1; }
            grep -q "klp_ftrace_handler" /tmp/lp.err || { echo "FAIL: the note does not name the livepatch's handler"; exit 1; }
            [ "$(cat /proc/cmdline)" = "this has been live patched" ] || { echo "FAIL: /proc/cmdline is not the livepatch's"; exit 1; }
            if grep -q "^ksplice_cmdline_string " /proc/modules; then echo "FAIL: module left loaded"; exit 1; fi
            echo 0 > $LP/enabled
            wait_lp "[ -d $LP ] && echo present || echo gone" gone || { echo "FAIL: the livepatch was not freed"; exit 1; }
            rmmod livepatch_sample
            ksplice-apply cmdline_string/cmdline_string.tar.gz
            if insmod /ksplice-test/livepatch-sample.ko; then echo "FAIL: the livepatch loaded over the update"; exit 1; fi
            sh cmdline_string/check || { echo "FAIL: the update is not live"; exit 1; }
            ksplice-undo cmdline_string
            echo "PASS"
            """),
        ("apply_killed_after_core_load_recovers", $$"""
            {{Killed}}
            if grep -q "^ksplice_core " /proc/modules; then rmmod ksplice_core; fi
            killed after-core-load ksplice-apply meminfo_string/meminfo_string.tar.gz
            grep -q "^ksplice_core " /proc/modules || { echo "FAIL: the core is not loaded"; exit 1; }
            if grep -q "^ksplice_meminfo_string " /proc/modules; then echo "FAIL: the update module is loaded"; exit 1; fi
            [ ! -e /var/lib/ksplice/meminfo_string ] || { echo "FAIL: a record was written"; exit 1; }
            if sh meminfo_string/check; then echo "FAIL: applied"; exit 1; fi
            [ "$(ksplice-view)" = "No Ksplice updates are loaded." ] || { echo "FAIL: ksplice-view"; ksplice-view; exit 1; }
            rc=0; ksplice-undo meminfo_string 2> /tmp/undo.err || rc=$?
            cat /tmp/undo.err
            [ "$rc" = 1 ] && grep -q "no ksplice update meminfo_string is loaded" /tmp/undo.err || { echo "FAIL: undo exit $rc"; exit 1; }
            ksplice-apply meminfo_string/meminfo_string.tar.gz
            sh meminfo_string/check || { echo "FAIL: the next apply did not apply"; exit 1; }
            ksplice-undo meminfo_string
            echo "PASS"
            """),
        ("apply_killed_after_update_load_recovers", $$"""
            {{Killed}}
            killed after-update-load ksplice-apply meminfo_string/meminfo_string.tar.gz
            [ "$(cat /sys/kernel/ksplice/meminfo_string/stage)" = preparing ] || { echo "FAIL: the update module is not loaded in preparing"; exit 1; }
            [ ! -e /var/lib/ksplice/meminfo_string ] || { echo "FAIL: a record was written"; exit 1; }
            ls -d /tmp/ksplice-apply-* > /tmp/scratch.left || { echo "FAIL: the killed apply left no scratch directory to clear"; exit 1; }
            if sh meminfo_string/check; then echo "FAIL: applied"; exit 1; fi
            ksplice-view | tee /tmp/view
            grep -q "^meminfo_string: (no record in /var/lib/ksplice) \[preparing\] - loaded but NOT applied" /tmp/view || { echo "FAIL: ksplice-view"; exit 1; }
            ksplice-apply meminfo_string/meminfo_string.tar.gz 2> /tmp/apply.err || { cat /tmp/apply.err; echo "FAIL: the next apply failed"; exit 1; }
            cat /tmp/apply.err
            grep -q "note: update meminfo_string was loaded but not applied (stage preparing), left by a ksplice-apply or ksplice-undo that did not finish; unloaded it" /tmp/apply.err || { echo "FAIL: the next apply did not say it removed the leftover"; exit 1; }
            sh meminfo_string/check || { echo "FAIL: the next apply did not apply"; exit 1; }
            [ "$(cat /sys/kernel/ksplice/meminfo_string/stage)" = applied ] || { echo "FAIL: not applied"; exit 1; }
            for d in $(cat /tmp/scratch.left); do [ ! -e "$d" ] || { echo "FAIL: the killed apply's scratch directory $d is left"; exit 1; }; done
            ksplice-undo meminfo_string
            if grep -q "^ksplice_meminfo_string " /proc/modules; then echo "FAIL: the update module is left"; exit 1; fi
            [ ! -e /var/lib/ksplice/meminfo_string ] || { echo "FAIL: the record is left"; exit 1; }
            echo "PASS"
            """),
        ("apply_killed_before_applied_recovers_by_undo", $$"""
            {{Killed}}
            killed before-applied ksplice-apply meminfo_string/meminfo_string.tar.gz
            [ "$(cat /sys/kernel/ksplice/meminfo_string/stage)" = preparing ] || { echo "FAIL: the update module is not loaded in preparing"; exit 1; }
            [ "$(echo $(ls /var/lib/ksplice/meminfo_string))" = "description functions.json manifest.json patch" ] || { echo "FAIL: the record is not whole"; ls -a /var/lib/ksplice /var/lib/ksplice/meminfo_string; exit 1; }
            if sh meminfo_string/check; then echo "FAIL: applied"; exit 1; fi
            ksplice-view -v --id=meminfo_string | tee /tmp/view
            grep -q "^Update meminfo_string: preparing - loaded but NOT applied" /tmp/view || { echo "FAIL: ksplice-view"; exit 1; }
            grep -q "^  meminfo_proc_show (vmlinux) at 0x.*: no trampoline" /tmp/view || { echo "FAIL: ksplice-view -v does not show the unpatched bytes"; exit 1; }
            ksplice-undo meminfo_string
            if grep -q "^ksplice_meminfo_string " /proc/modules; then echo "FAIL: the update module is left"; exit 1; fi
            [ ! -e /var/lib/ksplice/meminfo_string ] || { echo "FAIL: the record is left"; exit 1; }
            if sh meminfo_string/check; then echo "FAIL: applied after undo"; exit 1; fi
            echo "PASS"
            """),
        ("undo_killed_after_reverse_recovers", $$"""
            {{Killed}}
            ksplice-apply meminfo_string/meminfo_string.tar.gz
            killed after-reversed ksplice-undo meminfo_string
            [ "$(cat /sys/kernel/ksplice/meminfo_string/stage)" = reversed ] || { echo "FAIL: the update is not loaded in reversed"; exit 1; }
            if sh meminfo_string/check; then echo "FAIL: still applied"; exit 1; fi
            ksplice-view | grep -q "^meminfo_string: .* \[reversed\] - loaded but NOT applied" || { echo "FAIL: ksplice-view"; ksplice-view; exit 1; }
            ksplice-undo meminfo_string
            if grep -q "^ksplice_meminfo_string " /proc/modules; then echo "FAIL: the update module is left"; exit 1; fi
            [ ! -e /var/lib/ksplice/meminfo_string ] || { echo "FAIL: the record is left"; exit 1; }
            echo "PASS"
            """),
        ("undo_unknown_refused", """
            rc=0; ksplice-undo nosuchupdate 2> /tmp/undo.err || rc=$?
            cat /tmp/undo.err
            [ "$rc" = 1 ] && grep -q "no ksplice update nosuchupdate is loaded" /tmp/undo.err
            echo "PASS"
            """),
        ("partial_without_a_module_whose_tracepoints_it_names", """
            cd /ksplice-test/updates
            if grep -q "^xfs " /proc/modules; then rmmod xfs || { echo "FAIL: xfs is loaded and cannot be removed"; exit 1; }; fi
            rc=0; ksplice-apply partial_tracepoints/partial_tracepoints.tar.gz 2> /tmp/partial.err || rc=$?
            cat /tmp/partial.err
            [ "$rc" != 0 ] && grep -q "xfs" /tmp/partial.err || { echo "FAIL: without --partial, exit $rc"; exit 1; }
            ksplice-apply --partial -v partial_tracepoints/partial_tracepoints.tar.gz 2> /tmp/partial.err
            cat /tmp/partial.err
            grep -q "__tracepoint_xfs_fs_sync_fs (xfs, not loaded) in __jump_table: bound to ksplice_inert_static_key" /tmp/partial.err \
              || { echo "FAIL: the tracepoint's key was not bound to the inert key"; exit 1; }
            grep -q "ksplice_partial=1" /proc/cmdline || { echo "FAIL: the vmlinux part is not live"; exit 1; }
            dmesg -c > /dev/null
            if modprobe xfs 2> /tmp/modprobe.err; then echo "FAIL: xfs loaded while the update is applied without it"; exit 1; fi
            dmesg | grep -q "Refusing to load module xfs: update partial_tracepoints changes its xfs_fs_sync_fs" \
              || { echo "FAIL: the refusal is not logged"; dmesg | tail -n 5; exit 1; }
            [ "$(cat /sys/kernel/ksplice/partial_tracepoints/abort_cause)" = cold_update_loaded ] || { echo "FAIL: abort_cause"; exit 1; }
            ksplice-undo partial_tracepoints
            if grep -q "ksplice_partial=1" /proc/cmdline; then echo "FAIL: still live after undo"; exit 1; fi
            modprobe xfs || { echo "FAIL: xfs does not load after the undo"; exit 1; }
            rmmod xfs
            echo "PASS"
            """),
        // Last: its module stays loaded, by design, until the guest powers off.
        ("undo_keeps_the_code_a_timer_still_runs", """
            cd /ksplice-test/updates
            ksplice-view --file timer_callback/timer_callback.tar.gz | grep "keeps     version_poll" \
              || { echo "FAIL: the update does not say that it hands out version_poll"; exit 1; }
            dmesg -c > /dev/null
            ksplice-apply timer_callback/timer_callback.tar.gz
            grep -q '^ksplice_polls=' /proc/version || { echo "FAIL: the update is not live"; exit 1; }
            sleep 1
            polls=$(sed -n 's/^ksplice_polls=//p' /proc/version)
            [ "$polls" -gt 0 ] || { echo "FAIL: the timer the new code armed does not run"; exit 1; }
            rc=0; ksplice-undo timer_callback 2> /tmp/undo.err || rc=$?
            cat /tmp/undo.err
            [ "$rc" = 0 ] || { echo "FAIL: undo exit $rc"; exit 1; }
            grep -q "stays loaded until the next reboot" /tmp/undo.err || { echo "FAIL: undo does not say the code stays"; exit 1; }
            if grep -q '^ksplice_polls=' /proc/version; then echo "FAIL: still live after undo"; exit 1; fi
            if dmesg | grep -q "polled 100 times"; then echo "FAIL: the timer finished before the undo; the case shows nothing"; exit 1; fi
            grep -q "^ksplice_timer_callback " /proc/modules || { echo "FAIL: the module was unloaded while its timer runs"; exit 1; }
            [ "$(cat /sys/kernel/ksplice/timer_callback/stage)" = reversed ] || { echo "FAIL: stage is not reversed"; exit 1; }
            if rmmod ksplice_timer_callback 2> /dev/null; then echo "FAIL: rmmod unloaded the kept module"; exit 1; fi
            rc=0; ksplice-undo timer_callback 2> /tmp/undo2.err || rc=$?
            cat /tmp/undo2.err
            [ "$rc" = 0 ] && grep -q "stays loaded until the next reboot" /tmp/undo2.err \
              || { echo "FAIL: a second undo (exit $rc) does not say the update is reversed and why its code stays"; exit 1; }
            ksplice-view | grep "^timer_callback: .*\[reversed\] - undone; its code stays loaded until the next reboot" || { echo "FAIL: ksplice-view does not list the kept update as reversed"; ksplice-view; exit 1; }
            n=300; while ! dmesg | grep -q "ksplice-timer-callback: polled 100 times" && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
            [ $n -gt 0 ] || { echo "FAIL: the timer stopped running after the undo"; dmesg | tail -n 5; exit 1; }
            echo "PASS: the timer ran on in the kept code after the undo"
            """),
    ];

    /// <summary>
    /// Stress through the commands (issue 9): while a shell loop on each CPU reads /proc/cmdline and counts the old
    /// line, the line of the cmdline_string update (the old one and " kpatch=1") and anything else, CYCLES cycles of
    /// ksplice-apply and ksplice-undo. Fails on any other line, any failed command or check, and when no loop read the
    /// new line. The loops run at nice 19, so that they read whenever a CPU has time and slow the commands the least.
    /// </summary>
    private static string ApplyAndUndoUnderReads(int cycles) => $$"""
        cd /ksplice-test/updates
        if sh cmdline_string/check; then echo "FAIL: cmdline_string is live before the first cycle"; exit 1; fi
        read -r old < /proc/cmdline
        new="$old kpatch=1"
        rm -f /tmp/reads.*
        cpus=$(grep -c '^processor' /proc/cpuinfo)
        cpu=0
        while [ $cpu -lt "$cpus" ]; do
          (
            o=0; n=0; w=0
            while [ ! -e /tmp/reads.stop ]; do
              read -r line < /proc/cmdline
              if [ "$line" = "$old" ]; then o=$((o + 1))
              elif [ "$line" = "$new" ]; then n=$((n + 1))
              else w=$((w + 1)); echo "$line" >> /tmp/reads.wrong
              fi
            done
            echo "$o $n $w" > /tmp/reads.$cpu
          ) &
          taskset -p $((1 << cpu)) $! > /dev/null
          renice -n 19 -p $! > /dev/null
          cpu=$((cpu + 1))
        done
        cycle=0
        while [ $cycle -lt {{cycles}} ]; do
          ksplice-apply cmdline_string/cmdline_string.tar.gz > /tmp/reads.apply 2>&1 || { cat /tmp/reads.apply; echo "FAIL: cycle $cycle: ksplice-apply"; touch /tmp/reads.stop; exit 1; }
          sh cmdline_string/check || { echo "FAIL: cycle $cycle: not live after ksplice-apply"; touch /tmp/reads.stop; exit 1; }
          ksplice-undo cmdline_string > /tmp/reads.undo 2>&1 || { cat /tmp/reads.undo; echo "FAIL: cycle $cycle: ksplice-undo"; touch /tmp/reads.stop; exit 1; }
          if sh cmdline_string/check; then echo "FAIL: cycle $cycle: still live after ksplice-undo"; touch /tmp/reads.stop; exit 1; fi
          cycle=$((cycle + 1))
        done
        touch /tmp/reads.stop
        wait
        echo "cycles: $cycle"
        total_new=0; total_wrong=0
        cpu=0
        while [ $cpu -lt "$cpus" ]; do
          read -r o n w < /tmp/reads.$cpu
          echo "reader on CPU $cpu: old=$o new=$n wrong=$w"
          total_new=$((total_new + n)); total_wrong=$((total_wrong + w))
          cpu=$((cpu + 1))
        done
        [ "$total_wrong" = 0 ] || { echo "FAIL: $total_wrong read(s) neither old nor new:"; head -n 5 /tmp/reads.wrong; exit 1; }
        [ "$total_new" -gt 0 ] || { echo "FAIL: no read saw the update's line"; exit 1; }
        echo "PASS"
        """;

    /// <summary>
    /// <c>killed POINT COMMAND...</c>: runs COMMAND with KSPLICE_FAULT=POINT in /ksplice-test/updates and fails unless it
    /// killed itself there with SIGKILL (exit 137, after saying so).
    /// </summary>
    private const string Killed = """
        cd /ksplice-test/updates
        killed() {
          point=$1; shift
          rc=0; KSPLICE_FAULT=$point "$@" 2> /tmp/killed.err || rc=$?
          cat /tmp/killed.err
          [ "$rc" = 137 ] || { echo "FAIL: $* exited $rc, not killed at $point"; exit 1; }
          grep -q "KSPLICE_FAULT=$point: killing this process" /tmp/killed.err || { echo "FAIL: not killed at $point"; exit 1; }
        }
        """;

    /// <summary>Applies two updates, checks both, undoes FIRST and then the other, checking each is gone in turn.</summary>
    private static string TwoAtOnce(string first, string second) => $$"""
        cd /ksplice-test/updates
        ksplice-apply meminfo_string/meminfo_string.tar.gz
        ksplice-apply cmdline_string/cmdline_string.tar.gz
        sh meminfo_string/check && sh cmdline_string/check
        [ "$(ksplice-view | grep -c '\[applied\]$')" = 2 ] || { echo "FAIL: ksplice-view does not list both"; ksplice-view; exit 1; }
        ksplice-undo {{first}}
        if sh {{first}}/check; then echo "FAIL: {{first}} still live"; exit 1; fi
        sh {{second}}/check || { echo "FAIL: undoing {{first}} undid {{second}}"; exit 1; }
        ksplice-undo {{second}}
        if sh {{second}}/check; then echo "FAIL: {{second}} still live"; exit 1; fi
        echo "PASS"
        """;
}
