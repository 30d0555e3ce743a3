namespace Ksplice.Corpus;

/// <summary>The gist of a command's output for one table cell: its first non-empty lines, whole or shortened, and
/// a long cell wrapped into lines.</summary>
public static class Summary
{
    public static string Of(string text, int lines = 2, int width = 240)
    {
        var joined = Whole(text, lines);
        return joined.Length <= width ? joined : joined[..(width - 3)] + "...";
    }

    /// <summary>The first non-empty lines, whole, joined with " / ".</summary>
    public static string Whole(string text, int lines = 2) =>
        string.Join(" / ", text.Replace("\r", "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Take(lines));

    /// <summary>The text in lines of at most <paramref name="width"/> characters, broken at spaces (a longer word keeps a line to itself).</summary>
    public static IReadOnlyList<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = "";
            }
            line = line.Length == 0 ? word : line + " " + word;
        }
        lines.Add(line);
        return lines;
    }
}
