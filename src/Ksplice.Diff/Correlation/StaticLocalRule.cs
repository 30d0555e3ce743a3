using Ksplice.Diff.Indexing;
using Ksplice.Elf.Model;

namespace Ksplice.Diff.Correlation;

/// <summary>
/// Function-scope statics, which gcc names <c>name.N</c> with a number that changes between builds (<c>calls.3</c>
/// before, <c>calls.5</c> after). One candidate on each side: twins. Several (two functions each with a static
/// <c>calls</c>): the <see cref="Disambiguator"/> decides from the places and functions that refer to them. A writable
/// static that remains undecided while a function that refers to it also refers to a candidate is refused: its running
/// instance holds state, and picking the wrong one would be a guess. One that shares no user with any candidate is new.
/// </summary>
public sealed class StaticLocalRule : ICorrelationRule
{
    public string Name => "static local";

    public void Apply(CorrelationState state)
    {
        KeyedPairing.Pair(state, Name, Candidates, (side, s) => Key(state, side, s), (posts, twins) => Disambiguate(state, posts, twins));
    }

    private void Disambiguate(CorrelationState state, List<ElfSymbol> posts, List<ElfSymbol> twins)
    {
        var (openPosts, openTwins) = new Disambiguator(Name).Run(state, posts, twins);
        var preUsers = Disambiguator.Users(state, openTwins);
        var postUsers = Disambiguator.MappedUsers(state, openPosts);
        foreach (var p in openPosts)
        {
            var overlapping = openTwins.Where(t => preUsers[t].Overlaps(postUsers[p])).ToList();
            // A static whose users share nothing with any open candidate is new (its function is new or gained it).
            if (overlapping.Count > 0)
                state.Ambiguous(p, overlapping, $"the functions that refer to {p.Name} ({Users(state, p)}) refer to several of them");
        }
    }

    private static string Users(CorrelationState state, ElfSymbol post) =>
        string.Join(", ", state.Post.Referrers(post).Select(u => u.Name).Order(StringComparer.Ordinal));

    private static IEnumerable<ElfSymbol> Candidates(CorrelationState state, DiffIndex side) =>
        state.Open(side).Where(s => s.Section is not null && side.Name(s).HasLocalNumber);

    private static (string, string, string) Key(CorrelationState state, DiffIndex side, ElfSymbol s) => (side.Name(s).Key, SymbolKind.Of(s), state.FileOf(side, s));
}
