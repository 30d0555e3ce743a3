using Ksplice.Package.Manifest;
using Xunit;

namespace Ksplice.Package.Tests;

/// <summary>The writer refuses to write what the reader would refuse to read.</summary>
public class WriterTests
{
    [Fact]
    public void A_package_without_a_pre_object_is_not_written()
    {
        var root = SamplePackage.Scratch();
        var tarball = Path.Combine(root, "u.tar.gz");
        File.WriteAllText(Path.Combine(root, "x"), "x");
        var writer = new UpdatePackageWriter(SamplePackage.Manifest("abc123")).Module(Path.Combine(root, "x"));
        var e = Assert.Throws<InvalidUpdateException>(() => writer.Write(tarball));
        Assert.Contains("missing pre/kernel/printk/printk.o", e.Message);
        Assert.False(File.Exists(tarball));
    }

    [Fact]
    public void An_invalid_manifest_is_not_written()
    {
        var root = SamplePackage.Scratch();
        var tarball = Path.Combine(root, "u.tar.gz");
        var bad = new UpdatePackageWriter(SamplePackage.Manifest("abc123") with { Tool = "" });
        var e = Assert.Throws<InvalidUpdateException>(() => bad.Write(tarball));
        Assert.Contains("field 'tool'", e.Message);
    }

    [Fact]
    public void A_pre_object_path_is_checked_before_it_is_used()
    {
        var writer = new UpdatePackageWriter(SamplePackage.Manifest("abc123"));
        Assert.Throws<InvalidUpdateException>(() => writer.PreObject("../../etc/evil.o", "/dev/null"));
        Assert.Throws<InvalidUpdateException>(() => writer.PreObject("/etc/evil.o", "/dev/null"));
    }

    [Fact]
    public void A_pre_object_of_no_target_is_not_written()
    {
        var root = SamplePackage.Scratch();
        var writer = SamplePackage.Writer(root, "abc123").PreObject("kernel/other.o", Path.Combine(root, "sources", "printk.o"));
        var e = Assert.Throws<InvalidUpdateException>(() => writer.Write(Path.Combine(root, "u.tar.gz")));
        Assert.Contains("pre/kernel/other.o", e.Message);
    }
}
