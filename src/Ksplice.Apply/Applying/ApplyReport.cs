using Ksplice.Apply.Kernel;
using Ksplice.Match;

namespace Ksplice.Apply.Applying;

/// <summary>The result of ksplice-apply: outcome, abort cause, details for the user, and what matching found.</summary>
public sealed record ApplyReport(ApplyOutcome Outcome, string Id)
{
    public AbortCause Cause { get; init; } = AbortCause.Ok;
    public IReadOnlyList<string> Details { get; init; } = [];
    public IReadOnlyList<StackConflict> Conflicts { get; init; } = [];
    public string Debug { get; init; } = "";
    public MatchResult? Match { get; init; }
    public TimeSpan MatchTime { get; init; }
}
