namespace Ksplice.Source.Tests;

/// <summary>Reads <c>Data/*.txt</c> case files: one case per line, <c>#</c> comments, whitespace-separated fields.</summary>
public static class DataFile
{
    public static IEnumerable<object[]> Cases(string name) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", name))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries))
            .Select(f => new object[] { f[0], f.Length > 1 ? f[1].Trim() : "" });
}
