using System.Globalization;
using System.Text.RegularExpressions;

namespace Ksplice.Abi;

/// <summary>
/// One line of /sys/kernel/ksplice/&lt;id&gt;/debug for an attempt that stopped the machine,
/// <c>attempt N: cause pause_ns=... work_ns=... cpus=... ...</c>, with one property per key of
/// kmod/include/ksplice_attempt_line.h (kmod/README.md says what each measures). An attempt that ended before stopping
/// the machine writes <c>attempt N: cause (before stopping the machine)</c>, which is not an attempt line.
/// </summary>
public sealed partial record AttemptLine(
    int Attempt,
    AbortCause Cause,
    long PauseNs,
    long WorkNs,
    int Cpus,
    long EnterNs,
    long StoppedNs,
    long ExitNs,
    long VerifyNs,
    long ScanNs,
    long PokeNs,
    IReadOnlyList<long> ArriveNs,
    long PrepareNs,
    int Tasks,
    long Words,
    int Unwound,
    int Frames)
{
    /// <summary>The keys after the cause, in the kernel's order.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "pause_ns", "work_ns", "cpus", "enter_ns", "stopped_ns", "exit_ns", "verify_ns", "scan_ns", "poke_ns",
        "arrive_ns", "prepare_ns", "tasks", "words", "unwound", "frames",
    ];

    /// <summary>Every attempt line in <paramref name="text"/> (a debug file, or output that contains one), in order.</summary>
    /// <exception cref="FormatException">A line starts as an attempt line but its keys or values are not the kernel's.</exception>
    public static IReadOnlyList<AttemptLine> FindAll(string text) =>
        LinePattern().Matches(text).Select(m => Parse(m.Value)).ToList();

    /// <summary>Parses one attempt line, e.g. <c>attempt 1: ok pause_ns=346970 work_ns=129975 ...</c>.</summary>
    /// <exception cref="FormatException">It is not an attempt line with every key of the kernel's, in order.</exception>
    public static AttemptLine Parse(string line)
    {
        var m = LinePattern().Match(line);
        if (!m.Success)
            throw new FormatException($"Not an attempt line: '{line.Trim()}' (expected 'attempt N: cause {Keys[0]}=...')");
        var fields = m.Groups["fields"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2)).ToList();
        var keys = fields.Select(f => f[0]).ToList();
        if (!keys.SequenceEqual(Keys) || fields.Any(f => f.Length != 2))
            throw new FormatException(
                $"Attempt line '{m.Value.Trim()}' has keys {string.Join(' ', keys)}; the kernel writes {string.Join(' ', Keys)} " +
                "(kmod/include/ksplice_attempt_line.h): the core module and this tool are from different versions");
        var values = fields.ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        long Long(string key) => Number(values, key, m.Value);
        int Int(string key) => checked((int)Number(values, key, m.Value));
        return new AttemptLine(
            int.Parse(m.Groups["attempt"].Value, NumberStyles.None, CultureInfo.InvariantCulture),
            AbortCauses.Parse(m.Groups["cause"].Value),
            Long("pause_ns"), Long("work_ns"), Int("cpus"), Long("enter_ns"), Long("stopped_ns"), Long("exit_ns"),
            Long("verify_ns"), Long("scan_ns"), Long("poke_ns"),
            values["arrive_ns"].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => Number(v, "arrive_ns", m.Value)).ToList(),
            Long("prepare_ns"), Int("tasks"), Long("words"), Int("unwound"), Int("frames"));
    }

    private static long Number(Dictionary<string, string> values, string key, string line) => Number(values[key], key, line);

    private static long Number(string value, string key, string line) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
            : throw new FormatException($"Attempt line '{line.Trim()}': {key}={value} is not a number");

    /// <summary>"attempt N: cause" followed by key=value fields to the end of the line.</summary>
    [GeneratedRegex(@"(?<=^|\s)attempt (?<attempt>\d+): (?<cause>\w+)(?<fields>(?: +\w+=[^\s]*)+)[ \r]*$", RegexOptions.Multiline)]
    private static partial Regex LinePattern();
}
