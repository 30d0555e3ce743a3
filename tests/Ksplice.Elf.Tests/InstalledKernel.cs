namespace Ksplice.Elf.Tests;

/// <summary>The Debian kernel installed by ./run setup: its release and module directory.</summary>
internal static class InstalledKernel
{
    public static string Release { get; } = FindRelease();

    public static string ModulesDir => Path.Combine("/lib/modules", Release);

    public static string Module(string relativePath) => Path.Combine(ModulesDir, "kernel", relativePath);

    private static string FindRelease()
    {
        var releases = Directory.Exists("/lib/modules")
            ? Directory.GetDirectories("/lib/modules").Select(Path.GetFileName).Where(r => r!.EndsWith("-amd64", StringComparison.Ordinal)).ToList()
            : [];
        return releases.Count > 0 ? releases.Order(StringComparer.Ordinal).Last()!
            : throw new InvalidOperationException("no /lib/modules/*-amd64: run ./run setup to install the Debian kernel");
    }
}
