using System.Text;

namespace Ksplice.Vm;

/// <summary>
/// The outcome of one boot: console log (ttyS0), scenario output (ttyS1), whether it hit the time limit,
/// and every kernel problem found. A boot is healthy when it finished its scenario, powered off in time
/// and the kernel reported no oops, BUG, WARNING, panic, call trace, stall or hung task.
/// </summary>
public sealed class GuestResult
{
    public GuestResult(string console, string serial, bool timedOut, int exitCode, TimeSpan elapsed, string commandLine)
    {
        Console = console;
        Serial = serial;
        TimedOut = timedOut;
        ExitCode = exitCode;
        Elapsed = elapsed;
        CommandLine = commandLine;
        Scenario = ScenarioOutput.Parse(serial);
        var problems = KernelLogScanner.Scan(console).ToList();
        if (timedOut)
        {
            var running = Scenario.Cases.LastOrDefault(c => !c.Finished)?.Name;
            problems.Add(new KernelProblem(KernelProblemKind.Hang,
                $"no poweroff within {elapsed.TotalSeconds:0} s{(running is null ? "" : $", case {running} still running")}",
                Tail(console, 15), running));
        }
        Problems = problems;
    }

    public string Console { get; }
    public string Serial { get; }
    public bool TimedOut { get; }
    public int ExitCode { get; }
    public TimeSpan Elapsed { get; }
    public string CommandLine { get; }
    public ScenarioOutput Scenario { get; }
    public IReadOnlyList<KernelProblem> Problems { get; }

    public bool Healthy => !TimedOut && Problems.Count == 0 && Scenario.Booted && Scenario.Done && ExitCode == 0;

    public ScenarioCase Case(string name) => Scenario.Case(name);

    /// <summary>Every reason the boot is not healthy, quoting the offending lines.</summary>
    public string Describe()
    {
        var s = new StringBuilder();
        if (!Scenario.Booted) s.Append("The guest never started /init.\n");
        else if (!Scenario.Done) s.Append("The scenario did not run to its end.\n");
        if (ExitCode != 0 && !TimedOut) s.Append($"QEMU exited with {ExitCode}.\n");
        foreach (var p in Problems) s.Append(p).Append('\n');
        if (s.Length == 0) return "healthy";
        s.Append($"Command: {CommandLine}\nLast console lines:\n    {string.Join("\n    ", Tail(Console, 25))}\n");
        return s.ToString();
    }

    /// <summary>Throws <see cref="GuestFailedException"/> unless the boot is healthy.</summary>
    public void EnsureHealthy()
    {
        if (!Healthy) throw new GuestFailedException(Describe());
    }

    /// <summary>Throws unless the boot is healthy and the case ran and exited 0.</summary>
    public ScenarioCase EnsurePassed(string name)
    {
        var c = Case(name);
        if (!c.Passed) throw new GuestFailedException(c.Describe() + (Healthy ? "" : "\n" + Describe()));
        EnsureHealthy();
        return c;
    }

    private static List<string> Tail(string text, int lines)
    {
        var all = text.Replace("\r", "").TrimEnd().Split('\n');
        return all.Skip(Math.Max(0, all.Length - lines)).ToList();
    }
}
