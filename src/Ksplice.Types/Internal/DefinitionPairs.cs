namespace Ksplice.Types.Internal;

/// <summary>
/// Which pre entry to compare with which post entry when a name has several (a variable declared <c>extern</c> before
/// its definition, static variables or functions of one name in two units of a linked object): the definitions, in
/// order of appearance; the declarations only when a side has no definition. Several definitions of one name that
/// disagree leave no way to tell which one the running kernel's copy is: such a name is paired with the reason.
/// </summary>
internal static class DefinitionPairs
{
    internal sealed record Pair<T>(string Name, T Pre, T Post, string? Disagreement);

    /// <summary>One pair per name both sides have, unless every definition is unchanged.</summary>
    /// <param name="same">Whether two entries have the same type (or prototype).</param>
    /// <param name="describe">The type (or prototype) as C, for the reason of a disagreement.</param>
    public static IEnumerable<Pair<T>> Of<T>(IEnumerable<T> pre, IEnumerable<T> post, Func<T, string> name, Func<T, bool> isDefinition,
        Func<T, T, bool> same, Func<T, string> describe)
    {
        var after = post.GroupBy(name).ToDictionary(g => g.Key, g => Preferred(g, isDefinition));
        foreach (var group in pre.GroupBy(name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (!after.TryGetValue(group.Key, out var now)) continue;
            var before = Preferred(group, isDefinition);
            if (before.Count == now.Count && before.Zip(now).All(p => same(p.First, p.Second))) continue;
            var disagreeing = new[] { (Side: "before", List: before), (Side: "after", List: now) }
                .Where(s => s.List.Skip(1).Any(x => !same(s.List[0], x)))
                .Select(s => $"{s.Side} the patch: {string.Join("; ", s.List.Select(describe).Distinct())}").ToList();
            yield return new Pair<T>(group.Key, before[0], now[0],
                disagreeing.Count == 0 ? null : $"the definitions of {group.Key} disagree ({string.Join("; ", disagreeing)})");
        }
    }

    private static List<T> Preferred<T>(IEnumerable<T> entries, Func<T, bool> isDefinition)
    {
        var all = entries.ToList();
        var definitions = all.Where(isDefinition).ToList();
        return definitions.Count > 0 ? definitions : all;
    }
}
