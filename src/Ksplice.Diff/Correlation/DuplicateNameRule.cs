using Ksplice.Diff.Indexing;
using Ksplice.Elf.Model;

namespace Ksplice.Diff.Correlation;

/// <summary>
/// Plain names that several symbols of one kind share on a side and that no FILE symbol tells apart (objects linked
/// from several files, stripped of FILE symbols: two <c>static</c> functions named <c>jhash</c> from one header).
/// Runs after the other rules so the <see cref="Disambiguator"/> can use their twins as evidence; what it cannot decide
/// is refused.
/// </summary>
public sealed class DuplicateNameRule : ICorrelationRule
{
    public string Name => "duplicate name";

    public void Apply(CorrelationState state)
    {
        // Pairs made for one name are evidence for another (an ops table, then the functions it points at): repeat
        // while something pairs, and refuse only what the last round still cannot decide.
        var undecided = new List<(List<ElfSymbol> Posts, List<ElfSymbol> Twins)>();
        for (var paired = -1; paired != state.PostToPre.Count;)
        {
            paired = state.PostToPre.Count;
            undecided.Clear();
            var pre = Candidates(state, state.Pre).ToLookup(s => (s.Name, SymbolKind.Of(s)));
            foreach (var group in Candidates(state, state.Post).ToLookup(s => (s.Name, SymbolKind.Of(s))))
            {
                var twins = pre[group.Key].ToList();
                if (twins.Count == 0) continue;
                var left = new Disambiguator(Name).Run(state, group.ToList(), twins);
                if (left.Twins.Count > 0 && left.Posts.Count > 0) undecided.Add(left);
            }
        }
        foreach (var (posts, twins) in undecided)
            foreach (var p in posts)
                state.Ambiguous(p, twins, "several symbols share the name and nothing that refers to them tells them apart");
    }

    private static IEnumerable<ElfSymbol> Candidates(CorrelationState state, DiffIndex side) =>
        state.Open(side).Where(s => s.Section is not null && s.Name.Length > 0 && !side.Name(s).IsDecorated);
}
