using System.Text.RegularExpressions;

namespace Ksplice.Corpus;

/// <summary>
/// One folder of a corpus (../shared/corpus/README.md): a patch against linux-source-6.1, what must happen to it, and
/// optional `check` and `setup` scripts that run in the guest.
/// </summary>
public sealed partial record CorpusCase(string Name, string Directory, CorpusExpectation Expect)
{
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
    public IReadOnlyList<string> SetupModules =>
        SetupPath is null ? [] : ModprobePattern().Matches(File.ReadAllText(SetupPath))
            .Select(m => m.Groups["module"].Value).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Every case of a corpus folder, in name order. A folder without a patch and a known expect is an error.</summary>
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
        foreach (var file in new[] { "patch", "expect" })
        {
            if (!File.Exists(Path.Combine(directory, file)))
                throw new InvalidDataException($"{directory}: no {file} file; each case needs patch and expect");
        }
        var expectPath = Path.Combine(directory, "expect");
        var word = File.ReadAllText(expectPath).Trim();
        if (!CorpusExpectations.TryParse(word, out var expect))
            throw new InvalidDataException($"{expectPath}:1: '{word}' is not one of {CorpusExpectations.Known}");
        return new CorpusCase(Path.GetFileName(directory), directory, expect);
    }

    private string? Optional(string file) => File.Exists(Path.Combine(Directory, file)) ? Path.Combine(Directory, file) : null;

    [GeneratedRegex(@"\bmodprobe\s+(?:-\S+\s+)*(?<module>[A-Za-z0-9_-]+)")]
    private static partial Regex ModprobePattern();
}
