using Ksplice.Elf.Special;

namespace Ksplice.Diff.Indexing;

/// <summary>
/// A special-section entry with the function it belongs to: <see cref="Part"/> 0 is the function, 1 its cold part,
/// 2 code of an alternative replacement whose site is at <see cref="Offset"/> (then <see cref="Inner"/> is the offset
/// inside the replacement). Pairs of entries are matched in this order, so the order of a table does not matter.
/// </summary>
public sealed record OwnedEntry(SpecialEntry Entry, FunctionUnit Owner, int Part, long Offset, long Inner)
{
    public string Place => Part switch
    {
        0 => $"+0x{Offset:x}",
        1 => $"{Owner.Cold?.Name}+0x{Offset:x}",
        _ => $"replacement of +0x{Offset:x}, +0x{Inner:x}",
    };

    public (string, int, long, long, int) SortKey => (Entry.Kind.Name, Part, Offset, Inner, Entry.Index);
}
