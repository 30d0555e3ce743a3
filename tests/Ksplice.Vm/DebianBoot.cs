using System.Globalization;
using System.Text;

namespace Ksplice.Vm;

/// <summary>
/// One boot of a <see cref="DebianGuest"/>: the console and the steps' output (<see cref="Guest"/>, with the kernel
/// problems <see cref="KernelLogScanner"/> found and the steps split by the <see cref="Scenario"/> protocol), and what
/// tests/vm/debian/boot.sh recorded once systemd had finished booting: the system state, the failed units, when
/// multi-user.target was reached, systemd-analyze, and the journal of the boot.
/// </summary>
public sealed class DebianBoot
{
    public DebianBoot(int number, GuestResult guest, string resultDirectory)
    {
        Number = number;
        Guest = guest;
        ResultDirectory = resultDirectory;
        SystemState = Read("state").Trim();
        FailedUnits = Read("failed-units").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Trim().Split(' ', 2)[0]).Where(u => u.Length > 0).ToList();
        MultiUserReached = long.TryParse(Read("multi-user-usec").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) && usec > 0
            ? TimeSpan.FromMicroseconds(usec) : null;
        Analyze = Read("analyze").Trim();
        Journal = Read("journal");
    }

    /// <summary>1 for the machine's first boot, 2 for the boot after it, and so on.</summary>
    public int Number { get; }

    public GuestResult Guest { get; }

    /// <summary>The host directory holding what the guest wrote in result/ during this boot.</summary>
    public string ResultDirectory { get; }

    /// <summary><c>systemctl is-system-running</c> once the boot finished: "running", or "degraded" when a unit failed.</summary>
    public string SystemState { get; }

    public IReadOnlyList<string> FailedUnits { get; }

    /// <summary>When multi-user.target became active, counted from the kernel's start (CLOCK_MONOTONIC).</summary>
    public TimeSpan? MultiUserReached { get; }

    /// <summary>What <c>systemd-analyze</c> printed ("Startup finished in ... (kernel) + ... (userspace) = ...").</summary>
    public string Analyze { get; }

    /// <summary><c>journalctl -b -o short-monotonic</c> at the end of the boot's steps; empty when they did not end.</summary>
    public string Journal { get; }

    /// <summary>The boot ran all its steps and powered off, systemd finished with no failed unit, the kernel never complained.</summary>
    public bool Healthy => Guest.Healthy && SystemState == "running" && FailedUnits.Count == 0 && Journal.Length > 0;

    public ScenarioCase Step(string name) => Guest.Case(name);

    /// <summary>Every reason the boot is not healthy.</summary>
    public string Describe()
    {
        var s = new StringBuilder();
        if (Guest.Scenario.Booted && SystemState != "running")
            s.Append($"systemd ended its boot {(SystemState.Length == 0 ? "in no state" : $"\"{SystemState}\"")}").Append(
                FailedUnits.Count == 0 ? ".\n" : $"; failed units: {string.Join(", ", FailedUnits)}.\n");
        if (Guest.Scenario.Done && Journal.Length == 0) s.Append("The boot's journal was not saved.\n");
        if (!Guest.Healthy) s.Append(Guest.Describe());
        return s.Length == 0 ? "healthy" : $"Boot {Number}: {s}";
    }

    /// <summary>Throws <see cref="GuestFailedException"/> unless the boot is healthy.</summary>
    public void EnsureHealthy()
    {
        if (!Healthy) throw new GuestFailedException(Describe());
    }

    /// <summary>Throws unless the boot is healthy and the step ran and exited 0.</summary>
    public ScenarioCase EnsurePassed(string name)
    {
        var step = Step(name);
        if (!step.Passed) throw new GuestFailedException(step.Describe() + (Healthy ? "" : "\n" + Describe()));
        EnsureHealthy();
        return step;
    }

    private string Read(string name)
    {
        var path = Path.Combine(ResultDirectory, name);
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }
}
