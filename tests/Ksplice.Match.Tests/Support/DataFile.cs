namespace Ksplice.Match.Tests.Support;

/// <summary>Reads a Data/*.txt case file: one case per line, '#' comments, blank lines ignored; cases keep their line number.</summary>
public static class DataFile
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    public static IEnumerable<(int Line, string Text)> Lines(string name)
    {
        var n = 0;
        foreach (var raw in File.ReadLines(PathOf(name)))
        {
            n++;
            var hash = raw.IndexOf('#');
            var text = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (text.Length > 0) yield return (n, text);
        }
    }

    public static FormatException Error(string name, int line, string message) => new($"{name}:{line}: {message}");
}
