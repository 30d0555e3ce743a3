using Ksplice.Corpus;
using Ksplice.TestSupport;
using Ksplice.Vm;

namespace Ksplice.EndToEnd.Tests;

/// <summary>
/// The corpus runner (Ksplice.Corpus, the same one `./run corpus` uses) over ../shared/corpus and the project's own
/// cases (tests/cases), with the end-to-end
/// cases riding on its one boot of the Debian kernel: the demo patch, two updates at once undone in either order, the
/// kernel's sample livepatch (a fixture of tests/vm/fixtures) beside an update of the same function, a
/// mismatching update, and the commands' handling of bad input.
/// </summary>
public sealed class CorpusGuestFixture
{
    public CorpusGuestFixture()
    {
        Run = new CorpusRun([.. VisibleCorpus.All, .. ProjectCases.All]);
        var demo = Path.Combine(TestPaths.RepositoryRoot, "demo", "printk-quoth.patch");
        Demo = KspliceTool.Create("demo_quoth", [$"--patch={demo}"], [demo]);
        Mismatch = MismatchUpdate.Create();
        Foreign = ForeignUpdate.Make(Run.Creates["cmdline-string"]);

        var guest = Run.Guest;
        guest.AddUpdate("demo_quoth", Demo.Tarball!, VisibleCorpus.Named("printk-quoth").CheckPath);
        guest.Case("demo_quoth", "corpus_apply_undo demo_quoth");
        guest.AddUpdate(MismatchUpdate.Id, Mismatch.Tarball!);
        guest.AddFile(Foreign, $"{Initramfs.TestDirectory}/updates/foreign/foreign.tar.gz");
        var fixtures = TestModules.Build(new KbuildCache(GuestRun.Kernel), GuestRun.Repository);
        guest.AddFile(fixtures.Fixture("livepatch-sample"), $"{Initramfs.TestDirectory}/livepatch-sample.ko");
        Partial = PartialTracepointsUpdate.Create();
        guest.AddUpdate(PartialTracepointsUpdate.Id, Partial.Tarball!, modules: ["xfs"]);
        Timer = TimerCallbackUpdate.Create();
        guest.AddUpdate(TimerCallbackUpdate.Id, Timer.Tarball!);
        foreach (var (name, body) in GuestCases.All) guest.Case(name, body);
        // apply_and_undo_20_times_under_reads has both vCPUs read /proc/cmdline while ftrace rewrites the first
        // instruction of cmdline_proc_show each cycle: multi-threaded TCG can keep a stale int3 there (docs/DESIGN.md,
        // section 3, "Testing under emulation"; it hung this guest once in CI-like runs). The other cases keep one
        // vCPU busy at a time, so one host thread costs them little.
        guest.SingleThreadedTcg = true;
        Report = Run.Boot(TimeSpan.FromMinutes(20));
        var logs = Environment.GetEnvironmentVariable("KSPLICE_TEST_LOGS");
        if (!string.IsNullOrEmpty(logs)) File.WriteAllText(Path.Combine(logs, "corpus-table.txt"), Report.Table());
    }

    public CorpusRun Run { get; }
    public CreateRun Demo { get; }
    public CreateRun Mismatch { get; }
    public CreateRun Timer { get; }
    public CreateRun Partial { get; }
    public string Foreign { get; }
    public CorpusReport Report { get; }
    public GuestResult Result => Report.Guest!;
}
