using Ksplice.Source.Process;

namespace Ksplice.Source.Patches;

/// <summary>
/// --diffext=EXT: every file <c>X.EXT</c> in the tree is the new version of <c>X</c> (a missing <c>X</c> is a
/// creation); the patch is <c>diff -u</c> of each pair with <c>a/</c> and <c>b/</c> labels, applied with <c>-p1</c>.
/// </summary>
public static class DiffExtInput
{
    public static SourcePatch Load(string tree, string extension, IProcessRunner runner, IEnumerable<string>? excludedDirs = null)
    {
        if (string.IsNullOrEmpty(extension) || extension.Contains('/'))
            throw new KspliceSourceException($"--diffext={extension}: give a file name ending such as .fixed.");
        tree = Path.GetFullPath(tree);
        var excluded = (excludedDirs ?? []).Select(d => Path.GetFullPath(d).TrimEnd('/') + "/").ToList();
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var changed = Directory.EnumerateFiles(tree, "*" + extension, options)
            .Where(f => f.EndsWith(extension, StringComparison.Ordinal) && Path.GetFileName(f).Length > extension.Length)
            .Where(f => !excluded.Any(e => f.StartsWith(e, StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(tree, f)).Order(StringComparer.Ordinal).ToList();
        if (changed.Count == 0)
            throw new KspliceSourceException($"No file in {tree} ends with '{extension}'; copy each file to change to NAME{extension} and edit the copy.");

        var text = new MemoryStream();
        foreach (var rel in changed)
        {
            var original = rel[..^extension.Length];
            var exists = File.Exists(Path.Combine(tree, original));
            var spec = new ProcessSpec("diff", ["-u", "--label", exists ? "a/" + original : "/dev/null", "--label", "b/" + original,
                exists ? original : "/dev/null", rel]) { WorkingDirectory = tree, Environment = new Dictionary<string, string?> { ["LC_ALL"] = "C" } };
            var result = runner.Run(spec);
            if (result.ExitCode > 1) throw new Process.ProcessFailedException(result, $"comparing {original} with {rel}");
            text.Write(result.StandardOutputBytes);
        }
        if (text.Length == 0)
            throw new KspliceSourceException($"Every *{extension} file in {tree} equals its original ({string.Join(", ", changed)}); nothing to patch.");
        return SourcePatch.FromBytes(text.ToArray(), SourcePatch.DefaultOptions);
    }
}
