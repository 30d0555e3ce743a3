namespace Ksplice.Elf.Special;

/// <summary>
/// One row of the special-section table: a section the kernel reads as an array of fixed-size entries that refer to
/// code. <see cref="ParallelSection"/> names a section whose entries correspond one to one (.orc_unwind to
/// .orc_unwind_ip). Entries may be padded so the last one is shorter (<see cref="LastEntryMayBeShort"/>).
/// </summary>
public sealed record SpecialSectionKind(
    string Name,
    int EntrySize,
    IReadOnlyList<SpecialField> Fields,
    SitePatchKind Patch,
    string Description)
{
    public string? ParallelSection { get; init; }
    public int ParallelEntrySize { get; init; }
    public bool LastEntryMayBeShort { get; init; }

    /// <summary>
    /// What rewrites the code at a site while the kernel runs, after boot and module load (a static key switched, a
    /// static call retargeted, ftrace); null when only boot or module load does. A jump written over such a site
    /// would be found (the kernel calls BUG) or overwritten later.
    /// </summary>
    public string? RewrittenWhileRunningBy { get; init; }

    /// <summary>Byte offsets of small non-relocated fields the matcher or differ need (length of the site, etc.).</summary>
    public IReadOnlyDictionary<string, int> ByteFields { get; init; } = new Dictionary<string, int>();

    public SpecialField? Site => Fields.FirstOrDefault(f => f.Role == FieldRole.Site);
}
