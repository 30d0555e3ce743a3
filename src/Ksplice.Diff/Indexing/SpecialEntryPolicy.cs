using Ksplice.Elf.Special;

namespace Ksplice.Diff.Indexing;

/// <summary>Decides the <see cref="SpecialEntryRole"/> of a table from its row in the special-section table.</summary>
public static class SpecialEntryPolicy
{
    public static SpecialEntryRole For(SpecialSectionKind kind) =>
        kind.Site is null ? SpecialEntryRole.NotCode
        : kind.ParallelSection is not null ? SpecialEntryRole.FollowsCode
        : kind.Fields.Count == 1 && kind.ByteFields.Count == 0 ? SpecialEntryRole.FollowsCode
        : SpecialEntryRole.PartOfFunction;

    public static string Explain(SpecialSectionKind kind) => For(kind) switch
    {
        SpecialEntryRole.NotCode => $"{kind.Name} is not tied to code sites",
        SpecialEntryRole.FollowsCode => $"{kind.Name} only lists sites that follow from the code",
        _ => $"{kind.Name} entries belong to the function of their site",
    };
}
