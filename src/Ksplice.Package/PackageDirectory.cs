namespace Ksplice.Package;

/// <summary>
/// The files of an unpacked package, by their path in the package, with their sizes. Listing refuses links, FIFOs,
/// devices and sockets (which .NET lists as files) and anything beyond <see cref="PackageLimits"/>.
/// </summary>
public static class PackageDirectory
{
    public static IReadOnlyDictionary<string, long> List(string directory, PackageLimits limits)
    {
        var files = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var entries = 0;
        long total = 0;
        var pending = new Stack<(DirectoryInfo Directory, string Prefix)>();
        pending.Push((new DirectoryInfo(directory), ""));
        while (pending.TryPop(out var current))
        {
            foreach (var entry in current.Directory.EnumerateFileSystemInfos())
            {
                var path = current.Prefix + entry.Name;
                if (++entries > limits.MaximumEntries)
                    throw new InvalidUpdateException($"{directory}: more than {limits.MaximumEntries} entries; refusing it");
                if (entry.LinkTarget is not null)
                    throw new InvalidUpdateException($"{directory}: {path} is a link; an update holds only files and directories");
                switch (entry)
                {
                    case DirectoryInfo sub:
                        pending.Push((sub, path + "/"));
                        break;
                    case FileInfo file:
                        if (RegularFile.NotRegular(file.FullName) is { } kind)
                            throw new InvalidUpdateException($"{directory}: {path} is {kind}; an update holds only files and directories");
                        if (file.Length > limits.MaximumFileBytes)
                            throw new InvalidUpdateException($"{directory}: {path} is {file.Length} bytes, more than the {PackageLimits.Describe(limits.MaximumFileBytes)} a file of an update may have; refusing it");
                        total += file.Length;
                        if (total > limits.MaximumTotalBytes)
                            throw new InvalidUpdateException($"{directory}: holds more than {PackageLimits.Describe(limits.MaximumTotalBytes)}; refusing it");
                        files[path] = file.Length;
                        break;
                }
            }
        }
        return files;
    }
}
