using Ksplice.TestSupport.Fuzz;
using System.Collections.Concurrent;
using Xunit;
using Xunit.Abstractions;

namespace Ksplice.Package.Tests.Fuzz;

/// <summary>
/// A hostile tarball is either opened or refused with InvalidUpdateException, writes nothing outside the scratch
/// directory, and is read within 5 s and 64 MiB.
/// </summary>
public class TarballFuzzTests(ITestOutputHelper output)
{
    private const int Cases = 1000;

    private static readonly PackageLimits Limits = new(MaximumFileBytes: 1 << 20, MaximumManifestBytes: 256 << 10, MaximumTotalBytes: 4 << 20, MaximumEntries: 500);

    private static byte[] ValidTarball()
    {
        var path = SamplePackage.Tarball();
        try
        {
            return File.ReadAllBytes(path);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void The_starting_tarball_opens_under_the_fuzz_limits()
    {
        var root = SamplePackage.Scratch();
        try
        {
            var tarball = Path.Combine(root, "ksplice-abc123.tar.gz");
            File.WriteAllBytes(tarball, ValidTarball());
            Assert.Equal("abc123", UpdatePackage.Open(tarball, Path.Combine(root, "scratch"), Limits).Manifest.Id);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Mutated_tarballs_are_opened_or_refused_with_InvalidUpdateException_inside_the_scratch_directory()
    {
        var valid = ValidTarball();
        var outcomes = new ConcurrentDictionary<string, int>();
        var root = SamplePackage.Scratch();
        try
        {
            FuzzRun.Cases(nameof(TarballFuzzTests), Cases, seed: 0x74617262616C6CUL, TimeSpan.FromSeconds(5), allocationBound: 64L << 20, caseSeed =>
            {
                var caseRoot = Path.Combine(root, caseSeed.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (Directory.Exists(caseRoot)) Directory.Delete(caseRoot, recursive: true);
                Directory.CreateDirectory(caseRoot);
                var (mutation, bytes) = new TarballMutator(valid, caseRoot).Mutate(new Random(caseSeed));
                var tarball = Path.Combine(caseRoot, "ksplice-abc123.tar.gz");
                File.WriteAllBytes(tarball, bytes);
                var scratch = Path.Combine(caseRoot, "scratch");
                Directory.CreateDirectory(scratch);
                var before = Outside(caseRoot, scratch);
                return () =>
                {
                    var outcome = Open(caseSeed, mutation, tarball, scratch);
                    outcomes.AddOrUpdate($"{mutation}: {outcome}", 1, (_, n) => n + 1);
                    Assert.True(before.SetEquals(Outside(caseRoot, scratch)),
                        $"case seed {caseSeed} ({mutation}): wrote outside the scratch directory: {string.Join(", ", Outside(caseRoot, scratch).Except(before))}");
                    Assert.All(Walk(scratch), path => Assert.Null(new FileInfo(path).LinkTarget));
                    Directory.Delete(caseRoot, recursive: true);
                };
            });
        }
        finally
        {
            foreach (var (outcome, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal)) output.WriteLine($"{count,5}  {outcome}");
            Directory.Delete(root, recursive: true);
        }
        foreach (var mutation in TarballMutator.MutationClasses)
            Assert.Contains(outcomes.Keys, k => k.StartsWith(mutation + ":", StringComparison.Ordinal));
    }

    private static string Open(int caseSeed, string mutation, string tarball, string scratch)
    {
        try
        {
            UpdatePackage.Open(tarball, scratch, Limits);
            return "opened";
        }
        catch (InvalidUpdateException)
        {
            return "refused";
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"case seed {caseSeed} ({mutation}): {e.GetType().Name}\n{e}");
        }
    }

    /// <summary>Everything under <paramref name="root"/> except the scratch directory's contents.</summary>
    private static HashSet<string> Outside(string root, string scratch) =>
        Walk(root).Where(p => !p.StartsWith(scratch + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> Walk(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFileSystemEntries(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            : [];
}
