using System.Diagnostics;
using Ksplice.Apply.Applying;
using Ksplice.Apply.Reporting;
using Ksplice.Apply.Tests.Support;
using Ksplice.Match.Tests.Support;
using Ksplice.Package.Scratch;
using Xunit;
using Xunit.Abstractions;

namespace Ksplice.Apply.Tests.Hostile;

/// <summary>Runs alone, so that other tests' work does not count against the time bound.</summary>
[CollectionDefinition(nameof(HostileTarballCollection), DisableParallelization = true)]
public sealed class HostileTarballCollection;

/// <summary>
/// "Untrusted tarballs are safe to inspect": each <see cref="HostileTarballs"/> tarball, pushed through the code
/// <c>ksplice-apply --dry-run</c> runs (<see cref="UpdateApplier"/> on a recorded kernel) and the code
/// <c>ksplice-view --file</c> runs (<see cref="UpdateFile.Open"/>), is refused with the exception the command words,
/// naming the file and the problem; within a second of wall clock (measured around the call alone, after a good update
/// went the same way, so JIT is not counted) and 64 MiB plus the tarball's unpacked size of allocation; and the kernel
/// loads no module.
/// </summary>
[Collection(nameof(HostileTarballCollection))]
public sealed class HostileTarballTests(ITestOutputHelper output)
{
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(1);
    private const long AllocationBound = 64L << 20;

    private readonly LearnImage _image = new();

    public static IEnumerable<object[]> Inputs => HostileTarballs.Names;

    private RecordedKernel NewKernel() => new(TestUpdate.Kernel, _image.Image.SymbolSource, _image.Image.Memory);

    private static ApplyReport DryRun(RecordedKernel kernel, string tarball) =>
        new UpdateApplier(kernel, _ => { }).Apply(new ApplyRequest(tarball) { DryRun = true });

    private static UpdateFile View(string tarball)
    {
        var scratch = ScratchDirectory.Create("ksplice-view-");
        try
        {
            return UpdateFile.Open(tarball, scratch);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>What <paramref name="call"/> threw, how long it took and what it allocated on this thread.</summary>
    private static (Exception? Thrown, TimeSpan Elapsed, long Allocated) Measure(Func<object> call)
    {
        Exception? thrown = null;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        try
        {
            GC.KeepAlive(call());
        }
        catch (Exception e)
        {
            thrown = e;
        }
        clock.Stop();
        return (thrown, clock.Elapsed, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private void AssertRefused(HostileTarballs.Crafted crafted, string tarball, string path, (Exception? Thrown, TimeSpan Elapsed, long Allocated) run)
    {
        var unpacked = HostileTarballs.UnpackedBytes(tarball);
        output.WriteLine($"{path} {crafted.Name}: {run.Elapsed.TotalMilliseconds:F1} ms, {run.Allocated / 1024.0 / 1024.0:F2} MiB allocated " +
            $"(tarball unpacks to {unpacked / 1024.0 / 1024.0:F2} MiB): {run.Thrown?.GetType().Name}: {Head(run.Thrown?.Message)}");
        Assert.True(run.Thrown is not null, $"{path} did not refuse {crafted.Name}");
        Assert.IsType(crafted.Refusal, run.Thrown);
        foreach (var part in crafted.Naming) Assert.Contains(part, run.Thrown.Message, StringComparison.Ordinal);
        Assert.True(run.Elapsed < TimeBound, $"{path} took {run.Elapsed.TotalMilliseconds:F0} ms to refuse {crafted.Name}");
        Assert.True(run.Allocated < AllocationBound + unpacked,
            $"{path} allocated {run.Allocated} bytes to refuse {crafted.Name}, which unpacks to {unpacked} bytes");
    }

    private static string? Head(string? message) => message is null ? null : message.Split('\n')[0];

    [Theory]
    [MemberData(nameof(Inputs))]
    public void ADryRunRefusesItQuicklyWithinBoundedMemoryAndLoadsNothing(string input)
    {
        var crafted = HostileTarballs.Named(input);
        var manifest = TestUpdate.Manifest(HostileTarballs.Id, _image);
        Assert.Equal(ApplyOutcome.WouldApply, DryRun(NewKernel(), TestUpdate.Write(manifest)).Outcome);
        var tarball = crafted.Write(manifest);
        var kernel = NewKernel();

        var run = Measure(() => DryRun(kernel, tarball));

        AssertRefused(crafted, tarball, "apply --dry-run", run);
        Assert.DoesNotContain(kernel.Actions, a => a.StartsWith("load", StringComparison.Ordinal));
        Assert.Empty(kernel.Modules);
        Assert.Empty(kernel.Stages);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void ViewFileRefusesItQuicklyWithinBoundedMemory(string input)
    {
        var crafted = HostileTarballs.Named(input);
        var manifest = TestUpdate.Manifest(HostileTarballs.Id, _image);
        Assert.Equal(HostileTarballs.Id, View(TestUpdate.Write(manifest)).Manifest.Id);
        var tarball = crafted.Write(manifest);

        AssertRefused(crafted, tarball, "view --file", Measure(() => View(tarball)));
    }
}
