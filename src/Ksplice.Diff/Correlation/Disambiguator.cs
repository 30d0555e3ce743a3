using Ksplice.Elf.Sections;
using Ksplice.Diff.Indexing;
using Ksplice.Elf.Model;

namespace Ksplice.Diff.Correlation;

/// <summary>
/// Tells apart several open candidates that share a name key, with evidence only, strongest first:
/// (1) the same place: twin symbols refer to them at the same offset (an unchanged function with two statics of one
/// name); (2) their users, mapped through the twins found so far: exact agreement of the sets, then a unique overlap;
/// both repeated while they make progress, since a pair made here is evidence for the next (nested compound literals);
/// (3) interchangeable candidates: identical read-only contents, or identical functions that refer only to names
/// outside the object, global names and strings; (4) one left on each side. Read-only candidates still undecided are left to be compared by content (a copy in the update is as good as
/// the original). What remains is returned to the rule, which decides whether it is new or refused.
/// </summary>
public sealed class Disambiguator(string rule)
{
    public (List<ElfSymbol> Posts, List<ElfSymbol> Twins) Run(CorrelationState state, List<ElfSymbol> posts, List<ElfSymbol> twins)
    {
        var preUsers = Users(state, twins);
        for (var paired = -1; paired != state.PostToPre.Count;)
        {
            paired = state.PostToPre.Count;
            PairBySamePlace(state, posts, twins);
            var postUsers = MappedUsers(state, posts);
            if (!Round(state, posts, twins, postUsers, preUsers, (a, b) => a.Count > 0 && a.SetEquals(b), "the same functions refer to it"))
                Round(state, posts, twins, postUsers, preUsers, (a, b) => a.Overlaps(b), "a function that refers to it");
        }

        PairInterchangeable(state, posts, twins);
        var openPosts = posts.Where(p => !state.IsPaired(p)).ToList();
        var openTwins = twins.Where(t => !state.IsPaired(t)).ToList();
        if (openPosts.Count == 1 && openTwins.Count == 1)
        {
            state.Pair(openPosts[0], openTwins[0], rule + " (the only one left)");
            return ([], []);
        }
        if (openPosts.Count + openTwins.Count > 0 && openPosts.All(p => IsReadOnly(state.Post, p)) && openTwins.All(t => IsReadOnly(state.Pre, t)))
        {
            state.CopyByContent(openPosts.Concat(openTwins));
            return ([], []);
        }
        return (openPosts, openTwins);
    }

    /// <summary>The symbols that refer to each pre candidate.</summary>
    public static Dictionary<ElfSymbol, HashSet<ElfSymbol>> Users(CorrelationState state, IEnumerable<ElfSymbol> twins) =>
        twins.ToDictionary(t => t, t => state.Pre.Referrers(t).ToHashSet());

    /// <summary>The pre twins of the symbols that refer to each post candidate.</summary>
    public static Dictionary<ElfSymbol, HashSet<ElfSymbol>> MappedUsers(CorrelationState state, IEnumerable<ElfSymbol> posts) =>
        posts.ToDictionary(p => p, p => state.Post.Referrers(p).Select(u => state.PreTwin(u)).OfType<ElfSymbol>().ToHashSet());

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
                state.Pair(q, ps.First(), $"{rule} (referred to from the same place in {string.Join(", ", state.Post.Referrers(q).Select(u => u.Name).Order(StringComparer.Ordinal))})");
    }

    /// <summary>Offsets inside <paramref name="user"/> whose relocation refers to one of <paramref name="wanted"/>.</summary>
    private static Dictionary<long, ElfSymbol> References(DiffIndex side, ElfSymbol user, HashSet<ElfSymbol> wanted)
    {
        var found = new Dictionary<long, ElfSymbol>();
        var sec = user.Section!;
        foreach (var r in RelocationRange.Of(sec, (long)user.Value, (long)(user.Value + user.Size)))
        {
            var target = r.Symbol.IsSection && r.Symbol.Section is { } ts
                ? side.SymbolsIn(ts).Containing(side.ReferencedPlace(sec, r))
                : r.Symbol;
            if (target is not null && wanted.Contains(target)) found[(long)r.Offset - (long)user.Value] = target;
        }
        return found;
    }

    /// <summary>
    /// Pairs candidates with the same fingerprint, in symbol order, when either copy would do: read-only data, and
    /// functions that refer to nothing local but strings (two static copies of one header function).
    /// </summary>
    private void PairInterchangeable(CorrelationState state, List<ElfSymbol> posts, List<ElfSymbol> twins)
    {
        var open = twins.Where(t => !state.IsPaired(t) && Interchangeable(state.Pre, t)).GroupBy(t => Fingerprint.Of(state.Pre, t))
            .ToDictionary(g => g.Key, g => new Queue<ElfSymbol>(g.OrderBy(t => t.Index)));
        foreach (var p in posts.Where(p => !state.IsPaired(p) && Interchangeable(state.Post, p)).OrderBy(p => p.Index))
            if (open.TryGetValue(Fingerprint.Of(state.Post, p), out var queue) && queue.Count > 0)
                state.Pair(p, queue.Dequeue(), $"{rule} (interchangeable: identical {(p.Type == ElfSymbolType.Function ? "self-contained code" : "read-only contents")})");
    }

    private static bool Interchangeable(DiffIndex side, ElfSymbol s) =>
        IsReadOnly(side, s) || (s.Type == ElfSymbolType.Function && s.Section is { } sec
            && RelocationRange.Of(sec, (long)s.Value, (long)(s.Value + s.Size)).All(r => r.Symbol.IsUndefined || !r.Symbol.IsLocal && !r.Symbol.IsSection
                || r.Symbol.Section is { } ts && side.Category(ts) == SectionCategory.Mergeable));

    private static bool IsReadOnly(DiffIndex side, ElfSymbol s) => s.Section is { } sec && side.Category(sec) == SectionCategory.ReadOnly;

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
            state.Pair(p, matches[0], $"{rule} ({why})");
            progress = true;
        }
        return progress;
    }
}
