namespace Ksplice.Apply.Kernel;

/// <summary>
/// Where the core module ksplice-apply loads lives, for the running release: the build of the ksplice-core-dkms
/// package (<c>/lib/modules/&lt;release&gt;/updates/dkms/ksplice_core.ko</c>, rebuilt by DKMS for every installed kernel),
/// else the one <c>./run setup</c> installs from kmod/ (<c>/lib/modules/&lt;release&gt;/extra/ksplice_core.ko</c>, as
/// kpatch installs its core). The first that exists is the core, in the order depmod searches them. No other file is
/// ever loaded as the core, in particular not one shipped inside an update.
/// </summary>
public static class InstalledCore
{
    public const string DefaultModulesRoot = "/lib/modules";
    public const string FileName = "ksplice_core.ko";

    /// <summary>The directories under /lib/modules/RELEASE a core is installed in, first the one that wins.</summary>
    public static IReadOnlyList<string> Locations { get; } = ["updates/dkms", "extra"];

    /// <summary>Every place a core may be installed for <paramref name="release"/>, in <see cref="Locations"/> order.</summary>
    public static IReadOnlyList<string> Candidates(string release, string modulesRoot = DefaultModulesRoot)
    {
        if (release.Length == 0 || release.Contains('/') || release is "." or "..")
            throw new ArgumentException($"'{release}' is not a kernel release", nameof(release));
        return Locations.Select(l => Path.Combine(modulesRoot, release, l, FileName)).ToList();
    }

    /// <summary>The installed core for <paramref name="release"/>: the first candidate that exists, else the last (setup's
    /// place, which the refusal names).</summary>
    public static string PathFor(string release, string modulesRoot = DefaultModulesRoot)
    {
        var candidates = Candidates(release, modulesRoot);
        return candidates.FirstOrDefault(File.Exists) ?? candidates[^1];
    }
}
