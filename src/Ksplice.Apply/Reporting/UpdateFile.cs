using Ksplice.Elf.Modules;
using Ksplice.Package;
using Ksplice.Package.Manifest;

namespace Ksplice.Apply.Reporting;

/// <summary>
/// An update tarball as <c>ksplice-view --file</c> shows it: its manifest, description and patch, and the appended
/// signature of its update module (only the trailer is read). Any user may view any tarball, so nothing in it is trusted:
/// <see cref="UpdatePackage"/> checks the archive and the files against the manifest before anything is shown.
/// </summary>
/// <param name="ModuleFile">the update module's name in the package (ksplice_ID.ko)</param>
public sealed record UpdateFile(UpdateManifest Manifest, string Description, string Patch, string ModuleFile, ModuleSignature? Signature)
{
    /// <summary>
    /// Opens <paramref name="tarball"/>, unpacked under <paramref name="scratch"/> (the caller removes it). A tarball
    /// that cannot be shown is refused with <see cref="InvalidUpdateException"/> or <see cref="KernelModuleFormatException"/>.
    /// </summary>
    public static UpdateFile Open(string tarball, string scratch)
    {
        var package = UpdatePackage.Open(tarball, scratch);
        var signature = ModuleSignature.Find(File.ReadAllBytes(package.ModulePath), package.ModulePath);
        return new UpdateFile(package.Manifest, package.Description, package.Patch, PackageLayout.ModuleFile(package.Manifest.Id), signature);
    }
}
