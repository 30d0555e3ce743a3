using Ksplice.Package;
using Ksplice.Package.Manifest;

namespace Ksplice.Apply.Applying;

/// <summary>
/// What ksplice-apply keeps about each update it loaded, for ksplice-view and ksplice-undo: the manifest, the patch and
/// the description, in /var/lib/ksplice/&lt;id&gt;/ (the kernel itself only knows the id and the stage). The records hold
/// the running addresses of patched functions, so the root directory is 0700 (fixed when it exists) and every file 0600.
/// </summary>
public sealed class AppliedUpdateStore(string root = AppliedUpdateStore.DefaultRoot)
{
    public const string DefaultRoot = "/var/lib/ksplice";

    public string Root { get; } = root;

    public string DirectoryOf(string id) =>
        UpdateId.IsValid(id) ? Path.Combine(Root, id) : throw new ArgumentException($"not an update id: {id}", nameof(id));

    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public void Save(UpdatePackage package, IReadOnlyList<AppliedFunction> functions) =>
        Save(package.Manifest.Id, File.ReadAllBytes(package.ManifestPath),
            File.Exists(package.PatchPath) ? File.ReadAllBytes(package.PatchPath) : [], package.Description, functions);

    public void Save(string id, byte[] manifest, byte[] patch, string description, IReadOnlyList<AppliedFunction> functions)
    {
        if (!UpdateId.IsValid(id)) throw new ArgumentException($"not an update id: {id}", nameof(id));
        CreatePrivateDirectory(Root);
        var dir = DirectoryOf(id);
        CreatePrivateDirectory(dir);
        WritePrivate(Path.Combine(dir, PackageLayout.ManifestFile), manifest);
        WritePrivate(Path.Combine(dir, PackageLayout.PatchFile), patch);
        WritePrivate(Path.Combine(dir, PackageLayout.DescriptionFile), System.Text.Encoding.UTF8.GetBytes(description + "\n"));
        WritePrivate(Path.Combine(dir, FunctionsFile),
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(functions.ToList(), AppliedStateJson.Default.ListAppliedFunction));
    }

    private static void CreatePrivateDirectory(string path)
    {
        if (new DirectoryInfo(path).LinkTarget is not null)
            throw new IOException($"{path} is a symbolic link; ksplice keeps its records only in a real directory. Remove it.");
        if (OperatingSystem.IsWindows()) return;
        Directory.CreateDirectory(path, DirectoryMode);
        File.SetUnixFileMode(path, DirectoryMode);
    }

    /// <summary>Writes a new file (an old one is removed first, so a planted link is never followed) readable by root only.</summary>
    private static void WritePrivate(string path, byte[] bytes)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        using var stream = new FileStream(path, options);
        stream.Write(bytes);
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
