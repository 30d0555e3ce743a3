using Ksplice.TestSupport;
using Ksplice.Vm;

namespace Ksplice.EndToEnd.Tests;

/// <summary>
/// Creates every update the end-to-end tests need (each once, cached), then boots the Debian kernel ONCE and runs all
/// in-guest cases in it: every applicable corpus case (apply, verify, undo), the demo patch, two updates at once undone
/// in either order, a mismatching update, and the commands' handling of bad input.
/// </summary>
public sealed class CorpusGuestFixture
{
    public CorpusGuestFixture()
    {
        Creates = CorpusCase.All.ToDictionary(c => c.Name, KspliceTool.Create);
        var demo = Path.Combine(TestPaths.RepositoryRoot, "demo", "printk-quoth.patch");
        Demo = KspliceTool.Create("demo_quoth", [$"--patch={demo}"], [demo]);
        Mismatch = MismatchUpdate.Create();
        Foreign = ForeignUpdate.Make(Creates["cmdline-string"]);

        var guest = new GuestRun();
        foreach (var c in Applicable)
        {
            var run = Creates[c.Name];
            var modules = run.Manifest.Targets.Select(t => t.Name).Where(t => t != "vmlinux");
            guest.AddUpdate(c.Id, run.Tarball!, c.CheckPath, c.SetupPath, modules);
            guest.Case(c.Id, $"corpus_apply_undo {c.Id}");
        }
        guest.AddUpdate("demo_quoth", Demo.Tarball!, CorpusCase.Named("printk-quoth").CheckPath);
        guest.Case("demo_quoth", "corpus_apply_undo demo_quoth");
        guest.AddUpdate(MismatchUpdate.Id, Mismatch.Tarball!);
        guest.AddFile(Foreign, $"{Initramfs.TestDirectory}/updates/foreign/foreign.tar.gz");
        foreach (var (name, body) in GuestCases.All) guest.Case(name, body);
        Result = guest.Boot(TimeSpan.FromMinutes(40));
    }

    /// <summary>Corpus cases to run in this boot: expected to apply, created, and not known to fault.</summary>
    public IEnumerable<CorpusCase> Applicable =>
        CorpusCase.All.Where(c => c.Expect == "applies" && Creates[c.Name].ExitCode == 0);

    public IReadOnlyDictionary<string, CreateRun> Creates { get; }
    public CreateRun Demo { get; }
    public CreateRun Mismatch { get; }
    public string Foreign { get; }
    public GuestResult Result { get; }
}
