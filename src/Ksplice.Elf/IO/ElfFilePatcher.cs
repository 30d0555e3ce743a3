using System.Buffers.Binary;
using Ksplice.Elf.Model;
using Ksplice.Elf.Native;

namespace Ksplice.Elf.IO;

/// <summary>
/// Edits the bytes of an ELF file in place, where a field of the object read from those bytes lives. Nothing moves:
/// the result has the same layout, with only the named fields changed.
/// </summary>
public static class ElfFilePatcher
{
    /// <summary>Sets st_value of <paramref name="symbol"/> (read by <see cref="ElfReader"/> from <paramref name="file"/>).</summary>
    public static void WriteSymbolValue(Span<byte> file, ElfObject obj, ElfSymbol symbol, ulong value)
    {
        var symtab = obj.SymbolTable ?? throw new InvalidOperationException($"{obj.Origin}: the object has no symbol table");
        if (symbol.Index <= 0 || symbol.Index >= obj.Symbols.Count || obj.Symbols[symbol.Index] != symbol)
            throw new ArgumentException($"{obj.Origin}: {symbol} is not a symbol of this object", nameof(symbol));
        var entry = checked((long)symtab.FileOffset + (long)symbol.Index * Elf64Sym.Size);
        BinaryPrimitives.WriteUInt64LittleEndian(file.Slice(checked((int)(entry + Elf64Sym.Value)), sizeof(ulong)), value);
    }

    /// <summary>Makes <paramref name="symbol"/> a definition at <paramref name="value"/> in <paramref name="section"/> (st_shndx and st_value).</summary>
    public static void WriteSymbolDefinition(Span<byte> file, ElfObject obj, ElfSymbol symbol, ElfSection section, ulong value)
    {
        if (section.Index <= 0 || section.Index >= 0xff00 || obj.Sections.ElementAtOrDefault(section.Index) != section)
            throw new ArgumentException($"{obj.Origin}: {section.Name} is not a section of this object", nameof(section));
        WriteSymbolValue(file, obj, symbol, value);
        var entry = checked((long)obj.SymbolTable!.FileOffset + (long)symbol.Index * Elf64Sym.Size);
        BinaryPrimitives.WriteUInt16LittleEndian(file.Slice(checked((int)(entry + Elf64Sym.SectionIndex)), sizeof(ushort)), (ushort)section.Index);
    }

    /// <summary>Overwrites the bytes of <paramref name="section"/> at <paramref name="offset"/> with <paramref name="bytes"/>.</summary>
    public static void WriteSectionBytes(Span<byte> file, ElfSection section, ulong offset, ReadOnlySpan<byte> bytes)
    {
        if (section.Type == ElfSectionType.NoBits || offset > section.Size || (ulong)bytes.Length > section.Size - offset)
            throw new ArgumentOutOfRangeException(nameof(offset), $"{section.Name}: {bytes.Length} bytes at 0x{offset:x} do not fit in its 0x{section.Size:x} bytes");
        bytes.CopyTo(file[checked((int)(section.FileOffset + offset))..]);
    }
}
