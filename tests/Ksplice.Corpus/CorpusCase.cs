namespace Ksplice.Corpus;

/// <summary>
/// One folder of a corpus (../shared/corpus/README.md): a patch against linux-source-6.1, what must happen to it, and
/// optional `check` and `setup` scripts that run in the guest. A folder that is not a valid case says why in
/// <see cref="Problem"/>: the run reports it as one row instead of stopping.
/// </summary>
public sealed record CorpusCase(string Name, string Directory, CorpusExpectation Expect)
{
    /// <summary>Why the folder is not a valid case (no patch file, an unknown expect word), or null.</summary>
    public string? Problem { get; init; }

    /// <summary>The expect word for the table, "?" when the folder has none that is valid.</summary>
    public string ExpectWord => Problem is null ? Expect.Word() : "?";

    public string PatchPath => Path.Combine(Directory, "patch");
    public string? CheckPath => Optional("check");
    public string? SetupPath => Optional("setup");

    /// <summary>
    /// The update id for this case: the folder name with [a-z0-9_] only; a name longer than an id may be keeps its
    /// start and ends in a hash of the whole name, so two long names never share an id.
    /// </summary>
    public string Id => IdFor(Name);

    public static string IdFor(string name)
    {
        var id = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray());
        if (id.Length <= MaximumIdLength) return id;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..8];
        return id[..(MaximumIdLength - hash.Length - 1)] + "_" + hash;
    }

    /// <summary>The longest update id ksplice accepts (UpdateId.MaximumLength).</summary>
    public const int MaximumIdLength = 32;

    /// <summary>Modules the setup script loads with modprobe: the guest must carry them and their dependencies.</summary>
    public IReadOnlyList<string> SetupModules => SetupPath is null ? [] : ModprobeCommands.Modules(File.ReadAllText(SetupPath));

    /// <summary>Every case of a corpus folder, in name order; a folder without a patch and a known expect has a <see cref="Problem"/>.</summary>
    public static IReadOnlyList<CorpusCase> Load(string corpus)
    {
        if (!System.IO.Directory.Exists(corpus))
            throw new DirectoryNotFoundException($"{corpus}: no such corpus folder");
        return System.IO.Directory.GetDirectories(corpus).Order(StringComparer.Ordinal).Select(LoadCase).ToList();
    }

    /// <summary>The cases named, in the order given; an unknown name is an error that lists the known ones.</summary>
    public static IReadOnlyList<CorpusCase> Select(IReadOnlyList<CorpusCase> all, IReadOnlyList<string> names)
    {
        if (names.Count == 0) return all;
        var unknown = names.Where(n => all.All(c => c.Name != n)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"no case {string.Join(", ", unknown)} in the corpus; it has {string.Join(", ", all.Select(c => c.Name))}");
        return names.Distinct(StringComparer.Ordinal).Select(n => all.Single(c => c.Name == n)).ToList();
    }

    private static CorpusCase LoadCase(string directory)
    {
        var name = Path.GetFileName(directory);
        var missing = new[] { "patch", "expect" }.Where(f => !File.Exists(Path.Combine(directory, f))).ToList();
        if (missing.Count > 0)
            return new CorpusCase(name, directory, default) { Problem = $"{directory}: no {string.Join(" or ", missing)} file; each case needs patch and expect" };
        var expectPath = Path.Combine(directory, "expect");
        var word = File.ReadAllText(expectPath).Trim();
        return CorpusExpectations.TryParse(word, out var expect)
            ? new CorpusCase(name, directory, expect)
            : new CorpusCase(name, directory, default) { Problem = $"{expectPath}:1: '{word}' is not one of {CorpusExpectations.Known}" };
    }

    private string? Optional(string file) => File.Exists(Path.Combine(Directory, file)) ? Path.Combine(Directory, file) : null;
}
