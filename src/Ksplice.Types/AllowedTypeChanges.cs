namespace Ksplice.Types;

/// <summary>What the author's <c>--allow-type-change</c> names did: the loud lines an update's description carries for each
/// type change they allowed, and the names that allowed nothing.</summary>
public static class AllowedTypeChanges
{
    public static IReadOnlyList<string> DescriptionLines(IEnumerable<string> allowedNames) =>
        allowedNames.Distinct(StringComparer.Ordinal)
            .Select(n => $"WARNING: type change allowed by the author: {n} (the update must keep old instances safe itself: shadow data or hooks)")
            .ToList();

    /// <summary>The names that match no change of any object that would be refused without them, each with the names of the
    /// changes that would be (refused or allowed).</summary>
    public static IReadOnlyList<UnmatchedAllowance> Unmatched(IEnumerable<string> allowedNames, IReadOnlyCollection<TypeCheckResult> results)
    {
        var changed = results.SelectMany(r => r.Refusals.Where(x => x.Kind != TypeChangeKind.Unverifiable).Concat(r.Allowed))
            .Select(x => x.AllowName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return allowedNames.Distinct(StringComparer.Ordinal).Where(n => !changed.Contains(n, StringComparer.Ordinal))
            .Select(n => new UnmatchedAllowance(n, changed)).ToList();
    }
}
