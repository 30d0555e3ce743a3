namespace Ksplice.Types;

/// <summary>The loud lines an update's description carries for each type change its author allowed.</summary>
public static class AllowedTypeChanges
{
    public static IReadOnlyList<string> DescriptionLines(IEnumerable<string> allowedNames) =>
        allowedNames.Distinct(StringComparer.Ordinal)
            .Select(n => $"WARNING: type change allowed by the author: {n} (the update must keep old instances safe itself: shadow data or hooks)")
            .ToList();
}
