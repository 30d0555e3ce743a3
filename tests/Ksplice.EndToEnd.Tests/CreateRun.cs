using Ksplice.Package;
using Ksplice.Package.Manifest;

namespace Ksplice.EndToEnd.Tests;

/// <summary>What one `ksplice create` run left: exit code, output, and the tarball with its manifest when it made one.</summary>
public sealed record CreateRun(int ExitCode, string Output, string Error, string? Tarball)
{
    public UpdateManifest Manifest => ReadManifest();

    public string Describe() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";

    private UpdateManifest ReadManifest()
    {
        if (Tarball is null) throw new InvalidOperationException("no tarball was made:\n" + Describe());
        var scratch = Directory.CreateTempSubdirectory("ksplice-e2e-manifest-").FullName;
        try
        {
            return UpdatePackage.Open(Tarball, scratch).Manifest;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
