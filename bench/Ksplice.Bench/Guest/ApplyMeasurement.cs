using System.Globalization;
using System.Text.RegularExpressions;

namespace Ksplice.Bench.Guest;

/// <summary>
/// One apply in the guest, from `ksplice apply --debug` output: "matched in N ms" and the core module's
/// "attempt K: ok pause_ns=P work_ns=W cpus=C ..." (the last attempt, the one that applied). The rest of that line is
/// the breakdown of the pause (kmod/README.md: enter_ns, stopped_ns, exit_ns, verify_ns, scan_ns, poke_ns, ...), kept
/// in <see cref="Breakdown"/> by name; a core without it leaves it empty.
/// </summary>
public sealed partial record ApplyMeasurement(string Update, int Round, double MatchMs, long PauseNs, long WorkNs, int Cpus, int Attempts)
{
    public IReadOnlyDictionary<string, long> Breakdown { get; init; } = new Dictionary<string, long>();

    public static ApplyMeasurement? Parse(string update, int round, string output)
    {
        var matched = MatchedPattern().Match(output);
        var attempts = AttemptPattern().Matches(output);
        if (!matched.Success || attempts.Count == 0) return null;
        var last = attempts[^1];
        var breakdown = FieldPattern().Matches(last.Groups[4].Value)
            .ToDictionary(f => f.Groups[1].Value, f => long.Parse(f.Groups[2].Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return new ApplyMeasurement(update, round,
            double.Parse(matched.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(last.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(last.Groups[2].Value, CultureInfo.InvariantCulture),
            int.Parse(last.Groups[3].Value, CultureInfo.InvariantCulture),
            attempts.Count) { Breakdown = breakdown };
    }

    [GeneratedRegex(@"matched in (\d+) ms")]
    private static partial Regex MatchedPattern();

    [GeneratedRegex(@"attempt \d+: ok pause_ns=(\d+) work_ns=(-?\d+) cpus=(\d+)([^\n]*)")]
    private static partial Regex AttemptPattern();

    [GeneratedRegex(@"\b([a-z]+_ns)=(-?\d+)\b")]
    private static partial Regex FieldPattern();
}
