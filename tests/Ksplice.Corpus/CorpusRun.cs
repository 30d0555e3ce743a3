using Ksplice.Vm;

namespace Ksplice.Corpus;

/// <summary>
/// The corpus runner: creates every case's update on the host (cached by KspliceTool), then boots the Debian kernel
/// ONCE for every case that must be tried there (an update that should apply, or one that create did not refuse
/// although it should be refused). A caller may add its own updates and cases to <see cref="Guest"/> before
/// <see cref="Boot"/>: the end-to-end tests ride on the same boot.
/// </summary>
public sealed class CorpusRun
{
    private readonly List<CaseResult> _decided = [];
    private readonly List<CorpusCase> _inGuest = [];

    public CorpusRun(IReadOnlyList<CorpusCase> cases, Action<string>? log = null)
    {
        Cases = cases;
        Creates = new Dictionary<string, CreateRun>(StringComparer.Ordinal);
        foreach (var c in cases)
        {
            log?.Invoke($"create {c.Name}");
            var create = KspliceTool.Create(c);
            Creates[c.Name] = create;
            var decided = CaseJudge.FromCreate(c, create);
            if (decided is not null)
            {
                _decided.Add(decided);
                continue;
            }
            var modules = create.Manifest.Targets.Select(t => t.Name).Where(t => t != "vmlinux").Concat(c.SetupModules);
            Guest.AddUpdate(c.Id, create.Tarball!, c.CheckPath, c.SetupPath, modules.Distinct(StringComparer.Ordinal));
            Guest.Case(c.Id, c.Expect == CorpusExpectation.Refused ? $"corpus_refused {c.Id}" : $"corpus_apply_undo {c.Id}");
            _inGuest.Add(c);
        }
    }

    public IReadOnlyList<CorpusCase> Cases { get; }
    public Dictionary<string, CreateRun> Creates { get; }
    public GuestRun Guest { get; } = new();

    /// <summary>Cases that the guest will run.</summary>
    public IReadOnlyList<CorpusCase> InGuest => _inGuest;

    /// <summary>Boots the guest (when any case needs it) and judges every case.</summary>
    public CorpusReport Boot(TimeSpan? timeout = null)
    {
        var guest = Guest.CaseCount == 0 ? null
            : Guest.Boot(timeout ?? TimeSpan.FromMinutes(10 + 2 * Guest.CaseCount));
        var results = _decided.Concat(_inGuest.Select(c => CaseJudge.FromGuest(c, Creates[c.Name], guest!)))
            .OrderBy(r => Cases.ToList().IndexOf(r.Case)).ToList();
        return new CorpusReport(results, guest);
    }
}
