using System.Globalization;

namespace Ksplice.Bench;

/// <summary>
/// One measured figure for the summary table of ./run bench: what it is, the value with its unit, the target it is held
/// to ("" when none) and the command that was measured. Stored one per line, tab-separated, in the figures file that
/// scripts/bench.sh prints at the end.
/// </summary>
public sealed record Figure(string Name, string Value, string Target, string Command)
{
    public string ToLine() => string.Join('\t', Clean(Name), Clean(Value), Clean(Target), Clean(Command));

    /// <summary>Appends the figures to <paramref name="path"/> (created if needed).</summary>
    public static void Append(string path, IEnumerable<Figure> figures) =>
        File.AppendAllLines(path, figures.Select(f => f.ToLine()));

    public static string Milliseconds(double ms) => ms.ToString(ms < 10 ? "0.00" : "0", CultureInfo.InvariantCulture) + " ms";

    public static string Microseconds(double ns) => (ns / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " us";

    private static string Clean(string s) => s.Replace('\t', ' ').Replace('\n', ' ');
}
