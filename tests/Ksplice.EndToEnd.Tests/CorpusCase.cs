using Ksplice.TestSupport;

namespace Ksplice.EndToEnd.Tests;

/// <summary>One folder of ../shared/corpus: a patch against linux-source-6.1 and what must happen to it.</summary>
public sealed record CorpusCase(string Name, string Directory, string Expect)
{
    public string PatchPath => Path.Combine(Directory, "patch");
    public string? CheckPath => File.Exists(Path.Combine(Directory, "check")) ? Path.Combine(Directory, "check") : null;
    public string? SetupPath => File.Exists(Path.Combine(Directory, "setup")) ? Path.Combine(Directory, "setup") : null;

    /// <summary>The update id for this case: the folder name with [a-z0-9_] only.</summary>
    public string Id => new(Name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray());

    public static IReadOnlyList<CorpusCase> All { get; } = Load();

    public static CorpusCase Named(string name) => All.Single(c => c.Name == name);

    private static List<CorpusCase> Load()
    {
        if (!System.IO.Directory.Exists(TestPaths.Corpus))
            throw new DirectoryNotFoundException($"no corpus at {TestPaths.Corpus} (set KSPLICE_CORPUS)");
        return System.IO.Directory.GetDirectories(TestPaths.Corpus).Order(StringComparer.Ordinal)
            .Select(d => new CorpusCase(Path.GetFileName(d), d, File.ReadAllText(Path.Combine(d, "expect")).Trim()))
            .ToList();
    }
}
