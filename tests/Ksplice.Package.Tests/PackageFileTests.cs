using System.Text.Json.Nodes;
using Xunit;

namespace Ksplice.Package.Tests;

/// <summary>The files of a package must be exactly those the manifest lists, with the SHA-256 it records.</summary>
public class PackageFileTests
{
    private static bool IsManifest(string name) => name.EndsWith("/" + PackageLayout.ManifestFile, StringComparison.Ordinal);

    private static string EditManifest(string json, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        edit(root);
        return root.ToJsonString();
    }

    private static InvalidUpdateException Refusal(string tarball) =>
        Assert.Throws<InvalidUpdateException>(() => UpdatePackage.Open(tarball, SamplePackage.Scratch()));

    [Fact]
    public void A_file_that_does_not_match_its_hash_is_refused()
    {
        var tarball = TarballEditor.Rewrite(SamplePackage.Tarball(), (name, content) => name.EndsWith(".o", StringComparison.Ordinal) ? "altered" : content);
        var e = Refusal(tarball);
        Assert.Contains("pre/kernel/printk/printk.o does not match the SHA-256", e.Message);
    }

    [Theory]
    [InlineData("ksplice-abc123/pre/kernel/extra.o", "pre/kernel/extra.o")]
    [InlineData("ksplice-abc123/notes", "notes")]
    public void A_file_the_manifest_does_not_list_is_refused(string entry, string file)
    {
        var tarball = TarballEditor.Rewrite(SamplePackage.Tarball(), (_, content) => content, t => t.WriteEntry(TarballEditor.File(entry, "extra")));
        var e = Refusal(tarball);
        Assert.Contains($"{file} is not listed in the manifest's files", e.Message);
    }

    [Fact]
    public void A_listed_file_that_is_missing_is_refused()
    {
        var tarball = TarballEditor.Rewrite(SamplePackage.Tarball(), (name, content) => name.EndsWith("/patch", StringComparison.Ordinal) ? null : content);
        var e = Refusal(tarball);
        Assert.Contains("missing patch", e.Message);
    }

    [Fact]
    public void A_listed_file_outside_the_layout_is_refused()
    {
        var tarball = TarballEditor.Rewrite(SamplePackage.Tarball(),
            (name, content) => IsManifest(name)
                ? EditManifest(content, m => m["files"]!["notes"] = new string('0', 64))
                : content,
            t => t.WriteEntry(TarballEditor.File("ksplice-abc123/notes", "extra")));
        var e = Refusal(tarball);
        Assert.Contains("notes is not part of a ksplice update", e.Message);
    }

    /// <summary>An update written before the core was installed on the target carries ksplice_core.ko: it is still read
    /// (and hash-checked), but the package gives no path to it, so nothing can load it.</summary>
    [Fact]
    public void A_legacy_core_module_is_read_and_checked_but_not_offered()
    {
        var core = "legacy core";
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(core)));
        var tarball = TarballEditor.Rewrite(SamplePackage.Tarball(),
            (name, content) => IsManifest(name) ? EditManifest(content, m => m["files"]![PackageLayout.LegacyCoreModuleFile] = digest) : content,
            t => t.WriteEntry(TarballEditor.File("ksplice-abc123/" + PackageLayout.LegacyCoreModuleFile, core)));

        var package = UpdatePackage.Open(tarball, SamplePackage.Scratch());

        Assert.Equal(digest, package.Manifest.Files![PackageLayout.LegacyCoreModuleFile]);
        Assert.DoesNotContain(typeof(UpdatePackage).GetProperties(), p => p.Name.Contains("Core", StringComparison.Ordinal));

        var altered = TarballEditor.Rewrite(tarball, (name, content) => name.EndsWith("/" + PackageLayout.LegacyCoreModuleFile, StringComparison.Ordinal) ? "swapped core" : content);
        Assert.Contains("ksplice_core.ko does not match the SHA-256", Refusal(altered).Message);
    }

    [Fact]
    public void A_manifest_without_the_files_map_is_refused_as_lacking_its_file_hashes()
    {
        var tarball = TarballEditor.Rewrite(SamplePackage.Tarball(),
            (name, content) => IsManifest(name) ? EditManifest(content, m => m.Remove("files")) : content);
        var e = Refusal(tarball);
        Assert.Contains("the manifest has no 'files' map", e.Message);
        Assert.Contains("older ksplice-create or was tampered with", e.Message);
        Assert.Contains("create it again", e.Message);
    }

    /// <summary>The attack the files map stops: swap the update module, and drop the map so there is no hash to compare.</summary>
    [Fact]
    public void Dropping_the_files_map_does_not_let_an_altered_update_module_through()
    {
        var tarball = TarballEditor.Rewrite(SamplePackage.Tarball(),
            (name, content) => IsManifest(name) ? EditManifest(content, m => m.Remove("files"))
                : name.EndsWith("/ksplice_abc123.ko", StringComparison.Ordinal) ? "hostile module" : content);
        Assert.Contains("the manifest has no 'files' map", Refusal(tarball).Message);
    }

    [Fact]
    public void An_altered_update_module_is_refused()
    {
        var tarball = TarballEditor.Rewrite(SamplePackage.Tarball(),
            (name, content) => name.EndsWith("/ksplice_abc123.ko", StringComparison.Ordinal) ? "hostile module" : content);
        var e = Refusal(tarball);
        Assert.Contains("ksplice_abc123.ko does not match the SHA-256", e.Message);
        Assert.Contains("the update is corrupt or was altered", e.Message);
    }

    [Fact]
    public void A_bad_manifest_field_inside_a_tarball_is_named()
    {
        var tarball = TarballEditor.Rewrite(SamplePackage.Tarball(),
            (name, content) => IsManifest(name) ? EditManifest(content, m => m["format"] = 1.5) : content);
        var e = Refusal(tarball);
        Assert.Contains("manifest field 'format'", e.Message);
        Assert.Contains("manifest.json", e.Message);
    }

    [Fact]
    public void Only_the_manifests_objects_have_pre_object_paths()
    {
        var package = UpdatePackage.Open(SamplePackage.Tarball(), SamplePackage.Scratch());
        Assert.Throws<InvalidUpdateException>(() => package.PreObjectPath("../../etc/shadow"));
        Assert.Throws<InvalidUpdateException>(() => package.PreObjectPath("kernel/other.o"));
    }

    [Fact]
    public void A_link_in_an_unpacked_directory_is_refused()
    {
        var package = UpdatePackage.Open(SamplePackage.Tarball(), SamplePackage.Scratch());
        File.CreateSymbolicLink(Path.Combine(package.Directory, "description2"), "/etc/shadow");
        var e = Assert.Throws<InvalidUpdateException>(() => UpdatePackage.OpenDirectory(package.Directory));
        Assert.Contains("description2 is a link", e.Message);
    }
}
