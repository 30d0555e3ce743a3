namespace Ksplice.Package;

/// <summary>
/// How much an update may unpack to. Real updates are far below: a pre object is a few MB once its DWARF is gone,
/// the update module a few MB, a large update some tens of MB and a few hundred files.
/// </summary>
public static class PackageLimits
{
    /// <summary>The largest single file in an update.</summary>
    public const long MaximumFileBytes = 256L << 20;

    /// <summary>The largest manifest.json.</summary>
    public const long MaximumManifestBytes = 16L << 20;

    /// <summary>All files of an update together.</summary>
    public const long MaximumTotalBytes = 1L << 30;

    /// <summary>Files and directories in an update.</summary>
    public const int MaximumEntries = 10_000;
}
