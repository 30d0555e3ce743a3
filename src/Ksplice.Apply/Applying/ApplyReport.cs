using Ksplice.Apply.Kernel;
using Ksplice.Match;

namespace Ksplice.Apply.Applying;

/// <summary>The result of ksplice-apply: outcome, abort cause, details for the user, what matching found, and (dry run) what would refuse the real apply.</summary>
public sealed record ApplyReport(ApplyOutcome Outcome, string Id)
{
    public AbortCause Cause { get; init; } = AbortCause.Ok;

    /// <summary>The update's description (apply; empty for undo).</summary>
    public string Description { get; init; } = "";

    /// <summary>--dry-run: what would refuse the real apply before it loads anything (a real apply throws the first).</summary>
    public IReadOnlyList<TargetRefusal> Blockers { get; init; } = [];
    public IReadOnlyList<string> Details { get; init; } = [];
    public IReadOnlyList<StackConflict> Conflicts { get; init; } = [];
    public string Debug { get; init; } = "";
    public MatchResult? Match { get; init; }

    /// <summary>What the user should know though nothing failed, e.g. which ftrace user traces a replaced function.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    public TimeSpan MatchTime { get; init; }
}
