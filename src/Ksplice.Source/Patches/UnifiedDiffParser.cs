using System.Text.RegularExpressions;

namespace Ksplice.Source.Patches;

/// <summary>
/// Lists the files a unified diff touches (plain <c>diff -u</c>, <c>diff -Nupr</c> and <c>git diff</c> output),
/// stripping leading components as <c>patch -pN</c> does, with creations and deletions recognised from
/// <c>/dev/null</c> names and git's <c>new file mode</c>/<c>deleted file mode</c> lines.
/// </summary>
public static partial class UnifiedDiffParser
{
    [GeneratedRegex(@"^-p(\d+)$|^--strip==?(\d+)$")]
    private static partial Regex StripOption();

    /// <summary>The N of <c>-pN</c>/<c>--strip=N</c> among GNU patch options (each may hold several words); 1 when absent.</summary>
    public static int StripLevel(IEnumerable<string> options)
    {
        var level = 1;
        var words = options.SelectMany(o => o.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i] is "-p" or "--strip" && i + 1 < words.Count ? words[i] + words[++i] : words[i];
            var m = StripOption().Match(word.Replace("--strip", "--strip="));
            if (m.Success) level = int.Parse(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
        }
        return level;
    }

    public static IReadOnlyList<TouchedFile> TouchedFiles(string diff, int strip)
    {
        var files = new List<TouchedFile>();
        var lines = diff.Replace("\r\n", "\n").Split('\n');
        bool gitNew = false, gitDeleted = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("diff ", StringComparison.Ordinal)) { gitNew = gitDeleted = false; continue; }
            if (line.StartsWith("new file mode", StringComparison.Ordinal)) { gitNew = true; continue; }
            if (line.StartsWith("deleted file mode", StringComparison.Ordinal)) { gitDeleted = true; continue; }
            if (!line.StartsWith("--- ", StringComparison.Ordinal) || i + 1 >= lines.Length || !lines[i + 1].StartsWith("+++ ", StringComparison.Ordinal))
                continue;
            if (i + 2 < lines.Length && !lines[i + 2].StartsWith("@@", StringComparison.Ordinal)) continue;
            var oldName = FileName(line[4..]);
            var newName = FileName(lines[i + 1][4..]);
            var created = gitNew || oldName == "/dev/null";
            var deleted = gitDeleted || newName == "/dev/null";
            var path = Strip(deleted ? oldName : newName, strip);
            var kind = created ? FileChangeKind.Created : deleted ? FileChangeKind.Deleted : FileChangeKind.Modified;
            if (!files.Any(f => f.Path == path)) files.Add(new TouchedFile(path, kind));
            gitNew = gitDeleted = false;
            i++;
        }
        return files;
    }

    /// <summary>The name on a ---/+++ line: up to the tab before the timestamp; quoted names unquoted.</summary>
    private static string FileName(string rest)
    {
        if (rest.StartsWith('"'))
        {
            var end = rest.IndexOf('"', 1);
            return Regex.Unescape(rest[1..(end < 0 ? rest.Length : end)]);
        }
        var tab = rest.IndexOf('\t');
        var name = tab >= 0 ? rest[..tab] : rest;
        return name.TrimEnd();
    }

    private static string Strip(string name, int strip)
    {
        if (strip == 0) return name;
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('/', parts.Skip(Math.Min(strip, parts.Length - 1)));
    }
}
