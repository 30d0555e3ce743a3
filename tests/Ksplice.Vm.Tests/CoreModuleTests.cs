using Ksplice.Abi;
using Xunit;
using Xunit.Abstractions;

namespace Ksplice.Vm.Tests;

public sealed class CoreModuleBoot() : BootFixture("core.sh", Cases)
{
    public static readonly string[] Cases =
    [
        "core_refuses_without_parameters",
        "core_refuses_wrong_address",
        "core_loads",
        "apply_and_reverse_cmdline",
        "stage_writes_out_of_order",
        "no_match_leaves_kernel_unchanged",
        "target_module_not_loaded",
        "function_outside_its_target",
        "target_module_held_while_update_loaded",
        "stacked_update_must_be_undone_first",
        "two_updates_undone_newest_first",
        "two_updates_undone_oldest_first",
        "trampoline_across_a_page",
        "empty_stop_machine_timing",
        "core_unloads",
    ];
}

/// <summary>ksplice_core.ko in the booted kernel, driven by hand-written test updates (tests/vm/cases/core.sh).</summary>
public sealed class CoreModuleTests(CoreModuleBoot boot, ITestOutputHelper output) : IClassFixture<CoreModuleBoot>
{
    private readonly GuestResult _guest = boot.Result;

    [Fact]
    public void BootIsHealthy() => _guest.EnsureHealthy();

    [Fact]
    public void RefusesToLoadWithoutParameters() => _guest.EnsurePassed("core_refuses_without_parameters");

    [Fact]
    public void RefusesAnAddressThatIsNotTheNamedSymbol() => _guest.EnsurePassed("core_refuses_wrong_address");

    [Fact]
    public void LoadsWithParametersResolvedFromKallsyms() => _guest.EnsurePassed("core_loads");

    [Fact]
    public void AppliesAndReversesAnUpdateOfVmlinux() => _guest.EnsurePassed("apply_and_reverse_cmdline");

    [Fact]
    public void StageWritesOutOfOrderOnlySetTheAbortCause() => _guest.EnsurePassed("stage_writes_out_of_order");

    [Fact]
    public void NoMatchLeavesTheKernelUnchanged() => _guest.EnsurePassed("no_match_leaves_kernel_unchanged");

    [Fact]
    public void MissingTargetModuleIsTargetNotLoaded() => _guest.EnsurePassed("target_module_not_loaded");

    [Fact]
    public void FunctionOutsideItsTargetIsUnexpectedAndReleasesTheTarget() => _guest.EnsurePassed("function_outside_its_target");

    /// <summary>An update loaded but not applied keeps its target module loaded (issue 9.2): rmmod of the target fails.</summary>
    [Fact]
    public void TargetModuleStaysLoadedWhileAnUpdateOfItIsLoaded() => _guest.EnsurePassed("target_module_held_while_update_loaded");

    [Fact]
    public void StackedUpdateOfTheSameFunctionMustBeUndoneFirst() => _guest.EnsurePassed("stacked_update_must_be_undone_first");

    [Fact]
    public void TwoUpdatesUndoneNewestFirst() => _guest.EnsurePassed("two_updates_undone_newest_first");

    [Fact]
    public void TwoUpdatesUndoneOldestFirst() => _guest.EnsurePassed("two_updates_undone_oldest_first");

    /// <summary>
    /// The trampoline's 5 bytes span two pages of module text, so they cross a 16-byte boundary: no single store can write
    /// them, and the apply is refused before the pause (an NMI could otherwise run half a jump).
    /// </summary>
    [Fact]
    public void TrampolineAcrossAPageBoundaryOfModuleTextIsRefused() => _guest.EnsurePassed("trampoline_across_a_page");

    [Fact]
    public void CoreUnloadsWhenNoUpdateIsLoaded() => _guest.EnsurePassed("core_unloads");

    /// <summary>Reports the pause of each apply and undo against an empty stop_machine (see the test output).</summary>
    [Fact]
    public void PausesAreMeasured()
    {
        var pauses = AttemptLine.FindAll(_guest.EnsurePassed("apply_and_reverse_cmdline").Output)
            .Where(a => a.Cause == AbortCause.Ok).Select(a => a.PauseNs).ToList();
        var empty = _guest.EnsurePassed("empty_stop_machine_timing").Output.Trim();
        output.WriteLine($"boot: {_guest.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine($"apply and undo of cmdline_proc_show: pause_ns = {string.Join(", ", pauses)}");
        output.WriteLine($"empty stop_machine: {empty}");
        Assert.Equal(2, pauses.Count);
        Assert.All(pauses, p => Assert.InRange(p, 1, 10_000_000_000));
        Assert.Contains("median_ns=", empty, StringComparison.Ordinal);
    }
}
