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
