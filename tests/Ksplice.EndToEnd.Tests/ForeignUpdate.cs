using Ksplice.Corpus;
using Ksplice.Package;
using Ksplice.TestSupport;

namespace Ksplice.EndToEnd.Tests;

/// <summary>An update that claims to be for another kernel release: a real update with its manifest's release changed.</summary>
public static class ForeignUpdate
{
    public const string Release = "6.1.0-99-amd64";

    public static string Make(CreateRun real, string name = "e2e-foreign")
    {
        var root = Path.Combine(KernelTree.Shared.CacheDir, name);
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        var package = UpdatePackage.Open(real.Tarball!, Path.Combine(root, "unpacked"));
        var manifest = package.Manifest with { Kernel = package.Manifest.Kernel with { Release = Release } };
        var writer = new UpdatePackageWriter(manifest)
            .Patch(package.Patch)
            .Description(package.Description + "\n")
            .Module(package.ModulePath);
        foreach (var o in manifest.Objects) writer.PreObject(o, package.PreObjectPath(o));
        var tarball = Path.Combine(root, "foreign.tar.gz");
        writer.Write(tarball);
        return tarball;
    }
}
