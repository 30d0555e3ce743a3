using System.Text.RegularExpressions;
using Ksplice.Package.Manifest;

namespace Ksplice.Debian;

/// <summary>
/// The kernel image package an update was built for: <c>linux-image-&lt;release&gt;</c> at the Debian version its
/// <c>uname -v</c> names ("#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)" is 6.1.192-2), as a Depends entry.
/// A kernel whose version names no Debian version is depended on by name only.
/// </summary>
public static partial class KernelImagePackage
{
    [GeneratedRegex(@"\bDebian ([0-9][A-Za-z0-9.+~:-]*)")]
    private static partial Regex DebianVersion();

    public static string? VersionOf(string unameVersion) =>
        DebianVersion().Match(unameVersion) is { Success: true } m ? m.Groups[1].Value : null;

    public static string Dependency(KernelIdentity kernel) =>
        VersionOf(kernel.Version) is { } version ? $"linux-image-{kernel.Release} (= {version})" : $"linux-image-{kernel.Release}";
}
