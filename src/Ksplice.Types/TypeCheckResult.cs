namespace Ksplice.Types;

/// <summary>
/// The refusals of one object, and the changes that would have been refused but the author allowed by name
/// (to be printed loudly in the update's description).
/// </summary>
public sealed record TypeCheckResult(IReadOnlyList<TypeRefusal> Refusals, IReadOnlyList<TypeRefusal> Allowed)
{
    public TimeSpan Elapsed { get; init; }
    public bool Refused => Refusals.Count > 0;
}
