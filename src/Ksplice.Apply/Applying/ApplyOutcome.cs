namespace Ksplice.Apply.Applying;

public enum ApplyOutcome
{
    /// <summary>The update is live.</summary>
    Applied,
    /// <summary>--dry-run: it matches and would be applied (conflicts, if any, say what would block it now).</summary>
    WouldApply,
    /// <summary>The matcher or the kernel refused; <see cref="ApplyReport.Cause"/> says why. Nothing changed.</summary>
    Aborted,
}
