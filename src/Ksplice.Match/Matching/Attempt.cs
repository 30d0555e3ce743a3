using Ksplice.Match.Comparison;

namespace Ksplice.Match.Matching;

/// <summary>
/// One candidate address tried for a unit: the running bytes (exactly the running function once matched), what it
/// learnt (a fork), or why it failed.
/// </summary>
internal sealed record Attempt(MatchUnit Unit, ulong Address, byte[]? Running, SymbolLearner Learner, Mismatch? Mismatch)
{
    /// <summary>The form each patch site was found in.</summary>
    public IReadOnlyList<string> Forms { get; init; } = [];

    public bool Ok => Mismatch is null && Running is not null;
}
