using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Ksplice.Package.Tests;

/// <summary>Builds tarballs entry by entry, or rewrites a good one, to craft what ksplice-create never writes.</summary>
public static class TarballEditor
{
    public static string Write(Action<TarWriter> write)
    {
        var path = Path.Combine(SamplePackage.Scratch(), "crafted.tar.gz");
        using var file = System.IO.File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        write(tar);
        return path;
    }

    public static PaxTarEntry File(string name, string content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };

    /// <summary>
    /// Copies <paramref name="tarball"/> to a new one: each regular file's contents go through <paramref name="edit"/>
    /// (by the entry's name; null drops the entry), then <paramref name="append"/> may add entries.
    /// </summary>
    public static string Rewrite(string tarball, Func<string, string, string?> edit, Action<TarWriter>? append = null)
    {
        var entries = new List<(TarEntryType Type, string Name, string Content)>();
        using (var file = System.IO.File.OpenRead(tarball))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        using (var reader = new TarReader(gzip))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                var content = "";
                if (entry.DataStream is { } data)
                {
                    using var text = new StreamReader(data);
                    content = text.ReadToEnd();
                }
                entries.Add((entry.EntryType, entry.Name, content));
            }
        }
        return Write(tar =>
        {
            foreach (var (type, name, content) in entries)
            {
                if (type != TarEntryType.RegularFile)
                {
                    tar.WriteEntry(new PaxTarEntry(type, name));
                    continue;
                }
                if (edit(name, content) is { } edited) tar.WriteEntry(File(name, edited));
            }
            append?.Invoke(tar);
        });
    }
}
