using Ksplice.Diff.Indexing;
using Ksplice.Elf.Model;

namespace Ksplice.Diff.Correlation;

/// <summary>
/// The loop the name rules share: group the open symbols of each side by a key, pair the groups that hold one symbol
/// on each side, and hand the groups with several to the rule's own way of telling them apart.
/// </summary>
public static class KeyedPairing
{
    public static void Pair<TKey>(CorrelationState state, string rule, Func<CorrelationState, DiffIndex, IEnumerable<ElfSymbol>> candidates,
        Func<DiffIndex, ElfSymbol, TKey> key, Action<List<ElfSymbol>, List<ElfSymbol>> several)
    {
        var pre = candidates(state, state.Pre).ToLookup(s => key(state.Pre, s));
        foreach (var group in candidates(state, state.Post).ToLookup(s => key(state.Post, s)))
        {
            var twins = pre[group.Key].ToList();
            if (twins.Count == 0) continue;
            var posts = group.ToList();
            if (posts.Count == 1 && twins.Count == 1) state.Pair(posts[0], twins[0], rule);
            else several(posts, twins);
        }
    }
}
