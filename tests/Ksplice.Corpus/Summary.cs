namespace Ksplice.Corpus;

/// <summary>The gist of a command's output for one table cell: its first non-empty lines, shortened.</summary>
public static class Summary
{
    public static string Of(string text, int lines = 2, int width = 240)
    {
        var kept = text.Replace("\r", "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Take(lines);
        var joined = string.Join(" / ", kept);
        return joined.Length <= width ? joined : joined[..(width - 3)] + "...";
    }
}
