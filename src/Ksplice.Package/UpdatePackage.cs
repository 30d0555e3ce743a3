using Ksplice.Package.Manifest;

namespace Ksplice.Package;

/// <summary>
/// An update unpacked in a directory <c>ksplice-&lt;id&gt;/</c>, checked: a valid manifest, the files the layout
/// requires, nothing else, and each file with the SHA-256 the manifest records.
/// </summary>
public sealed class UpdatePackage
{
    private UpdatePackage(string directory, UpdateManifest manifest)
    {
        Directory = directory;
        Manifest = manifest;
    }

    public string Directory { get; }
    public UpdateManifest Manifest { get; }

    public string ManifestPath => Path.Combine(Directory, PackageLayout.ManifestFile);
    public string PatchPath => Path.Combine(Directory, PackageLayout.PatchFile);
    public string DescriptionPath => Path.Combine(Directory, PackageLayout.DescriptionFile);
    public string ModulePath => Path.Combine(Directory, PackageLayout.ModuleFile(Manifest.Id));

    /// <summary>The pre object the matcher needs for one of the manifest's objects, such as kernel/printk/printk.o.</summary>
    public string PreObjectPath(string objectPath) =>
        Manifest.Objects.Contains(objectPath, StringComparer.Ordinal)
            ? Path.Combine(Directory, PackageLayout.PreObjectFile(objectPath))
            : throw new InvalidUpdateException($"{Directory}: '{objectPath}' is not one of the update's objects");

    public string Patch => File.Exists(PatchPath) ? File.ReadAllText(PatchPath) : "";
    public string Description => File.Exists(DescriptionPath) ? File.ReadAllText(DescriptionPath).Trim() : Manifest.Description;

    /// <summary>Opens a tarball (unpacked under <paramref name="scratch"/>) or an unpacked directory.</summary>
    public static UpdatePackage Open(string path, string scratch, PackageLimits? limits = null)
    {
        if (System.IO.Directory.Exists(path)) return OpenDirectory(path, limits);
        var package = OpenDirectory(UpdateTarball.Extract(path, scratch, limits), limits);
        var top = Path.GetFileName(package.Directory);
        if (top != PackageLayout.TopDirectory(package.Manifest.Id))
            throw new InvalidUpdateException($"{path}: the archive's directory is {top}/ but its manifest's id is {package.Manifest.Id}; this is not a ksplice update as ksplice-create writes it");
        return package;
    }

    /// <summary>Opens an unpacked update directory and checks its files against the manifest.</summary>
    public static UpdatePackage OpenDirectory(string directory, PackageLimits? limits = null)
    {
        limits ??= PackageLimits.Default;
        var files = PackageDirectory.List(directory, limits);
        if (!files.TryGetValue(PackageLayout.ManifestFile, out var manifestSize))
            throw new InvalidUpdateException($"{directory}: no {PackageLayout.ManifestFile}; this is not a ksplice update");
        if (manifestSize > limits.MaximumManifestBytes)
            throw new InvalidUpdateException($"{directory}: {PackageLayout.ManifestFile} is {manifestSize} bytes, more than the {PackageLimits.Describe(limits.MaximumManifestBytes)} a manifest may have; refusing it");
        var manifestPath = Path.Combine(directory, PackageLayout.ManifestFile);
        string json;
        using (var reader = new StreamReader(RegularFile.OpenRead(manifestPath)))
            json = reader.ReadToEnd();
        var manifest = ManifestJson.Deserialize(json, manifestPath);
        CheckFiles(directory, manifest, files.Keys.Where(f => f != PackageLayout.ManifestFile).ToHashSet(StringComparer.Ordinal));
        return new UpdatePackage(directory, manifest);
    }

    private static void CheckFiles(string directory, UpdateManifest manifest, IReadOnlySet<string> present)
    {
        if (manifest.Files is not { } listed)
            throw new InvalidUpdateException($"{directory}: the manifest has no 'files' map, so the update's files cannot be checked against their SHA-256; the update was made by an older ksplice-create or was tampered with: create it again");
        var (required, optional) = PackageLayout.Files(manifest.Id, manifest.Objects);
        var missing = required.Where(f => !present.Contains(f)).ToList();
        missing.AddRange(listed.Keys.Where(f => !present.Contains(f) && !missing.Contains(f)).Order(StringComparer.Ordinal));
        if (missing.Count > 0)
            throw new InvalidUpdateException($"{directory}: the update is incomplete; missing {string.Join(", ", missing)}");
        var unlisted = present.Where(f => !listed.ContainsKey(f)).Order(StringComparer.Ordinal).ToList();
        if (unlisted.Count > 0)
            throw new InvalidUpdateException($"{directory}: {string.Join(", ", unlisted)} {(unlisted.Count == 1 ? "is" : "are")} not listed in the manifest's files; refusing the update");

        var known = required.Concat(optional).ToHashSet(StringComparer.Ordinal);
        var foreign = present.Where(f => !known.Contains(f)).Order(StringComparer.Ordinal).ToList();
        if (foreign.Count > 0)
            throw new InvalidUpdateException($"{directory}: {string.Join(", ", foreign)} {(foreign.Count == 1 ? "is" : "are")} not part of a ksplice update; refusing the update");

        foreach (var (file, digest) in listed.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var actual = FileDigest.OfFile(Path.Combine(directory, file));
            if (actual != digest)
                throw new InvalidUpdateException($"{directory}: {file} does not match the SHA-256 the manifest records for it (manifest {digest}, file {actual}); the update is corrupt or was altered");
        }
    }
}
