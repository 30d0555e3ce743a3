using Ksplice.Vm;

namespace Ksplice.Corpus;

/// <summary>
/// The corpus runner: creates every case's update on the host (cached by KspliceTool), then boots the Debian kernel
/// ONCE for every case that must be tried there (an update that should apply, or one that create did not refuse
/// although it should be refused). A caller may add its own updates and cases to <see cref="Guest"/> before
/// <see cref="Boot"/>: the end-to-end tests ride on the same boot. A case that cannot be tried (not a valid case
/// folder, a module the guest kernel lacks, an error while preparing it) is one error row; the others still run.
/// </summary>
public sealed class CorpusRun
{
    private readonly List<CaseResult> _decided = [];
    private readonly List<CorpusCase> _inGuest = [];
    private readonly Func<CorpusCase, CreateRun> _create;
    private GuestRun? _guest;

    public CorpusRun(IReadOnlyList<CorpusCase> cases, Action<string>? log = null) : this(cases, KspliceTool.Create, log)
    {
    }

    /// <param name="create">Makes a case's update (<see cref="KspliceTool.Create(CorpusCase)"/>; tests pass their own).</param>
    public CorpusRun(IReadOnlyList<CorpusCase> cases, Func<CorpusCase, CreateRun> create, Action<string>? log = null)
    {
        Cases = cases;
        _create = create;
        foreach (var c in cases)
        {
            log?.Invoke($"create {c.Name}");
            if (Prepare(c) is { } decided) _decided.Add(decided);
        }
    }

    public IReadOnlyList<CorpusCase> Cases { get; }
    public Dictionary<string, CreateRun> Creates { get; } = new(StringComparer.Ordinal);

    /// <summary>The boot, made when a case or a caller first needs it.</summary>
    public GuestRun Guest => _guest ??= new GuestRun();

    /// <summary>Cases that the guest will run.</summary>
    public IReadOnlyList<CorpusCase> InGuest => _inGuest;

    /// <summary>Boots the guest (when any case needs it) and judges every case.</summary>
    public CorpusReport Boot(TimeSpan? timeout = null)
    {
        var guest = _guest is not { CaseCount: > 0 } ? null
            : _guest.Boot(timeout ?? TimeSpan.FromMinutes(10 + 2 * _guest.CaseCount));
        var results = _decided.Concat(_inGuest.Select(c => CaseJudge.FromGuest(c, Creates[c.Name], guest!)))
            .OrderBy(r => Cases.ToList().IndexOf(r.Case)).ToList();
        return new CorpusReport(results, guest);
    }

    /// <summary>Creates the case's update and, unless create alone decides it, adds it to the guest; the row when decided.</summary>
    private CaseResult? Prepare(CorpusCase c)
    {
        if (c.Problem is not null) return CaseJudge.Error(c, null, c.Problem);
        CreateRun? create = null;
        try
        {
            create = _create(c);
            Creates[c.Name] = create;
            if (CaseJudge.FromCreate(c, create) is { } decided) return decided;
            var targets = create.Manifest.Targets.Select(t => t.Name).Where(t => t != "vmlinux").ToList();
            var setup = c.SetupModules;
            if (CaseJudge.FromModules(c, create, Guest.Modules, targets, setup) is { } missing) return missing;
            Guest.AddUpdate(c.Id, create.Tarball!, c.CheckPath, c.SetupPath, targets.Concat(setup).Distinct(StringComparer.Ordinal));
            Guest.Case(c.Id, c.Expect == CorpusExpectation.Refused ? $"corpus_refused {c.Id}" : $"corpus_apply_undo {c.Id}");
            _inGuest.Add(c);
            return null;
        }
        catch (Exception e) when (e is not (OutOfMemoryException or InsufficientExecutionStackException))
        {
            return CaseJudge.Error(c, create, $"{e.GetType().Name}: {Summary.Of(e.Message)}");
        }
    }
}
