using Ksplice.Package;
using Ksplice.Package.Manifest;

namespace Ksplice.Apply.Applying;

/// <summary>
/// What ksplice-apply keeps about each update it loaded, for ksplice-view and ksplice-undo: the manifest, the patch and
/// the description, in /var/lib/ksplice/&lt;id&gt;/ (the kernel itself only knows the id and the stage). The records hold
/// the running addresses of patched functions, so the root directory is 0700 (fixed when it exists) and every file 0600.
/// A record is written whole or not at all (a new one is written beside it and renamed into place), and apply and undo
/// hold <see cref="Lock"/>, so an update found loaded but not applied while the lock is free was left by a killed run.
/// </summary>
public sealed class AppliedUpdateStore(string root = AppliedUpdateStore.DefaultRoot)
{
    public const string DefaultRoot = "/var/lib/ksplice";

    public string Root { get; } = root;

    public string DirectoryOf(string id) =>
        UpdateId.IsValid(id) ? Path.Combine(Root, id) : throw new ArgumentException($"not an update id: {id}", nameof(id));

    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = PrivateFile.Mode;

    public void Save(UpdatePackage package, IReadOnlyList<AppliedFunction> functions) =>
        Save(package.Manifest.Id, File.ReadAllBytes(package.ManifestPath),
            File.Exists(package.PatchPath) ? File.ReadAllBytes(package.PatchPath) : [], package.Description, functions);

    public void Save(string id, byte[] manifest, byte[] patch, string description, IReadOnlyList<AppliedFunction> functions)
    {
        if (!UpdateId.IsValid(id)) throw new ArgumentException($"not an update id: {id}", nameof(id));
        CreatePrivateDirectory(Root);
        // Ids never start with a dot: the new record cannot be taken for one.
        var next = Path.Combine(Root, $".new-{id}");
        if (Directory.Exists(next)) Directory.Delete(next, recursive: true);
        CreatePrivateDirectory(next);
        PrivateFile.Write(Path.Combine(next, PackageLayout.ManifestFile), manifest);
        PrivateFile.Write(Path.Combine(next, PackageLayout.PatchFile), patch);
        PrivateFile.Write(Path.Combine(next, PackageLayout.DescriptionFile), System.Text.Encoding.UTF8.GetBytes(description + "\n"));
        PrivateFile.Write(Path.Combine(next, FunctionsFile),
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(functions.ToList(), AppliedStateJson.Default.ListAppliedFunction));
        Forget(id);
        Directory.Move(next, DirectoryOf(id));
    }

    private const string LockFile = ".lock";

    /// <summary>
    /// Takes the lock apply and undo hold while they change the kernel (flock on Root/.lock, released when the process
    /// ends, however it ends); refuses with <see cref="OperationInProgress"/> when another process holds it.
    /// </summary>
    public IDisposable Lock(string id)
    {
        CreatePrivateDirectory(Root);
        var path = Path.Combine(Root, LockFile);
        // FileShare.None is flock(LOCK_EX | LOCK_NB) on Linux.
        var options = new FileStreamOptions { Mode = System.IO.FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        try
        {
            return new FileStream(path, options);
        }
        catch (IOException e) when (File.Exists(path) && e is not (FileNotFoundException or DirectoryNotFoundException))
        {
            throw new TargetRefusedException(new OperationInProgress(id, path));
        }
    }

    private static void CreatePrivateDirectory(string path)
    {
        if (new DirectoryInfo(path).LinkTarget is not null)
            throw new IOException($"{path} is a symbolic link; ksplice keeps its records only in a real directory. Remove it.");
        if (OperatingSystem.IsWindows()) return;
        Directory.CreateDirectory(path, DirectoryMode);
        File.SetUnixFileMode(path, DirectoryMode);
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
