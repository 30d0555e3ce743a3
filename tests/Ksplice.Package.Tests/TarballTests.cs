using System.Formats.Tar;
using Ksplice.Package.Manifest;
using Xunit;

namespace Ksplice.Package.Tests;

public class TarballTests
{
    [Fact]
    public void Written_package_reads_back_with_the_same_manifest_and_files()
    {
        var root = SamplePackage.Scratch();
        var tarball = Path.Combine(root, PackageLayout.TarballName("abc123"));
        var written = SamplePackage.Writer(root, "abc123").Write(tarball);

        var package = UpdatePackage.Open(tarball, Path.Combine(root, "unpacked"));

        Assert.Equal(Path.Combine(root, "unpacked", "ksplice-abc123"), package.Directory);
        Assert.Equal(ManifestJson.Serialize(written), ManifestJson.Serialize(package.Manifest));
        Assert.Equal(ManifestJson.Serialize(SamplePackage.Manifest("abc123") with { Files = written.Files }), ManifestJson.Serialize(package.Manifest));
        Assert.Equal("pre object", File.ReadAllText(package.PreObjectPath(SamplePackage.Object)));
        Assert.Equal("update module", File.ReadAllText(package.ModulePath));
        Assert.Equal(SamplePackage.PatchText, package.Patch);
        Assert.Equal("printk says hello", package.Description);
        Assert.EndsWith("ksplice_abc123.ko", package.ModulePath);
    }

    [Fact]
    public void The_manifest_lists_the_sha256_of_every_other_file()
    {
        var root = SamplePackage.Scratch();
        var written = SamplePackage.Writer(root, "abc123").Write(Path.Combine(root, "u.tar.gz"));
        Assert.Equal(["description", "ksplice_abc123.ko", "patch", "pre/kernel/printk/printk.o"],
            written.Files!.Keys.Order(StringComparer.Ordinal));
        // printf 'update module' | sha256sum
        Assert.Equal("7c323da5216fb048cbcf846b23ef521cd4e80d5c4a8197c8dee59936517b2209", written.Files["ksplice_abc123.ko"]);
    }

    [Fact]
    public void Incomplete_update_names_the_missing_file()
    {
        var tarball = TarballEditor.Rewrite(SamplePackage.Tarball(), (name, content) => name.EndsWith("printk.o", StringComparison.Ordinal) ? null : content);
        var e = Assert.Throws<InvalidUpdateException>(() => UpdatePackage.Open(tarball, SamplePackage.Scratch()));
        Assert.Contains("pre/kernel/printk/printk.o", e.Message);
    }

    [Theory]
    [InlineData("ksplice-x/../../etc/passwd", "escapes the archive")]
    [InlineData("/etc/passwd", "escapes the archive")]
    [InlineData("ksplice-x/pre/../../x", "escapes the archive")]
    [InlineData("etc/passwd", "outside a single ksplice-<id>/ directory")]
    [InlineData("ksplice-x", "outside a single ksplice-<id>/ directory")]
    [InlineData("ksplice-BAD/manifest.json", "outside a single ksplice-<id>/ directory")]
    [InlineData("ksplice-x/./manifest.json", "not a plain relative path")]
    [InlineData("ksplice-x//manifest.json", "not a plain relative path")]
    public void Entries_that_escape_are_refused(string name, string expected)
    {
        var tarball = TarballEditor.Write(t => t.WriteEntry(TarballEditor.File(name, "root::0:0")));
        var scratch = SamplePackage.Scratch();
        var e = Assert.Throws<InvalidUpdateException>(() => UpdateTarball.Extract(tarball, scratch));
        Assert.Contains(expected, e.Message);
        Assert.False(File.Exists(Path.Combine(scratch, "etc", "passwd")));
    }

    [Theory]
    [InlineData(TarEntryType.SymbolicLink)]
    [InlineData(TarEntryType.HardLink)]
    [InlineData(TarEntryType.CharacterDevice)]
    [InlineData(TarEntryType.BlockDevice)]
    [InlineData(TarEntryType.Fifo)]
    public void Links_devices_and_fifos_are_refused(TarEntryType type)
    {
        var entry = new PaxTarEntry(type, "ksplice-x/manifest.json");
        if (type is TarEntryType.SymbolicLink or TarEntryType.HardLink) entry.LinkName = "/etc/shadow";
        var tarball = TarballEditor.Write(t => t.WriteEntry(entry));
        var scratch = SamplePackage.Scratch();
        var e = Assert.Throws<InvalidUpdateException>(() => UpdateTarball.Extract(tarball, scratch));
        Assert.Contains($"is a {type}", e.Message);
        Assert.False(Path.Exists(Path.Combine(scratch, "ksplice-x", "manifest.json")));
    }

    [Fact]
    public void Two_top_directories_are_refused()
    {
        var tarball = TarballEditor.Write(t =>
        {
            t.WriteEntry(TarballEditor.File("ksplice-a/manifest.json", "{}"));
            t.WriteEntry(TarballEditor.File("ksplice-b/manifest.json", "{}"));
        });
        var e = Assert.Throws<InvalidUpdateException>(() => UpdateTarball.Extract(tarball, SamplePackage.Scratch()));
        Assert.Contains("ksplice-b/manifest.json", e.Message);
    }

    [Fact]
    public void A_file_repeated_in_the_archive_is_refused()
    {
        var tarball = TarballEditor.Write(t =>
        {
            t.WriteEntry(TarballEditor.File("ksplice-a/patch", "first"));
            t.WriteEntry(TarballEditor.File("ksplice-a/patch", "second"));
        });
        var e = Assert.Throws<InvalidUpdateException>(() => UpdateTarball.Extract(tarball, SamplePackage.Scratch()));
        Assert.Contains("appears twice", e.Message);
    }

    [Theory]
    [InlineData("ksplice-a/patch/", "ksplice-a/patch")]
    [InlineData("ksplice-a/patch", "ksplice-a/patch/")]
    [InlineData("ksplice-a/patch", "ksplice-a/patch/x")]
    public void A_file_and_a_directory_of_one_name_are_refused(string first, string second)
    {
        static PaxTarEntry Entry(string name) =>
            name.EndsWith('/') ? new PaxTarEntry(TarEntryType.Directory, name) : TarballEditor.File(name, "x");
        var tarball = TarballEditor.Write(t =>
        {
            t.WriteEntry(Entry(first));
            t.WriteEntry(Entry(second));
        });
        var e = Assert.Throws<InvalidUpdateException>(() => UpdateTarball.Extract(tarball, SamplePackage.Scratch()));
        Assert.Contains("clashes with a file or directory of the same name", e.Message);
    }

    [Theory]
    [InlineData(256, 1)]
    [InlineData(200, 6)]
    public void A_name_or_path_too_long_for_the_file_system_is_refused(int nameLength, int depth)
    {
        var name = "ksplice-a/" + string.Join('/', Enumerable.Repeat(new string('a', nameLength), depth));
        var tarball = TarballEditor.Write(t => t.WriteEntry(TarballEditor.File(name, "x")));
        var e = Assert.Throws<InvalidUpdateException>(() => UpdateTarball.Extract(tarball, SamplePackage.Scratch()));
        Assert.Contains("longer than", e.Message);
    }

    [Fact]
    public void A_directory_not_named_after_the_manifest_id_is_refused()
    {
        var tarball = SamplePackage.Tarball("abc123");
        var renamed = TarballEditor.Write(t =>
        {
            var scratch = SamplePackage.Scratch();
            var top = UpdateTarball.Extract(tarball, scratch);
            foreach (var file in Directory.EnumerateFiles(top, "*", SearchOption.AllDirectories))
                t.WriteEntry(TarballEditor.File("ksplice-other/" + Path.GetRelativePath(top, file), File.ReadAllText(file)));
        });
        var e = Assert.Throws<InvalidUpdateException>(() => UpdatePackage.Open(renamed, SamplePackage.Scratch()));
        Assert.Contains("ksplice-other/", e.Message);
        Assert.Contains("abc123", e.Message);
    }

    [Fact]
    public void Corrupt_or_foreign_files_are_refused()
    {
        var notGzip = Path.Combine(SamplePackage.Scratch(), "x.tar.gz");
        File.WriteAllText(notGzip, "this is not a tarball");
        Assert.Contains("not a gzip", Assert.Throws<InvalidUpdateException>(() => UpdateTarball.Extract(notGzip, SamplePackage.Scratch())).Message);

        var bytes = File.ReadAllBytes(SamplePackage.Tarball());
        var truncated = Path.Combine(SamplePackage.Scratch(), "truncated.tar.gz");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        Assert.Throws<InvalidUpdateException>(() => UpdateTarball.Extract(truncated, SamplePackage.Scratch()));
    }

    [Fact]
    public void A_tarball_without_manifest_is_not_an_update()
    {
        var tarball = TarballEditor.Write(t => t.WriteEntry(TarballEditor.File("ksplice-x/readme", "hello")));
        var e = Assert.Throws<InvalidUpdateException>(() => UpdatePackage.Open(tarball, SamplePackage.Scratch()));
        Assert.Contains("not a ksplice update", e.Message);
    }
}
