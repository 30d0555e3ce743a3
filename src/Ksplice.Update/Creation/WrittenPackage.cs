using Ksplice.Package.Manifest;

namespace Ksplice.Update.Creation;

/// <summary>The tarball ksplice-create wrote and the manifest inside it.</summary>
public sealed record WrittenPackage(string Tarball, UpdateManifest Manifest);
