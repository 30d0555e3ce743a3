using System.Buffers.Binary;
using Ksplice.Elf.Model;
using Ksplice.Elf.Native;

namespace Ksplice.TestSupport;

/// <summary>ELF objects crafted to cost a careless reader far more than their size (for the ELF reader's and apply's tests).</summary>
public static class HostileElf
{
    /// <summary>
    /// An object of <paramref name="count"/> section headers (64 bytes each: 16,382 make 1 MiB) that each claim the whole
    /// file; past 0xff00 the count is in section 0's sh_size (extended numbering).
    /// </summary>
    public static byte[] HeadersClaimingTheWholeFile(int count)
    {
        var shoff = Elf64Ehdr.Size;
        var data = Header(shoff + count * Elf64Shdr.Size, shoff);
        if (count < ElfSectionIndex.LoReserve) BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(Elf64Ehdr.ShNum), (ushort)count);
        else BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(shoff + Elf64Shdr.SectionSize), (ulong)count);
        for (var i = 1; i < count; i++)
        {
            var h = data.AsSpan(shoff + i * Elf64Shdr.Size, Elf64Shdr.Size);
            BinaryPrimitives.WriteUInt32LittleEndian(h[Elf64Shdr.Type..], (uint)ElfSectionType.ProgBits);
            BinaryPrimitives.WriteUInt64LittleEndian(h[Elf64Shdr.SectionSize..], (ulong)data.Length);
        }
        return data;
    }

    /// <summary>
    /// An object of a section header table, .strtab (one name of <paramref name="nameLength"/> 'A's), .symtab
    /// (<paramref name="symbols"/> entries, entry i named at offset <paramref name="nameOffset"/>(i) of .strtab) and .shstrtab.
    /// </summary>
    public static byte[] SymbolsNaming(int nameLength, int symbols, Func<int, uint> nameOffset)
    {
        var shstrtab = "\0.strtab\0.symtab\0.shstrtab\0"u8.ToArray();
        var strtab = new byte[nameLength + 2];
        strtab.AsSpan(1, nameLength).Fill((byte)'A');
        var strOffset = Elf64Ehdr.Size;
        var symOffset = (strOffset + strtab.Length + 7) & ~7;
        var shstrOffset = symOffset + symbols * Elf64Sym.Size;
        var shoff = (shstrOffset + shstrtab.Length + 7) & ~7;
        var data = Header(shoff + 4 * Elf64Shdr.Size, shoff);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(Elf64Ehdr.ShNum), 4);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(Elf64Ehdr.ShStrNdx), 3);
        strtab.CopyTo(data, strOffset);
        shstrtab.CopyTo(data, shstrOffset);
        for (var i = 1; i < symbols; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(symOffset + i * Elf64Sym.Size + Elf64Sym.Name), nameOffset(i));
        void Section(int index, uint name, ElfSectionType type, int offset, int size, uint link, ulong entrySize)
        {
            var h = data.AsSpan(shoff + index * Elf64Shdr.Size, Elf64Shdr.Size);
            BinaryPrimitives.WriteUInt32LittleEndian(h[Elf64Shdr.Name..], name);
            BinaryPrimitives.WriteUInt32LittleEndian(h[Elf64Shdr.Type..], (uint)type);
            BinaryPrimitives.WriteUInt64LittleEndian(h[Elf64Shdr.Offset..], (ulong)offset);
            BinaryPrimitives.WriteUInt64LittleEndian(h[Elf64Shdr.SectionSize..], (ulong)size);
            BinaryPrimitives.WriteUInt32LittleEndian(h[Elf64Shdr.Link..], link);
            BinaryPrimitives.WriteUInt64LittleEndian(h[Elf64Shdr.EntSize..], entrySize);
        }
        Section(1, 1, ElfSectionType.StringTable, strOffset, strtab.Length, 0, 0);
        Section(2, 9, ElfSectionType.SymbolTable, symOffset, symbols * Elf64Sym.Size, 1, Elf64Sym.Size);
        Section(3, 17, ElfSectionType.StringTable, shstrOffset, shstrtab.Length, 0, 0);
        return data;
    }

    /// <summary>A zeroed file of <paramref name="length"/> bytes with an x86-64 relocatable ELF header whose section headers start at <paramref name="shoff"/>.</summary>
    private static byte[] Header(int length, int shoff)
    {
        var data = new byte[length];
        data[0] = 0x7f; data[1] = (byte)'E'; data[2] = (byte)'L'; data[3] = (byte)'F';
        data[Elf64Ehdr.Class] = ElfIdent.Class64;
        data[Elf64Ehdr.Data] = ElfIdent.LittleEndian;
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(Elf64Ehdr.Type), (ushort)ElfFileType.Relocatable);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(Elf64Ehdr.Machine), ElfIdent.MachineX86_64);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(Elf64Ehdr.ShOff), (ulong)shoff);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(Elf64Ehdr.ShEntSize), Elf64Shdr.Size);
        return data;
    }
}
