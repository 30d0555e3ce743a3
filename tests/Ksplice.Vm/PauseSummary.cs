using System.Globalization;
using System.Text.RegularExpressions;

namespace Ksplice.Vm;

/// <summary>
/// A line "pause_ns WHAT: count=N median=M max=X" of tests/vm/cases/stress.sh: the stop_machine pauses of its applies,
/// of its undos, or of the empty stop_machine fixture's loads, in nanoseconds.
/// </summary>
public sealed partial record PauseSummary(string What, int Count, long MedianNs, long MaxNs)
{
    /// <summary>The summary named <paramref name="what"/> in a case's output, or null.</summary>
    public static PauseSummary? Find(string output, string what)
    {
        foreach (Match m in LinePattern().Matches(output))
        {
            if (m.Groups[1].Value == what)
            {
                return new PauseSummary(what, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                    long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture));
            }
        }
        return null;
    }

    public override string ToString() =>
        $"{What}: median {Microseconds(MedianNs)}, max {Microseconds(MaxNs)} (of {Count})";

    private static string Microseconds(long ns) => (ns / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " us";

    [GeneratedRegex(@"^pause_ns ([^:\n]+): count=(\d+) median=(\d+) max=(\d+)$", RegexOptions.Multiline)]
    private static partial Regex LinePattern();
}
