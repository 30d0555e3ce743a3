using System.Text;
using Ksplice.Package.Manifest;

namespace Ksplice.Package;

/// <summary>
/// Writes <c>ksplice-&lt;id&gt;.tar.gz</c>: the manifest, with the SHA-256 of every other file in its <c>files</c> map,
/// and the files the layout names. It refuses to write a package that <see cref="UpdatePackage"/> would refuse to read.
/// </summary>
public sealed class UpdatePackageWriter(UpdateManifest manifest)
{
    private readonly SortedDictionary<string, Func<Stream>> _files = new(StringComparer.Ordinal);

    public UpdatePackageWriter Patch(string text) => AddText(PackageLayout.PatchFile, text);

    /// <summary>The patch exactly as given, for a patch that is not valid UTF-8.</summary>
    public UpdatePackageWriter Patch(byte[] bytes) => AddBytes(PackageLayout.PatchFile, bytes);

    public UpdatePackageWriter Description(string text) => AddText(PackageLayout.DescriptionFile, text);

    public UpdatePackageWriter Module(string file) => AddFile(PackageLayout.ModuleFile(manifest.Id), file);

    /// <summary>The pre object of <paramref name="objectPath"/> (e.g. kernel/printk/printk.o), read from <paramref name="file"/>.</summary>
    public UpdatePackageWriter PreObject(string objectPath, string file) => AddFile(PackageLayout.PreObjectFile(objectPath), file);

    /// <summary>Writes the tarball and returns the manifest it holds (with <see cref="UpdateManifest.Files"/> filled in).</summary>
    public UpdateManifest Write(string tarball)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, open) in _files)
        {
            using var contents = open();
            if (contents.Length > PackageLimits.Default.MaximumFileBytes)
                throw new InvalidUpdateException($"{path} is {contents.Length} bytes, more than the {PackageLimits.Describe(PackageLimits.Default.MaximumFileBytes)} a file of an update may have");
            files[path] = FileDigest.Of(contents);
        }
        var written = manifest with { Files = files };
        var problems = ManifestValidator.Check(written);
        if (problems.Count > 0)
            throw new InvalidUpdateException($"{tarball}: refusing to write an invalid manifest: {string.Join("; ", problems)}");
        var (required, optional) = PackageLayout.Files(written.Id, written.Objects);
        var missing = required.Where(f => !_files.ContainsKey(f)).ToList();
        if (missing.Count > 0)
            throw new InvalidUpdateException($"{tarball}: refusing to write an incomplete update; missing {string.Join(", ", missing)}");
        var foreign = _files.Keys.Except(required.Concat(optional), StringComparer.Ordinal).ToList();
        if (foreign.Count > 0)
            throw new InvalidUpdateException($"{tarball}: {string.Join(", ", foreign)} is not one of the update's objects");

        var manifestBytes = Encoding.UTF8.GetBytes(ManifestJson.Serialize(written));
        var entries = new List<(string, Func<Stream>)> { (PackageLayout.ManifestFile, () => new MemoryStream(manifestBytes)) };
        entries.AddRange(_files.Select(f => (f.Key, f.Value)));
        UpdateTarball.Write(PackageLayout.TopDirectory(written.Id), entries, tarball);
        return written;
    }

    private UpdatePackageWriter AddText(string path, string text) => AddBytes(path, Encoding.UTF8.GetBytes(text));

    private UpdatePackageWriter AddBytes(string path, byte[] bytes)
    {
        _files[path] = () => new MemoryStream(bytes, writable: false);
        return this;
    }

    private UpdatePackageWriter AddFile(string path, string file)
    {
        _files[path] = () => File.OpenRead(file);
        return this;
    }
}
