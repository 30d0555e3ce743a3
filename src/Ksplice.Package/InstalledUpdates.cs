using System.Globalization;
using Ksplice.Package.Manifest;

namespace Ksplice.Package;

/// <summary>
/// Where update packages install their tarballs on a target: <c>/var/lib/ksplice/updates/&lt;release&gt;/</c>, one
/// <c>&lt;created&gt;-&lt;id&gt;.tar.gz</c> per update, <c>&lt;created&gt;</c> the manifest's creation time in UTC as
/// <c>yyyyMMddTHHmmssZ</c>. The names sort in creation order, which is the order of a series (an update created with
/// --series on top of another is created after it), so <c>ksplice-apply --all</c> applies them in name order.
/// </summary>
public sealed class InstalledUpdates(string root = InstalledUpdates.DefaultRoot)
{
    public const string DefaultRoot = "/var/lib/ksplice/updates";
    private const string TimeFormat = "yyyyMMdd'T'HHmmss'Z'";
    private const string Suffix = ".tar.gz";

    public string Root { get; } = root;

    /// <summary>The directory of <paramref name="release"/>'s updates.</summary>
    public string DirectoryOf(string release) =>
        release.Length > 0 && !release.Contains('/') && release is not "." and not ".."
            ? Path.Combine(Root, release)
            : throw new ArgumentException($"'{release}' is not a kernel release", nameof(release));

    /// <summary>The file name an update is installed as.</summary>
    public static string FileName(UpdateManifest manifest) =>
        $"{manifest.Created.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture)}-{manifest.Id}{Suffix}";

    /// <summary>The update id in an installed file's name; null for a file that is not named that way.</summary>
    public static string? IdOf(string fileName)
    {
        if (!fileName.EndsWith(Suffix, StringComparison.Ordinal)) return null;
        var stem = fileName[..^Suffix.Length];
        var dash = stem.IndexOf('-');
        if (dash != TimeFormat.Replace("'", "").Length) return null;
        if (!DateTime.TryParseExact(stem[..dash], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) return null;
        var id = stem[(dash + 1)..];
        return UpdateId.IsValid(id) ? id : null;
    }

    /// <summary>The updates installed for <paramref name="release"/>, in the order they apply; empty when none is.</summary>
    public IReadOnlyList<InstalledUpdate> For(string release)
    {
        var dir = DirectoryOf(release);
        if (!Directory.Exists(dir)) return [];
        return Directory.EnumerateFiles(dir)
            .Select(path => (path, id: IdOf(Path.GetFileName(path))))
            .Where(f => f.id is not null)
            .OrderBy(f => Path.GetFileName(f.path), StringComparer.Ordinal)
            .Select(f => new InstalledUpdate(f.id!, f.path))
            .ToList();
    }

    /// <summary>
    /// The updates installed for every release but <paramref name="running"/> (a kernel installed but not booted, or
    /// one removed since), by release: <c>ksplice-apply --all</c> names them so that an administrator sees why they
    /// are not applied.
    /// </summary>
    public IReadOnlyList<(string Release, InstalledUpdate Update)> ForOtherReleases(string running)
    {
        if (!Directory.Exists(Root)) return [];
        return Directory.EnumerateDirectories(Root)
            .Select(Path.GetFileName)
            .Where(release => release is not null && release != running && release is not "." and not "..")
            .Order(StringComparer.Ordinal)
            .SelectMany(release => For(release!).Select(update => (release!, update)))
            .ToList();
    }
}

