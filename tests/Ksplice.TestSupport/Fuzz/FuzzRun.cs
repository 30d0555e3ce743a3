using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Ksplice.TestSupport.Fuzz;

/// <summary>
/// Runs a fuzz property for a fixed number of cases from a fixed seed, so that CI is reproducible: FsCheck draws one
/// seed per case and <c>prepare</c> derives the case's input from it, so a failure prints the case seed that reproduces
/// it. The action <c>prepare</c> returns (reading the input) runs under a time bound and an allocation bound.
/// </summary>
public static class FuzzRun
{
    public static void Cases(string name, int cases, ulong seed, TimeSpan timeout, long allocationBound, Func<int, Action> prepare)
    {
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(cases)
            .WithName(name)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));
        var caseSeeds = Gen.Choose(0, int.MaxValue).ToArbitrary();
        Check.One(config, Prop.ForAll(caseSeeds, caseSeed => Bounded(name, caseSeed, timeout, allocationBound, prepare(caseSeed))));
    }

    private static void Bounded(string name, int caseSeed, TimeSpan timeout, long allocationBound, Action read)
    {
        var allocated = 0L;
        var task = Task.Run(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            read();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        if (Task.WhenAny(task, Task.Delay(timeout)).Result != task)
            throw new TimeoutException($"{name}: case seed {caseSeed} did not finish within {timeout.TotalSeconds} s");
        task.GetAwaiter().GetResult();
        if (allocated > allocationBound)
            throw new InvalidOperationException($"{name}: case seed {caseSeed} allocated {allocated} bytes, more than the bound of {allocationBound}");
    }
}
