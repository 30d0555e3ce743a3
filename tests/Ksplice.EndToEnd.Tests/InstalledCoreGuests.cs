using Ksplice.Corpus;
using Ksplice.Vm;

namespace Ksplice.EndToEnd.Tests;

/// <summary>
/// Two short boots of the Debian kernel with the real ksplice binary and the core installed on the host
/// (/lib/modules/RELEASE/extra/ksplice_core.ko in the initramfs): a plain one, where apply loads that core and never a
/// core shipped in a tarball; and one booted with module.sig_enforce=1, where apply refuses before anything loads and
/// says why.
/// </summary>
public sealed class InstalledCoreGuests
{
    public InstalledCoreGuests()
    {
        var cmdline = VisibleCorpus.Named("cmdline-string");
        var update = KspliceTool.Create(cmdline);
        if (update.Tarball is null) throw new InvalidOperationException("cmdline-string did not create:\n" + update.Describe());
        var signed = SignedUpdate.Create();
        if (signed.Tarball is null) throw new InvalidOperationException("the signed update did not create:\n" + signed.Describe());
        var swapped = SwappedCoreUpdate.Make(update, GuestRun.Kernel.Release);

        var plain = new GuestRun().AddUpdate(cmdline.Id, update.Tarball, cmdline.CheckPath)
            .AddFile(swapped, "/ksplice-test/updates/swapped/swapped.tar.gz");
        foreach (var (name, body) in InstalledCoreCases.Plain) plain.Case(name, body);
        Plain = plain.Boot(TimeSpan.FromMinutes(10));

        var enforcing = new GuestRun().AddUpdate(cmdline.Id, update.Tarball, cmdline.CheckPath)
            .AddUpdate(SignedUpdate.Id, signed.Tarball);
        foreach (var (name, body) in InstalledCoreCases.SignaturesEnforced) enforcing.Case(name, body);
        SignaturesEnforced = enforcing.Boot(TimeSpan.FromMinutes(10), "module.sig_enforce=1");
    }

    public GuestResult Plain { get; }
    public GuestResult SignaturesEnforced { get; }
}
