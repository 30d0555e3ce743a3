namespace Ksplice.TestSupport.Cases;

/// <summary>
/// Reads the data-driven tests' case files (<c>Data/*.txt</c> next to the test assembly): one case per line, fields
/// separated by blanks; <c>#</c> at the start of a line or after a blank starts a comment; blank lines are skipped.
/// Each line keeps its file and number, so a bad case is reported as <c>file:line: message</c>
/// (<see cref="CaseLine.Error"/>).
/// </summary>
public static class CaseFile
{
    /// <summary>The path of <c>Data/NAME</c> in the test assembly's directory.</summary>
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    /// <summary>The case lines of <c>Data/NAME</c>, named by <paramref name="name"/> in messages.</summary>
    public static IReadOnlyList<CaseLine> Read(string name) => Parse(File.ReadAllText(PathOf(name)), name);

    /// <summary>The case lines of a file anywhere, named by its file name in messages.</summary>
    public static IReadOnlyList<CaseLine> ReadPath(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    public static IReadOnlyList<CaseLine> Parse(string text, string file)
    {
        var cases = new List<CaseLine>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var content = WithoutComment(lines[i]).Trim();
            if (content.Length == 0) continue;
            cases.Add(new CaseLine(file, i + 1, content, content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        }
        return cases;
    }

    private static string WithoutComment(string line)
    {
        for (var i = 0; i < line.Length; i++)
            if (line[i] == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1]))) return line[..i];
        return line;
    }
}
