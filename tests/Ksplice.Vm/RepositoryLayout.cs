namespace Ksplice.Vm;

/// <summary>Where the repository's sources are, found from the running assembly (or $KSPLICE_REPO).</summary>
public sealed record RepositoryLayout(string Root)
{
    /// <summary>kmod/: the core module and its headers (the ABI and the lists of include/).</summary>
    public string Kmod => Path.Combine(Root, "kmod");

    /// <summary>tests/vm/: in-guest shell library, cases and fixture module sources.</summary>
    public string VmTests => Path.Combine(Root, "tests", "vm");

    /// <summary>tests/vm/debian/: the Debian guest's image recipe (image/), its per-boot script and test packages.</summary>
    public string DebianGuest => Path.Combine(VmTests, "debian");

    public static RepositoryLayout Find()
    {
        var env = Environment.GetEnvironmentVariable("KSPLICE_REPO");
        if (!string.IsNullOrEmpty(env))
        {
            return IsRoot(env) ? new RepositoryLayout(Path.GetFullPath(env))
                : throw new DirectoryNotFoundException($"KSPLICE_REPO={env} holds no Ksplice.sln and kmod/");
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (IsRoot(dir.FullName)) return new RepositoryLayout(dir.FullName);
        }
        throw new DirectoryNotFoundException(
            $"No repository root (Ksplice.sln with kmod/) above {AppContext.BaseDirectory}; set KSPLICE_REPO");
    }

    private static bool IsRoot(string dir) =>
        File.Exists(Path.Combine(dir, "Ksplice.sln")) && Directory.Exists(Path.Combine(dir, "kmod"));
}
