using Xunit;

namespace Ksplice.Package.Tests;

/// <summary>The caps on one file, on the total and on the number of entries, checked with small limits.</summary>
public class PackageLimitTests
{
    private static readonly PackageLimits Small = new(MaximumFileBytes: 100, MaximumManifestBytes: 100, MaximumTotalBytes: 250, MaximumEntries: 5);

    private static InvalidUpdateException Refusal(string tarball) =>
        Assert.Throws<InvalidUpdateException>(() => UpdateTarball.Extract(tarball, SamplePackage.Scratch(), Small));

    [Fact]
    public void The_defaults_leave_room_for_big_updates()
    {
        Assert.True(PackageLimits.Default.MaximumFileBytes >= 64L << 20);
        Assert.True(PackageLimits.Default.MaximumTotalBytes >= 256L << 20);
        Assert.True(PackageLimits.Default.MaximumEntries >= 1000);
    }

    [Fact]
    public void A_file_at_the_limit_is_taken()
    {
        var tarball = TarballEditor.Write(t => t.WriteEntry(TarballEditor.File("ksplice-a/patch", new string('x', 100))));
        var top = UpdateTarball.Extract(tarball, SamplePackage.Scratch(), Small);
        Assert.Equal(100, new FileInfo(Path.Combine(top, "patch")).Length);
    }

    [Fact]
    public void An_oversized_file_is_refused()
    {
        var tarball = TarballEditor.Write(t => t.WriteEntry(TarballEditor.File("ksplice-a/patch", new string('x', 101))));
        Assert.Contains("'ksplice-a/patch' is 101 bytes, more than the 100 bytes", Refusal(tarball).Message);
    }

    [Fact]
    public void Too_much_in_total_is_refused()
    {
        var tarball = TarballEditor.Write(t =>
        {
            foreach (var name in new[] { "patch", "description", "ksplice_core.ko" })
                t.WriteEntry(TarballEditor.File("ksplice-a/" + name, new string('x', 90)));
        });
        Assert.Contains("unpacks to more than 250 bytes", Refusal(tarball).Message);
    }

    [Fact]
    public void Too_many_entries_are_refused()
    {
        var tarball = TarballEditor.Write(t =>
        {
            for (var i = 0; i < 6; i++) t.WriteEntry(TarballEditor.File($"ksplice-a/pre/d/o{i}.o", "x"));
        });
        Assert.Contains("more than 5 entries", Refusal(tarball).Message);
    }

    [Fact]
    public void An_oversized_manifest_is_refused()
    {
        var e = Assert.Throws<InvalidUpdateException>(() => UpdatePackage.Open(SamplePackage.Tarball(), SamplePackage.Scratch(),
            Small with { MaximumFileBytes = 10_000, MaximumTotalBytes = 100_000, MaximumEntries = 100 }));
        Assert.Contains("manifest.json is", e.Message);
        Assert.Contains("more than the 100 bytes a manifest may have", e.Message);
    }
}
