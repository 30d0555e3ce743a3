namespace Ksplice.Match;

/// <summary>Matching failed; carries every failure (the first one's kind decides the abort cause).</summary>
public sealed class RunPreMatchException(IReadOnlyList<MatchFailure> failures)
    : Exception(string.Join('\n', failures.Select(f => f.Message)))
{
    public IReadOnlyList<MatchFailure> Failures { get; } = failures;

    public MatchFailureKind Kind => Failures.Count > 0 ? Failures[0].Kind : MatchFailureKind.NoMatch;
}
