using Ksplice.Elf.Model;

namespace Ksplice.Diff.Correlation;

/// <summary>
/// Sections are twins when the first function or object they define has a twin (<c>.text.foo.constprop.1</c> and
/// <c>.text.foo.constprop.0</c>, <c>.bss.calls.5</c> and <c>.bss.calls.3</c>); sections without symbols when their
/// name is unique on both sides. Their section symbols then become twins too.
/// </summary>
public sealed class SectionRule : ICorrelationRule
{
    public string Name => "section";

    public void Apply(CorrelationState state)
    {
        var preByName = state.Pre.Object.Sections.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.ToList());
        var postNameCount = state.Post.Object.Sections.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.Count());
        var taken = new HashSet<ElfSection>();
        foreach (var post in state.Post.Object.Sections.Skip(1))
        {
            ElfSection? twin = null;
            var first = state.Post.SymbolsIn(post).Sized.FirstOrDefault(s => state.PreTwin(s) is not null);
            if (first is not null) twin = state.PreTwin(first)!.Section;
            else if (state.Post.SymbolsIn(post).Sized.Count == 0 && postNameCount[post.Name] == 1
                && preByName.TryGetValue(post.Name, out var named) && named.Count == 1 && state.Pre.SymbolsIn(named[0]).Sized.Count == 0)
                twin = named[0];
            if (twin is null || !taken.Add(twin)) continue;
            state.PairSections(post, twin);
            if (state.Post.SectionSymbolOf(post) is { } ps && state.Pre.SectionSymbolOf(twin) is { } qs && !state.IsPaired(ps) && !state.IsPaired(qs))
                state.Pair(ps, qs, Name);
        }
    }
}
