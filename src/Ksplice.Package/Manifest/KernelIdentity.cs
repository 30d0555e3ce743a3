namespace Ksplice.Package.Manifest;

/// <summary>The kernel an update was built for: `uname -r`, the version string (`uname -v`) and the compiler.</summary>
public sealed record KernelIdentity(string Release, string Version, string Compiler);
