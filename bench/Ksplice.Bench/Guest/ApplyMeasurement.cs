using System.Globalization;
using System.Text.RegularExpressions;
using Ksplice.Abi;

namespace Ksplice.Bench.Guest;

/// <summary>
/// One apply in the guest, from `ksplice apply --debug` output: "matched in N ms" and the core module's attempt line
/// of the attempt that applied (<see cref="AttemptLine"/>: pause_ns, work_ns, cpus and the breakdown of the pause,
/// kmod/README.md).
/// </summary>
public sealed partial record ApplyMeasurement(string Update, int Round, double MatchMs, AttemptLine Applied)
{
    public long PauseNs => Applied.PauseNs;

    public long WorkNs => Applied.WorkNs;

    public int Cpus => Applied.Cpus;

    /// <summary>The number of the attempt that applied (1 unless the first attempts found the code busy).</summary>
    public int Attempts => Applied.Attempt;

    public static ApplyMeasurement? Parse(string update, int round, string output)
    {
        var matched = MatchedPattern().Match(output);
        var applied = AttemptLine.FindAll(output).LastOrDefault(a => a.Cause == AbortCause.Ok);
        if (!matched.Success || applied is null) return null;
        return new ApplyMeasurement(update, round, double.Parse(matched.Groups[1].Value, CultureInfo.InvariantCulture), applied);
    }

    [GeneratedRegex(@"matched in (\d+) ms")]
    private static partial Regex MatchedPattern();
}
