namespace Ksplice.Package;

/// <summary>
/// How much an update may unpack to. Real updates are far below <see cref="Default"/>: a pre object is a few MB once
/// its DWARF is gone, the update module a few MB, a large update some tens of MB and a few hundred files.
/// </summary>
/// <param name="MaximumFileBytes">the largest single file</param>
/// <param name="MaximumManifestBytes">the largest manifest.json</param>
/// <param name="MaximumTotalBytes">all files together</param>
/// <param name="MaximumEntries">files and directories together</param>
public sealed record PackageLimits(long MaximumFileBytes, long MaximumManifestBytes, long MaximumTotalBytes, int MaximumEntries)
{
    public static PackageLimits Default { get; } = new(
        MaximumFileBytes: 256L << 20,
        MaximumManifestBytes: 16L << 20,
        MaximumTotalBytes: 1L << 30,
        MaximumEntries: 10_000);

    /// <summary>A size for messages: MiB when it is a whole number of them, else bytes.</summary>
    public static string Describe(long bytes) => bytes % (1 << 20) == 0 ? $"{bytes >> 20} MiB" : $"{bytes} bytes";
}
