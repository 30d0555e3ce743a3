namespace Ksplice.Source.Patches;

/// <summary>
/// Reads GNU patch 2.7.6's report of what it does (in the C locale): "checking file NAME" (dry run) or
/// "patching file NAME", with " (renamed from OLD)" / " (copied from OLD)" (or "already ...") for git renames, and "Ignoring potentially
/// dangerous file name NAME". Names are shell-quoted when needed: <c>'a b.c'</c>, <c>"it's.c"</c>.
/// </summary>
public static class PatchOutput
{
    private static readonly string[] Verbs = ["checking file ", "patching file "];
    private static readonly string[] Origins = [" (already renamed from ", " (already copied from ", " (renamed from ", " (copied from "];
    private const string Dangerous = "Ignoring potentially dangerous file name ";

    /// <summary>Every file the output says patch changes, the sources of renames and copies included, each once.</summary>
    public static IReadOnlyList<string> ReportedFiles(string output)
    {
        var names = new List<string>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (Verbs.FirstOrDefault(v => line.StartsWith(v, StringComparison.Ordinal)) is not { } verb) continue;
            var rest = line[verb.Length..];
            foreach (var origin in Origins)
            {
                var at = rest.IndexOf(origin, StringComparison.Ordinal);
                if (at < 0 || !rest.EndsWith(')')) continue;
                names.Add(Unquote(rest[(at + origin.Length)..^1]));
                rest = rest[..at];
                break;
            }
            names.Add(Unquote(rest));
        }
        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The names patch said it skipped as dangerous (absolute, or with a '..' component).</summary>
    public static IReadOnlyList<string> IgnoredNames(string output) =>
        output.Split('\n').Select(l => l.TrimEnd('\r'))
            .Where(l => l.StartsWith(Dangerous, StringComparison.Ordinal))
            .Select(l => Unquote(l[Dangerous.Length..])).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Undoes shell quoting: single-quoted runs are literal, double-quoted runs and bare text honour backslashes.</summary>
    public static string Unquote(string word)
    {
        if (word.Length == 0 || !word.Any(c => c is '\'' or '"' or '\\')) return word;
        var b = new System.Text.StringBuilder();
        var quote = '\0';
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            if (quote == '\'')
            {
                if (c == '\'') quote = '\0'; else b.Append(c);
            }
            else if (c == '\\' && i + 1 < word.Length) b.Append(word[++i]);
            else if (quote == '"' && c == '"') quote = '\0';
            else if (quote == '\0' && c is '\'' or '"') quote = c;
            else b.Append(c);
        }
        return b.ToString();
    }
}
