using Xunit;

namespace Ksplice.Vm.Tests;

public sealed class HarnessBoot() : BootFixture("harness.sh", Cases, customize: i => i.AddKernelModule("xfs"))
{
    public static readonly string[] Cases =
    [
        "harness_output",
        "harness_exit_status",
        "harness_kallsyms_visible",
        "harness_modprobe",
        "harness_warning",
    ];
}

/// <summary>The harness in a real boot: per-case output and status, modprobe, and that a WARNING is caught.</summary>
public sealed class HarnessTests(HarnessBoot boot) : IClassFixture<HarnessBoot>
{
    private readonly GuestResult _guest = boot.Result;

    [Fact]
    public void EveryCaseRanAndTheGuestPoweredOff()
    {
        Assert.True(_guest.Scenario.Booted, _guest.Describe());
        Assert.True(_guest.Scenario.Done, _guest.Describe());
        Assert.False(_guest.TimedOut);
        Assert.Equal(HarnessBoot.Cases, _guest.Scenario.CaseOrder);
    }

    [Fact]
    public void CaseOutputIsCapturedWithStderr()
    {
        var c = _guest.Case("harness_output");
        Assert.True(c.Passed, c.Describe());
        Assert.Contains($"hello from {VmEnvironment.Kernel.Release}\n", c.Output, StringComparison.Ordinal);
        Assert.Contains("to stderr\n", c.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void FailingCommandEndsTheCaseWithItsStatus()
    {
        var c = _guest.Case("harness_exit_status");
        Assert.Equal(1, c.ExitCode);
        Assert.Contains("about to fail", c.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("not reached", c.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void KernelAddressesAreVisible() => Assert.True(_guest.Case("harness_kallsyms_visible").Passed,
        _guest.Case("harness_kallsyms_visible").Describe());

    [Fact]
    public void ModprobeLoadsAModuleWithItsDependencies() => Assert.True(_guest.Case("harness_modprobe").Passed,
        _guest.Case("harness_modprobe").Describe());

    [Fact]
    public void WarningIsReportedAgainstItsCase()
    {
        Assert.True(_guest.Case("harness_warning").Passed, _guest.Case("harness_warning").Describe());
        var problem = Assert.Single(_guest.Problems);
        Assert.Equal(KernelProblemKind.Warning, problem.Kind);
        Assert.Equal("harness_warning", problem.Case);
        Assert.Contains("WARNING: CPU:", problem.Line, StringComparison.Ordinal);
        Assert.Contains(problem.Context, l => l.Contains("warn_init", StringComparison.Ordinal));
        Assert.False(_guest.Healthy);
        Assert.Contains(problem.Line, _guest.Describe(), StringComparison.Ordinal);
        Assert.Throws<GuestFailedException>(() => _guest.EnsurePassed("harness_output"));
    }
}
