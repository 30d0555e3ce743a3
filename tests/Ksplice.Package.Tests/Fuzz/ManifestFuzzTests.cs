using Ksplice.Package.Manifest;
using Xunit;

namespace Ksplice.Package.Tests.Fuzz;

/// <summary>A hostile manifest.json is either read (and then valid) or refused with InvalidUpdateException.</summary>
public class ManifestFuzzTests
{
    private const int Cases = 3000;

    private static readonly string Valid = ValidManifest();

    private static string ValidManifest()
    {
        var root = SamplePackage.Scratch();
        try
        {
            return ManifestJson.Serialize(SamplePackage.Writer(root, "abc123").Write(Path.Combine(root, "u.tar.gz")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Shorten(string json) => json.Length <= 4000 ? json : json[..4000] + $"... ({json.Length} characters)";

    [Fact]
    public void The_starting_manifest_is_valid() => ManifestJson.Deserialize(Valid, "manifest.json");

    [Fact]
    public void Mutated_manifests_are_read_or_refused_with_InvalidUpdateException() =>
        FuzzRun.Cases(nameof(ManifestFuzzTests), Cases, seed: 0x6D616E6966657374UL, TimeSpan.FromSeconds(5), allocationBound: 64L << 20, caseSeed =>
        {
            var json = ManifestMutator.Mutate(Valid, new Random(caseSeed));
            return () => Read(caseSeed, json);
        });

    private static void Read(int caseSeed, string json)
    {
        try
        {
            var manifest = ManifestJson.Deserialize(json, "manifest.json");
            Assert.Empty(ManifestValidator.Check(manifest));
        }
        catch (InvalidUpdateException)
        {
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"case seed {caseSeed}: {e.GetType().Name} for manifest.json:\n{Shorten(json)}\n{e}");
        }
    }
}
