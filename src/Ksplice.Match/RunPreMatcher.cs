using Ksplice.Abi;
using Ksplice.Elf.Model;
using Ksplice.Elf.Special;
using Ksplice.Match.Comparison;
using Ksplice.Match.Matching;
using Ksplice.Match.Memory;
using Ksplice.Match.Symbols;

namespace Ksplice.Match;

/// <summary>
/// Run-pre matching: proves that the code running in the kernel is the pre code an update was built from, and learns
/// from it the addresses the update needs. For each requested function, every kallsyms text entry of its name (in its
/// target) is a candidate; the candidate's running bytes are compared with the pre section instruction by instruction
/// (<see cref="PatchSiteRules"/> for boot-time patch sites; jumps by target, as the running code may hold the short form
/// of a jump the pre object holds as a rel32), relocated fields yield symbol values that must agree everywhere, and
/// exactly one candidate must match. Placeholders then get their values. Pure: reads memory and
/// symbols, writes nothing, prints nothing.
/// </summary>
public sealed class RunPreMatcher(ISymbolSource symbols, IKernelMemory memory, MatchOptions? options = null)
{
    private readonly MatchOptions _options = options ?? MatchOptions.Default;

    public MatchResult Match(MatchRequest request)
    {
        var failures = new List<MatchFailure>();
        var objects = new Dictionary<string, PreObjectIndex>(StringComparer.Ordinal);
        foreach (var o in request.Objects)
        {
            if (!objects.TryAdd(o.Path, new PreObjectIndex(o)))
                failures.Add(Failures.BadRequest(o.Path, o.Path, o.Target, "is given twice"));
        }
        var session = new MatchSession(symbols, memory, _options);

        var requested = new List<(FunctionRequest Request, MatchUnit Unit)>();
        foreach (var f in request.Functions)
        {
            if (Unit(session, objects, f, failures) is { } unit) requested.Add((f, unit));
        }

        var pending = requested.Select(r => r.Unit).Distinct().ToList();
        MatchAll(session, pending);

        var functions = new List<MatchedFunction>();
        foreach (var unit in requested.Select(r => r.Unit).Distinct())
        {
            session.Claim(unit);
            var outcome = session.OutcomeOf(unit)!;
            if (outcome.Match is not { } attempt)
            {
                failures.Add(Failures.From(unit, outcome));
                continue;
            }
            var matched = Matched(unit, attempt);
            var needed = matched.TrampolineOffset + Trampoline.Size;
            if (TrampolineRoom.Extend(memory, matched.Address, matched.RunningBytes, needed) is { } room)
                functions.Add(matched with { RunningBytes = room });
            else
                failures.Add(new MatchFailure(MatchFailureKind.NoMatch, MatchFailureReason.NoRoomForTrampoline, unit.Name, unit.Object.Path, unit.Object.Target)
                {
                    Candidate = matched.Address,
                    Detail = $"runs {matched.Size} bytes, and what follows it is not padding, so a {Trampoline.Size}-byte jump at +{matched.TrampolineOffset} does not fit",
                    Remedy = "Patch the functions that call it instead",
                });
        }

        var resolver = new SymbolResolver(session, symbols);
        var resolved = new List<ResolvedSymbol>();
        foreach (var s in request.Symbols)
        {
            if (!objects.TryGetValue(s.ObjectPath, out var obj))
            {
                failures.Add(Failures.BadRequest(s.Name, s.ObjectPath, "?", $"names an object that is not among the pre objects ({s.Placeholder})"));
                continue;
            }
            if (!symbols.IsLoaded(obj.Target))
            {
                failures.Add(NotLoaded(s.Name, obj));
                continue;
            }
            var (value, failure) = resolver.Resolve(s, obj);
            if (value is not null) resolved.Add(value);
            if (failure is not null) failures.Add(failure);
        }

        var helpers = session.Helpers.Select(u => session.OutcomeOf(u)?.Match is { } a ? Matched(u, a) : null)
            .OfType<MatchedFunction>().ToList();
        var forms = requested.Select(r => r.Unit).Distinct().Concat(session.Helpers)
            .SelectMany(u => session.OutcomeOf(u)?.Match?.Forms ?? [])
            .GroupBy(f => f, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var diagnostics = objects.Values.SelectMany(o => o.Sites.Diagnostics.Select(d => $"{o.Path}: {d.Message}")).ToList();
        return new MatchResult(functions, resolved, helpers, failures) { SiteForms = forms, Diagnostics = diagnostics };
    }

    /// <summary>
    /// Matches the units until nothing changes: units that match alone commit their values, which may settle ambiguous
    /// ones; when a pass settles nothing, each ambiguous unit is helped by matching the functions that refer to it.
    /// </summary>
    private static void MatchAll(MatchSession session, List<MatchUnit> pending)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var unit in pending.ToList())
            {
                if (session.Match(unit).State == Matching.UnitState.Ambiguous) continue;
                pending.Remove(unit);
                changed = true;
            }
            if (changed || pending.Count == 0) continue;
            foreach (var unit in pending.ToList())
            {
                var key = SymbolKey.ForSection(unit.Object.Path, unit.Section);
                session.LearnFromReferrers(unit.Object, unit.Object.ReferrersOf(unit.Section), () => session.Learner.Get(key) is not null, 1, [unit]);
                if (session.Match(unit).State == Matching.UnitState.Ambiguous) continue;
                pending.Remove(unit);
                changed = true;
            }
        } while (changed && pending.Count > 0);
    }

    private MatchUnit? Unit(MatchSession session, Dictionary<string, PreObjectIndex> objects, FunctionRequest f, List<MatchFailure> failures)
    {
        if (!objects.TryGetValue(f.ObjectPath, out var obj))
        {
            failures.Add(Failures.BadRequest(f.Symbol, f.ObjectPath, "?", "names an object that is not among the pre objects"));
            return null;
        }
        var found = obj.Symbols(f.Symbol)
            .Where(s => s.Section is { IsExecutable: true } && (f.Section is null || s.Section.Name == f.Section))
            .ToList();
        if (found.Count > 1) found = found.Where(s => s.IsFunction).ToList();
        if (found.Count != 1)
        {
            failures.Add(Failures.BadRequest(f.Symbol, f.ObjectPath, obj.Target,
                found.Count == 0 ? $"is not a function defined in the pre object{(f.Section is null ? "" : $" (section {f.Section})")}" : $"is defined {found.Count} times in the pre object"));
            return null;
        }
        if (!symbols.IsLoaded(obj.Target))
        {
            failures.Add(NotLoaded(f.Symbol, obj));
            return null;
        }
        return session.Unit(obj, found[0]);
    }

    private static MatchFailure NotLoaded(string symbol, PreObjectIndex obj) =>
        new(MatchFailureKind.FailedToFind, MatchFailureReason.NoCandidates, symbol, obj.Path, obj.Target)
        {
            Detail = $"the target module {obj.Target} is not loaded",
            Remedy = "Load the module (modprobe) before applying, or apply with --partial to skip its part",
        };

    private static MatchedFunction Matched(MatchUnit unit, Attempt attempt)
    {
        var startsWithFentry = unit.Object.TopSites(unit.Section, unit.Start, unit.Start + 1)
            .Any(s => s.Kind == SitePatchKind.FentryCall && s.Offset == unit.Start);
        return new MatchedFunction(unit.Object.Path, unit.Object.Target, unit.Name, unit.Section.Name, attempt.Address,
            attempt.Running!, Trampoline.OffsetFor(startsWithFentry));
    }
}
