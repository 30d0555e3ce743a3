using Ksplice.Vm;
using Xunit;

namespace Ksplice.Vm.Tests;

/// <summary>StressReport and PauseSummary read the summary lines of tests/vm/cases/stress.sh.</summary>
public sealed class StressReportTests
{
    private const string Output = """
        cycles: 200; code_busy attempts: 3; stage writes again after code_busy: 1
        kthread: old=1234 new=567 wrong=0
        user: old=89000 new=4500 wrong=2
        pause_ns apply: count=200 median=151000 max=9800000
        pause_ns undo: count=200 median=149000 max=7200000
        """;

    [Fact]
    public void ReadsCyclesAnswersAndPauses()
    {
        var report = StressReport.Parse(Output);

        Assert.NotNull(report);
        Assert.Equal((200, 3, 1), (report.Cycles, report.CodeBusyAttempts, report.StageRewrites));
        Assert.Equal(new StressReport.Answers(1234, 567, 0), report.Kthread);
        Assert.Equal(new StressReport.Answers(89000, 4500, 2), report.SystemCall);
        Assert.Equal(new PauseSummary("apply", 200, 151000, 9800000), report.Apply);
        Assert.Equal(new PauseSummary("undo", 200, 149000, 7200000), report.Undo);
    }

    [Fact]
    public void AReportWithoutItsPausesIsNone() =>
        Assert.Null(StressReport.Parse(Output[..Output.IndexOf("pause_ns undo", StringComparison.Ordinal)]));

    [Fact]
    public void FindsAnEmptyStopMachineSummaryByName() =>
        Assert.Equal(new PauseSummary("empty stop_machine", 5, 48000, 120000),
            PauseSummary.Find("ksplice_fix_stopbench: ...\npause_ns empty stop_machine: count=5 median=48000 max=120000\n", "empty stop_machine"));
}
