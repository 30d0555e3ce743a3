using System.Formats.Tar;
using Ksplice.Package;
using Ksplice.Package.Tests;
using Ksplice.Source.Process;
using Xunit;

namespace Ksplice.Debian.Tests;

/// <summary>ksplice package: the sample update (6.1.0-56-amd64, Debian 6.1.192-2) as a Debian package, checked with dpkg-deb and lintian.</summary>
public sealed class UpdateDebWriterTests
{
    private const string Release = "6.1.0-56-amd64";
    private readonly string _out = SamplePackage.Scratch();

    private UpdateDeb Write(string id = "abc_123", string? after = null, int revision = 1) =>
        new UpdateDebWriter(ProcessRunner.Default).Write(new UpdateDebRequest(SamplePackage.Tarball(id), _out) { After = after, Revision = revision });

    private static string Field(UpdateDeb deb, string field) => Tool.Output("dpkg-deb", "--field", deb.Path, field).Trim();

    [Fact]
    public void ThePackageIsNamedAfterTheReleaseAndIdAndDependsOnKspliceAndExactlyTheKernelImage()
    {
        var deb = Write(revision: 3);

        Assert.Equal(Path.Combine(_out, $"ksplice-update-{Release}-abc-123_3_amd64.deb"), deb.Path);
        Assert.Equal($"ksplice-update-{Release}-abc-123", Field(deb, "Package"));
        Assert.Equal("3", Field(deb, "Version"));
        Assert.Equal("amd64", Field(deb, "Architecture"));
        Assert.Equal($"ksplice, linux-image-{Release} (= 6.1.192-2)", Field(deb, "Depends"));
        Assert.StartsWith($"Ksplice update abc_123 for Linux {Release}\n printk says hello", Tool.Output("dpkg-deb", "--field", deb.Path, "Description"));
    }

    [Fact]
    public void AnUpdateStackedOnAnotherDependsOnItsPackage()
    {
        var deb = Write(after: $"ksplice-update-{Release}-first");

        Assert.Equal($"ksplice, linux-image-{Release} (= 6.1.192-2), ksplice-update-{Release}-first", Field(deb, "Depends"));
    }

    [Fact]
    public void ItInstallsTheTarballAsItIsUnderItsReleaseNamedByCreationTimeOwnedByRoot()
    {
        var tarball = SamplePackage.Tarball("abc_123");
        var deb = new UpdateDebWriter(ProcessRunner.Default).Write(new UpdateDebRequest(tarball, _out));

        var listing = Tool.Output("dpkg-deb", "--contents", deb.Path);
        var installed = $"./var/lib/ksplice/updates/{Release}/20261122T022852Z-abc_123.tar.gz";
        var line = Assert.Single(listing.Split('\n'), l => l.EndsWith(installed, StringComparison.Ordinal));
        Assert.StartsWith("-rw-r--r-- root/root", line);
        var root = SamplePackage.Scratch();
        Tool.Output("dpkg-deb", "--extract", deb.Path, root);
        Assert.Equal(File.ReadAllBytes(tarball), File.ReadAllBytes(Path.Combine(root, installed)));
        Assert.Equal("abc_123", new InstalledUpdates(Path.Combine(root, "var/lib/ksplice/updates")).For(Release).Single().Id);
    }

    [Fact]
    public void LintianFindsNoErrorAndNoWarning()
    {
        var deb = Write();

        var result = Tool.Run("lintian", ["--fail-on", "error,warning", deb.Path]);

        Assert.True(result.Succeeded, $"lintian {deb.Path}:\n{result.StandardOutput}{result.StandardError}");
    }

    [Fact]
    public void ABrokenTarballIsNotPackaged()
    {
        var tarball = Path.Combine(SamplePackage.Scratch(), "ksplice-abc.tar.gz");
        File.WriteAllText(tarball, "not a tarball");

        Assert.ThrowsAny<Exception>(() => new UpdateDebWriter(ProcessRunner.Default).Write(new UpdateDebRequest(tarball, _out)));
        Assert.Empty(Directory.EnumerateFiles(_out));
    }
}
