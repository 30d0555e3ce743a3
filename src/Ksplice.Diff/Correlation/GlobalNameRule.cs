using Ksplice.Elf.Model;

namespace Ksplice.Diff.Correlation;

/// <summary>Defined global and weak symbols are twins when their names are equal (ELF makes such names unique).</summary>
public sealed class GlobalNameRule : ICorrelationRule
{
    public string Name => "global name";

    public void Apply(CorrelationState state)
    {
        var pre = state.Open(state.Pre).Where(IsDefinedGlobal).GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var post in state.Open(state.Post).Where(IsDefinedGlobal).ToList())
        {
            if (!pre.TryGetValue(post.Name, out var twins)) continue;
            var compatible = twins.Where(t => !state.IsPaired(t) && SymbolKind.Compatible(t, post)).ToList();
            if (compatible.Count == 1) state.Pair(post, compatible[0], Name);
            else if (compatible.Count > 1) state.Ambiguous(post, compatible, "several global symbols share the name");
        }
    }

    private static bool IsDefinedGlobal(ElfSymbol s) => !s.IsLocal && s.Section is not null && !s.IsSection;
}
