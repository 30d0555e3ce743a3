using Ksplice.Diff.Model;
using Ksplice.Package.Manifest;

namespace Ksplice.Update.Creation;

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

public sealed record CreateResult(CreateOutcome Outcome)
{
    public string? Tarball { get; init; }
    public UpdateManifest? Manifest { get; init; }
    public IReadOnlyList<CreateRefusal> Refusals { get; init; } = [];
    public IReadOnlyList<ObjectDiff> Diffs { get; init; } = [];
}
