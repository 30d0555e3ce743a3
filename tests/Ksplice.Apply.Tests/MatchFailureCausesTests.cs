using Ksplice.Abi;
using Ksplice.Match;
using Xunit;

namespace Ksplice.Apply.Tests;

public sealed class MatchFailureCausesTests
{
    public static TheoryData<MatchFailureKind> Kinds => new(Enum.GetValues<MatchFailureKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EachKindIsTheAbortCauseItsMessageNames(MatchFailureKind kind)
    {
        var failure = new MatchFailure(kind, MatchFailureReason.NotFound, "sym", "a.o", "vmlinux") { Detail = "d", Remedy = "r" };

        Assert.StartsWith(kind.AbortCause().WireName() + ": ", failure.Message);
    }

    [Fact]
    public void NoMatchAndFailedToFindAreTheirAbortCauses()
    {
        Assert.Equal(AbortCause.NoMatch, MatchFailureKind.NoMatch.AbortCause());
        Assert.Equal(AbortCause.FailedToFind, MatchFailureKind.FailedToFind.AbortCause());
    }
}
