using Ksplice.Diff.Indexing;
using Ksplice.Elf.Model;

namespace Ksplice.Diff.Correlation;

/// <summary>
/// Symbols with a plain name (no gcc number or suffix) are twins when the name is unique among the open symbols of the
/// same kind on each side, or, failing that, within the same FILE symbol. Covers static functions and file-scope
/// statics, and symbols whose scope the patch changed (static to global or back). Names still shared by several are
/// left to <see cref="DuplicateNameRule"/>.
/// </summary>
public sealed class LocalNameRule : ICorrelationRule
{
    public string Name => "local name";

    public void Apply(CorrelationState state)
    {
        KeyedPairing.Pair(state, Name, Candidates, (_, s) => (s.Name, SymbolKind.Of(s)), (posts, twins) =>
        {
            foreach (var p in posts)
            {
                var file = state.FileOf(state.Post, p);
                var sameFile = twins.Where(t => state.FileOf(state.Pre, t) == file).ToList();
                var rivals = posts.Count(o => state.FileOf(state.Post, o) == file);
                if (sameFile.Count == 1 && rivals == 1 && !state.IsPaired(sameFile[0]))
                    state.Pair(p, sameFile[0], Name + " in " + (file.Length > 0 ? file : "no file"));
            }
        });
    }

    private static IEnumerable<ElfSymbol> Candidates(CorrelationState state, DiffIndex side) =>
        state.Open(side).Where(s => s.Section is not null && s.Name.Length > 0 && !side.Name(s).IsDecorated);
}
