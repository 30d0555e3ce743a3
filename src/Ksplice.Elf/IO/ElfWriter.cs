using System.Buffers.Binary;
using System.Text;
using Ksplice.Elf.Model;
using Ksplice.Elf.Native;

namespace Ksplice.Elf.IO;

/// <summary>
/// Writes an <see cref="ElfObject"/> as an ELF64 relocatable object. The symbol table, its string table, the section
/// name table, RELA sections and groups are regenerated from the model; other sections are written as they are, in
/// index order, each at its alignment, with the section header table last (the layout GNU as produces).
/// </summary>
public static class ElfWriter
{
    public static void WriteFile(ElfObject obj, string path) => File.WriteAllBytes(path, Write(obj));

    public static byte[] Write(ElfObject obj)
    {
        if (obj.FileType != ElfFileType.Relocatable)
            throw new NotSupportedException($"{obj.Origin}: only relocatable objects can be written, not {obj.FileType}");
        Prepare(obj);

        var symtab = obj.SymbolTable!;
        var strtab = symtab.LinkedSection!;
        var shstrtab = obj.Sections.First(s => s.Type == ElfSectionType.StringTable && s.IsStringTableOfObject && s != strtab);
        var extended = obj.Sections.Count >= ElfSectionIndex.LoReserve;
        var shndx = obj.Sections.FirstOrDefault(s => s.Type == ElfSectionType.SymbolTableSectionIndex);
        if (extended && shndx is null)
        {
            shndx = obj.AddSection(new ElfSection(".symtab_shndx", ElfSectionType.SymbolTableSectionIndex)
            { Alignment = 4, EntrySize = 4, LinkedSection = symtab });
        }

        var shnames = new StringTableBuilder();
        foreach (var s in obj.Sections) shnames.Add(s.Name);
        var names = new StringTableBuilder();
        foreach (var y in obj.Symbols) names.Add(y.Name);
        shstrtab.Data = shnames.Build();
        strtab.Data = names.Build();
        symtab.Data = EncodeSymbols(obj, names, out var shndxData);
        symtab.EntrySize = Elf64Sym.Size;
        symtab.Alignment = 8;
        symtab.RawInfo = (uint)(obj.Symbols.Count(y => y.IsLocal));
        if (shndx is not null) { shndx.Data = shndxData; shndx.LinkedSection = symtab; }

        foreach (var s in obj.Sections)
        {
            if (s.Type == ElfSectionType.Rela && s.RelocationTarget is { } target)
            {
                s.Data = EncodeRelocations(target);
                s.LinkedSection = symtab;
                s.EntrySize = Elf64Rela.Size;
            }
            else if (s.Type == ElfSectionType.Group)
            {
                var g = new byte[4 + 4 * s.GroupMembers.Count];
                BinaryPrimitives.WriteUInt32LittleEndian(g, s.GroupFlags);
                for (var i = 0; i < s.GroupMembers.Count; i++)
                    BinaryPrimitives.WriteUInt32LittleEndian(g.AsSpan(4 + 4 * i), (uint)s.GroupMembers[i].Index);
                s.Data = g;
                s.LinkedSection = symtab;
            }
        }

        var offsets = new ulong[obj.Sections.Count];
        ulong pos = Elf64Ehdr.Size;
        foreach (var s in obj.Sections.Skip(1))
        {
            if (s.Type == ElfSectionType.NoBits) { offsets[s.Index] = Align(pos, Math.Max(1, s.Alignment)); continue; }
            pos = Align(pos, Math.Max(1, s.Alignment));
            offsets[s.Index] = pos;
            pos += (ulong)s.Data.Length;
        }
        var shoff = Align(pos, 8);
        var total = shoff + (ulong)obj.Sections.Count * Elf64Shdr.Size;
        var file = new byte[total];

        WriteHeader(obj, file, shoff, shstrtab.Index, extended);
        foreach (var s in obj.Sections.Skip(1))
        {
            if (s.Type != ElfSectionType.NoBits) s.Data.CopyTo(file.AsSpan((int)offsets[s.Index]));
        }
        for (var i = 0; i < obj.Sections.Count; i++)
        {
            var s = obj.Sections[i];
            var h = file.AsSpan((int)shoff + Elf64Shdr.Size * i, Elf64Shdr.Size);
            if (i == 0)
            {
                if (extended)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(h[Elf64Shdr.SectionSize..], (ulong)obj.Sections.Count);
                    BinaryPrimitives.WriteUInt32LittleEndian(h[Elf64Shdr.Link..], (uint)shstrtab.Index);
                }
                continue;
            }
            BinaryPrimitives.WriteUInt32LittleEndian(h[Elf64Shdr.Name..], (uint)shnames.Offset(s.Name));
            BinaryPrimitives.WriteUInt32LittleEndian(h[Elf64Shdr.Type..], (uint)s.Type);
            BinaryPrimitives.WriteUInt64LittleEndian(h[Elf64Shdr.Flags..], (ulong)s.Flags);
            BinaryPrimitives.WriteUInt64LittleEndian(h[Elf64Shdr.Addr..], s.Address);
            BinaryPrimitives.WriteUInt64LittleEndian(h[Elf64Shdr.Offset..], offsets[i]);
            BinaryPrimitives.WriteUInt64LittleEndian(h[Elf64Shdr.SectionSize..], s.Size);
            BinaryPrimitives.WriteUInt32LittleEndian(h[Elf64Shdr.Link..], Link(s));
            BinaryPrimitives.WriteUInt32LittleEndian(h[Elf64Shdr.Info..], Info(s));
            BinaryPrimitives.WriteUInt64LittleEndian(h[Elf64Shdr.AddrAlign..], s.Alignment);
            BinaryPrimitives.WriteUInt64LittleEndian(h[Elf64Shdr.EntSize..], s.EntrySize);
        }
        return file;
    }

    private static uint Link(ElfSection s) => s.LinkedSection is { } l ? (uint)l.Index : s.RawLink;

    private static uint Info(ElfSection s) => s.Type switch
    {
        ElfSectionType.Rela when s.RelocationTarget is { } t => (uint)t.Index,
        ElfSectionType.Group when s.GroupSignature is { } g => (uint)g.Index,
        _ => s.RawInfo,
    };

    /// <summary>Makes the model writable: locals first, a .symtab/.strtab/.shstrtab, a RELA section for every section with relocations.</summary>
    private static void Prepare(ElfObject obj)
    {
        obj.SortSymbolsLocalsFirst();
        var symtab = obj.SymbolTable;
        if (symtab is null)
        {
            symtab = obj.AddSection(new ElfSection(".symtab", ElfSectionType.SymbolTable) { Alignment = 8, EntrySize = Elf64Sym.Size });
        }
        if (symtab.LinkedSection is null || symtab.LinkedSection.Type != ElfSectionType.StringTable)
        {
            symtab.LinkedSection = obj.AddSection(new ElfSection(".strtab", ElfSectionType.StringTable) { IsStringTableOfObject = true });
        }
        symtab.LinkedSection.IsStringTableOfObject = true;
        if (!obj.Sections.Any(s => s.Type == ElfSectionType.StringTable && s.IsStringTableOfObject && s != symtab.LinkedSection))
            obj.AddSection(new ElfSection(".shstrtab", ElfSectionType.StringTable) { IsStringTableOfObject = true });

        foreach (var s in obj.Sections.ToList())
        {
            if (s.Relocations.Count == 0 || s.RelocationSection is not null) continue;
            var rela = obj.AddSection(new ElfSection(".rela" + s.Name, ElfSectionType.Rela)
            {
                Flags = ElfSectionFlags.InfoLink | (s.Flags & ElfSectionFlags.Group),
                Alignment = 8,
                EntrySize = Elf64Rela.Size,
                RelocationTarget = s,
                LinkedSection = symtab,
            });
            s.RelocationSection = rela;
            if (s.Group is { } group && !group.GroupMembers.Contains(rela)) group.GroupMembers.Add(rela);
        }
        foreach (var s in obj.Sections)
        {
            foreach (var r in s.Relocations)
            {
                if (r.Symbol.Index >= obj.Symbols.Count || obj.Symbols[r.Symbol.Index] != r.Symbol)
                    throw new InvalidOperationException($"{obj.Origin}: {s.Name}+0x{r.Offset:x} refers to symbol {r.Symbol}, which is not in the object");
            }
        }
    }

    private static byte[] EncodeSymbols(ElfObject obj, StringTableBuilder names, out byte[] shndx)
    {
        var data = new byte[obj.Symbols.Count * Elf64Sym.Size];
        shndx = new byte[obj.Symbols.Count * 4];
        foreach (var y in obj.Symbols.Skip(1))
        {
            var e = data.AsSpan(y.Index * Elf64Sym.Size, Elf64Sym.Size);
            BinaryPrimitives.WriteUInt32LittleEndian(e[Elf64Sym.Name..], (uint)names.Offset(y.Name));
            e[Elf64Sym.Info] = (byte)(((int)y.Binding << 4) | ((int)y.Type & 0xf));
            e[Elf64Sym.Other] = (byte)y.Visibility;
            uint index = y.Section is { } s ? (uint)s.Index : y.SpecialIndex;
            if (y.Section is not null && index >= ElfSectionIndex.LoReserve)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(shndx.AsSpan(y.Index * 4), index);
                index = ElfSectionIndex.Extended;
            }
            BinaryPrimitives.WriteUInt16LittleEndian(e[Elf64Sym.SectionIndex..], (ushort)index);
            BinaryPrimitives.WriteUInt64LittleEndian(e[Elf64Sym.Value..], y.Value);
            BinaryPrimitives.WriteUInt64LittleEndian(e[Elf64Sym.SymbolSize..], y.Size);
        }
        return data;
    }

    private static byte[] EncodeRelocations(ElfSection target)
    {
        var data = new byte[target.Relocations.Count * Elf64Rela.Size];
        for (var i = 0; i < target.Relocations.Count; i++)
        {
            var r = target.Relocations[i];
            var e = data.AsSpan(i * Elf64Rela.Size, Elf64Rela.Size);
            BinaryPrimitives.WriteUInt64LittleEndian(e[Elf64Rela.Offset..], r.Offset);
            BinaryPrimitives.WriteUInt64LittleEndian(e[Elf64Rela.Info..], ((ulong)(uint)r.Symbol.Index << 32) | (uint)r.Type);
            BinaryPrimitives.WriteInt64LittleEndian(e[Elf64Rela.Addend..], r.Addend);
        }
        return data;
    }

    private static void WriteHeader(ElfObject obj, byte[] file, ulong shoff, int shstrndx, bool extended)
    {
        var h = file.AsSpan(0, Elf64Ehdr.Size);
        h[0] = 0x7f; h[1] = (byte)'E'; h[2] = (byte)'L'; h[3] = (byte)'F';
        h[Elf64Ehdr.Class] = ElfIdent.Class64;
        h[Elf64Ehdr.Data] = ElfIdent.LittleEndian;
        h[Elf64Ehdr.IdentVersion] = ElfIdent.CurrentVersion;
        h[Elf64Ehdr.OsAbi] = obj.OsAbi;
        BinaryPrimitives.WriteUInt16LittleEndian(h[Elf64Ehdr.Type..], (ushort)obj.FileType);
        BinaryPrimitives.WriteUInt16LittleEndian(h[Elf64Ehdr.Machine..], obj.Machine);
        BinaryPrimitives.WriteUInt32LittleEndian(h[Elf64Ehdr.Version..], ElfIdent.CurrentVersion);
        BinaryPrimitives.WriteUInt64LittleEndian(h[Elf64Ehdr.Entry..], obj.Entry);
        BinaryPrimitives.WriteUInt64LittleEndian(h[Elf64Ehdr.ShOff..], shoff);
        BinaryPrimitives.WriteUInt32LittleEndian(h[Elf64Ehdr.Flags..], obj.Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(h[Elf64Ehdr.EhSize..], Elf64Ehdr.Size);
        BinaryPrimitives.WriteUInt16LittleEndian(h[Elf64Ehdr.ShEntSize..], Elf64Shdr.Size);
        BinaryPrimitives.WriteUInt16LittleEndian(h[Elf64Ehdr.ShNum..], extended ? (ushort)0 : (ushort)obj.Sections.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(h[Elf64Ehdr.ShStrNdx..], extended ? ElfSectionIndex.Extended : (ushort)shstrndx);
    }

    private static ulong Align(ulong value, ulong alignment) => (value + alignment - 1) / alignment * alignment;

    /// <summary>A NUL-separated string table with the empty string at offset 0 and each distinct string once.</summary>
    private sealed class StringTableBuilder
    {
        private readonly Dictionary<string, int> _offsets = new() { [""] = 0 };
        private readonly MemoryStream _bytes = new();

        public StringTableBuilder()
        {
            _bytes.WriteByte(0);
        }

        public void Add(string s)
        {
            if (_offsets.ContainsKey(s)) return;
            _offsets[s] = (int)_bytes.Position;
            var b = Encoding.UTF8.GetBytes(s);
            _bytes.Write(b);
            _bytes.WriteByte(0);
        }

        public int Offset(string s) => _offsets[s];

        public byte[] Build() => _bytes.ToArray();
    }
}
