using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Ksplice.Package;

/// <summary>
/// The tar.gz form of a package. Unpacking takes only directories and regular files, each with a relative, '..'-free
/// path under one top directory <c>ksplice-&lt;id&gt;/</c>, within <see cref="PackageLimits"/>; anything else (links,
/// devices, FIFOs, absolute paths, a second top directory, a repeated file, a file and a directory of one name) refuses
/// the whole archive.
/// </summary>
public static class UpdateTarball
{
    private const UnixFileMode DirectoryMode = (UnixFileMode)0x1ed; // 0755
    private const UnixFileMode RegularFileMode = (UnixFileMode)0x1a4;      // 0644

    /// <summary>Linux's NAME_MAX, and a path length far above any kernel object's yet well below PATH_MAX.</summary>
    private const int MaximumNameBytes = 255;
    private const int MaximumPathBytes = 1024;

    /// <summary>Writes <paramref name="files"/> (path in the package, contents) under <paramref name="top"/>/.</summary>
    internal static void Write(string top, IReadOnlyList<(string Path, Func<Stream> Open)> files, string tarball)
    {
        var tmp = tarball + ".tmp";
        using (var file = File.Create(tmp))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: false))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, top + "/") { Mode = DirectoryMode });
            var directories = files.SelectMany(f => Parents(f.Path)).Distinct().Order(StringComparer.Ordinal);
            foreach (var directory in directories)
                tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, $"{top}/{directory}/") { Mode = DirectoryMode });
            foreach (var (path, open) in files)
            {
                using var data = open();
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"{top}/{path}") { Mode = RegularFileMode, DataStream = data });
            }
        }
        File.Move(tmp, tarball, overwrite: true);
    }

    private static IEnumerable<string> Parents(string path)
    {
        for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
            yield return path[..slash];
    }

    /// <summary>Unpacks a tarball under <paramref name="scratch"/> and returns the path of its top directory.</summary>
    public static string Extract(string tarball, string scratch, PackageLimits? limits = null)
    {
        limits ??= PackageLimits.Default;
        Directory.CreateDirectory(scratch);
        var root = Path.GetFullPath(scratch) + Path.DirectorySeparatorChar;
        string? top = null;
        long total = 0;
        var entries = 0;
        var files = new HashSet<string>(StringComparer.Ordinal);
        var directories = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var file = RegularFile.OpenRead(tarball);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                if (++entries > limits.MaximumEntries)
                    throw new InvalidUpdateException($"{tarball}: more than {limits.MaximumEntries} entries; refusing it");
                if (entry.EntryType is TarEntryType.ExtendedAttributes or TarEntryType.GlobalExtendedAttributes) continue;
                var name = entry.Name;
                var isDirectory = entry.EntryType == TarEntryType.Directory;
                var path = isDirectory ? name.TrimEnd('/') : name;
                if (path.StartsWith('/') || path.Split('/').Contains(".."))
                    throw new InvalidUpdateException($"{tarball}: entry '{name}' escapes the archive; refusing to unpack it");
                if (!PackageLayout.IsSafeRelativePath(path))
                    throw new InvalidUpdateException($"{tarball}: entry '{name}' is not a plain relative path; refusing to unpack it");
                var parts = path.Split('/');
                if (Encoding.UTF8.GetByteCount(path) > MaximumPathBytes || parts.Any(p => Encoding.UTF8.GetByteCount(p) > MaximumNameBytes))
                    throw new InvalidUpdateException($"{tarball}: entry '{name[..Math.Min(name.Length, 100)]}...' has a path longer than {MaximumPathBytes} bytes or a name longer than {MaximumNameBytes}; refusing it");
                if (!IsTopDirectory(parts[0]) || (top is not null && parts[0] != top) || (parts.Length == 1 && !isDirectory))
                    throw new InvalidUpdateException($"{tarball}: entry '{name}' is outside a single ksplice-<id>/ directory; this is not a ksplice update");
                top = parts[0];
                if ((isDirectory ? files.Contains(path) : directories.Contains(path)) || Parents(path).Any(files.Contains))
                    throw new InvalidUpdateException($"{tarball}: entry '{name}' clashes with a file or directory of the same name; refusing it");
                directories.UnionWith(Parents(path));
                if (isDirectory) directories.Add(path);
                var destination = Path.GetFullPath(Path.Combine(scratch, path));
                if (!destination.StartsWith(root, StringComparison.Ordinal))
                    throw new InvalidUpdateException($"{tarball}: entry '{name}' escapes the archive; refusing to unpack it");
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(destination);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                        if (!files.Add(path))
                            throw new InvalidUpdateException($"{tarball}: entry '{name}' appears twice; refusing it");
                        if (entry.Length > limits.MaximumFileBytes)
                            throw new InvalidUpdateException($"{tarball}: entry '{name}' is {entry.Length} bytes, more than the {PackageLimits.Describe(limits.MaximumFileBytes)} a file of an update may have; refusing it");
                        total += entry.Length;
                        if (total > limits.MaximumTotalBytes)
                            throw new InvalidUpdateException($"{tarball}: unpacks to more than {PackageLimits.Describe(limits.MaximumTotalBytes)}; refusing it");
                        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                        using (var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write))
                            entry.DataStream?.CopyTo(output);
                        break;
                    default:
                        throw new InvalidUpdateException($"{tarball}: entry '{name}' is a {entry.EntryType}; an update holds only files and directories");
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

    private static bool IsTopDirectory(string name) =>
        name.StartsWith(PackageLayout.TopDirectoryPrefix, StringComparison.Ordinal) && UpdateId.IsValid(name[PackageLayout.TopDirectoryPrefix.Length..]);
}
