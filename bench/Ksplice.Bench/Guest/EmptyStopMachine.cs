using System.Globalization;
using System.Text.RegularExpressions;

namespace Ksplice.Bench.Guest;

/// <summary>
/// One load of tests/vm/fixtures/ksplice_fix_stopbench.ko: 21 empty stop_machine calls over every online CPU,
/// "ksplice_fix_stopbench: empty stop_machine runs=N min_ns=A median_ns=B max_ns=C first_ns=D" in the kernel log. The
/// guest loads it right before each apply (<see cref="Before"/> names the update), so the two see the same load on the
/// host. <see cref="FirstNs"/> is the first, cold, call (null from a fixture that does not print it).
/// </summary>
public sealed partial record EmptyStopMachine(string Before, int Round, int Runs, long MinNs, long MedianNs, long MaxNs, long? FirstNs = null)
{
    public static EmptyStopMachine? Parse(string before, int round, string output)
    {
        var m = LinePattern().Match(output);
        return m.Success
            ? new EmptyStopMachine(before, round, Int(m.Groups[1]), Long(m.Groups[2]), Long(m.Groups[3]), Long(m.Groups[4]),
                m.Groups[5].Success ? Long(m.Groups[5]) : null)
            : null;
    }

    private static int Int(Group g) => int.Parse(g.Value, CultureInfo.InvariantCulture);

    private static long Long(Group g) => long.Parse(g.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"empty stop_machine runs=(\d+) min_ns=(\d+) median_ns=(\d+) max_ns=(\d+)(?: first_ns=(\d+))?")]
    private static partial Regex LinePattern();
}
