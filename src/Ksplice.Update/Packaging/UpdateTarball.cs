using System.Formats.Tar;
using System.IO.Compression;

namespace Ksplice.Update.Packaging;

/// <summary>
/// Writes and safely reads `ksplice-&lt;id&gt;.tar.gz`. Reading refuses anything that could escape or surprise:
/// entries outside one top directory `ksplice-*`, absolute paths, `..`, links, devices, and oversized contents.
/// </summary>
public static class UpdateTarball
{
    public const long MaximumUnpackedBytes = 1L << 30;

    /// <summary>Packs <paramref name="directory"/> (named ksplice-&lt;id&gt;) into <paramref name="tarball"/>.</summary>
    public static void Write(string directory, string tarball)
    {
        var top = Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));
        var tmp = tarball + ".tmp";
        using (var file = File.Create(tmp))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: false))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, top + "/") { Mode = (UnixFileMode)0x1ed });
            foreach (var dir in System.IO.Directory.EnumerateDirectories(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, top + "/" + Path.GetRelativePath(directory, dir) + "/") { Mode = (UnixFileMode)0x1ed });
            foreach (var path in System.IO.Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, top + "/" + Path.GetRelativePath(directory, path)) { Mode = (UnixFileMode)0x1a4 };
                using var data = File.OpenRead(path);
                entry.DataStream = data;
                tar.WriteEntry(entry);
            }
        }
        File.Move(tmp, tarball, overwrite: true);
    }

    /// <summary>Unpacks a tarball under <paramref name="scratch"/> and returns the path of its top directory.</summary>
    public static string Extract(string tarball, string scratch)
    {
        System.IO.Directory.CreateDirectory(scratch);
        string? top = null;
        long total = 0;
        try
        {
            using var file = File.OpenRead(tarball);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                var name = entry.Name.Replace('\\', '/');
                if (name.StartsWith('/') || name.Split('/').Any(p => p == ".."))
                    throw new InvalidUpdateException($"{tarball}: entry '{entry.Name}' escapes the archive; refusing to unpack it");
                var parts = name.TrimEnd('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 0) continue;
                if (!parts[0].StartsWith("ksplice-", StringComparison.Ordinal) || (top is not null && parts[0] != top))
                    throw new InvalidUpdateException($"{tarball}: entry '{entry.Name}' is outside a single ksplice-<id>/ directory; this is not a ksplice update");
                top = parts[0];
                var destination = Path.GetFullPath(Path.Combine(scratch, Path.Combine(parts)));
                if (!destination.StartsWith(Path.GetFullPath(scratch) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw new InvalidUpdateException($"{tarball}: entry '{entry.Name}' escapes the archive; refusing to unpack it");
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        System.IO.Directory.CreateDirectory(destination);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                        total += entry.Length;
                        if (total > MaximumUnpackedBytes)
                            throw new InvalidUpdateException($"{tarball}: unpacks to more than {MaximumUnpackedBytes >> 20} MiB; refusing it");
                        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                        using (var output = File.Create(destination))
                            entry.DataStream?.CopyTo(output);
                        break;
                    case TarEntryType.ExtendedAttributes or TarEntryType.GlobalExtendedAttributes:
                        break;
                    default:
                        throw new InvalidUpdateException($"{tarball}: entry '{entry.Name}' is a {entry.EntryType}; an update holds only files and directories");
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new InvalidUpdateException($"{tarball}: not a gzip-compressed tar archive ({e.Message})");
        }
        catch (FormatException e)
        {
            throw new InvalidUpdateException($"{tarball}: corrupt tar archive ({e.Message})");
        }
        catch (EndOfStreamException)
        {
            throw new InvalidUpdateException($"{tarball}: truncated archive");
        }
        return top is null
            ? throw new InvalidUpdateException($"{tarball}: empty archive; this is not a ksplice update")
            : Path.Combine(scratch, top);
    }
}
