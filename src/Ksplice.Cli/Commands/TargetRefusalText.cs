using Ksplice.Apply.Applying;
using Ksplice.Apply.Kernel;
using Ksplice.Elf.Modules;

namespace Ksplice.Cli.Commands;

/// <summary>The message for each reason apply or undo refuses an update before touching the kernel.</summary>
public static class TargetRefusalText
{
    public static string Describe(TargetRefusal refusal) => refusal switch
    {
        BuiltForAnotherRelease r =>
            $"update {r.Id} was built for kernel {r.Built}, but this kernel is {r.Running}; build the update from this kernel's source and headers",
        BuiltForAnotherBuild r =>
            $"update {r.Id} was built for {r.Release} \"{r.BuiltVersion}\", but this kernel is \"{r.RunningVersion}\"; the headers used to build it belong to another build of this release",
        PartialUpdateNeedsTarget r =>
            $"update {r.Id} cannot be applied without {string.Join(", ", r.Keys.Select(k => k.Target).Distinct().Order(StringComparer.Ordinal))}: " +
            $"its module's static-key and static-call tables name {string.Join(", ", r.Keys.Select(k => k.Name).Order(StringComparer.Ordinal))}, which the kernel would look up when the update module loads; " +
            "load the target module(s) first, or build the update without the patch to them",
        UpdateAlreadyLoaded r =>
            $"update {r.Id} is already loaded (stage {r.Stage.WireName()}); see ksplice-view --id={r.Id}, or ksplice-undo {r.Id}",
        UpdateNotLoaded r =>
            $"no ksplice update {r.Id} is loaded (ksplice-view lists the loaded updates)" +
            (r.RecordRemoved ? $"; removed the record ksplice-apply had left of it in {AppliedUpdateStore.DefaultRoot}/{r.Id}" : ""),
        OperationInProgress r =>
            $"another ksplice-apply or ksplice-undo is running (it holds {r.LockPath}); nothing was changed for update {r.Id}. Try again when it is done",
        SignaturesEnforced r => SignaturesEnforcedText(r),
        NoInstalledCore r =>
            $"no ksplice core module is installed for kernel {r.Release}: neither {string.Join(" nor ", InstalledCore.Candidates(r.Release))} exists; nothing was loaded. " +
            "ksplice-apply loads only those files, never a core module shipped in an update. Install it: apt-get install ksplice-core-dkms " +
            $"linux-headers-{r.Release} builds it for every installed kernel, ./run setup installs it, or " +
            $"make -C kmod KDIR=/lib/modules/{r.Release}/build CC=gcc-12 && install -D -m 0644 kmod/core/ksplice_core.ko {r.Path} && depmod -a {r.Release}",
        InstalledCoreMismatch r =>
            $"update {r.Id} was built against another ksplice core than the one installed at {r.Path}: " +
            string.Join("; ", r.Symbols.Select(SymbolText)) + "; nothing was loaded. The update and the core come from different " +
            "ksplice sources: build the update with the ksplice whose core is installed, or install the core of the ksplice that built it (./run setup)",
        LoadedCoreNotInstalled r =>
            $"the loaded ksplice_core is not the installed one ({r.Path}): its srcversion is {r.LoadedSourceVersion ?? "missing"} " +
            $"(/sys/module/ksplice_core/srcversion), the installed file's is {r.InstalledSourceVersion ?? "missing"}; nothing was loaded. " +
            "A core loaded by hand would serve this update. Undo every update (ksplice-view lists them), unload it with " +
            "rmmod ksplice_core, and apply again: ksplice-apply then loads the installed core",
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "no message for this refusal"),
    };

    private static string SymbolText(CoreSymbolMismatch s) =>
        !s.Exported ? $"the installed core does not export {s.Symbol}" + (s.Wanted is { } w ? $" (the update wants CRC 0x{w:x8})" : "")
        : $"{s.Symbol}: the update was built against CRC 0x{s.Wanted:x8}, the installed core exports 0x{s.Installed:x8}";

    private static string SignaturesEnforcedText(SignaturesEnforced r)
    {
        var carried = !r.UpdateSigned ? "The update module is unsigned."
            : r.Signer is { } signer
                ? $"The update module carries a signature (signer {signer.Issuer}, key {signer.Key}, {signer.DigestAlgorithm}), but it covers the module as created, not as applied."
                : "The update module carries a signature, but it covers the module as created, not as applied.";
        return $"this kernel enforces module signatures ({string.Join("; ", r.Policy.Settings)}), so update {r.Id} cannot be applied; " +
            "nothing was loaded. ksplice-apply writes the addresses it learns from the running kernel and the bytes it compared into " +
            "the update module just before loading it, which invalidates any signature made when the update was created, and the " +
            "core module built on this machine is not signed by a key the kernel trusts: the kernel would refuse both (EKEYREJECTED). " +
            carried + " To apply ksplice updates, boot this kernel without module.sig_enforce=1 and without lockdown (under Secure " +
            "Boot lockdown follows it: turn Secure Boot off or run mokutil --disable-validation); otherwise install a kernel that " +
            "contains the fix and reboot. (docs/DESIGN.md, section 2: signed updates need the core to apply the learnt values itself.)";
    }
}
