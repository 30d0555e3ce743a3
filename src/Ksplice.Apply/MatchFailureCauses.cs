using Ksplice.Match;

namespace Ksplice.Apply;

/// <summary>The abort cause each kind of matching failure is reported as.</summary>
public static class MatchFailureCauses
{
    public static AbortCause AbortCause(this MatchFailureKind kind) => kind switch
    {
        MatchFailureKind.NoMatch => Abi.AbortCause.NoMatch,
        MatchFailureKind.FailedToFind => Abi.AbortCause.FailedToFind,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a matching failure kind"),
    };
}
