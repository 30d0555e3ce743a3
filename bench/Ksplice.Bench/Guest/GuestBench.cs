using System.Globalization;
using Ksplice.Abi;
using Ksplice.Vm;

namespace Ksplice.Bench.Guest;

/// <summary>
/// Boots the Debian kernel under QEMU (Ksplice.Vm) once; first makes the stress run (<see cref="StressRun"/>), then, in
/// rounds, for every update loads the empty-stop_machine fixture and then applies and undoes the update with
/// `ksplice apply --debug`. Reports the matching time of each update, the stop_machine pause of the applies, the empty stop_machine pause, and their ratio: of the medians, and the median
/// of each apply's pause over the empty pause measured just before it (the vCPUs are host threads, so a busy host
/// stretches both alike).
/// </summary>
public sealed class GuestBench(GuestBenchOptions options, TextWriter output)
{
    private const string StopBenchFixture = "ksplice_fix_stopbench";

    /// <summary>Returns 0 when every case ran and the guest stayed healthy.</summary>
    public int Run()
    {
        var kernel = GuestKernel.Discover();
        var repository = RepositoryLayout.Find();
        output.WriteLine($"guest: kernel {kernel.Release}, {options.Updates.Count} update(s), {options.Rounds} round(s)");
        var modules = TestModules.Build(new KbuildCache(kernel), repository);
        var stopBench = modules.Fixture(StopBenchFixture);

        var scenario = new Scenario().Source($"{Initramfs.TestDirectory}/bench-cases.sh");
        var initramfs = new Initramfs(kernel, repository)
            .AddDotnetExecutable(options.KspliceBinary, "/usr/bin/ksplice")
            .AddInstalledCore()
            .AddFile(Path.Combine(AppContext.BaseDirectory, "Guest", "bench-cases.sh"), $"{Initramfs.TestDirectory}/bench-cases.sh")
            .AddFile(stopBench, $"{Initramfs.TestDirectory}/{StopBenchFixture}.ko");
        foreach (var u in options.Updates)
            initramfs.AddFile(u.Tarball, $"{Initramfs.TestDirectory}/updates/{u.Id}.tar.gz", 0x1A4);
        if (options.KallsymsOutput is not null) scenario.Case("kallsyms", "cat /proc/kallsyms");
        StressRun.Add(initramfs, scenario, modules, repository, options.StressCycles);
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var u in options.Updates)
            {
                scenario.Case(EmptyCase(u.Id, round), "bench_empty_stop_machine");
                scenario.Case(ApplyCase(u.Id, round), $"bench_apply_undo {u.Id}");
            }
        }
        initramfs.SetScenario(scenario);

        Directory.CreateDirectory(options.LogDirectory);
        var initrd = Path.Combine(options.LogDirectory, "guest.gz");
        initramfs.Build(initrd);
        var qemu = new QemuOptions
        {
            Timeout = TimeSpan.FromMinutes(5 + 2 * options.Rounds * (options.Updates.Count + 1) + options.StressCycles / 10),
            ExtraAppend = options.KallsymsOutput is null ? "" : "nokaslr",
            SingleThreadedTcg = options.StressCycles > 0,   // as StressTests: MTTCG keeps stale code under the stress run
        };
        var loadBefore = HostLoad();
        var guest = new QemuGuest(kernel) { Options = qemu }.Boot(initrd);
        var loadAfter = HostLoad();
        File.WriteAllText(Path.Combine(options.LogDirectory, "guest.console"), guest.Console);
        output.WriteLine($"guest: booted and ran {guest.Scenario.CaseOrder.Count} case(s) in {guest.Elapsed.TotalSeconds:0} s " +
                         $"(logs: {options.LogDirectory}/guest.console, guest.ttyS1); host load average before: {loadBefore}, after: {loadAfter}");

        var failed = !guest.Healthy;
        if (failed) output.WriteLine("guest: " + guest.Describe());
        if (options.KallsymsOutput is not null)
        {
            var kallsyms = guest.Case("kallsyms");
            if (kallsyms.Passed) File.WriteAllText(options.KallsymsOutput, kallsyms.Output);
            else { output.WriteLine("guest: " + kallsyms.Describe()); failed = true; }
        }

        var applies = new List<ApplyMeasurement>();
        var empties = new List<EmptyStopMachine>();
        var ratios = new List<double>();
        var coldRatios = new List<double>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var u in options.Updates)
            {
                EmptyStopMachine? empty = null;
                if (Passed(guest, EmptyCase(u.Id, round)) is { } e)
                {
                    empty = EmptyStopMachine.Parse(u.Id, round, e);
                    if (empty is null) { output.WriteLine($"  round {round}: no stop_machine line in:\n{e}"); failed = true; }
                    else empties.Add(empty);
                }
                else failed = true;
                if (Passed(guest, ApplyCase(u.Id, round)) is not { } text) { failed = true; continue; }
                var apply = ApplyMeasurement.Parse(u.Id, round, text);
                if (apply is null)
                {
                    output.WriteLine($"  round {round}: apply {u.Id}: no 'matched in' or 'attempt N: ok pause_ns=' in:\n{text}");
                    failed = true;
                    continue;
                }
                applies.Add(apply);
                if (empty is not null) ratios.Add((double)apply.PauseNs / empty.MedianNs);
                if (empty?.FirstNs is { } first) coldRatios.Add((double)apply.PauseNs / first);
                output.WriteLine($"  round {round}: {u.Id}: empty stop_machine median {Us(empty?.MedianNs)} (min {Us(empty?.MinNs)}, " +
                                 $"first {Us(empty?.FirstNs)}); apply matched in {apply.MatchMs:0} ms, pause {Us(apply.PauseNs)}, " +
                                 $"work {Us(apply.WorkNs)}, cpus={apply.Cpus}, attempt {apply.Attempts}" +
                                 "; " + Breakdown([apply]));
            }
        }

        Figure.Append(options.FiguresPath, Figures(applies, empties, ratios, coldRatios, $"{loadBefore} / {loadAfter}"));
        Figure.Append(options.FiguresPath, StressRun.Figures(guest, options.StressCycles, output, out var stressOk));
        failed |= !stressOk;
        return failed ? 1 : 0;
    }

    private IEnumerable<Figure> Figures(List<ApplyMeasurement> applies, List<EmptyStopMachine> empties, List<double> ratios,
        List<double> coldRatios, string load)
    {
        const string where = "in the QEMU guest";
        foreach (var u in options.Updates)
        {
            var mine = applies.Where(a => a.Update == u.Id).ToList();
            yield return new Figure($"matching time, {u.Id} (median of {mine.Count})",
                mine.Count == 0 ? "failed" : Figure.Milliseconds(Statistics.Median(mine.Select(a => a.MatchMs))), "",
                $"ksplice apply --debug {u.Id}.tar.gz ({where}: \"matched in N ms\")");
        }
        foreach (var u in options.Updates)
        {
            var mine = applies.Where(a => a.Update == u.Id).ToList();
            yield return new Figure($"apply pause, {u.Id} (median of {mine.Count})",
                mine.Count == 0 ? "failed" : Figure.Microseconds(Statistics.Median(mine.Select(a => (double)a.PauseNs))), "",
                $"ksplice apply --debug {u.Id}.tar.gz ({where}: pause_ns)");
        }
        var pause = Statistics.Median(applies.Select(a => (double)a.PauseNs));
        var empty = Statistics.Median(empties.Select(e => (double)e.MedianNs));
        yield return new Figure($"apply pause, all updates (median of {applies.Count})",
            applies.Count == 0 ? "failed" : Figure.Microseconds(pause), "", $"ksplice apply --debug ID.tar.gz ({where}: pause_ns)");
        yield return new Figure($"empty stop_machine pause (median of {empties.Count} loads' medians)",
            empties.Count == 0 ? "failed" : Figure.Microseconds(empty), "",
            $"insmod {StopBenchFixture}.ko ({where}: median_ns of 21 empty stop_machine calls)");
        yield return new Figure("apply pause / empty stop_machine pause",
            applies.Count == 0 || empties.Count == 0 ? "failed" : Ratio(pause / empty), "<= 2x", "the two medians above");
        yield return new Figure($"apply pause / empty pause just before it (median of {ratios.Count})",
            ratios.Count == 0 ? "failed" : Ratio(Statistics.Median(ratios)), "<= 2x", "each apply against the fixture load that preceded it");
        yield return new Figure($"apply work inside the pause (median of {applies.Count})",
            applies.Count == 0 ? "failed" : Figure.Microseconds(Statistics.Median(applies.Select(a => (double)a.WorkNs))), "",
            $"ksplice apply --debug ID.tar.gz ({where}: work_ns: byte check, stack scan, trampolines)");
        if (applies.Count > 0)
        {
            yield return new Figure($"apply pause, parts (medians of {applies.Count})", Breakdown(applies), "",
                $"ksplice apply --debug ID.tar.gz ({where}: enter_ns, verify_ns, scan_ns, poke_ns, stopped_ns, exit_ns)");
        }
        var firsts = empties.Where(e => e.FirstNs is not null).ToList();
        if (firsts.Count > 0)
        {
            yield return new Figure($"empty stop_machine pause, first call of each load (median of {firsts.Count})",
                Figure.Microseconds(Statistics.Median(firsts.Select(e => (double)e.FirstNs!.Value))), "",
                $"insmod {StopBenchFixture}.ko ({where}: first_ns, the cold call; the median above is of warm back-to-back calls)");
            yield return new Figure($"apply pause / first empty stop_machine just before it (median of {coldRatios.Count})",
                coldRatios.Count == 0 ? "failed" : Ratio(Statistics.Median(coldRatios)), "",
                "each apply against the first (cold) call of the fixture load that preceded it");
        }
        yield return new Figure("host load average, before / after the boot", load, "", "/proc/loadavg (the vCPUs are host threads)");
    }

    /// <summary>"enter A + stopped B (verify C, scan D, poke E) + exit F", each the median over the applies.</summary>
    private static string Breakdown(IReadOnlyList<ApplyMeasurement> applies)
    {
        string Part(Func<AttemptLine, long> part) => Figure.Microseconds(Statistics.Median(applies.Select(a => (double)part(a.Applied))));
        return $"enter {Part(a => a.EnterNs)} + stopped {Part(a => a.StoppedNs)} (verify {Part(a => a.VerifyNs)}, scan {Part(a => a.ScanNs)}, " +
               $"poke {Part(a => a.PokeNs)}) + exit {Part(a => a.ExitNs)}";
    }

    private static string Ratio(double r) => r.ToString("0.00", CultureInfo.InvariantCulture) + "x";

    private static string Us(long? ns) => ns is { } v ? Figure.Microseconds(v) : "?";

    private static string HostLoad() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    /// <summary>The case's output when it passed; otherwise reports why and returns null.</summary>
    private string? Passed(GuestResult guest, string name)
    {
        var c = guest.Case(name);
        if (c.Passed) return c.Output;
        output.WriteLine("  " + c.Describe());
        return null;
    }

    private static string EmptyCase(string id, int round) => $"empty_{id}_r{round}";

    private static string ApplyCase(string id, int round) => $"apply_{id}_r{round}";
}
