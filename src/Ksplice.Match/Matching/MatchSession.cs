using Ksplice.Elf.Sections;
using Ksplice.Elf.Model;
using Ksplice.Match.Comparison;
using Ksplice.Match.Memory;
using Ksplice.Match.Sites;
using Ksplice.Match.Symbols;

namespace Ksplice.Match.Matching;

/// <summary>
/// The state of one matching run: the pre objects, the committed learner, and every unit tried so far. Units are
/// matched on demand; a unit with several matching candidates stays ambiguous until values learnt elsewhere (often
/// by matching the functions that refer to it) rule all but one out.
/// </summary>
internal sealed class MatchSession
{
    private readonly ISymbolSource _symbols;
    private readonly IKernelMemory _memory;
    private readonly MatchOptions _options;
    private readonly Dictionary<MatchUnit, UnitOutcome> _outcomes = [];
    private readonly Dictionary<(PreObjectIndex, ElfSymbol), MatchUnit> _units = [];
    private readonly List<MatchUnit> _helpers = [];

    public MatchSession(ISymbolSource symbols, IKernelMemory memory, MatchOptions options)
    {
        _symbols = symbols;
        _memory = memory;
        _options = options;
    }

    public SymbolLearner Learner { get; } = new();

    /// <summary>Units matched only to learn values, in the order they were matched.</summary>
    public IReadOnlyList<MatchUnit> Helpers => _helpers;

    public UnitOutcome? OutcomeOf(MatchUnit unit) => _outcomes.GetValueOrDefault(unit);

    public MatchUnit Unit(PreObjectIndex obj, ElfSymbol symbol)
    {
        if (!_units.TryGetValue((obj, symbol), out var unit)) _units[(obj, symbol)] = unit = MatchUnit.For(obj, symbol);
        return unit;
    }

    /// <summary>
    /// Tries every candidate of a unit that is not settled yet and commits the one that matches alone. Returns the
    /// outcome (cached once matched or failed).
    /// </summary>
    public UnitOutcome Match(MatchUnit unit)
    {
        if (_outcomes.TryGetValue(unit, out var known) && known.State != UnitState.Ambiguous) return known;
        var candidates = Candidates(unit);
        var attempts = candidates.Select(a => TryCandidate(unit, a)).ToList();
        var ok = attempts.Where(a => a.Ok).ToList();
        UnitOutcome outcome;
        if (ok.Count == 1)
        {
            var conflicts = ok[0].Learner.Commit();
            outcome = conflicts.Count == 0
                ? new UnitOutcome(UnitState.Matched, ok, candidates)
                : new UnitOutcome(UnitState.Failed, [ok[0] with { Mismatch = ConflictMismatch(unit, conflicts[0]) }], candidates);
        }
        else if (ok.Count > 1) outcome = new UnitOutcome(UnitState.Ambiguous, ok, candidates);
        else outcome = new UnitOutcome(UnitState.Failed, attempts, candidates);
        _outcomes[unit] = outcome;
        return outcome;
    }

    /// <summary>The distinct addresses of the unit's name among the target's text symbols.</summary>
    public IReadOnlyList<ulong> Candidates(MatchUnit unit) =>
        _symbols.Lookup(unit.Name, unit.Object.Target).Where(s => s.IsText).Select(s => s.Address).Distinct().ToList();

    /// <summary>
    /// How many bytes past the pre code's length are read when they can be: the running code is longer than the pre
    /// code where a rel8 jump of the pre code runs as a rel32 (never seen in the kernel, which aligns no jump targets).
    /// </summary>
    private const int ReadAhead = 64;

    private Attempt TryCandidate(MatchUnit unit, ulong address)
    {
        var fork = Learner.Fork();
        var running = ReadRunning(address, unit.Length);
        if (running is null)
            return new Attempt(unit, address, null, fork, new Mismatch(MatchFailureReason.Unreadable, unit.Section, unit.Start, "", "",
                $"0x{address:x}..0x{address + (ulong)unit.Length:x} cannot be read"));
        var context = new CompareContext(unit, address, running, _memory, _symbols, isCut: running.Length < unit.Length + ReadAhead);
        var conflict = fork.Learn(SymbolKey.ForSection(unit.Object.Path, unit.Section), context.SectionBase,
            CodePlace.Other($"the candidate {unit.Name} at 0x{address:x}"));
        if (conflict is not null)
            return new Attempt(unit, address, running, fork, ConflictMismatch(unit, conflict));
        var comparer = new CodeComparer(context, fork);
        return comparer.CompareUnit()
            ? new Attempt(unit, address, running[..comparer.RunningLength], fork, null) { Forms = comparer.Forms }
            : new Attempt(unit, address, running, fork, comparer.Mismatch);
    }

    /// <summary>
    /// The running bytes at a candidate: the pre code's length and some more, or what can be read of the pre code's
    /// length (the running function may be shorter and end where readable memory ends); null when nothing can be read.
    /// </summary>
    private byte[]? ReadRunning(ulong address, int length)
    {
        if (_memory.TryRead(address, length + ReadAhead) is { } ahead) return ahead;
        if (_memory.TryRead(address, length) is { } exact) return exact;
        int readable = 0, unreadable = length;
        while (unreadable - readable > 1)
        {
            var middle = readable + (unreadable - readable) / 2;
            if (_memory.TryRead(address, middle) is not null) readable = middle;
            else unreadable = middle;
        }
        return readable == 0 ? null : _memory.TryRead(address, readable);
    }

    private static Mismatch ConflictMismatch(MatchUnit unit, LearnConflict conflict) =>
        new(MatchFailureReason.Conflict, unit.Section, unit.Start, "", "", conflict.Message);

    /// <summary>
    /// Tries to settle <paramref name="known"/> by matching functions of the object that refer to
    /// <paramref name="referrers"/>' targets; ambiguous referrers are themselves helped, up to the depth limit.
    /// </summary>
    public bool LearnFromReferrers(PreObjectIndex obj, IReadOnlyList<(ElfSection Code, ulong Offset)> referrers, Func<bool> known,
        int depth, HashSet<MatchUnit> visiting)
    {
        if (known()) return true;
        var tried = 0;
        foreach (var unit in ReferringUnits(obj, referrers))
        {
            if (tried >= _options.ReferrersPerValue) break;
            if (!visiting.Add(unit)) continue;
            tried++;
            MatchHelper(unit, depth, visiting);
            if (known()) return true;
        }
        return known();
    }

    /// <summary>Matches a unit to learn from it; an ambiguous one gets help from its own referrers first.</summary>
    public UnitOutcome MatchHelper(MatchUnit unit, int depth, HashSet<MatchUnit> visiting)
    {
        var before = _outcomes.GetValueOrDefault(unit);
        var outcome = Match(unit);
        if (outcome.State == UnitState.Ambiguous && depth < _options.ReferrerDepth)
        {
            LearnFromReferrers(unit.Object, unit.Object.ReferrersOf(unit.Section),
                () => Learner.Get(SymbolKey.ForSection(unit.Object.Path, unit.Section)) is not null, depth + 1, visiting);
            outcome = Match(unit);
        }
        if (outcome.State == UnitState.Matched && before?.State != UnitState.Matched) _helpers.Add(unit);
        return outcome;
    }

    private IEnumerable<MatchUnit> ReferringUnits(PreObjectIndex obj, IReadOnlyList<(ElfSection Code, ulong Offset)> referrers)
    {
        var seen = new HashSet<MatchUnit>();
        foreach (var (code, offset) in referrers)
        {
            if (SectionClassifier.IsFreedAfterBoot(code)) continue;
            var symbol = obj.FunctionContaining(code, offset);
            if (symbol is null) continue;
            var unit = Unit(obj, symbol);
            if (seen.Add(unit)) yield return unit;
        }
    }

    /// <summary>Marks a unit matched only to learn values as wanted by the request (so it is not reported as a helper).</summary>
    public void Claim(MatchUnit unit) => _helpers.Remove(unit);
}
