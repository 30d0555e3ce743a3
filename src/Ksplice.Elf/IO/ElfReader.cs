using System.Buffers.Binary;
using System.Text;
using Ksplice.Elf.Model;

namespace Ksplice.Elf.IO;

/// <summary>
/// Reads ELF64 little-endian x86-64 files into an <see cref="ElfObject"/>: relocatable objects completely (sections,
/// symbols, RELA, groups), executables with their program headers. Problems are collected as diagnostics;
/// <see cref="Read(byte[], string)"/> throws <see cref="ElfFormatException"/> when there is an error.
/// </summary>
public sealed class ElfReader
{
    private readonly byte[] _data;
    private readonly string _origin;
    private readonly List<ElfDiagnostic> _diagnostics = [];

    private ElfReader(byte[] data, string origin)
    {
        _data = data;
        _origin = origin;
    }

    public static ElfObject ReadFile(string path) => Read(File.ReadAllBytes(path), path);

    public static ElfObject Read(byte[] data, string origin)
    {
        if (!TryRead(data, origin, out var obj, out var diagnostics)) throw new ElfFormatException(diagnostics);
        return obj!;
    }

    public static bool TryRead(byte[] data, string origin, out ElfObject? obj, out IReadOnlyList<ElfDiagnostic> diagnostics)
    {
        var reader = new ElfReader(data, origin);
        obj = null;
        try
        {
            obj = reader.ReadAll();
        }
        catch (BadElfException)
        {
            obj = null;
        }
        diagnostics = reader._diagnostics;
        if (reader._diagnostics.Any(d => d.Kind == ElfDiagnosticKind.Error)) obj = null;
        return obj is not null;
    }

    /// <summary>Reads only the ELF header and program headers from a stream (for /proc/kcore and large images).</summary>
    public static IReadOnlyList<ElfSegment> ReadSegments(Stream stream, string origin)
    {
        var ident = new byte[64];
        stream.Position = 0;
        stream.ReadExactly(ident);
        var header = new ElfReader(ident, origin);
        header.CheckIdent();
        var phoff = BinaryPrimitives.ReadUInt64LittleEndian(ident.AsSpan(32));
        var phentsize = BinaryPrimitives.ReadUInt16LittleEndian(ident.AsSpan(54));
        var phnum = BinaryPrimitives.ReadUInt16LittleEndian(ident.AsSpan(56));
        if (phentsize != 56 && phnum > 0)
            throw new ElfFormatException([new(ElfDiagnosticKind.Error, origin, $"program header entry size {phentsize}, expected 56")]);
        var table = new byte[phnum * 56];
        stream.Position = (long)phoff;
        stream.ReadExactly(table);
        return Enumerable.Range(0, phnum).Select(i => ParseSegment(table.AsSpan(i * 56, 56))).ToList();
    }

    private sealed class BadElfException : Exception;

    private void Error(string message)
    {
        _diagnostics.Add(new(ElfDiagnosticKind.Error, _origin, message));
        throw new BadElfException();
    }

    private void Warn(string message) => _diagnostics.Add(new(ElfDiagnosticKind.Warning, _origin, message));

    private void CheckIdent()
    {
        if (_data.Length < 64) Error($"file is {_data.Length} bytes, too short for an ELF header");
        if (_data[0] != 0x7f || _data[1] != (byte)'E' || _data[2] != (byte)'L' || _data[3] != (byte)'F')
            Error("not an ELF file (bad magic)");
        if (_data[4] != 2) Error($"ELF class {_data[4]}: only ELF64 is supported");
        if (_data[5] != 1) Error($"data encoding {_data[5]}: only little-endian is supported");
        var machine = BinaryPrimitives.ReadUInt16LittleEndian(_data.AsSpan(18));
        if (machine != 62) Error($"machine {machine}: only x86-64 (62) is supported");
    }

    private ReadOnlySpan<byte> Slice(ulong offset, ulong size, string what)
    {
        if (offset > (ulong)_data.Length || size > (ulong)_data.Length - offset)
            Error($"{what}: bytes [0x{offset:x}, 0x{offset + size:x}) lie outside the {_data.Length}-byte file");
        return _data.AsSpan((int)offset, (int)size);
    }

    private static ElfSegment ParseSegment(ReadOnlySpan<byte> p) => new(
        (ElfSegmentType)BinaryPrimitives.ReadUInt32LittleEndian(p),
        BinaryPrimitives.ReadUInt32LittleEndian(p[4..]),
        BinaryPrimitives.ReadUInt64LittleEndian(p[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(p[16..]),
        BinaryPrimitives.ReadUInt64LittleEndian(p[24..]),
        BinaryPrimitives.ReadUInt64LittleEndian(p[32..]),
        BinaryPrimitives.ReadUInt64LittleEndian(p[40..]),
        BinaryPrimitives.ReadUInt64LittleEndian(p[48..]));

    private ElfObject ReadAll()
    {
        CheckIdent();
        var h = _data.AsSpan();
        var obj = new ElfObject((ElfFileType)BinaryPrimitives.ReadUInt16LittleEndian(h[16..]))
        {
            Origin = _origin,
            OsAbi = _data[7],
            Machine = BinaryPrimitives.ReadUInt16LittleEndian(h[18..]),
            Entry = BinaryPrimitives.ReadUInt64LittleEndian(h[24..]),
            Flags = BinaryPrimitives.ReadUInt32LittleEndian(h[48..]),
        };
        var phoff = BinaryPrimitives.ReadUInt64LittleEndian(h[32..]);
        var shoff = BinaryPrimitives.ReadUInt64LittleEndian(h[40..]);
        var phentsize = BinaryPrimitives.ReadUInt16LittleEndian(h[54..]);
        var phnum = BinaryPrimitives.ReadUInt16LittleEndian(h[56..]);
        var shentsize = BinaryPrimitives.ReadUInt16LittleEndian(h[58..]);
        uint shnum = BinaryPrimitives.ReadUInt16LittleEndian(h[60..]);
        uint shstrndx = BinaryPrimitives.ReadUInt16LittleEndian(h[62..]);

        if (phnum > 0)
        {
            if (phentsize != 56) Error($"program header entry size {phentsize}, expected 56");
            var table = Slice(phoff, (ulong)phnum * 56, "program header table");
            for (var i = 0; i < phnum; i++) obj.Segments.Add(ParseSegment(table.Slice(i * 56, 56)));
        }
        if (shoff == 0) return obj;
        if (shentsize != 64) Error($"section header entry size {shentsize}, expected 64");

        var first = Slice(shoff, 64, "section header 0");
        if (shnum == 0) shnum = (uint)BinaryPrimitives.ReadUInt64LittleEndian(first[32..]);
        if (shstrndx == ElfSectionIndex.Extended) shstrndx = BinaryPrimitives.ReadUInt32LittleEndian(first[40..]);
        var headers = Slice(shoff, (ulong)shnum * 64, "section header table").ToArray();
        if (shstrndx >= shnum) Error($"section name table index {shstrndx} is outside the {shnum} sections");

        var raw = new RawSection[shnum];
        for (var i = 0; i < shnum; i++)
        {
            var s = headers.AsSpan(i * 64, 64);
            raw[i] = new RawSection(
                BinaryPrimitives.ReadUInt32LittleEndian(s),
                (ElfSectionType)BinaryPrimitives.ReadUInt32LittleEndian(s[4..]),
                BinaryPrimitives.ReadUInt64LittleEndian(s[8..]),
                BinaryPrimitives.ReadUInt64LittleEndian(s[16..]),
                BinaryPrimitives.ReadUInt64LittleEndian(s[24..]),
                BinaryPrimitives.ReadUInt64LittleEndian(s[32..]),
                BinaryPrimitives.ReadUInt32LittleEndian(s[40..]),
                BinaryPrimitives.ReadUInt32LittleEndian(s[44..]),
                BinaryPrimitives.ReadUInt64LittleEndian(s[48..]),
                BinaryPrimitives.ReadUInt64LittleEndian(s[56..]));
        }
        var shstr = raw[shstrndx];
        var names = Slice(shstr.Offset, shstr.Size, "section name table");

        var sections = new ElfSection[shnum];
        sections[0] = obj.Sections[0];
        for (var i = 1; i < shnum; i++)
        {
            var r = raw[i];
            var section = new ElfSection(ReadString(names, r.Name, $"name of section [{i}]"), r.Type)
            {
                Flags = (ElfSectionFlags)r.Flags,
                Address = r.Address,
                Alignment = r.Alignment,
                EntrySize = r.EntrySize,
                RawLink = r.Link,
                RawInfo = r.Info,
                FileOffset = r.Offset,
            };
            if (r.Type == ElfSectionType.NoBits) section.Size = r.Size;
            else section.Data = Slice(r.Offset, r.Size, $"section [{i}] {section.Name}").ToArray();
            sections[i] = obj.AddSection(section);
        }
        if (shstrndx != 0) sections[shstrndx].IsStringTableOfObject = true;

        var symtabIndex = Array.FindIndex(raw, r => r.Type == ElfSectionType.SymbolTable);
        var symbols = new List<ElfSymbol> { obj.Symbols[0] };
        if (symtabIndex > 0) symbols = ReadSymbols(obj, raw, sections, symtabIndex);

        for (var i = 1; i < shnum; i++)
        {
            var r = raw[i];
            var section = sections[i];
            switch (r.Type)
            {
                case ElfSectionType.SymbolTable:
                case ElfSectionType.Rela:
                case ElfSectionType.Group:
                case ElfSectionType.SymbolTableSectionIndex:
                    if (r.Link >= shnum) Error($"section [{i}] {section.Name}: sh_link {r.Link} is outside the {shnum} sections");
                    section.LinkedSection = sections[r.Link];
                    break;
                default:
                    if ((r.Flags & (ulong)ElfSectionFlags.LinkOrder) != 0 && r.Link != 0 && r.Link < shnum)
                        section.LinkedSection = sections[r.Link];
                    break;
            }
            if (r.Type == ElfSectionType.SymbolTable && r.Link < shnum) sections[r.Link].IsStringTableOfObject = true;
            if (r.Type == ElfSectionType.Rela && (int)r.Link == symtabIndex)
                ReadRelocations(section, r, sections, symbols, i);
            else if (r.Type == ElfSectionType.Rela)
                Warn($"section [{i}] {section.Name}: relocations against a table other than .symtab are kept as bytes");
            else if (r.Type == ElfSectionType.Rel)
                Error($"section [{i}] {section.Name}: SHT_REL is not used on x86-64");
            if (r.Type == ElfSectionType.Group) ReadGroup(section, r, sections, symbols, i);
        }
        return obj;
    }

    private void ReadRelocations(ElfSection rela, RawSection r, ElfSection[] sections, List<ElfSymbol> symbols, int index)
    {
        if (r.Info == 0 || r.Info >= sections.Length) Error($"section [{index}] {rela.Name}: sh_info {r.Info} names no section");
        if (r.EntrySize != 24) Error($"section [{index}] {rela.Name}: entry size {r.EntrySize}, expected 24");
        var target = sections[r.Info];
        rela.RelocationTarget = target;
        target.RelocationSection = rela;
        var data = rela.Data;
        for (var k = 0; k + 24 <= data.Length; k += 24)
        {
            var e = data.AsSpan(k, 24);
            var offset = BinaryPrimitives.ReadUInt64LittleEndian(e);
            var info = BinaryPrimitives.ReadUInt64LittleEndian(e[8..]);
            var addend = BinaryPrimitives.ReadInt64LittleEndian(e[16..]);
            var symIndex = (int)(info >> 32);
            var type = (X86RelocationType)(uint)info;
            if (symIndex >= symbols.Count) Error($"section [{index}] {rela.Name}: entry {k / 24} names symbol {symIndex} of {symbols.Count}");
            if (!RelocationInfo.IsSupported(type)) Error($"section [{index}] {rela.Name}: entry {k / 24} has unsupported type {(uint)type}");
            var width = (ulong)RelocationInfo.Width(type);
            if (target.Type != ElfSectionType.NoBits && offset + width > target.Size)
                Error($"section [{index}] {rela.Name}: entry {k / 24} at 0x{offset:x} lies outside {target.Name} (0x{target.Size:x} bytes)");
            target.Relocations.Add(new ElfRelocation(offset, type, symbols[symIndex], addend));
        }
        target.Relocations.Sort((a, b) => a.Offset.CompareTo(b.Offset));
    }

    private void ReadGroup(ElfSection group, RawSection r, ElfSection[] sections, List<ElfSymbol> symbols, int index)
    {
        var data = group.Data;
        if (data.Length < 4 || data.Length % 4 != 0) Error($"section [{index}] {group.Name}: group of {data.Length} bytes");
        group.GroupFlags = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (r.Info < symbols.Count) group.GroupSignature = symbols[(int)r.Info];
        for (var k = 4; k < data.Length; k += 4)
        {
            var member = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(k));
            if (member == 0 || member >= sections.Length) Error($"section [{index}] {group.Name}: member {member} is not a section");
            group.GroupMembers.Add(sections[member]);
            sections[member].Group = group;
        }
    }

    private List<ElfSymbol> ReadSymbols(ElfObject obj, RawSection[] raw, ElfSection[] sections, int symtabIndex)
    {
        var st = raw[symtabIndex];
        if (st.EntrySize != 24) Error($"section [{symtabIndex}] .symtab: entry size {st.EntrySize}, expected 24");
        if (st.Link >= raw.Length) Error($"section [{symtabIndex}] .symtab: string table {st.Link} does not exist");
        var strtab = Slice(raw[st.Link].Offset, raw[st.Link].Size, "symbol string table");
        var data = Slice(st.Offset, st.Size, ".symtab");
        var shndxIndex = Array.FindIndex(raw, x => x.Type == ElfSectionType.SymbolTableSectionIndex && x.Link == symtabIndex);
        var shndxTable = shndxIndex > 0 ? Slice(raw[shndxIndex].Offset, raw[shndxIndex].Size, ".symtab_shndx") : default;

        var list = new List<ElfSymbol> { obj.Symbols[0] };
        var count = data.Length / 24;
        for (var i = 1; i < count; i++)
        {
            var e = data.Slice(i * 24, 24);
            var info = e[4];
            uint shndx = BinaryPrimitives.ReadUInt16LittleEndian(e[6..]);
            var symbol = new ElfSymbol(ReadString(strtab, BinaryPrimitives.ReadUInt32LittleEndian(e), $"name of symbol {i}"))
            {
                Binding = (ElfSymbolBinding)(info >> 4),
                Type = (ElfSymbolType)(info & 0xf),
                Visibility = (ElfSymbolVisibility)(e[5] & 3),
                Value = BinaryPrimitives.ReadUInt64LittleEndian(e[8..]),
                Size = BinaryPrimitives.ReadUInt64LittleEndian(e[16..]),
            };
            if (shndx == ElfSectionIndex.Extended)
            {
                if (shndxTable.Length < (i + 1) * 4) Error($"symbol {i} ({symbol.Name}) uses SHN_XINDEX but .symtab_shndx is missing");
                shndx = BinaryPrimitives.ReadUInt32LittleEndian(shndxTable[(i * 4)..]);
            }
            else if (shndx >= ElfSectionIndex.LoReserve)
            {
                symbol.SpecialIndex = (ushort)shndx;
                shndx = 0;
            }
            if (shndx != 0)
            {
                if (shndx >= sections.Length) Error($"symbol {i} ({symbol.Name}) is defined in section {shndx}, which does not exist");
                symbol.Section = sections[shndx];
            }
            list.Add(obj.AddSymbol(symbol));
        }
        return list;
    }

    private string ReadString(ReadOnlySpan<byte> table, uint offset, string what)
    {
        if (offset >= table.Length)
        {
            if (offset == 0) return "";
            Error($"{what}: string offset {offset} is outside its {table.Length}-byte table");
        }
        var rest = table[(int)offset..];
        var end = rest.IndexOf((byte)0);
        if (end < 0) Error($"{what}: string at offset {offset} is not NUL-terminated");
        return Encoding.UTF8.GetString(rest[..end]);
    }

    private readonly record struct RawSection(uint Name, ElfSectionType Type, ulong Flags, ulong Address, ulong Offset,
        ulong Size, uint Link, uint Info, ulong Alignment, ulong EntrySize);
}
