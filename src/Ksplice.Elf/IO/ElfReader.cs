using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Ksplice.Elf.Model;
using Ksplice.Elf.Native;

namespace Ksplice.Elf.IO;

/// <summary>
/// Reads ELF64 little-endian x86-64 files into an <see cref="ElfObject"/>: relocatable objects completely (sections,
/// symbols, RELA, groups), executables with their program headers. Problems go into an <see cref="ElfDiagnosticBag"/>
/// and reading carries on past them, so one read reports every problem (the first <see cref="ElfDiagnosticBag.MaximumKept"/>
/// in full, then a count; a section header table with more problems than that is not read further);
/// <see cref="Read(byte[], string)"/> throws <see cref="ElfFormatException"/> with all of them, <see cref="TryRead"/>
/// returns them.
/// The input is not trusted: every offset, size, index and entry size is checked against the file before it is used,
/// and no section's bytes are copied until the section is known to lie inside the file apart from the headers and
/// every other section, so the copies together never exceed the file's size.
/// </summary>
public sealed class ElfReader
{
    /// <summary>Bytes of string table the names of a file may take, on top of <see cref="NameBytesPerFileByte"/> per byte
    /// of the file.</summary>
    private const long NameBytesBase = 1 << 20;

    /// <summary>A compiler's names take less string table than the file holds, even counting a name that ends another (as
    /// .text.f ends .rela.text.f) once for each: twice the file is far more than any object needs.</summary>
    private const long NameBytesPerFileByte = 2;

    private readonly byte[] _data;
    private readonly ElfDiagnosticBag _diagnostics;

    /// <summary>Each name read, by its string table's index and its offset there: one string for every symbol that names it.</summary>
    private readonly Dictionary<(int Table, uint Offset), string> _names = [];

    /// <summary>What is left of the bytes of string table that reading names may still scan (see <see cref="ReadString"/>).</summary>
    private long _nameBytesLeft;

    private ElfReader(byte[] data, string origin)
    {
        _data = data;
        _diagnostics = new ElfDiagnosticBag(origin);
        _nameBytesLeft = NameBytesBase + NameBytesPerFileByte * data.Length;
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
        obj = reader.ReadAll();
        diagnostics = reader._diagnostics.Items;
        if (reader._diagnostics.HasErrors) obj = null;
        return obj is not null;
    }

    /// <summary>Reads only the ELF header and program headers from a stream (for /proc/kcore and large images).</summary>
    public static IReadOnlyList<ElfSegment> ReadSegments(Stream stream, string origin)
    {
        var ident = new byte[Elf64Ehdr.Size];
        stream.Position = 0;
        stream.ReadExactly(ident);
        var header = new ElfReader(ident, origin);
        if (!header.CheckIdent()) throw new ElfFormatException(header._diagnostics.Items);
        var phoff = BinaryPrimitives.ReadUInt64LittleEndian(ident.AsSpan(Elf64Ehdr.PhOff));
        var phentsize = BinaryPrimitives.ReadUInt16LittleEndian(ident.AsSpan(Elf64Ehdr.PhEntSize));
        var phnum = BinaryPrimitives.ReadUInt16LittleEndian(ident.AsSpan(Elf64Ehdr.PhNum));
        if (phentsize != Elf64Phdr.Size && phnum > 0)
        {
            header._diagnostics.Error(ElfDiagnosticId.BadProgramHeaderEntrySize, $"program header entry size {phentsize}, expected {Elf64Phdr.Size}");
            throw new ElfFormatException(header._diagnostics.Items);
        }
        var table = new byte[phnum * Elf64Phdr.Size];
        stream.Position = (long)phoff;
        stream.ReadExactly(table);
        return Enumerable.Range(0, phnum).Select(i => ParseSegment(table.AsSpan(i * Elf64Phdr.Size, Elf64Phdr.Size))).ToList();
    }

    private bool CheckIdent()
    {
        if (_data.Length < Elf64Ehdr.Size)
        {
            _diagnostics.Error(ElfDiagnosticId.TruncatedHeader, $"file is {_data.Length} bytes, too short for an ELF header");
            return false;
        }
        if (_data[0] != 0x7f || _data[1] != (byte)'E' || _data[2] != (byte)'L' || _data[3] != (byte)'F')
        {
            _diagnostics.Error(ElfDiagnosticId.BadMagic, "not an ELF file (bad magic)");
            return false;
        }
        var ok = true;
        if (_data[Elf64Ehdr.Class] != ElfIdent.Class64)
        {
            _diagnostics.Error(ElfDiagnosticId.UnsupportedClass, $"ELF class {_data[Elf64Ehdr.Class]}: only ELF64 is supported");
            ok = false;
        }
        if (_data[Elf64Ehdr.Data] != ElfIdent.LittleEndian)
        {
            _diagnostics.Error(ElfDiagnosticId.UnsupportedEncoding, $"data encoding {_data[Elf64Ehdr.Data]}: only little-endian is supported");
            ok = false;
        }
        var machine = BinaryPrimitives.ReadUInt16LittleEndian(_data.AsSpan(Elf64Ehdr.Machine));
        if (machine != ElfIdent.MachineX86_64)
        {
            _diagnostics.Error(ElfDiagnosticId.UnsupportedMachine, $"machine {machine}: only x86-64 ({ElfIdent.MachineX86_64}) is supported");
            ok = false;
        }
        return ok;
    }

    private bool InFile(ulong offset, ulong size) => offset <= (ulong)_data.Length && size <= (ulong)_data.Length - offset;

    private string OutsideFile(ulong offset, ulong size) =>
        $"bytes [0x{offset:x}, 0x{unchecked(offset + size):x}) lie outside the {_data.Length}-byte file";

    private static ElfSegment ParseSegment(ReadOnlySpan<byte> p) => new(
        (ElfSegmentType)BinaryPrimitives.ReadUInt32LittleEndian(p[Elf64Phdr.Type..]),
        BinaryPrimitives.ReadUInt32LittleEndian(p[Elf64Phdr.Flags..]),
        BinaryPrimitives.ReadUInt64LittleEndian(p[Elf64Phdr.Offset..]),
        BinaryPrimitives.ReadUInt64LittleEndian(p[Elf64Phdr.VAddr..]),
        BinaryPrimitives.ReadUInt64LittleEndian(p[Elf64Phdr.PAddr..]),
        BinaryPrimitives.ReadUInt64LittleEndian(p[Elf64Phdr.FileSize..]),
        BinaryPrimitives.ReadUInt64LittleEndian(p[Elf64Phdr.MemSize..]),
        BinaryPrimitives.ReadUInt64LittleEndian(p[Elf64Phdr.Align..]));

    private static RawSection ParseSectionHeader(ReadOnlySpan<byte> s) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(s[Elf64Shdr.Name..]),
        (ElfSectionType)BinaryPrimitives.ReadUInt32LittleEndian(s[Elf64Shdr.Type..]),
        BinaryPrimitives.ReadUInt64LittleEndian(s[Elf64Shdr.Flags..]),
        BinaryPrimitives.ReadUInt64LittleEndian(s[Elf64Shdr.Addr..]),
        BinaryPrimitives.ReadUInt64LittleEndian(s[Elf64Shdr.Offset..]),
        BinaryPrimitives.ReadUInt64LittleEndian(s[Elf64Shdr.SectionSize..]),
        BinaryPrimitives.ReadUInt32LittleEndian(s[Elf64Shdr.Link..]),
        BinaryPrimitives.ReadUInt32LittleEndian(s[Elf64Shdr.Info..]),
        BinaryPrimitives.ReadUInt64LittleEndian(s[Elf64Shdr.AddrAlign..]),
        BinaryPrimitives.ReadUInt64LittleEndian(s[Elf64Shdr.EntSize..]));

    /// <summary>Reads what it can; returns null when the headers are too broken to go on (the bag says why).</summary>
    private ElfObject? ReadAll()
    {
        if (!CheckIdent()) return null;
        var h = _data.AsSpan();
        var obj = new ElfObject((ElfFileType)BinaryPrimitives.ReadUInt16LittleEndian(h[Elf64Ehdr.Type..]))
        {
            Origin = _diagnostics.Origin,
            OsAbi = _data[Elf64Ehdr.OsAbi],
            Machine = BinaryPrimitives.ReadUInt16LittleEndian(h[Elf64Ehdr.Machine..]),
            Entry = BinaryPrimitives.ReadUInt64LittleEndian(h[Elf64Ehdr.Entry..]),
            Flags = BinaryPrimitives.ReadUInt32LittleEndian(h[Elf64Ehdr.Flags..]),
        };
        var phoff = BinaryPrimitives.ReadUInt64LittleEndian(h[Elf64Ehdr.PhOff..]);
        var shoff = BinaryPrimitives.ReadUInt64LittleEndian(h[Elf64Ehdr.ShOff..]);
        var phentsize = BinaryPrimitives.ReadUInt16LittleEndian(h[Elf64Ehdr.PhEntSize..]);
        var phnum = BinaryPrimitives.ReadUInt16LittleEndian(h[Elf64Ehdr.PhNum..]);
        var shentsize = BinaryPrimitives.ReadUInt16LittleEndian(h[Elf64Ehdr.ShEntSize..]);
        ulong shnum = BinaryPrimitives.ReadUInt16LittleEndian(h[Elf64Ehdr.ShNum..]);
        uint shstrndx = BinaryPrimitives.ReadUInt16LittleEndian(h[Elf64Ehdr.ShStrNdx..]);

        if (phnum > 0) ReadProgramHeaders(obj, phoff, phentsize, phnum);
        if (shoff == 0) return obj;
        if (shentsize != Elf64Shdr.Size)
        {
            _diagnostics.Error(ElfDiagnosticId.BadSectionHeaderEntrySize, $"section header entry size {shentsize}, expected {Elf64Shdr.Size}");
            return null;
        }
        if (!InFile(shoff, Elf64Shdr.Size))
        {
            _diagnostics.Error(ElfDiagnosticId.SectionHeaderTableOutsideFile, $"section header 0: {OutsideFile(shoff, Elf64Shdr.Size)}");
            return null;
        }
        var first = h.Slice((int)shoff, Elf64Shdr.Size);
        if (shnum == 0) shnum = BinaryPrimitives.ReadUInt64LittleEndian(first[Elf64Shdr.SectionSize..]);
        if (shstrndx == ElfSectionIndex.Extended) shstrndx = BinaryPrimitives.ReadUInt32LittleEndian(first[Elf64Shdr.Link..]);
        if (shnum > (ulong)_data.Length / Elf64Shdr.Size || !InFile(shoff, shnum * Elf64Shdr.Size))
        {
            _diagnostics.Error(ElfDiagnosticId.SectionHeaderTableOutsideFile,
                $"section header table of {shnum} entries: {OutsideFile(shoff, unchecked(shnum * Elf64Shdr.Size))}");
            return null;
        }
        if (shstrndx >= shnum)
        {
            _diagnostics.Error(ElfDiagnosticId.SectionNameTableOutOfRange, $"section name table index {shstrndx} is outside the {shnum} sections");
            return null;
        }

        var count = (int)shnum;
        var raw = new RawSection[count];
        for (var i = 0; i < count; i++)
            raw[i] = ParseSectionHeader(h.Slice((int)shoff + i * Elf64Shdr.Size, Elf64Shdr.Size));
        var shstr = raw[shstrndx];
        var names = shstr.Type != ElfSectionType.NoBits && InFile(shstr.Offset, shstr.Size) ? SectionBytes(shstr) : default;
        var sectionNames = new string[count];
        for (var i = 1; i < count; i++) sectionNames[i] = ReadString((int)shstrndx, names, raw[i].Name, "name of section [{0}]", i);
        var usable = CheckSectionRanges(raw, sectionNames, shoff);
        // A file is refused past this many problems whatever else is wrong with it, and a section for each of a hostile
        // table's headers (as many as the file holds) would cost several times the file.
        if (_diagnostics.HasErrors && _diagnostics.IsFull) return null;

        var sections = new ElfSection[count];
        sections[0] = obj.Sections[0];
        for (var i = 1; i < count; i++)
        {
            var r = raw[i];
            var section = new ElfSection(sectionNames[i], r.Type)
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
            else if (usable[i]) section.Data = SectionBytes(r).ToArray();
            sections[i] = obj.AddSection(section);
        }
        if (shstrndx != 0) sections[shstrndx].IsStringTableOfObject = true;

        var symtabIndex = Array.FindIndex(raw, r => r.Type == ElfSectionType.SymbolTable);
        var symbols = new List<ElfSymbol> { obj.Symbols[0] };
        if (symtabIndex > 0 && usable[symtabIndex]) symbols = ReadSymbols(obj, raw, usable, sections, symtabIndex);

        for (var i = 1; i < count; i++)
        {
            var r = raw[i];
            var section = sections[i];
            var where = $"section [{i}] {section.Name}";
            switch (r.Type)
            {
                case ElfSectionType.SymbolTable:
                case ElfSectionType.Rela:
                case ElfSectionType.Group:
                case ElfSectionType.SymbolTableSectionIndex:
                    if (r.Link >= shnum)
                    {
                        _diagnostics.Error(ElfDiagnosticId.LinkOutOfRange, $"{where}: sh_link {r.Link} is outside the {shnum} sections");
                        continue;
                    }
                    section.LinkedSection = sections[r.Link];
                    break;
                default:
                    if ((r.Flags & (ulong)ElfSectionFlags.LinkOrder) != 0 && r.Link != 0 && r.Link < shnum)
                        section.LinkedSection = sections[r.Link];
                    break;
            }
            if (r.Type == ElfSectionType.SymbolTable) sections[r.Link].IsStringTableOfObject = true;
            if (!usable[i]) continue;
            if (r.Type == ElfSectionType.Rela && (int)r.Link == symtabIndex)
                ReadRelocations(section, r, sections, usable, symbols, i);
            else if (r.Type == ElfSectionType.Rela)
                _diagnostics.Warning(ElfDiagnosticId.RelocationsAgainstOtherTable, $"{where}: relocations against a table other than .symtab are kept as bytes");
            else if (r.Type == ElfSectionType.Rel)
                _diagnostics.Error(ElfDiagnosticId.RelWithoutAddend, $"{where}: SHT_REL is not used on x86-64");
            if (r.Type == ElfSectionType.Group) ReadGroup(section, r, sections, symbols, i);
        }
        return obj;
    }

    private void ReadProgramHeaders(ElfObject obj, ulong phoff, ushort phentsize, ushort phnum)
    {
        if (phentsize != Elf64Phdr.Size)
        {
            _diagnostics.Error(ElfDiagnosticId.BadProgramHeaderEntrySize, $"program header entry size {phentsize}, expected {Elf64Phdr.Size}");
            return;
        }
        var size = (ulong)phnum * Elf64Phdr.Size;
        if (!InFile(phoff, size))
        {
            _diagnostics.Error(ElfDiagnosticId.ProgramHeaderTableOutsideFile, $"program header table: {OutsideFile(phoff, size)}");
            return;
        }
        for (var i = 0; i < phnum; i++)
            obj.Segments.Add(ParseSegment(_data.AsSpan((int)phoff + i * Elf64Phdr.Size, Elf64Phdr.Size)));
    }

    /// <summary>
    /// Which sections' bytes may be read: inside the file, clear of the ELF header and the section header table, and
    /// clear of every other section (SHT_NOBITS and empty sections occupy no bytes, so they never collide).
    /// </summary>
    private bool[] CheckSectionRanges(RawSection[] raw, string[] names, ulong shoff)
    {
        var usable = new bool[raw.Length];
        var table = (Start: shoff, End: shoff + (ulong)raw.Length * Elf64Shdr.Size);
        var occupied = new List<int>();
        for (var i = 1; i < raw.Length; i++)
        {
            var r = raw[i];
            usable[i] = true;
            if (r.Type == ElfSectionType.NoBits || r.Size == 0) continue;
            if (!InFile(r.Offset, r.Size))
            {
                _diagnostics.Error(ElfDiagnosticId.SectionOutsideFile, $"section [{i}] {names[i]}: {OutsideFile(r.Offset, r.Size)}");
                usable[i] = false;
                continue;
            }
            var end = r.Offset + r.Size;
            if (r.Offset < Elf64Ehdr.Size || (r.Offset < table.End && end > table.Start))
            {
                var what = r.Offset < Elf64Ehdr.Size ? "the ELF header" : "the section header table";
                _diagnostics.Error(ElfDiagnosticId.SectionOverlapsHeaders, $"section [{i}] {names[i]}: bytes [0x{r.Offset:x}, 0x{end:x}) overlap {what}");
                usable[i] = false;
                continue;
            }
            occupied.Add(i);
        }
        occupied.Sort((a, b) => raw[a].Offset != raw[b].Offset ? raw[a].Offset.CompareTo(raw[b].Offset) : a.CompareTo(b));
        var reach = -1;
        foreach (var i in occupied)
        {
            if (reach >= 0 && raw[i].Offset < raw[reach].Offset + raw[reach].Size)
            {
                _diagnostics.Error(ElfDiagnosticId.SectionsOverlap,
                    $"section [{i}] {names[i]}: bytes [0x{raw[i].Offset:x}, 0x{raw[i].Offset + raw[i].Size:x}) overlap section [{reach}] {names[reach]}");
                usable[i] = false;
                if (raw[i].Offset + raw[i].Size <= raw[reach].Offset + raw[reach].Size) continue;
            }
            reach = i;
        }
        return usable;
    }

    private ReadOnlySpan<byte> SectionBytes(RawSection r) =>
        r.Type == ElfSectionType.NoBits || r.Size == 0 ? default : _data.AsSpan((int)r.Offset, (int)r.Size);

    /// <summary>False (with an error) unless the table's sh_entsize is <paramref name="expected"/> and divides its size.</summary>
    private bool CheckEntries(RawSection r, string where, int expected)
    {
        if (r.EntrySize != (ulong)expected)
        {
            _diagnostics.Error(ElfDiagnosticId.BadEntrySize, $"{where}: entry size {r.EntrySize}, expected {expected}");
            return false;
        }
        if (r.Size % (ulong)expected != 0)
        {
            _diagnostics.Error(ElfDiagnosticId.EntrySizeDoesNotDivideSize, $"{where}: size {r.Size} is not a multiple of the entry size {expected}");
            return false;
        }
        return true;
    }

    private void ReadRelocations(ElfSection rela, RawSection r, ElfSection[] sections, bool[] usable, List<ElfSymbol> symbols, int index)
    {
        var where = $"section [{index}] {rela.Name}";
        if (r.Info == 0 || r.Info >= sections.Length)
        {
            _diagnostics.Error(ElfDiagnosticId.RelocationTargetOutOfRange, $"{where}: sh_info {r.Info} names no section");
            return;
        }
        if (!CheckEntries(r, where, Elf64Rela.Size)) return;
        var target = sections[r.Info];
        rela.RelocationTarget = target;
        target.RelocationSection = rela;
        if (!usable[r.Info]) return;
        var data = rela.Data;
        for (var k = 0; k + Elf64Rela.Size <= data.Length; k += Elf64Rela.Size)
        {
            var e = data.AsSpan(k, Elf64Rela.Size);
            var entry = k / Elf64Rela.Size;
            var offset = BinaryPrimitives.ReadUInt64LittleEndian(e[Elf64Rela.Offset..]);
            var info = BinaryPrimitives.ReadUInt64LittleEndian(e[Elf64Rela.Info..]);
            var addend = BinaryPrimitives.ReadInt64LittleEndian(e[Elf64Rela.Addend..]);
            var symIndex = (uint)(info >> 32);
            var type = (X86RelocationType)(uint)info;
            if (symIndex >= (uint)symbols.Count)
            {
                _diagnostics.Error(ElfDiagnosticId.RelocationSymbolOutOfRange, $"{where}: entry {entry} names symbol {symIndex} of {symbols.Count}");
                continue;
            }
            if (!RelocationInfo.IsSupported(type))
            {
                _diagnostics.Error(ElfDiagnosticId.UnsupportedRelocationType, $"{where}: entry {entry} has unsupported type {(uint)type}");
                continue;
            }
            var width = (ulong)RelocationInfo.Width(type);
            if (target.Type != ElfSectionType.NoBits && (offset > target.Size || width > target.Size - offset))
            {
                _diagnostics.Error(ElfDiagnosticId.RelocationOutsideSection,
                    $"{where}: entry {entry} at 0x{offset:x} lies outside {target.Name} (0x{target.Size:x} bytes)");
                continue;
            }
            target.Relocations.Add(new ElfRelocation(offset, type, symbols[(int)symIndex], addend));
        }
        target.Relocations.Sort((a, b) => a.Offset.CompareTo(b.Offset));
    }

    private void ReadGroup(ElfSection group, RawSection r, ElfSection[] sections, List<ElfSymbol> symbols, int index)
    {
        var where = $"section [{index}] {group.Name}";
        var data = group.Data;
        if (data.Length < 4 || data.Length % 4 != 0)
        {
            _diagnostics.Error(ElfDiagnosticId.BadGroupSize, $"{where}: group of {data.Length} bytes");
            return;
        }
        group.GroupFlags = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (r.Info < symbols.Count) group.GroupSignature = symbols[(int)r.Info];
        for (var k = 4; k < data.Length; k += 4)
        {
            var member = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(k));
            if (member == 0 || member >= sections.Length)
            {
                _diagnostics.Error(ElfDiagnosticId.GroupMemberOutOfRange, $"{where}: member {member} is not a section");
                continue;
            }
            group.GroupMembers.Add(sections[member]);
            sections[member].Group = group;
        }
    }

    private List<ElfSymbol> ReadSymbols(ElfObject obj, RawSection[] raw, bool[] usable, ElfSection[] sections, int symtabIndex)
    {
        var list = new List<ElfSymbol> { obj.Symbols[0] };
        var st = raw[symtabIndex];
        var where = $"section [{symtabIndex}] .symtab";
        if (!CheckEntries(st, where, Elf64Sym.Size)) return list;
        if (st.Link >= raw.Length || !usable[st.Link])
        {
            _diagnostics.Error(ElfDiagnosticId.LinkOutOfRange, $"{where}: string table {st.Link} does not exist");
            return list;
        }
        var strtab = SectionBytes(raw[st.Link]);
        var data = SectionBytes(st);
        var shndxIndex = Array.FindIndex(raw, x => x.Type == ElfSectionType.SymbolTableSectionIndex && x.Link == symtabIndex);
        var shndxTable = shndxIndex > 0 && usable[shndxIndex] ? SectionBytes(raw[shndxIndex]) : default;

        var count = data.Length / Elf64Sym.Size;
        for (var i = 1; i < count; i++)
        {
            var e = data.Slice(i * Elf64Sym.Size, Elf64Sym.Size);
            var info = e[Elf64Sym.Info];
            uint shndx = BinaryPrimitives.ReadUInt16LittleEndian(e[Elf64Sym.SectionIndex..]);
            var symbol = new ElfSymbol(ReadString((int)st.Link, strtab, BinaryPrimitives.ReadUInt32LittleEndian(e[Elf64Sym.Name..]), "name of symbol {0}", i))
            {
                Binding = (ElfSymbolBinding)(info >> 4),
                Type = (ElfSymbolType)(info & 0xf),
                Visibility = (ElfSymbolVisibility)(e[Elf64Sym.Other] & 3),
                Value = BinaryPrimitives.ReadUInt64LittleEndian(e[Elf64Sym.Value..]),
                Size = BinaryPrimitives.ReadUInt64LittleEndian(e[Elf64Sym.SymbolSize..]),
            };
            if (shndx == ElfSectionIndex.Extended)
            {
                if (shndxTable.Length < (i + 1) * 4)
                {
                    _diagnostics.Error(ElfDiagnosticId.MissingExtendedSectionIndex, $"symbol {i} ({symbol.Name}) uses SHN_XINDEX but .symtab_shndx is missing");
                    shndx = 0;
                }
                else shndx = BinaryPrimitives.ReadUInt32LittleEndian(shndxTable[(i * 4)..]);
            }
            else if (shndx >= ElfSectionIndex.LoReserve)
            {
                symbol.SpecialIndex = (ushort)shndx;
                shndx = 0;
            }
            if (shndx != 0)
            {
                if (shndx >= sections.Length)
                    _diagnostics.Error(ElfDiagnosticId.SymbolSectionOutOfRange, $"symbol {i} ({symbol.Name}) is defined in section {shndx}, which does not exist");
                else symbol.Section = sections[shndx];
            }
            list.Add(obj.AddSymbol(symbol));
        }
        return list;
    }

    /// <summary>
    /// The NUL-terminated string at <paramref name="offset"/> of string table [<paramref name="tableIndex"/>] (whose bytes
    /// are <paramref name="table"/>), for <paramref name="what"/> (a format of <paramref name="index"/>). Each offset is
    /// read once, however many symbols name it; and the bytes scanned for names are budgeted (<see cref="NameBytesBase"/>
    /// plus <see cref="NameBytesPerFileByte"/> per byte of file): else 40,000 symbols that each start at another byte of
    /// one 64 KiB name would make 2.5 billion characters of names out of a 1 MiB file.
    /// </summary>
    private string ReadString(int tableIndex, ReadOnlySpan<byte> table, uint offset, string what, int index)
    {
        if (offset >= table.Length)
        {
            if (offset == 0) return "";
            _diagnostics.Error(ElfDiagnosticId.StringOffsetOutOfRange,
                $"{string.Format(CultureInfo.InvariantCulture, what, index)}: string offset {offset} is outside its {table.Length}-byte table");
            return "";
        }
        if (_names.TryGetValue((tableIndex, offset), out var known)) return known;
        if (_nameBytesLeft < 0) return "";
        var rest = table[(int)offset..];
        var end = rest[..(int)Math.Min(rest.Length, _nameBytesLeft + 1)].IndexOf((byte)0);
        _nameBytesLeft -= end < 0 ? Math.Min(rest.Length, _nameBytesLeft + 1) : end + 1;
        if (_nameBytesLeft < 0)
        {
            _diagnostics.Error(ElfDiagnosticId.NamesTooLong,
                $"{string.Format(CultureInfo.InvariantCulture, what, index)}: the names read so far take more than {NameBytesBase + NameBytesPerFileByte * _data.Length} bytes of string table, over {NameBytesPerFileByte} times the file, which no compiler's names do; the rest are not read");
            return "";
        }
        var name = end < 0 ? "" : Encoding.UTF8.GetString(rest[..end]);
        if (end < 0)
            _diagnostics.Error(ElfDiagnosticId.StringNotTerminated, $"{string.Format(CultureInfo.InvariantCulture, what, index)}: string at offset {offset} is not NUL-terminated");
        _names[(tableIndex, offset)] = name;
        return name;
    }

    private readonly record struct RawSection(uint Name, ElfSectionType Type, ulong Flags, ulong Address, ulong Offset,
        ulong Size, uint Link, uint Info, ulong Alignment, ulong EntrySize);
}
