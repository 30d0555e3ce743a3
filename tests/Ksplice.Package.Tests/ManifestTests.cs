using Ksplice.Package.Manifest;
using Xunit;

namespace Ksplice.Package.Tests;

public class ManifestTests
{
    [Fact]
    public void Manifest_round_trips_through_json()
    {
        var manifest = SamplePackage.Manifest("q1w2e3r4");
        var json = ManifestJson.Serialize(manifest);
        Assert.Contains("\"release\": \"6.1.0-56-amd64\"", json);
        var back = ManifestJson.Deserialize(json, "m");
        Assert.Equal(manifest.Id, back.Id);
        Assert.Equal(manifest.Kernel, back.Kernel);
        Assert.Equal(manifest.Patches.Single(), back.Patches.Single());
        Assert.Equal(manifest.Functions.Single(), back.Functions.Single());
        Assert.Equal(manifest.Data.Single(), back.Data.Single());
        Assert.Equal(manifest.Symbols.Single(), back.Symbols.Single());
    }

    [Fact]
    public void Kinds_keep_their_wire_names()
    {
        var json = ManifestJson.Serialize(SamplePackage.Manifest("q1w2e3r4"));
        Assert.Contains("\"change\": \"changed\"", json);
        Assert.Contains("\"change\": \"copied\"", json);
        Assert.Contains("\"kind\": \"function\"", json);
        Assert.Equal("new", ManifestJson.WireName(FunctionChangeKind.New));
        Assert.Equal("new", ManifestJson.WireName(DataChangeKind.New));
        Assert.Equal("data", ManifestJson.WireName(PlaceholderKind.Data));
    }

    [Fact]
    public void A_manifest_written_before_the_files_map_still_reads()
    {
        var json = ManifestJson.Serialize(SamplePackage.Manifest("q1w2e3r4")).Replace("\"files\": null,", "");
        Assert.DoesNotContain("\"files\"", json);
        Assert.Null(ManifestJson.Deserialize(json, "m").Files);
    }

    [Theory]
    [InlineData("{", "not valid")]
    [InlineData("{\"format\": 99, \"id\": \"a\"}", "format 99 is not supported")]
    [InlineData("null", "empty")]
    [InlineData("[1]", "not an object")]
    public void Bad_manifests_are_refused_with_the_reason(string json, string expected)
    {
        var e = Assert.Throws<InvalidUpdateException>(() => ManifestJson.Deserialize(json, "manifest.json"));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("abc12345", true)]
    [InlineData("with_underscore", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("UPPER", false)]
    [InlineData("dash-es", false)]
    [InlineData("../x", false)]
    [InlineData("abcdefghijabcdefghijabcdefghijab", true)]
    [InlineData("abcdefghijabcdefghijabcdefghijabc", false)]
    public void Update_ids(string? id, bool valid) => Assert.Equal(valid, UpdateId.IsValid(id));

    [Fact]
    public void Random_ids_are_eight_valid_characters() =>
        Assert.All(Enumerable.Range(0, 50).Select(_ => UpdateId.NewRandom()), id => { Assert.Equal(8, id.Length); Assert.True(UpdateId.IsValid(id)); });
}
