using System.Text;

namespace Ksplice.Source.Affected;

/// <summary>
/// Reads and writes the include index cache: a text file, <c>F path mtime size</c> then one <c>&lt; arg</c> or
/// <c>" arg</c> line per #include. An unreadable or foreign cache reads as empty.
/// </summary>
public static class IncludeIndexCache
{
    private const string Header = "ksplice-include-index 1";

    public static Dictionary<string, IncludeIndexEntry> Read(string path)
    {
        var result = new Dictionary<string, IncludeIndexEntry>(StringComparer.Ordinal);
        if (!File.Exists(path)) return result;
        using var reader = new StreamReader(path);
        if (reader.ReadLine() != Header) return result;
        string? file = null;
        long mtime = 0, size = 0;
        var includes = new List<IncludeDirective>();
        void Flush()
        {
            if (file is not null) result[file] = new IncludeIndexEntry(mtime, size, includes.ToArray());
            includes.Clear();
        }
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.StartsWith("F\t", StringComparison.Ordinal))
            {
                Flush();
                var f = line.Split('\t');
                if (f.Length != 4 || !long.TryParse(f[2], out mtime) || !long.TryParse(f[3], out size)) return [];
                file = f[1];
            }
            else if (line.Length > 2 && line[1] == '\t' && line[0] is '<' or '"') includes.Add(new IncludeDirective(line[2..], line[0] == '<'));
            else return [];
        }
        Flush();
        return result;
    }

    public static void Write(string path, IReadOnlyDictionary<string, IncludeIndexEntry> entries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp-" + Environment.ProcessId;
        using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false)))
        {
            writer.WriteLine(Header);
            foreach (var (file, e) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                writer.WriteLine($"F\t{file}\t{e.MTimeTicks}\t{e.Size}");
                foreach (var i in e.Includes) writer.WriteLine($"{(i.Angle ? '<' : '"')}\t{i.Argument}");
            }
        }
        File.Move(temp, path, overwrite: true);
    }
}
