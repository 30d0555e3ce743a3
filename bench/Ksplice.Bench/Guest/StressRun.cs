using Ksplice.Vm;

namespace Ksplice.Bench.Guest;

/// <summary>
/// The stress run of the VM tests (tests/vm/cases/stress.sh, StressTests) in the bench's guest, with fewer cycles: the
/// core and the stress fixtures built by Ksplice.Vm, a kthread on CPU 0 and a system-call loop on CPU 1 calling the
/// function the fixture update replaces, the empty stop_machine fixture loaded 5 times under that load, then CYCLES
/// applies and undos through the core. Its figures are the pauses of the applies and of the undos (median and max)
/// beside the empty stop_machine's. It runs first and unloads its core, so the applies that follow load the installed one.
/// </summary>
public static class StressRun
{
    private const string Setup = "stress_setup";
    private const string Cycles = "stress_cycles";
    private const string Stop = "stress_stop";
    private const int EmptyLoads = 5;
    private static readonly string[] Fixtures = ["ksplice_fix_stress", "ksplice_fix_stress_update", "ksplice_fix_stopbench"];

    public static void Add(Initramfs initramfs, Scenario scenario, TestModules modules, RepositoryLayout repository, int cycles)
    {
        var cases = $"{Initramfs.TestDirectory}/cases/stress.sh";
        initramfs.AddFile(modules.CoreModule, $"{Initramfs.TestDirectory}/ksplice_core.ko")
            .AddFile(Path.Combine(repository.VmTests, "cases", "stress.sh"), cases);
        foreach (var fixture in Fixtures) initramfs.AddFile(modules.Fixture(fixture), $"{Initramfs.TestDirectory}/{fixture}.ko");
        scenario.Source(cases)
            .Case(Setup, $"stress_start\nstress_empty_stop_machine {EmptyLoads}")
            .Case(Cycles, $"stress_cycles {cycles}")
            .Case(Stop, "stress_stop");
    }

    /// <summary>The figures of the run; <paramref name="ok"/> is false when a case failed or its report is missing.</summary>
    public static IReadOnlyList<Figure> Figures(GuestResult guest, int cycles, TextWriter output, out bool ok)
    {
        var command = $"stress_cycles {cycles} (tests/vm/cases/stress.sh in the QEMU guest: pause_ns of each stage write, " +
                      "a kthread on CPU 0 and a system call on CPU 1 calling the function)";
        var emptyCommand = $"insmod ksplice_fix_stopbench.ko x{EmptyLoads} under the same callers (median of the loads' medians, longest call)";
        ok = true;
        foreach (var name in new[] { Setup, Cycles, Stop })
        {
            var c = guest.Case(name);
            output.WriteLine(c.Passed ? $"  {name}:\n{c.Output.TrimEnd()}" : "  " + c.Describe());
            ok &= c.Passed;
        }
        var report = StressReport.Parse(guest.Case(Cycles).Output);
        var empty = PauseSummary.Find(guest.Case(Setup).Output, "empty stop_machine");
        ok &= report is not null && empty is not null;
        return
        [
            new Figure($"stress: apply pause, median / max (of {report?.Apply.Count ?? 0})", MedianAndMax(report?.Apply), "", command),
            new Figure($"stress: undo pause, median / max (of {report?.Undo.Count ?? 0})", MedianAndMax(report?.Undo), "", command),
            new Figure($"stress: empty stop_machine pause, median / max ({EmptyLoads} loads)", MedianAndMax(empty), "", emptyCommand),
            new Figure("stress: wrong answers, kthread / system call",
                report is null ? "failed" : $"{report.Kthread.Wrong} / {report.SystemCall.Wrong} (of {Calls(report.Kthread)} / {Calls(report.SystemCall)} calls)",
                "0", command),
        ];
    }

    private static long Calls(StressReport.Answers a) => a.Old + a.New + a.Wrong;

    private static string MedianAndMax(PauseSummary? p) =>
        p is null ? "failed" : $"{Figure.Microseconds(p.MedianNs)} / {Figure.Microseconds(p.MaxNs)}";
}
