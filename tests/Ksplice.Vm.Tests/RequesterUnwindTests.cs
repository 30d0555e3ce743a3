using Xunit;

namespace Ksplice.Vm.Tests;

public sealed class RequesterUnwindBoot() : BootFixture("unwind.sh", Cases)
{
    public static readonly string[] Cases =
    [
        "unwind_setup",
        "apply_busy_when_the_requesters_unwind_stops_early",
        "apply_succeeds_when_the_requesters_unwind_is_complete",
    ];
}

/// <summary>
/// The requester's threads are unwound rather than scanned word by word, and an unwind that stops before the top of
/// the stack (a frame without ORC data) falls back to the word scan (tests/vm/cases/unwind.sh).
/// </summary>
public sealed class RequesterUnwindTests(RequesterUnwindBoot boot) : IClassFixture<RequesterUnwindBoot>
{
    private readonly GuestResult _guest = boot.Result;

    [Fact]
    public void BootIsHealthy() => _guest.EnsureHealthy();

    [Fact]
    public void SetUp() => _guest.EnsurePassed("unwind_setup");

    /// <summary>An unwind stopped by a frame without ORC data: every word is scanned, a stale address is code_busy.</summary>
    [Fact]
    public void AnEarlyStopFallsBackToTheWordScan() =>
        _guest.EnsurePassed("apply_busy_when_the_requesters_unwind_stops_early");

    /// <summary>A complete unwind counts only return addresses: the same stale word does not block the update.</summary>
    [Fact]
    public void ACompleteUnwindIgnoresAStaleWord() =>
        _guest.EnsurePassed("apply_succeeds_when_the_requesters_unwind_is_complete");
}
