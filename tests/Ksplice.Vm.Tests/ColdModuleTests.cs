using Xunit;

namespace Ksplice.Vm.Tests;

public sealed class ColdModuleBoot() : BootFixture("cold.sh", Cases)
{
    public static readonly string[] Cases =
        ["cold_target_load_refused_while_applied", "cold_target_loads_after_undo", "live_target_is_pinned"];
}

/// <summary>
/// Issue 9.10: a module loaded after an update that changes it was applied without it (--partial) is refused by the
/// core's module notifier, so it never runs the code the update fixes (tests/vm/cases/cold.sh).
/// </summary>
public sealed class ColdModuleTests(ColdModuleBoot boot) : IClassFixture<ColdModuleBoot>
{
    private readonly GuestResult _guest = boot.Result;

    [Fact]
    public void BootIsHealthy() => _guest.EnsureHealthy();

    [Fact]
    public void TheTargetIsRefusedWhileTheUpdateIsAppliedWithoutIt() => _guest.EnsurePassed("cold_target_load_refused_while_applied");

    [Fact]
    public void TheTargetLoadsOnceTheUpdateIsUndone() => _guest.EnsurePassed("cold_target_loads_after_undo");

    [Fact]
    public void ALiveTargetIsPinnedWhileApplied() => _guest.EnsurePassed("live_target_is_pinned");
}
