using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Ksplice.Corpus;
using Ksplice.Package;
using Ksplice.TestSupport;

namespace Ksplice.EndToEnd.Tests;

/// <summary>
/// A real update with a ksplice_core.ko of its own, as updates carried one before the core was installed on the target
/// (listed in the manifest's files with its SHA-256, so the package reads): here Debian's crc8.ko under that name, a
/// module no guest loads otherwise, so /proc/modules shows whether it was ever loaded.
/// </summary>
public static class SwappedCoreUpdate
{
    public const string StandIn = "crc8";

    public static string Make(CreateRun real, string release)
    {
        var root = Path.Combine(KernelTree.Shared.CacheDir, "e2e-swapped-core");
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        var unpacked = UpdatePackage.Open(real.Tarball!, Path.Combine(root, "unpacked")).Directory;
        var core = File.ReadAllBytes($"/lib/modules/{release}/kernel/lib/{StandIn}.ko");
        File.WriteAllBytes(Path.Combine(unpacked, PackageLayout.LegacyCoreModuleFile), core);
        var manifestPath = Path.Combine(unpacked, PackageLayout.ManifestFile);
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        manifest["files"]![PackageLayout.LegacyCoreModuleFile] = Convert.ToHexStringLower(SHA256.HashData(core));
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        var tarball = Path.Combine(root, "swapped.tar.gz");
        using (var file = File.Create(tarball))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            TarFile.CreateFromDirectory(unpacked, gzip, includeBaseDirectory: true);
        UpdatePackage.Open(tarball, Path.Combine(root, "check")); // it must read as a valid update
        return tarball;
    }
}
