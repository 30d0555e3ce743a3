using Ksplice.Elf.Special;

namespace Ksplice.Diff.Indexing;

/// <summary>How the differ treats the entries of one special section (derived from the table, not from names).</summary>
public enum SpecialEntryRole
{
    /// <summary>Entries say something the code does not (a line, a key, a fixup, a replacement): part of their function.</summary>
    PartOfFunction,
    /// <summary>Entries only list sites that follow from the code itself (__mcount_loc, .return_sites, ORC): not compared.</summary>
    FollowsCode,
    /// <summary>Entries are not tied to a code site (.printk_index): not compared.</summary>
    NotCode,
}

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
