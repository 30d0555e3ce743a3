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
        ("undo_unknown_refused", """
            rc=0; ksplice-undo nosuchupdate 2> /tmp/undo.err || rc=$?
            cat /tmp/undo.err
            [ "$rc" = 1 ] && grep -q "no ksplice update nosuchupdate is loaded" /tmp/undo.err
            echo "PASS"
            """),
    ];

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
