using Xunit;
using Xunit.Abstractions;

namespace Ksplice.Vm.Tests;

public sealed class FtraceCoexistenceBoot() : BootFixture("ftrace.sh", Cases)
{
    public static readonly string[] Cases =
    [
        "ftrace_setup",
        "livepatch_first_refuses_update",
        "update_first_refuses_livepatch",
        "livepatch_loads_after_undo",
        "tracer_and_kprobe_while_applied",
        "stacked_updates_share_the_reservation",
        "cost_per_call",
        "forced_unload_reverses",
        "ftrace_core_unloads",
    ];
}

/// <summary>
/// An update beside livepatch, the function tracer and kprobes on the same function, and rmmod -f of an
/// applied update (tests/vm/cases/ftrace.sh): the core reserves the function in ftrace's IPMODIFY arbitration.
/// </summary>
public sealed class FtraceCoexistenceTests(FtraceCoexistenceBoot boot, ITestOutputHelper output)
    : IClassFixture<FtraceCoexistenceBoot>
{
    private readonly GuestResult _guest = boot.Result;

    [Fact]
    public void BootIsHealthy() => _guest.EnsureHealthy();

    [Fact]
    public void SetUp() => _guest.EnsurePassed("ftrace_setup");

    /// <summary>The kernel's sample livepatch holds cmdline_proc_show: the update is refused, never a silent no-op.</summary>
    [Fact]
    public void UpdateOfALivepatchedFunctionIsFtraceConflict() => _guest.EnsurePassed("livepatch_first_refuses_update");

    /// <summary>While the update is applied the kernel refuses the livepatch (insmod fails with -EBUSY).</summary>
    [Fact]
    public void LivepatchOfAnUpdatedFunctionIsRefusedByTheKernel() => _guest.EnsurePassed("update_first_refuses_livepatch");

    [Fact]
    public void UndoReleasesTheFunctionToLivepatch() => _guest.EnsurePassed("livepatch_loads_after_undo");

    [Fact]
    public void FunctionTracerAndKprobeWorkOnAnUpdatedFunction() => _guest.EnsurePassed("tracer_and_kprobe_while_applied");

    /// <summary>A second update of the function leaves the reservation to the first; the livepatch waits for both.</summary>
    [Fact]
    public void StackedUpdatesShareTheReservation() => _guest.EnsurePassed("stacked_updates_share_the_reservation");

    /// <summary>Reports a direct call of cmdline_proc_show unpatched, applied, traced and livepatched (see the test output).</summary>
    [Fact]
    public void CostPerCallIsMeasured() => output.WriteLine(_guest.EnsurePassed("cost_per_call").Output);

    /// <summary>rmmod -f of an applied update reverses it first: /proc/cmdline is the original, the machine works.</summary>
    [Fact]
    public void ForcedUnloadReversesTheUpdate() => _guest.EnsurePassed("forced_unload_reverses");

    [Fact]
    public void CoreUnloads() => _guest.EnsurePassed("ftrace_core_unloads");
}
