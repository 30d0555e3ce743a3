using Xunit;

namespace Ksplice.Package.Tests;

/// <summary>The installed updates of a release: named by creation time and id, listed in that order.</summary>
public sealed class InstalledUpdatesTests
{
    private readonly InstalledUpdates _installed = new(SamplePackage.Scratch());

    [Fact]
    public void AnUpdateIsInstalledUnderItsCreationTimeInUtcAndItsId()
    {
        var manifest = SamplePackage.Manifest("abc_123") with { Created = new DateTimeOffset(2026, 11, 22, 4, 28, 52, TimeSpan.FromHours(2)) };

        Assert.Equal("20261122T022852Z-abc_123.tar.gz", InstalledUpdates.FileName(manifest));
        Assert.Equal("abc_123", InstalledUpdates.IdOf(InstalledUpdates.FileName(manifest)));
    }

    [Theory]
    [InlineData("ksplice-abc123.tar.gz")]
    [InlineData("20261122T022852Z-abc123.tar")]
    [InlineData("20261322T022852Z-abc123.tar.gz")]
    [InlineData("20261122T022852Z-ABC.tar.gz")]
    [InlineData("20261122T022852Z-.tar.gz")]
    [InlineData("2026112T022852Z-abc123.tar.gz")]
    public void AFileNotNamedThatWayHasNoId(string name) => Assert.Null(InstalledUpdates.IdOf(name));

    [Fact]
    public void TheUpdatesOfAReleaseAreListedInCreationOrderAndOtherFilesAreIgnored()
    {
        var dir = Directory.CreateDirectory(_installed.DirectoryOf("6.1.0-57-amd64")).FullName;
        foreach (var name in new[] { "20261201T000000Z-second.tar.gz", "20261130T235959Z-first.tar.gz", "notes.txt", "20261202T000000Z-third.tar.gz.dpkg-tmp" })
            File.WriteAllText(Path.Combine(dir, name), "");
        Directory.CreateDirectory(Path.Combine(_installed.DirectoryOf("6.1.0-56-amd64")));
        File.WriteAllText(Path.Combine(_installed.DirectoryOf("6.1.0-56-amd64"), "20261101T000000Z-other.tar.gz"), "");

        Assert.Equal([new InstalledUpdate("first", Path.Combine(dir, "20261130T235959Z-first.tar.gz")), new InstalledUpdate("second", Path.Combine(dir, "20261201T000000Z-second.tar.gz"))],
            _installed.For("6.1.0-57-amd64"));
    }

    [Fact]
    public void TheUpdatesOfOtherReleasesAreListedByReleaseAndTheRunningOnesAreNot()
    {
        foreach (var (release, name) in new[] { ("6.1.0-57-amd64", "20261130T235959Z-running.tar.gz"), ("6.1.0-99-amd64", "20261201T000000Z-newer.tar.gz"),
                     ("6.1.0-56-amd64", "20261101T000000Z-older.tar.gz"), ("6.1.0-56-amd64", "notes.txt") })
        {
            Directory.CreateDirectory(_installed.DirectoryOf(release));
            File.WriteAllText(Path.Combine(_installed.DirectoryOf(release), name), "");
        }

        var others = _installed.ForOtherReleases("6.1.0-57-amd64");

        Assert.Equal([("6.1.0-56-amd64", "older"), ("6.1.0-99-amd64", "newer")], others.Select(o => (o.Release, o.Update.Id)));
        Assert.Empty(new InstalledUpdates(Path.Combine(SamplePackage.Scratch(), "none")).ForOtherReleases("6.1.0-57-amd64"));
    }

    [Fact]
    public void AReleaseWithNoDirectoryHasNoUpdates() => Assert.Empty(_installed.For("6.1.0-99-amd64"));

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/b")]
    public void AReleaseThatIsNotOneIsNotADirectory(string release) => Assert.Throws<ArgumentException>(() => _installed.DirectoryOf(release));
}
