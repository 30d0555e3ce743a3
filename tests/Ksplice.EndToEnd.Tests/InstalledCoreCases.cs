namespace Ksplice.EndToEnd.Tests;

/// <summary>The in-guest cases of <see cref="InstalledCoreGuests"/>, as shell.</summary>
public static class InstalledCoreCases
{
    /// <summary>Shared by every case: the installed core's srcversion, and the module list to compare.</summary>
    private const string Prelude = """
        core=/lib/modules/$(uname -r)/extra/ksplice_core.ko
        [ -f "$core" ] || { echo "FAIL: $core is not in the guest"; exit 1; }
        installed=$(tr '\0' '\n' < "$core" | grep '^srcversion=' | cut -d= -f2)
        [ -n "$installed" ] || { echo "FAIL: $core has no srcversion"; exit 1; }
        cut -d' ' -f1 /proc/modules | sort > /tmp/modules.before
        unchanged() {
          cut -d' ' -f1 /proc/modules | sort > /tmp/modules.after
          cmp /tmp/modules.before /tmp/modules.after || { echo "FAIL: the loaded modules changed"; exit 1; }
          if [ -e /sys/kernel/ksplice ]; then echo "FAIL: /sys/kernel/ksplice exists: the core was loaded"; exit 1; fi
        }
        cd /ksplice-test/updates
        """;

    public static IReadOnlyList<(string Name, string Body)> Plain { get; } =
    [
        ("installed_core_is_loaded", Prelude + """

            if grep -q '^ksplice_core ' /proc/modules; then echo "FAIL: a core is loaded before apply"; exit 1; fi
            ksplice-apply cmdline_string/cmdline_string.tar.gz
            sh cmdline_string/check || { echo "FAIL: the update is not live"; exit 1; }
            loaded=$(cat /sys/module/ksplice_core/srcversion)
            echo "installed srcversion $installed, loaded $loaded"
            [ "$loaded" = "$installed" ] || { echo "FAIL: the loaded core is not the installed one"; exit 1; }
            ksplice-undo cmdline_string
            rmmod ksplice_core
            echo "PASS"
            """),
        ("swapped_core_never_loaded", Prelude + """

            ksplice-apply swapped/swapped.tar.gz
            if grep -q '^crc8 ' /proc/modules; then echo "FAIL: the tarball's ksplice_core.ko (crc8.ko) was loaded"; exit 1; fi
            [ "$(cat /sys/module/ksplice_core/srcversion)" = "$installed" ] || { echo "FAIL: the loaded core is not the installed one"; exit 1; }
            sh cmdline_string/check || { echo "FAIL: the update is not live"; exit 1; }
            ksplice-undo cmdline_string
            rmmod ksplice_core
            echo "PASS"
            """),
    ];

    public static IReadOnlyList<(string Name, string Body)> SignaturesEnforced { get; } =
    [
        ("kernel_refuses_the_unsigned_core", Prelude + """

            [ "$(cat /sys/module/module/parameters/sig_enforce)" = Y ] || { echo "FAIL: sig_enforce is not Y"; exit 1; }
            dmesg -c > /dev/null
            if insmod "$core"; then echo "FAIL: the kernel loaded the unsigned core"; exit 1; fi
            dmesg | grep "Loading of unsigned module is rejected" || { echo "FAIL: no rejection in the kernel log"; dmesg | tail -n 5; exit 1; }
            unchanged
            echo "PASS"
            """),
        ("unsigned_update_refused_before_loading", Prelude + """

            rc=0; ksplice-apply cmdline_string/cmdline_string.tar.gz 2> /tmp/err || rc=$?
            cat /tmp/err
            [ "$rc" = 1 ] || { echo "FAIL: exit $rc, expected 1"; exit 1; }
            grep -q "this kernel enforces module signatures (module.sig_enforce is Y" /tmp/err || { echo "FAIL: the setting is not named"; exit 1; }
            grep -q "nothing was loaded" /tmp/err || { echo "FAIL: does not say nothing was loaded"; exit 1; }
            grep -q "invalidates any signature" /tmp/err || { echo "FAIL: does not say why"; exit 1; }
            grep -q "The update module is unsigned" /tmp/err || { echo "FAIL: does not say the module is unsigned"; exit 1; }
            unchanged
            if sh cmdline_string/check; then echo "FAIL: the update is live"; exit 1; fi
            echo "PASS"
            """),
        ("dry_run_says_apply_would_be_refused", Prelude + """

            rc=0; ksplice-apply --dry-run cmdline_string/cmdline_string.tar.gz > /tmp/out 2> /tmp/err || rc=$?
            cat /tmp/out /tmp/err
            [ "$rc" = 1 ] || { echo "FAIL: exit $rc, expected 1"; exit 1; }
            grep -q "matches the running kernel" /tmp/out || { echo "FAIL: the dry run did not match"; exit 1; }
            grep -q "the real apply would be refused: this kernel enforces module signatures" /tmp/err || { echo "FAIL: no warning"; exit 1; }
            unchanged
            echo "PASS"
            """),
        ("signed_update_refused_too", Prelude + """

            rc=0; ksplice-apply signed_cmdline/signed_cmdline.tar.gz 2> /tmp/err || rc=$?
            cat /tmp/err
            [ "$rc" = 1 ] || { echo "FAIL: exit $rc, expected 1"; exit 1; }
            grep -q "The update module carries a signature (signer CN=ksplice e2e signing key" /tmp/err || { echo "FAIL: the signature is not named"; exit 1; }
            unchanged
            echo "PASS"
            """),
        ("lockdown_is_named", Prelude + """

            mount -t securityfs securityfs /sys/kernel/security 2> /dev/null || true
            echo integrity > /sys/kernel/security/lockdown
            grep -q '\[integrity\]' /sys/kernel/security/lockdown || { echo "FAIL: lockdown is not integrity"; exit 1; }
            rc=0; ksplice-apply cmdline_string/cmdline_string.tar.gz 2> /tmp/err || rc=$?
            cat /tmp/err
            [ "$rc" = 1 ] || { echo "FAIL: exit $rc, expected 1"; exit 1; }
            grep -q "lockdown is 'integrity' in /sys/kernel/security/lockdown" /tmp/err || { echo "FAIL: lockdown is not named"; exit 1; }
            unchanged
            echo "PASS"
            """),
    ];
}
