using Ksplice.Diff.Model;
using Ksplice.Package.Manifest;

namespace Ksplice.Update.Creation;

/// <summary>What a ksplice-create run produced: the outcome, and the tarball, manifest, refusals and diffs that go with it.</summary>
public sealed record CreateResult(CreateOutcome Outcome)
{
    public string? Tarball { get; init; }
    public UpdateManifest? Manifest { get; init; }
    public IReadOnlyList<CreateRefusal> Refusals { get; init; } = [];
    public IReadOnlyList<ObjectDiff> Diffs { get; init; } = [];
}
