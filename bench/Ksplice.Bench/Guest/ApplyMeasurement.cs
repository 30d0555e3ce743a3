using System.Globalization;
using System.Text.RegularExpressions;

namespace Ksplice.Bench.Guest;

/// <summary>
/// One apply in the guest, from `ksplice apply --debug` output: "matched in N ms" and the core module's
/// "attempt K: ok pause_ns=P work_ns=W cpus=C" (the last attempt, the one that applied).
/// </summary>
public sealed partial record ApplyMeasurement(string Update, int Round, double MatchMs, long PauseNs, long WorkNs, int Cpus, int Attempts)
{
    public static ApplyMeasurement? Parse(string update, int round, string output)
    {
        var matched = MatchedPattern().Match(output);
        var attempts = AttemptPattern().Matches(output);
        if (!matched.Success || attempts.Count == 0) return null;
        var last = attempts[^1];
        return new ApplyMeasurement(update, round,
            double.Parse(matched.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(last.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(last.Groups[2].Value, CultureInfo.InvariantCulture),
            int.Parse(last.Groups[3].Value, CultureInfo.InvariantCulture),
            attempts.Count);
    }

    [GeneratedRegex(@"matched in (\d+) ms")]
    private static partial Regex MatchedPattern();

    [GeneratedRegex(@"attempt \d+: ok pause_ns=(\d+) work_ns=(\d+) cpus=(\d+)")]
    private static partial Regex AttemptPattern();
}
