namespace Ksplice.TestSupport;

/// <summary>Locations in the checkout: the repository root (holds Ksplice.sln) and shared/ beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The patch corpus: <c>../shared/corpus</c> from the repository root.</summary>
    public static string Corpus => Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus"));

    public static IReadOnlyList<string> CorpusCases =>
        Directory.GetDirectories(Corpus).Where(d => File.Exists(Path.Combine(d, "patch"))).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ksplice.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Ksplice.sln above {AppContext.BaseDirectory}");
    }
}
