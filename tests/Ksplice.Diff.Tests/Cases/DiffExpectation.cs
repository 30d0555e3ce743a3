namespace Ksplice.Diff.Tests.Cases;

/// <summary>
/// What one case expects from the differ. Every list is exact: a key missing from the case line means "none".
/// <see cref="Twins"/> are correlations (post name, pre name) that must hold; others are not checked.
/// </summary>
public sealed record DiffExpectation(
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> New,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> DataNew,
    IReadOnlyList<string> DataChanged,
    IReadOnlyList<string> DataRemoved,
    IReadOnlyList<string> Refused,
    IReadOnlyList<(string Post, string Pre)> Twins)
{
    public static DiffExpectation None { get; } = new([], [], [], [], [], [], [], []);
}
