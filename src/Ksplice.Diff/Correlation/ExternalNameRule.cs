namespace Ksplice.Diff.Correlation;

/// <summary>Undefined symbols (calls to the rest of the kernel) are twins when their names are equal.</summary>
public sealed class ExternalNameRule : ICorrelationRule
{
    public string Name => "external name";

    public void Apply(CorrelationState state)
    {
        var pre = state.Open(state.Pre).Where(s => s.IsUndefined).GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First());
        foreach (var post in state.Open(state.Post).Where(s => s.IsUndefined).ToList())
            if (pre.TryGetValue(post.Name, out var twin) && !state.IsPaired(twin))
                state.Pair(post, twin, Name);
    }
}
