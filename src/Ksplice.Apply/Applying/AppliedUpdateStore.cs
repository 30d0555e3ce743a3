using Ksplice.Package;
using Ksplice.Package.Manifest;

namespace Ksplice.Apply.Applying;

/// <summary>
/// What ksplice-apply keeps about each update it loaded, for ksplice-view and ksplice-undo: the manifest, the patch and
/// the description, in /var/lib/ksplice/&lt;id&gt;/ (the kernel itself only knows the id and the stage).
/// </summary>
public sealed class AppliedUpdateStore(string root = AppliedUpdateStore.DefaultRoot)
{
    public const string DefaultRoot = "/var/lib/ksplice";

    public string Root { get; } = root;

    public string DirectoryOf(string id) => Path.Combine(Root, id);

    public void Save(UpdatePackage package, IReadOnlyList<AppliedFunction> functions)
    {
        var dir = DirectoryOf(package.Manifest.Id);
        Directory.CreateDirectory(dir);
        File.Copy(package.ManifestPath, Path.Combine(dir, PackageLayout.ManifestFile), overwrite: true);
        File.WriteAllText(Path.Combine(dir, "patch"), package.Patch);
        File.WriteAllText(Path.Combine(dir, "description"), package.Description + "\n");
        File.WriteAllText(Path.Combine(dir, FunctionsFile), System.Text.Json.JsonSerializer.Serialize(functions.ToList(), AppliedStateJson.Default.ListAppliedFunction));
    }

    private const string FunctionsFile = "functions.json";

    /// <summary>The trampolines ksplice-apply installed for an update (empty when it recorded none).</summary>
    public IReadOnlyList<AppliedFunction> Functions(string id)
    {
        var path = Path.Combine(DirectoryOf(id), FunctionsFile);
        return File.Exists(path) ? System.Text.Json.JsonSerializer.Deserialize(File.ReadAllText(path), AppliedStateJson.Default.ListAppliedFunction) ?? [] : [];
    }

    public bool TryLoad(string id, out UpdateManifest? manifest, out string description, out string patch)
    {
        var dir = DirectoryOf(id);
        manifest = null;
        description = "";
        patch = "";
        var manifestPath = Path.Combine(dir, PackageLayout.ManifestFile);
        if (!File.Exists(manifestPath)) return false;
        manifest = ManifestJson.Deserialize(File.ReadAllText(manifestPath), manifestPath);
        description = File.Exists(Path.Combine(dir, "description")) ? File.ReadAllText(Path.Combine(dir, "description")).Trim() : manifest.Description;
        patch = File.Exists(Path.Combine(dir, "patch")) ? File.ReadAllText(Path.Combine(dir, "patch")) : "";
        return true;
    }

    public void Forget(string id)
    {
        var dir = DirectoryOf(id);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}
