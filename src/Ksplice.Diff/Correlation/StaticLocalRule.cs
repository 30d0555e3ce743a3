using Ksplice.Diff.Indexing;
using Ksplice.Elf.Model;

namespace Ksplice.Diff.Correlation;

/// <summary>
/// Function-scope statics, which gcc names <c>name.N</c> with a number that changes between builds (<c>calls.3</c>
/// before, <c>calls.5</c> after). One candidate on each side: twins. Several (two functions each with a static
/// <c>calls</c>): first the places that refer to them, where twin functions refer at the same offset (the case of an
/// unchanged function with two statics of one name); then the functions that refer to each one, mapped through the
/// twins found so far: exact agreement of those sets, then a unique overlap, repeated while it makes progress. Read-only statics with identical
/// contents are interchangeable and pair in order; read-only ones still undecided are left to be compared by content
/// (a copy in the update is as good as the original). A writable static that remains undecided is refused: its
/// running instance holds state, and picking the wrong one would be a guess.
/// </summary>
public sealed class StaticLocalRule : ICorrelationRule
{
    public string Name => "static local";

    public void Apply(CorrelationState state)
    {
        var pre = Candidates(state, state.Pre).ToLookup(s => Key(state, state.Pre, s));
        var post = Candidates(state, state.Post).ToLookup(s => Key(state, state.Post, s));
        foreach (var group in post)
        {
            var twins = pre[group.Key].ToList();
            if (twins.Count == 0) continue;
            var posts = group.ToList();
            if (posts.Count == 1 && twins.Count == 1)
            {
                state.Pair(posts[0], twins[0], Name);
                continue;
            }
            Disambiguate(state, posts, twins);
        }
    }

    private void Disambiguate(CorrelationState state, List<ElfSymbol> posts, List<ElfSymbol> twins)
    {
        var preUsers = twins.ToDictionary(t => t, t => state.Pre.Referrers(t).ToHashSet());
        var postUsers = posts.ToDictionary(p => p, p => state.Post.Referrers(p).Select(u => state.PreTwin(u)).OfType<ElfSymbol>().ToHashSet());
        PairBySamePlace(state, posts, twins);
        bool progress;
        do
        {
            progress = Round(state, posts, twins, postUsers, preUsers, (a, b) => a.Count > 0 && a.SetEquals(b), "the same functions refer to it")
                || Round(state, posts, twins, postUsers, preUsers, (a, b) => a.Overlaps(b), "a function that refers to it");
        }
        while (progress);

        PairIdenticalReadOnly(state, posts, twins);
        var openPosts = posts.Where(p => !state.IsPaired(p)).ToList();
        var openTwins = twins.Where(t => !state.IsPaired(t)).ToList();
        if (openPosts.Count == 1 && openTwins.Count == 1)
        {
            state.Pair(openPosts[0], openTwins[0], Name + " (the only one left)");
            return;
        }
        if (openPosts.All(p => IsReadOnly(state.Post, p)) && openTwins.All(t => IsReadOnly(state.Pre, t)))
        {
            state.CopyByContent(openPosts.Concat(openTwins));
            return;
        }
        foreach (var p in openPosts)
        {
            var overlapping = openTwins.Where(t => preUsers[t].Overlaps(postUsers[p])).ToList();
            // A static whose users share nothing with any open candidate is new (its function is new or gained it).
            if (overlapping.Count > 0)
                state.Ambiguous(p, overlapping, $"the functions that refer to {p.Name} ({Users(state, p)}) refer to several of them");
        }
    }

    /// <summary>
    /// Votes from twin functions: where the post function refers to a candidate at offset X and its pre twin refers to
    /// a candidate at the same offset, those two are the same static. A pair is made only when every vote agrees.
    /// </summary>
    private void PairBySamePlace(CorrelationState state, List<ElfSymbol> posts, List<ElfSymbol> twins)
    {
        var preSet = twins.ToHashSet();
        var postSet = posts.ToHashSet();
        var votes = new Dictionary<ElfSymbol, HashSet<ElfSymbol>>();
        var back = new Dictionary<ElfSymbol, HashSet<ElfSymbol>>();
        foreach (var user in posts.SelectMany(p => state.Post.Referrers(p)).Distinct())
        {
            if (state.PreTwin(user) is not { Section: not null } preUser || user.Section is null) continue;
            var preRefs = References(state.Pre, preUser, preSet);
            foreach (var (offset, q) in References(state.Post, user, postSet))
            {
                if (!preRefs.TryGetValue(offset, out var p)) continue;
                (votes.TryGetValue(q, out var v) ? v : votes[q] = []).Add(p);
                (back.TryGetValue(p, out var w) ? w : back[p] = []).Add(q);
            }
        }
        foreach (var (q, ps) in votes)
            if (ps.Count == 1 && back[ps.First()].Count == 1 && !state.IsPaired(q) && !state.IsPaired(ps.First()))
                state.Pair(q, ps.First(), $"{Name} (referred to from the same place in {string.Join(", ", state.Post.Referrers(q).Select(u => u.Name).Order(StringComparer.Ordinal))})");
    }

    /// <summary>Offsets inside <paramref name="user"/> whose relocation refers to one of <paramref name="wanted"/>.</summary>
    private static Dictionary<long, ElfSymbol> References(ObjectIndex side, ElfSymbol user, HashSet<ElfSymbol> wanted)
    {
        var found = new Dictionary<long, ElfSymbol>();
        var sec = user.Section!;
        foreach (var r in RelocationRange.Of(sec, (long)user.Value, (long)(user.Value + user.Size)))
        {
            var target = r.Symbol.IsSection && r.Symbol.Section is { } ts
                ? side.SymbolsIn(ts).Containing((long)r.Symbol.Value + r.Addend + RelocationBias.Preferred(sec, r))
                : r.Symbol;
            if (target is not null && wanted.Contains(target)) found[(long)r.Offset - (long)user.Value] = target;
        }
        return found;
    }

    /// <summary>Pairs read-only statics with the same fingerprint, in symbol order: equal read-only bytes are interchangeable.</summary>
    private void PairIdenticalReadOnly(CorrelationState state, List<ElfSymbol> posts, List<ElfSymbol> twins)
    {
        var open = twins.Where(t => !state.IsPaired(t) && IsReadOnly(state.Pre, t)).GroupBy(t => Fingerprint.Of(state.Pre, t))
            .ToDictionary(g => g.Key, g => new Queue<ElfSymbol>(g.OrderBy(t => t.Index)));
        foreach (var p in posts.Where(p => !state.IsPaired(p) && IsReadOnly(state.Post, p)).OrderBy(p => p.Index))
            if (open.TryGetValue(Fingerprint.Of(state.Post, p), out var queue) && queue.Count > 0)
                state.Pair(p, queue.Dequeue(), $"{Name} (identical read-only contents)");
    }

    private static bool IsReadOnly(ObjectIndex side, ElfSymbol s) => s.Section is { } sec && side.Category(sec) == SectionCategory.ReadOnly;

    /// <summary>Pairs every open post static whose users match exactly one open pre static, and the other way round.</summary>
    private bool Round(CorrelationState state, List<ElfSymbol> posts, List<ElfSymbol> twins,
        Dictionary<ElfSymbol, HashSet<ElfSymbol>> postUsers, Dictionary<ElfSymbol, HashSet<ElfSymbol>> preUsers,
        Func<HashSet<ElfSymbol>, HashSet<ElfSymbol>, bool> agree, string why)
    {
        var progress = false;
        foreach (var p in posts.Where(p => !state.IsPaired(p)).ToList())
        {
            var matches = twins.Where(t => !state.IsPaired(t) && agree(preUsers[t], postUsers[p])).ToList();
            if (matches.Count != 1) continue;
            var back = posts.Count(o => !state.IsPaired(o) && agree(preUsers[matches[0]], postUsers[o]));
            if (back != 1) continue;
            state.Pair(p, matches[0], $"{Name} ({why})");
            progress = true;
        }
        return progress;
    }

    private static string Users(CorrelationState state, ElfSymbol post) =>
        string.Join(", ", state.Post.Referrers(post).Select(u => u.Name).Order(StringComparer.Ordinal));

    private static IEnumerable<ElfSymbol> Candidates(CorrelationState state, ObjectIndex side) =>
        state.Open(side).Where(s => s.Section is not null && side.Name(s).HasLocalNumber);

    private static (string, string, string) Key(CorrelationState state, ObjectIndex side, ElfSymbol s) => (side.Name(s).Key, SymbolKind.Of(s), state.FileOf(side, s));
}
