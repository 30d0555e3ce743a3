namespace Ksplice.TestSupport;

/// <summary>Where tests keep what they build once per machine: $KSPLICE_TEST_CACHE, default /var/tmp/ksplice-test.</summary>
public static class TestPaths
{
    public static string CacheRoot { get; } =
        Environment.GetEnvironmentVariable("KSPLICE_TEST_CACHE") is { Length: > 0 } dir ? dir : "/var/tmp/ksplice-test";

    /// <summary>The repository root (the directory holding Ksplice.sln), found from the test assembly's location.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>../shared/corpus next to the repository, or $KSPLICE_CORPUS.</summary>
    public static string Corpus { get; } =
        Environment.GetEnvironmentVariable("KSPLICE_CORPUS") is { Length: > 0 } c ? c : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpus"));

    public static string Fixtures => Path.Combine(RepositoryRoot, "tests", "fixtures");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ksplice.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Ksplice.sln above {AppContext.BaseDirectory}");
    }
}
