using Ksplice.Source.Process;
using Xunit;

namespace Ksplice.Vm.Tests;

/// <summary>The test apt repository, checked on the host with the tools apt itself uses.</summary>
public sealed class AptRepositoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ksplice-apt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void InReleaseIsSignedByTheKeyringAndCoversThePackagesIndex()
    {
        var deb = Path.Combine(_dir, "probe.deb");
        var root = Directory.CreateDirectory(Path.Combine(_dir, "probe", "DEBIAN")).Parent!.FullName;
        File.WriteAllText(Path.Combine(root, "DEBIAN", "control"),
            "Package: ksplice-guest-probe\nVersion: 1.0\nArchitecture: all\nMaintainer: ksplice tests <ksplice-test@invalid>\nDescription: probe\n");
        ProcessRunner.Default.RunChecked("dpkg-deb", "--root-owner-group", "--build", root, deb);

        var repository = new AptRepository(Path.Combine(_dir, "apt")).Add(deb).Publish();

        var inRelease = Path.Combine(repository.RepositoryDirectory, "InRelease");
        ProcessRunner.Default.RunChecked("gpgv", "--keyring", repository.Keyring, inRelease);
        var packages = File.ReadAllText(Path.Combine(repository.RepositoryDirectory, "Packages"));
        Assert.Contains("Package: ksplice-guest-probe\n", packages, StringComparison.Ordinal);
        Assert.Contains("Filename: ./probe.deb\n", packages, StringComparison.Ordinal);
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            File.ReadAllBytes(Path.Combine(repository.RepositoryDirectory, "Packages"))));
        Assert.Contains($" {sha256} ", File.ReadAllText(inRelease), StringComparison.Ordinal);

        // Another key does not verify it: gpgv really checks against the keyring.
        var other = new AptRepository(Path.Combine(_dir, "other"));
        Assert.False(ProcessRunner.Default.Run(ProcessSpec.Of("gpgv", "--keyring", other.Keyring, inRelease)).Succeeded);
    }
}
