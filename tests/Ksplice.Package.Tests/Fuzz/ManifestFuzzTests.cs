using Ksplice.TestSupport.Fuzz;
using System.Collections.Concurrent;
using Ksplice.Package.Manifest;
using Xunit;
using Xunit.Abstractions;

namespace Ksplice.Package.Tests.Fuzz;

/// <summary>A hostile manifest.json is either read (and then valid) or refused with InvalidUpdateException.</summary>
public class ManifestFuzzTests(ITestOutputHelper output)
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
    public void Mutated_manifests_are_read_or_refused_with_InvalidUpdateException()
    {
        var outcomes = new ConcurrentDictionary<string, int>();
        try
        {
            FuzzRun.Cases(nameof(ManifestFuzzTests), Cases, seed: 0x6D616E6966657374UL, TimeSpan.FromSeconds(5), allocationBound: 64L << 20, caseSeed =>
            {
                var (classes, json) = ManifestMutator.Mutate(Valid, new Random(caseSeed));
                return () =>
                {
                    var outcome = Read(caseSeed, json);
                    foreach (var mutation in classes.Distinct()) outcomes.AddOrUpdate($"{mutation}: {outcome}", 1, (_, n) => n + 1);
                };
            });
        }
        finally
        {
            foreach (var (outcome, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal)) output.WriteLine($"{count,5}  {outcome}");
        }
        foreach (var mutation in ManifestMutator.MutationClasses)
            Assert.Contains(outcomes.Keys, k => k.StartsWith(mutation + ":", StringComparison.Ordinal));
    }

    private static string Read(int caseSeed, string json)
    {
        try
        {
            var manifest = ManifestJson.Deserialize(json, "manifest.json");
            Assert.Empty(ManifestValidator.Check(manifest));
            return "read";
        }
        catch (InvalidUpdateException)
        {
            return "refused";
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"case seed {caseSeed}: {e.GetType().Name} for manifest.json:\n{Shorten(json)}\n{e}");
        }
    }
}
