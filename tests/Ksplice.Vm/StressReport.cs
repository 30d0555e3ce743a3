using System.Globalization;
using System.Text.RegularExpressions;

namespace Ksplice.Vm;

/// <summary>
/// What <c>stress_cycles N</c> of tests/vm/cases/stress.sh reports: the cycles of apply and undo it completed, the
/// core's attempts that found a caller inside the code and the stage writes made again for it, each caller's answers
/// (old code, new code, wrong), and the pauses of the applies and of the undos.
/// </summary>
public sealed partial record StressReport(
    int Cycles, int CodeBusyAttempts, int StageRewrites,
    StressReport.Answers Kthread, StressReport.Answers SystemCall,
    PauseSummary Apply, PauseSummary Undo)
{
    /// <summary>How often one caller got the old code's answer, the new code's, and anything else.</summary>
    public sealed record Answers(long Old, long New, long Wrong);

    /// <summary>The report in a case's output; null when a line is missing (the case stopped early).</summary>
    public static StressReport? Parse(string output)
    {
        var cycles = CyclesPattern().Match(output);
        var kthread = CountsOf(output, "kthread");
        var user = CountsOf(output, "user");
        var apply = PauseSummary.Find(output, "apply");
        var undo = PauseSummary.Find(output, "undo");
        if (!cycles.Success || kthread is null || user is null || apply is null || undo is null) return null;
        return new StressReport(Int(cycles.Groups[1]), Int(cycles.Groups[2]), Int(cycles.Groups[3]), kthread, user, apply, undo);
    }

    private static Answers? CountsOf(string output, string side)
    {
        var m = Regex.Match(output, $@"^{side}: old=(\d+) new=(\d+) wrong=(\d+)$", RegexOptions.Multiline);
        return m.Success ? new Answers(Long(m.Groups[1]), Long(m.Groups[2]), Long(m.Groups[3])) : null;
    }

    private static int Int(Group g) => int.Parse(g.Value, CultureInfo.InvariantCulture);

    private static long Long(Group g) => long.Parse(g.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^cycles: (\d+); code_busy attempts: (\d+); stage writes again after code_busy: (\d+)$", RegexOptions.Multiline)]
    private static partial Regex CyclesPattern();
}
