using System.Formats.Tar;
using System.IO.Compression;
using Ksplice.Update;
using Ksplice.Update.Manifest;
using Ksplice.Update.Packaging;
using Xunit;

namespace Ksplice.Update.Tests;

public class TarballTests
{
    private static string Scratch() => Directory.CreateTempSubdirectory("ksplice-tar-").FullName;

    private static UpdateManifest Manifest(string id) => new()
    {
        Id = id,
        Created = DateTimeOffset.UnixEpoch,
        Tool = "test",
        Kernel = new KernelIdentity("6.1.0-1-amd64", "#1 SMP", "gcc-12"),
        Targets = [new TargetEntry("vmlinux", ["kernel/printk/printk.o"])],
    };

    private static string MakeUpdateDirectory(string root, string id)
    {
        var dir = Path.Combine(root, $"ksplice-{id}");
        Directory.CreateDirectory(Path.Combine(dir, "pre", "kernel", "printk"));
        File.WriteAllText(Path.Combine(dir, UpdatePackage.ManifestFile), ManifestJson.Serialize(Manifest(id)));
        File.WriteAllText(Path.Combine(dir, "patch"), "--- a/x\n+++ b/x\n");
        File.WriteAllText(Path.Combine(dir, $"ksplice_{id}.ko"), "ko");
        File.WriteAllText(Path.Combine(dir, UpdateManifest.CoreModule), "core");
        File.WriteAllText(Path.Combine(dir, "pre", "kernel", "printk", "printk.o"), "pre");
        return dir;
    }

    [Fact]
    public void Written_tarball_opens_to_the_same_files()
    {
        var root = Scratch();
        var dir = MakeUpdateDirectory(root, "abc123");
        var tarball = Path.Combine(root, "ksplice-abc123.tar.gz");
        UpdateTarball.Write(dir, tarball);
        var package = UpdatePackage.Open(tarball, Path.Combine(root, "unpacked"));
        Assert.Equal("abc123", package.Manifest.Id);
        Assert.Equal("pre", File.ReadAllText(package.PreObjectPath("kernel/printk/printk.o")));
        Assert.Equal("--- a/x\n+++ b/x\n", package.Patch);
    }

    [Fact]
    public void Incomplete_update_names_the_missing_file()
    {
        var root = Scratch();
        var dir = MakeUpdateDirectory(root, "abc123");
        File.Delete(Path.Combine(dir, "pre", "kernel", "printk", "printk.o"));
        var e = Assert.Throws<InvalidUpdateException>(() => UpdatePackage.OpenDirectory(dir));
        Assert.Contains("pre/kernel/printk/printk.o", e.Message);
    }

    private static string TarballWith(Action<TarWriter> write)
    {
        var path = Path.Combine(Scratch(), "bad.tar.gz");
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        write(tar);
        return path;
    }

    private static PaxTarEntry FileEntry(string name, string content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)) };

    [Theory]
    [InlineData("ksplice-x/../../etc/passwd", "escapes the archive")]
    [InlineData("/etc/passwd", "escapes the archive")]
    [InlineData("etc/passwd", "outside a single ksplice-<id>/ directory")]
    public void Entries_that_escape_are_refused(string name, string expected)
    {
        var tarball = TarballWith(t => t.WriteEntry(FileEntry(name, "root::0:0")));
        var scratch = Scratch();
        var e = Assert.Throws<InvalidUpdateException>(() => UpdateTarball.Extract(tarball, scratch));
        Assert.Contains(expected, e.Message);
        Assert.False(File.Exists(Path.Combine(scratch, "etc", "passwd")));
    }

    [Fact]
    public void Links_are_refused()
    {
        var tarball = TarballWith(t => t.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "ksplice-x/manifest.json") { LinkName = "/etc/shadow" }));
        var e = Assert.Throws<InvalidUpdateException>(() => UpdateTarball.Extract(tarball, Scratch()));
        Assert.Contains("SymbolicLink", e.Message);
    }

    [Fact]
    public void Two_top_directories_are_refused()
    {
        var tarball = TarballWith(t =>
        {
            t.WriteEntry(FileEntry("ksplice-a/manifest.json", "{}"));
            t.WriteEntry(FileEntry("ksplice-b/manifest.json", "{}"));
        });
        Assert.Throws<InvalidUpdateException>(() => UpdateTarball.Extract(tarball, Scratch()));
    }

    [Fact]
    public void Corrupt_or_foreign_files_are_refused()
    {
        var notGzip = Path.Combine(Scratch(), "x.tar.gz");
        File.WriteAllText(notGzip, "this is not a tarball");
        Assert.Contains("not a gzip", Assert.Throws<InvalidUpdateException>(() => UpdateTarball.Extract(notGzip, Scratch())).Message);

        var root = Scratch();
        var good = Path.Combine(root, "good.tar.gz");
        UpdateTarball.Write(MakeUpdateDirectory(root, "abc"), good);
        var bytes = File.ReadAllBytes(good);
        var truncated = Path.Combine(root, "truncated.tar.gz");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        Assert.Throws<InvalidUpdateException>(() => UpdateTarball.Extract(truncated, Scratch()));
    }

    [Fact]
    public void A_tarball_without_manifest_is_not_an_update()
    {
        var tarball = TarballWith(t => t.WriteEntry(FileEntry("ksplice-x/readme", "hello")));
        var e = Assert.Throws<InvalidUpdateException>(() => UpdatePackage.Open(tarball, Scratch()));
        Assert.Contains("not a ksplice update", e.Message);
    }
}
