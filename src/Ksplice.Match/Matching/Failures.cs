using Ksplice.Match.Comparison;

namespace Ksplice.Match.Matching;

/// <summary>Builds the public failures from what the session found.</summary>
internal static class Failures
{
    public static MatchFailure From(MatchUnit unit, UnitOutcome outcome)
    {
        if (outcome.Candidates.Count == 0)
            return new MatchFailure(MatchFailureKind.FailedToFind, MatchFailureReason.NoCandidates, unit.Name, unit.Object.Path, unit.Object.Target)
            {
                Detail = $"kallsyms has no text symbol {unit.Name} in {unit.Object.Target}",
                Remedy = Remedies.NoCandidates,
            };
        if (outcome.State == UnitState.Ambiguous)
            return new MatchFailure(MatchFailureKind.FailedToFind, MatchFailureReason.Ambiguous, unit.Name, unit.Object.Path, unit.Object.Target)
            {
                Candidates = outcome.Candidates,
                Detail = $"matches at {outcome.Attempts.Count} places ({string.Join(", ", outcome.Attempts.Select(a => $"0x{a.Address:x}"))})",
                Remedy = Remedies.Ambiguous,
            };
        // The candidate that got furthest tells the most.
        var best = outcome.Attempts.OrderByDescending(a => a.Mismatch is { } m && m.Section == unit.Section ? m.Offset : -1).First();
        var mismatch = best.Mismatch!;
        var offset = mismatch.Section == unit.Section ? mismatch.Offset : (int?)null;
        var kind = mismatch.Reason == MatchFailureReason.Unreadable && outcome.Attempts.All(a => a.Running is null)
            ? MatchFailureKind.FailedToFind : MatchFailureKind.NoMatch;
        return new MatchFailure(kind, mismatch.Reason, unit.Name, unit.Object.Path, unit.Object.Target)
        {
            Candidate = best.Address,
            Candidates = outcome.Candidates,
            Place = unit.Object.Describe(mismatch.Section, mismatch.Offset),
            Offset = offset is { } o ? o - unit.Start : null,
            Expected = mismatch.Expected,
            Running = mismatch.Running,
            Detail = mismatch.Detail + (outcome.Candidates.Count > 1 ? $" (and {outcome.Candidates.Count - 1} other candidate(s) failed too)" : ""),
            Remedy = mismatch.Reason switch
            {
                MatchFailureReason.Unreadable => Remedies.Unreadable,
                MatchFailureReason.UnsupportedRelocation => Remedies.Unsupported,
                _ => Remedies.CodeDiffers,
            },
        };
    }

    public static MatchFailure BadRequest(string symbol, string objectPath, string target, string detail) =>
        new(MatchFailureKind.FailedToFind, MatchFailureReason.BadRequest, symbol, objectPath, target)
        {
            Detail = detail,
            Remedy = Remedies.BadRequest,
        };
}
