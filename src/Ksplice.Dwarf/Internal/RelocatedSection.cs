using System.Buffers.Binary;
using Ksplice.Elf.Model;

namespace Ksplice.Dwarf.Internal;

/// <summary>
/// A debug section of a relocatable object with its RELA relocations applied: in an ET_REL object every offset into
/// .debug_str, .debug_line_str, .debug_abbrev, .debug_line, ... is 0 in the bytes and carried by the addend.
/// Each absolute field becomes S + A (section symbols have value 0, so the addend is the offset); the symbol of each
/// relocated field is kept so an address can be tied to the function whose section it points into.
/// </summary>
internal sealed class RelocatedSection
{
    private RelocatedSection(string name, byte[] data, Dictionary<int, ElfSymbol> symbols)
    {
        Name = name;
        Data = data;
        Symbols = symbols;
    }

    public string Name { get; }
    public byte[] Data { get; }
    public Dictionary<int, ElfSymbol> Symbols { get; }

    public static RelocatedSection? Find(ElfObject obj, string name)
    {
        var section = obj.FindSection(name);
        if (section is null) return null;
        if ((section.Flags & ElfSectionFlags.Compressed) != 0)
            throw new DwarfFormatException($"{obj.Origin}: {name} is compressed (SHF_COMPRESSED), which this reader does not decompress");
        var data = (byte[])section.Data.Clone();
        var symbols = new Dictionary<int, ElfSymbol>();
        foreach (var r in section.Relocations)
        {
            var at = checked((int)r.Offset);
            var value = (long)r.Symbol.Value + r.Addend;
            switch (r.Type)
            {
                case X86RelocationType.Abs32 or X86RelocationType.Abs32S:
                    BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(at, 4), (uint)value);
                    break;
                case X86RelocationType.Abs64:
                    BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(at, 8), (ulong)value);
                    break;
                case X86RelocationType.None:
                    continue;
                default:
                    throw new DwarfFormatException($"{obj.Origin}: {name}+0x{r.Offset:x}: relocation {r.Type} is not expected in debug information");
            }
            symbols[at] = r.Symbol;
        }
        return new RelocatedSection(name, data, symbols);
    }
}
