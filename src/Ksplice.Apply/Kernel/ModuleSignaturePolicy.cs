namespace Ksplice.Apply.Kernel;

/// <summary>
/// Whether the running kernel loads only modules with a valid signature by a key it trusts: <c>module.sig_enforce</c>
/// (<c>/sys/module/module/parameters/sig_enforce</c> is <c>Y</c>: the boot parameter, CONFIG_MODULE_SIG_FORCE, or set
/// at run time) or a lockdown of <c>integrity</c> or <c>confidentiality</c> (<c>/sys/kernel/security/lockdown</c>; Secure
/// Boot turns it on), under which the kernel refuses unsigned modules without changing sig_enforce.
/// </summary>
public sealed record ModuleSignaturePolicy(bool SigEnforce, string? Lockdown)
{
    public const string SigEnforceFile = "module/module/parameters/sig_enforce";
    public const string LockdownFile = "kernel/security/lockdown";

    public static ModuleSignaturePolicy None { get; } = new(false, null);

    public bool LockdownEnforces => Lockdown is "integrity" or "confidentiality";

    /// <summary>The kernel would refuse a module without a valid signature by a key it trusts.</summary>
    public bool Enforced => SigEnforce || LockdownEnforces;

    /// <summary>Each setting that enforces signatures, as the administrator would look it up.</summary>
    public IReadOnlyList<string> Settings =>
    [
        .. SigEnforce ? ["module.sig_enforce is Y in /sys/module/module/parameters/sig_enforce"] : Array.Empty<string>(),
        .. LockdownEnforces ? [$"lockdown is '{Lockdown}' in /sys/kernel/security/lockdown"] : Array.Empty<string>(),
    ];

    /// <summary>
    /// Reads both settings under <paramref name="sysRoot"/>. A kernel without module signing has no sig_enforce file; the
    /// lockdown file exists only where securityfs is mounted (when it is not, lockdown cannot be seen from here and the
    /// kernel's refusal, EPERM, is the only sign).
    /// </summary>
    public static ModuleSignaturePolicy Read(string sysRoot = "/sys")
    {
        var sigEnforce = ReadFirstLine(Path.Combine(sysRoot, SigEnforceFile)) is "Y" or "1";
        return new ModuleSignaturePolicy(sigEnforce, ParseLockdown(ReadFirstLine(Path.Combine(sysRoot, LockdownFile))));
    }

    /// <summary>The selected mode of "none [integrity] confidentiality"; null when nothing is selected.</summary>
    public static string? ParseLockdown(string? text)
    {
        if (text is null) return null;
        var start = text.IndexOf('[');
        var end = start < 0 ? -1 : text.IndexOf(']', start);
        return end > start + 1 ? text[(start + 1)..end] : null;
    }

    private static string? ReadFirstLine(string path) => File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
}
