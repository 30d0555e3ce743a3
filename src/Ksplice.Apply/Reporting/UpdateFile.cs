using Ksplice.Elf.IO;
using Ksplice.Elf.Modules;
using Ksplice.Package;
using Ksplice.Package.Manifest;

namespace Ksplice.Apply.Reporting;

/// <summary>
/// An update tarball as <c>ksplice-view --file</c> shows it: its manifest, description and patch, and the appended
/// signature of its update module. Any user may view any tarball, so nothing in it is trusted: before anything is shown,
/// <see cref="UpdatePackage"/> checks the archive and the files against the manifest, and the update module and every
/// pre object are read as apply reads them, so a tarball whose objects apply would refuse is refused here, for the same
/// reason, instead of being shown as an update.
/// </summary>
/// <param name="ModuleFile">the update module's name in the package (ksplice_ID.ko)</param>
public sealed record UpdateFile(UpdateManifest Manifest, string Description, string Patch, string ModuleFile, ModuleSignature? Signature)
{
    /// <summary>
    /// Opens <paramref name="tarball"/>, unpacked under <paramref name="scratch"/> (the caller removes it). A tarball
    /// that cannot be shown is refused with <see cref="InvalidUpdateException"/>, <see cref="ElfFormatException"/> or
    /// <see cref="KernelModuleFormatException"/>.
    /// </summary>
    public static UpdateFile Open(string tarball, string scratch)
    {
        var package = UpdatePackage.Open(tarball, scratch);
        var module = KernelModuleFile.ReadFile(package.ModulePath);
        foreach (var o in package.Manifest.Objects) ElfReader.ReadFile(package.PreObjectPath(o));
        return new UpdateFile(package.Manifest, package.Description, package.Patch, PackageLayout.ModuleFile(package.Manifest.Id), module.Signature);
    }
}
