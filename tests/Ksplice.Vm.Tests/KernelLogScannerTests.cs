using Xunit;

namespace Ksplice.Vm.Tests;

public sealed class KernelLogScannerTests
{
    private const string Warning = """
        [    5.100000] @@BEGIN case_a
        [    5.200000] ------------[ cut here ]------------
        [    5.200001] ksplice_fix_warn: deliberate warning
        [    5.200002] WARNING: CPU: 1 PID: 93 at /tmp/x/ksplice_fix_warn.c:8 warn_init+0x19/0x1000 [ksplice_fix_warn]
        [    5.200003] Modules linked in: ksplice_fix_warn(OE+)
        [    5.200004] RIP: 0010:warn_init+0x19/0x1000 [ksplice_fix_warn]
        [    5.200005] Call Trace:
        [    5.200006]  <TASK>
        [    5.200007]  do_one_initcall+0x41/0x200
        [    5.200008]  </TASK>
        [    5.200009] ---[ end trace 0000000000000000 ]---
        [    5.300000] @@END case_a rc=0
        [    6.000000] PCI: Using host bridge windows from ACPI; if necessary, use "pci=nocrs" and report a bug
        """;

    [Fact]
    public void WarningSplatIsOneProblemTiedToItsCase()
    {
        var problem = Assert.Single(KernelLogScanner.Scan(Warning));
        Assert.Equal(KernelProblemKind.Warning, problem.Kind);
        Assert.Equal("case_a", problem.Case);
        Assert.StartsWith("[    5.200002] WARNING: CPU: 1", problem.Line, StringComparison.Ordinal);
        Assert.Contains(problem.Context, l => l.Contains("do_one_initcall", StringComparison.Ordinal));
        Assert.EndsWith("---[ end trace 0000000000000000 ]---", problem.Context[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[ 1.0] BUG: kernel NULL pointer dereference, address: 0000000000000000", KernelProblemKind.Oops)]
    [InlineData("[ 1.0] Oops: 0002 [#1] PREEMPT SMP NOPTI", KernelProblemKind.Oops)]
    [InlineData("[ 1.0] general protection fault, probably for non-canonical address", KernelProblemKind.Oops)]
    [InlineData("[ 1.0] kernel BUG at mm/slub.c:123!", KernelProblemKind.Bug)]
    [InlineData("[ 1.0] BUG: scheduling while atomic: insmod/93/0x00000002", KernelProblemKind.Bug)]
    [InlineData("[ 1.0] watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [insmod:93]", KernelProblemKind.Bug)]
    [InlineData("[ 1.0] Kernel panic - not syncing: sysrq triggered crash", KernelProblemKind.Panic)]
    [InlineData("[ 1.0] rcu: INFO: rcu_preempt self-detected stall on CPU", KernelProblemKind.Stall)]
    [InlineData("[ 1.0] INFO: task sh:93 blocked for more than 120 seconds.", KernelProblemKind.HungTask)]
    [InlineData("[ 1.0] Call Trace:", KernelProblemKind.CallTrace)]
    public void RecognisesTheKernelsMarkers(string line, KernelProblemKind kind)
    {
        var problem = Assert.Single(KernelLogScanner.Scan("[ 0.9] booting\n" + line + "\n[ 1.1] after\n"));
        Assert.Equal(kind, problem.Kind);
        Assert.Null(problem.Case);
    }

    [Fact]
    public void OrdinaryBootMessagesAreNotProblems() =>
        Assert.Empty(KernelLogScanner.Scan("""
            [    0.0] calibrate_delay_direct() failed to get a good estimate for loops_per_jiffy.
            [    1.4] PCI: Using host bridge windows from ACPI; if necessary, use "pci=nocrs" and report a bug
            [    2.4] AMD-Vi: AMD IOMMUv2 functionality not available on this system - This is not a bug.
            [    6.4] ksplice_core: module verification failed: signature and/or required key missing - tainting kernel
            """));
}
