using Ksplice.Elf.Model;
using Ksplice.Match.Comparison;
using Ksplice.Match.Symbols;

namespace Ksplice.Match.Matching;

/// <summary>
/// Gives each placeholder a value: learnt from matched code (checked against kallsyms when kallsyms knows the name),
/// else the one kallsyms entry with that name in the target, else learnt by matching the symbol's own function or the
/// functions of the object that refer to it, else failed_to_find with the candidates.
/// </summary>
internal sealed class SymbolResolver(MatchSession session, ISymbolSource symbols)
{
    public (ResolvedSymbol? Value, MatchFailure? Failure) Resolve(SymbolRequest request, PreObjectIndex obj)
    {
        var defined = obj.Symbols(request.Name).Where(s => s.Section is not null).ToList();
        if (defined.Count > 1)
            defined = defined.Where(s => s.Type is ElfSymbolType.Function or ElfSymbolType.Object).ToList();
        if (defined.Count > 1)
            return (null, Failures.BadRequest(request.Name, obj.Path, obj.Target, $"is defined {defined.Count} times in the pre object ({request.Placeholder})"));

        var symbol = defined.Count == 1 ? defined[0] : null;
        var key = symbol is not null ? SymbolKey.ForSection(obj.Path, symbol.Section!) : SymbolKey.ForName(obj.Target, request.Name);
        var offset = symbol?.Value ?? 0;

        if (Learnt(key, offset) is { } learnt) return Checked(request, obj, learnt);

        var inTarget = symbols.Lookup(request.Name, obj.Target);
        var candidates = inTarget.Count == 0 && symbol is null ? symbols.Lookup(request.Name) : inTarget;
        var addresses = candidates.Select(c => c.Address).Distinct().ToList();
        if (addresses.Count == 1)
            return (new ResolvedSymbol(request.Placeholder, request.Name, obj.Path, obj.Target, addresses[0], SymbolValueSource.Kallsyms, "kallsyms"), null);

        var visiting = new HashSet<MatchUnit>();
        if (symbol is { Section.IsExecutable: true } && obj.FunctionContaining(symbol.Section!, symbol.Value) is { } function)
        {
            var unit = session.Unit(obj, function);
            visiting.Add(unit);
            session.MatchHelper(unit, 1, visiting);
        }
        if (Learnt(key, offset) is null)
        {
            var referrers = symbol is not null ? obj.ReferrersOf(symbol.Section!) : obj.ReferrersOf(request.Name);
            session.LearnFromReferrers(obj, referrers, () => session.Learner.Get(key) is not null, 1, visiting);
        }
        if (Learnt(key, offset) is { } late) return Checked(request, obj, late);

        return (null, new MatchFailure(MatchFailureKind.FailedToFind, MatchFailureReason.NotFound, request.Name, obj.Path, obj.Target)
        {
            Candidates = addresses,
            Detail = addresses.Count == 0
                ? $"is not in kallsyms and no matched code refers to it ({request.Placeholder})"
                : $"has {addresses.Count} kallsyms entries ({string.Join(", ", addresses.Select(a => $"0x{a:x}"))}) and no matched code tells which is meant ({request.Placeholder})",
            Remedy = Remedies.NotFound,
        });
    }

    private LearntValue? Learnt(SymbolKey key, ulong offset) =>
        session.Learner.TryGet(key, out var v) ? v with { Value = unchecked(v.Value + offset) } : null;

    /// <summary>A learnt value must be one of kallsyms' entries for the name when kallsyms lists the name at all.</summary>
    private (ResolvedSymbol?, MatchFailure?) Checked(SymbolRequest request, PreObjectIndex obj, LearntValue learnt)
    {
        var listed = symbols.Lookup(request.Name, obj.Target);
        if (listed.Count > 0 && listed.All(s => s.Address != learnt.Value))
            return (null, new MatchFailure(MatchFailureKind.NoMatch, MatchFailureReason.Conflict, request.Name, obj.Path, obj.Target)
            {
                Candidates = listed.Select(s => s.Address).Distinct().ToList(),
                Detail = $"was learnt as 0x{learnt.Value:x} from {learnt.Place}, but kallsyms lists it only at {string.Join(", ", listed.Select(s => $"0x{s.Address:x}"))}",
                Remedy = Remedies.CodeDiffers,
            });
        return (new ResolvedSymbol(request.Placeholder, request.Name, obj.Path, obj.Target, learnt.Value, SymbolValueSource.Learnt, learnt.Place.ToString()), null);
    }
}
