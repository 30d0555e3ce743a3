using Xunit;

namespace Ksplice.Vm.Tests;

// The limit covers the boot as well as the case: 60 s once ran out before the case began (a TCG boot on a busy
// 2-core host), which made this a hang of no case. 150 s leaves the boot room and still ends the run.
public sealed class HangBoot() : BootFixture("harness.sh", ["hang"], new QemuOptions { Timeout = TimeSpan.FromSeconds(150) });

public sealed class PanicBoot() : BootFixture("harness.sh", ["panic"]);

/// <summary>A guest that never powers off is reported as a hang naming the running case.</summary>
public sealed class HangTests(HangBoot boot) : IClassFixture<HangBoot>
{
    [Fact]
    public void TimeoutIsReportedAsAHangOfTheRunningCase()
    {
        var guest = boot.Result;
        Assert.True(guest.TimedOut);
        Assert.False(guest.Healthy);
        var hang = Assert.Single(guest.Problems, p => p.Kind == KernelProblemKind.Hang);
        Assert.Equal("hang", hang.Case);
        var c = guest.Case("hang");
        Assert.True(c.Began && !c.Finished, c.Describe());
        Assert.Contains("sleeping", c.Output, StringComparison.Ordinal);
        Assert.Throws<GuestFailedException>(guest.EnsureHealthy);
    }
}

/// <summary>A kernel panic ends the run at once and is reported against the running case.</summary>
public sealed class PanicTests(PanicBoot boot) : IClassFixture<PanicBoot>
{
    [Fact]
    public void PanicIsReportedAgainstItsCase()
    {
        var guest = boot.Result;
        Assert.False(guest.TimedOut, guest.Describe());
        Assert.False(guest.Scenario.Done);
        var panic = Assert.Single(guest.Problems, p => p.Kind == KernelProblemKind.Panic);
        Assert.Equal("panic", panic.Case);
        Assert.Contains("sysrq triggered crash", panic.Line, StringComparison.Ordinal);
        Assert.False(guest.Case("panic").Finished);
    }
}
