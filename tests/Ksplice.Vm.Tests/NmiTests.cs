using Xunit;
using Xunit.Abstractions;

namespace Ksplice.Vm.Tests;

public sealed class NmiBoot() : BootFixture("nmi.sh", Cases)
{
    public static readonly string[] Cases = ["nmi_setup", "apply_and_undo_200_times_under_nmis"];
}

/// <summary>
/// The jump is written in one store (issue 9.5): a function an NMI handler calls on the other CPU while stop_machine
/// holds it is applied and undone 200 times (tests/vm/cases/nmi.sh); the kernel log stays clean.
/// </summary>
public sealed class NmiTests(NmiBoot boot, ITestOutputHelper output) : IClassFixture<NmiBoot>
{
    private readonly GuestResult _guest = boot.Result;

    [Fact]
    public void BootIsHealthyWithNoOopsOrWarning() => _guest.EnsureHealthy();

    [Fact]
    public void SetUp() => _guest.EnsurePassed("nmi_setup");

    [Fact]
    public void ApplyAndUndo200TimesWhileNmisCallTheFunction()
    {
        _guest.EnsurePassed("apply_and_undo_200_times_under_nmis");
        var log = _guest.Case("apply_and_undo_200_times_under_nmis").Output;
        output.WriteLine(log);
        Assert.Contains("cycles: 200;", log);
    }
}
