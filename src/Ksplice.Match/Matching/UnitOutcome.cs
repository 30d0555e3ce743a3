namespace Ksplice.Match.Matching;

/// <summary>Where a unit stands: matched (one attempt), ambiguous (several matching attempts), or failed.</summary>
internal sealed record UnitOutcome(UnitState State, IReadOnlyList<Attempt> Attempts, IReadOnlyList<ulong> Candidates)
{
    public Attempt? Match => State == UnitState.Matched ? Attempts[0] : null;
}
