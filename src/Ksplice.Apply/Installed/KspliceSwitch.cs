namespace Ksplice.Apply.Installed;

/// <summary>
/// Whether the administrator turned ksplice off for this boot or for good: <c>ksplice=off</c> on the kernel command
/// line, or the file <c>/etc/ksplice/disable</c> (the conditions ksplice.service carries too). <c>ksplice-apply --all</c>
/// then applies nothing and says which one it found.
/// </summary>
public static class KspliceSwitch
{
    public const string CommandLineOption = "ksplice=off";
    public const string DisableFile = "/etc/ksplice/disable";

    /// <summary>Why ksplice is off, or null when it is on.</summary>
    public static string? OffBecause(string procRoot = "/proc", string disableFile = DisableFile)
    {
        var cmdline = Path.Combine(procRoot, "cmdline");
        if (File.Exists(cmdline) && File.ReadAllText(cmdline).Split(' ', '\n', '\t').Contains(CommandLineOption))
            return $"{CommandLineOption} is on the kernel command line";
        return File.Exists(disableFile) ? $"{disableFile} exists" : null;
    }
}
