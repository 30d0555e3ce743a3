using Ksplice.Elf.Model;

namespace Ksplice.Diff.Correlation;

/// <summary>
/// gcc clones and split parts (<c>.constprop.N</c>, <c>.isra.N</c>, <c>.part.N</c>, <c>.cold</c> and their combinations)
/// are twins when their names agree once the numbers are dropped. When several clones of one function share that
/// name, identical bytes (<see cref="Fingerprint"/>) decide; what stays undecided is refused, except cold parts, which
/// <see cref="ColdPartRule"/> pairs through their functions.
/// </summary>
public sealed class CloneSuffixRule : ICorrelationRule
{
    public string Name => "clone suffix";

    public void Apply(CorrelationState state)
    {
        KeyedPairing.Pair(state, Name, Candidates, (side, s) => (side.Name(s).Key, SymbolKind.Of(s)), (posts, twins) => Disambiguate(state, posts, twins));
    }

    private void Disambiguate(CorrelationState state, List<ElfSymbol> posts, List<ElfSymbol> twins)
    {
        var postPrints = posts.ToDictionary(p => p, p => Fingerprint.Of(state.Post, p));
        var prePrints = twins.ToDictionary(p => p, p => Fingerprint.Of(state.Pre, p));
        foreach (var p in posts)
        {
            var same = twins.Where(t => !state.IsPaired(t) && prePrints[t] == postPrints[p]).ToList();
            var rivals = posts.Count(o => postPrints[o] == postPrints[p]);
            if (same.Count == 1 && rivals == 1) state.Pair(p, same[0], Name + " (identical code)");
        }
        var openPosts = posts.Where(p => !state.IsPaired(p)).ToList();
        var openTwins = twins.Where(t => !state.IsPaired(t)).ToList();
        if (openPosts.Count == 1 && openTwins.Count == 1)
            state.Pair(openPosts[0], openTwins[0], Name + " (the only one left)");
        else if (openTwins.Count > 0)
            // Cold parts are left to ColdPartRule, which pairs them through their functions.
            foreach (var p in openPosts.Where(p => !state.Post.Name(p).IsCold))
                state.Ambiguous(p, openTwins, "several gcc clones of the function share the name and none has identical code");
    }

    private static IEnumerable<ElfSymbol> Candidates(CorrelationState state, Indexing.DiffIndex side) =>
        state.Open(side).Where(s => s.Section is not null && (side.Name(s).CloneSuffixes.Count > 0 || side.Name(s).IsCold));
}
