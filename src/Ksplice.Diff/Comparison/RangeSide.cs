using Ksplice.Diff.Indexing;
using Ksplice.Elf.Model;

namespace Ksplice.Diff.Comparison;

/// <summary>A byte range of one side: [<see cref="Start"/>, Start + <see cref="Length"/>) of a section.</summary>
public sealed record RangeSide(DiffIndex Index, ElfSection Section, long Start, long Length)
{
    public static RangeSide Of(DiffIndex index, ElfSymbol symbol) => new(index, symbol.Section!, (long)symbol.Value, (long)symbol.Size);

    public byte At(long relative)
    {
        var o = Start + relative;
        return Section.Type == ElfSectionType.NoBits || o < 0 || o >= Section.Data.Length ? (byte)0 : Section.Data[o];
    }

    public List<ElfRelocation> Relocations => RelocationRange.ListOf(Section, Start, Start + Length);
}
