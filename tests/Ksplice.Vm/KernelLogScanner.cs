using System.Text.RegularExpressions;

namespace Ksplice.Vm;

/// <summary>
/// Finds oopses, BUG:, WARNING: splats, panics, stray call traces, RCU stalls and hung tasks in a
/// console log, and ties each to the scenario case that was running (markers echoed to /dev/kmsg).
/// </summary>
public static partial class KernelLogScanner
{
    private const int ContextLines = 24;

    private static readonly (Regex Pattern, KernelProblemKind Kind)[] Patterns =
    [
        (PanicPattern(), KernelProblemKind.Panic),
        (OopsPattern(), KernelProblemKind.Oops),
        (BugPattern(), KernelProblemKind.Bug),
        (WarningPattern(), KernelProblemKind.Warning),
        (StallPattern(), KernelProblemKind.Stall),
        (HungPattern(), KernelProblemKind.HungTask),
        (CallTracePattern(), KernelProblemKind.CallTrace),
    ];

    public static IReadOnlyList<KernelProblem> Scan(string consoleLog)
    {
        var lines = consoleLog.Replace("\r", "").Split('\n');
        var problems = new List<KernelProblem>();
        string? currentCase = null;
        var skipUntil = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var begin = line.IndexOf("@@BEGIN ", StringComparison.Ordinal);
            if (begin >= 0) { currentCase = line[(begin + 8)..].Trim(); continue; }
            if (line.Contains("@@END ", StringComparison.Ordinal)) { currentCase = null; continue; }
            if (i <= skipUntil) continue; // inside a splat already reported

            foreach (var (pattern, kind) in Patterns)
            {
                if (!pattern.IsMatch(line)) continue;
                var end = SplatEnd(lines, i);
                problems.Add(new KernelProblem(kind, line.Trim(), lines[(i + 1)..end].Select(l => l.TrimEnd()).ToList(), currentCase));
                skipUntil = end - 1;
                break;
            }
        }
        return problems;
    }

    /// <summary>The splat runs to its "---[ end trace" line or a bounded number of lines.</summary>
    private static int SplatEnd(string[] lines, int start)
    {
        var limit = Math.Min(lines.Length, start + 1 + ContextLines);
        for (var j = start + 1; j < limit; j++)
        {
            if (lines[j].Contains("---[ end", StringComparison.Ordinal)) return j + 1;
        }
        return limit;
    }

    [GeneratedRegex(@"Kernel panic - not syncing")]
    private static partial Regex PanicPattern();

    [GeneratedRegex(@"\bOops\b|general protection fault|stack-protector:|BUG: unable to handle|BUG: kernel NULL pointer")]
    private static partial Regex OopsPattern();

    [GeneratedRegex(@"\bBUG: |kernel BUG at|UBSAN:|KASAN:")]
    private static partial Regex BugPattern();

    [GeneratedRegex(@"\bWARNING: ")]
    private static partial Regex WarningPattern();

    [GeneratedRegex(@"detected stalls? on CPU|self-detected stall|rcu: INFO:")]
    private static partial Regex StallPattern();

    [GeneratedRegex(@"INFO: task .* blocked for more than")]
    private static partial Regex HungPattern();

    [GeneratedRegex(@"Call Trace:")]
    private static partial Regex CallTracePattern();
}
