namespace Ksplice.Diff.Correlation;

/// <summary>
/// A cold part belongs to its function (by name, or by the jumps between them): when the function has a twin, the
/// cold part's twin is the twin's cold part. Decides cold parts that share their name with others.
/// </summary>
public sealed class ColdPartRule : ICorrelationRule
{
    public string Name => "cold part of the twin";

    public void Apply(CorrelationState state)
    {
        foreach (var post in state.Post.Units)
        {
            if (post.Cold is null || state.IsPaired(post.Cold) || state.PreTwin(post.Main) is not { } twin) continue;
            if (state.Pre.UnitOf(twin) is { Cold: { } cold } && !state.IsPaired(cold)) state.Pair(post.Cold, cold, Name);
        }
    }
}
