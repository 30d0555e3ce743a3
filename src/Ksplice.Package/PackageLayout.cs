namespace Ksplice.Package;

/// <summary>
/// The names inside an update (docs/DESIGN.md section 1): one directory <c>ksplice-&lt;id&gt;/</c> holding the manifest,
/// the patch, the description, the update module, and <c>pre/&lt;object path&gt;</c> for each pre object.
/// Paths inside a package are relative and use '/'.
/// </summary>
public static class PackageLayout
{
    public const string ManifestFile = "manifest.json";
    public const string PatchFile = "patch";
    public const string DescriptionFile = "description";

    /// <summary>
    /// The core module that updates written before the core was installed on the target carried. Such an update is still
    /// read (the file is checked against its SHA-256 like any other) but the file is never used: apply loads only the
    /// core installed for the running kernel.
    /// </summary>
    public const string LegacyCoreModuleFile = "ksplice_core.ko";
    public const string PreDirectory = "pre";
    public const string TopDirectoryPrefix = "ksplice-";

    public static string TopDirectory(string id) => TopDirectoryPrefix + id;

    public static string TarballName(string id) => $"ksplice-{id}.tar.gz";

    public static string ModuleFile(string id) => $"ksplice_{id}.ko";

    /// <summary>Where the pre object of <paramref name="objectPath"/> (e.g. kernel/printk/printk.o) lives in a package.</summary>
    public static string PreObjectFile(string objectPath) =>
        IsObjectPath(objectPath)
            ? PreDirectory + "/" + objectPath
            : throw new InvalidUpdateException($"'{objectPath}' is not an object path of a kernel tree (expected a relative dir/name.o)");

    /// <summary>The files an update with this id and these objects consists of: required ones, then optional ones.</summary>
    public static (IReadOnlyList<string> Required, IReadOnlyList<string> Optional) Files(string id, IEnumerable<string> objectPaths) =>
        ([ModuleFile(id), .. objectPaths.Select(PreObjectFile)], [PatchFile, DescriptionFile, LegacyCoreModuleFile]);

    /// <summary>
    /// A path that stays inside the directory it is combined with: relative, '/'-separated, no empty, "." or ".."
    /// component, no backslash or control character.
    /// </summary>
    public static bool IsSafeRelativePath(string? path) =>
        path is { Length: > 0 } && !path.StartsWith('/') && !path.Any(c => c is '\\' || char.IsControl(c))
        && path.Split('/').All(part => part.Length > 0 && part is not ("." or ".."));

    /// <summary>A kernel object path as the manifest names it: a safe relative <c>dir/name.o</c>.</summary>
    public static bool IsObjectPath(string? path) =>
        IsSafeRelativePath(path) && path!.Contains('/') && path.EndsWith(".o", StringComparison.Ordinal) && !path.EndsWith("/.o", StringComparison.Ordinal);
}
