using Ksplice.Apply.Applying;
using Ksplice.Package;

namespace Ksplice.Apply.Installed;

/// <summary>
/// What <c>ksplice-apply --all</c> did with one installed update: it was applied already, or the apply's report, or
/// the error that stopped it before the kernel was asked (a refusal, a broken tarball); with the time it took.
/// </summary>
public sealed record InstalledUpdateResult(InstalledUpdate Update, TimeSpan Elapsed)
{
    public bool WasApplied { get; init; }
    public ApplyReport? Report { get; init; }
    public Exception? Error { get; init; }

    public bool Failed => Error is not null || Report is { Outcome: ApplyOutcome.Aborted };
}
