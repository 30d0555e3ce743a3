using Ksplice.Update;
using Ksplice.Update.Manifest;
using Xunit;

namespace Ksplice.Update.Tests;

public class ManifestTests
{
    [Fact]
    public void Manifest_round_trips_through_json()
    {
        var manifest = new UpdateManifest
        {
            Id = "q1w2e3r4",
            Description = "printk says hello",
            Created = new DateTimeOffset(2026, 11, 22, 2, 28, 52, TimeSpan.Zero),
            Tool = "ksplice 0.1.0",
            Kernel = new KernelIdentity("6.1.0-56-amd64", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)", "gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0"),
            Targets = [new TargetEntry("vmlinux", ["kernel/printk/printk.o"])],
            Functions = [new FunctionEntry("_printk", "_printk", "kernel/printk/printk.o", "vmlinux", ".text._printk", "changed")],
            Symbols = [new PlaceholderEntry("__ksplice_sym_0", "_printk", "kernel/printk/printk.o", "vmlinux", "function")],
            Patches = [new PatchEntry(0, "_printk", "kernel/printk/printk.o", "vmlinux", "__ksplice_sym_0", ".text._printk", 123, "__ksplice_expect_0", 5)],
        };
        var json = ManifestJson.Serialize(manifest);
        Assert.Contains("\"release\": \"6.1.0-56-amd64\"", json);
        var back = ManifestJson.Deserialize(json, "m");
        Assert.Equal(manifest.Id, back.Id);
        Assert.Equal(manifest.Kernel, back.Kernel);
        Assert.Equal(manifest.Patches.Single(), back.Patches.Single());
        Assert.Equal(manifest.Functions.Single(), back.Functions.Single());
    }

    [Theory]
    [InlineData("{", "not valid")]
    [InlineData("{\"format\": 99, \"id\": \"a\"}", "format 99 is not supported")]
    [InlineData("null", "empty")]
    public void Bad_manifests_are_refused_with_the_reason(string json, string expected)
    {
        var e = Assert.Throws<InvalidUpdateException>(() => ManifestJson.Deserialize(json, "manifest.json"));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("abc12345", true)]
    [InlineData("with_underscore", true)]
    [InlineData("", false)]
    [InlineData("UPPER", false)]
    [InlineData("dash-es", false)]
    [InlineData("../x", false)]
    public void Update_ids(string id, bool valid) => Assert.Equal(valid, UpdateId.IsValid(id));

    [Fact]
    public void Random_ids_are_eight_valid_characters() =>
        Assert.All(Enumerable.Range(0, 50).Select(_ => UpdateId.NewRandom()), id => { Assert.Equal(8, id.Length); Assert.True(UpdateId.IsValid(id)); });
}
