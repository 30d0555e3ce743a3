using Ksplice.Update.Manifest;

namespace Ksplice.Update.Packaging;

/// <summary>
/// An update unpacked in a directory `ksplice-&lt;id&gt;/`: the manifest and the files next to it
/// (patch, description, update module, core module, pre objects).
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

    public string ManifestPath => Path.Combine(Directory, ManifestFile);
    public string PatchPath => Path.Combine(Directory, "patch");
    public string DescriptionPath => Path.Combine(Directory, "description");
    public string ModulePath => Path.Combine(Directory, Manifest.Module);
    public string CoreModulePath => Path.Combine(Directory, UpdateManifest.CoreModule);

    /// <summary>The pre object the matcher needs for an object path such as kernel/printk/printk.o.</summary>
    public string PreObjectPath(string objectPath) => Path.Combine(Directory, "pre", objectPath);

    public string Patch => File.Exists(PatchPath) ? File.ReadAllText(PatchPath) : "";
    public string Description => File.Exists(DescriptionPath) ? File.ReadAllText(DescriptionPath).Trim() : Manifest.Description;

    public const string ManifestFile = "manifest.json";

    /// <summary>Opens an unpacked update directory and checks that every file the manifest needs is there.</summary>
    public static UpdatePackage OpenDirectory(string directory)
    {
        var manifestPath = Path.Combine(directory, ManifestFile);
        if (!File.Exists(manifestPath))
            throw new InvalidUpdateException($"{directory}: no {ManifestFile}; this is not a ksplice update");
        var manifest = ManifestJson.Deserialize(File.ReadAllText(manifestPath), manifestPath);
        var package = new UpdatePackage(directory, manifest);
        var missing = new[] { package.ModulePath, package.CoreModulePath }
            .Concat(manifest.Targets.SelectMany(t => t.Objects).Select(package.PreObjectPath))
            .Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
            throw new InvalidUpdateException($"{directory}: the update is incomplete; missing {string.Join(", ", missing.Select(m => Path.GetRelativePath(directory, m)))}");
        return package;
    }

    /// <summary>Opens a tarball (unpacked under <paramref name="scratch"/>) or an unpacked directory.</summary>
    public static UpdatePackage Open(string path, string scratch)
    {
        if (System.IO.Directory.Exists(path)) return OpenDirectory(path);
        if (!File.Exists(path)) throw new InvalidUpdateException($"{path}: no such file or directory");
        return OpenDirectory(UpdateTarball.Extract(path, scratch));
    }
}
