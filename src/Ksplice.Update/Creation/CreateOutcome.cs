namespace Ksplice.Update.Creation;

/// <summary>How a ksplice-create run ended.</summary>
public enum CreateOutcome
{
    /// <summary>The tarball was written.</summary>
    Created,
    /// <summary>--prebuild: the tree is prepared, nothing else to do.</summary>
    Prepared,
    /// <summary>The patch changes no object code (exit 66, "No changes detected").</summary>
    NoChanges,
    /// <summary>The patch changes something a live update cannot carry; see <see cref="CreateResult.Refusals"/>.</summary>
    Refused,
}
