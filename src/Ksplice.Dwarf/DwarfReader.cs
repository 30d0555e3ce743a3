using Ksplice.Dwarf.Internal;
using Ksplice.Elf.IO;
using Ksplice.Elf.Model;

namespace Ksplice.Dwarf;

/// <summary>
/// A read-only DWARF 2-5 reader for the .debug_info of ELF objects, relocatable ones included (their offsets into the
/// other debug sections are applied from .rela.debug_*). Reads every compilation unit into a tree of entries;
/// type units, split DWARF and compressed sections are refused with <see cref="DwarfFormatException"/>.
/// </summary>
public static class DwarfReader
{
    public static DwarfDebugInfo ReadFile(string path) => Read(ElfReader.ReadFile(path));

    public static DwarfDebugInfo Read(ElfObject obj)
    {
        var info = RelocatedSection.Find(obj, ".debug_info")
            ?? throw new DwarfFormatException($"{obj.Origin}: no .debug_info: the object was built without -g (CONFIG_DEBUG_INFO)");
        var abbrev = obj.FindSection(".debug_abbrev")?.Data
            ?? throw new DwarfFormatException($"{obj.Origin}: .debug_info without .debug_abbrev");
        var context = new Sections(
            obj.Origin, info, abbrev,
            obj.FindSection(".debug_str")?.Data,
            obj.FindSection(".debug_line_str")?.Data,
            RelocatedSection.Find(obj, ".debug_str_offsets")?.Data,
            RelocatedSection.Find(obj, ".debug_line")?.Data);
        var result = new DwarfDebugInfo(obj.Origin)
        {
            RangeLists = RelocatedSection.Find(obj, ".debug_rnglists"),
            Ranges = RelocatedSection.Find(obj, ".debug_ranges"),
        };
        var c = new ByteCursor(info.Data, ".debug_info");
        while (!c.AtEnd) ReadUnit(result, context, c);
        return result;
    }

    private sealed record Sections(string Origin, RelocatedSection Info, byte[] Abbrev, byte[]? Str, byte[]? LineStr, byte[]? StrOffsets, byte[]? Line);

    private static void ReadUnit(DwarfDebugInfo result, Sections s, ByteCursor c)
    {
        var unitOffset = (ulong)c.Position;
        var length = (ulong)c.U32();
        var dwarf64 = length == 0xffffffff;
        if (dwarf64) length = c.U64();
        var end = checked(c.Position + (int)length);
        var version = c.U16();
        if (version is < 2 or > 5) throw new DwarfFormatException($"{s.Origin}: unit at 0x{unitOffset:x} has DWARF version {version}");
        int addressSize;
        ulong abbrevOffset;
        if (version >= 5)
        {
            var unitType = c.U8();
            if (unitType is not (1 or 3))
                throw new DwarfFormatException($"{s.Origin}: unit at 0x{unitOffset:x} has type {unitType} (type units and split DWARF are not read)");
            addressSize = c.U8();
            abbrevOffset = c.Offset(dwarf64);
        }
        else
        {
            abbrevOffset = c.Offset(dwarf64);
            addressSize = c.U8();
        }
        var unit = new DwarfUnit(result, unitOffset, version, addressSize);
        result.Add(unit);
        var abbreviations = Abbreviation.ReadTable(s.Abbrev, abbrevOffset);
        var parents = new Stack<DwarfEntry>();
        ulong strOffsetsBase = version >= 5 ? (dwarf64 ? 16u : 8u) : 0;
        while (c.Position < end)
        {
            var entryOffset = (ulong)c.Position;
            var code = c.Uleb();
            if (code == 0)
            {
                if (parents.Count > 0) parents.Pop();
                continue;
            }
            if (!abbreviations.TryGetValue(code, out var abbreviation))
                throw new DwarfFormatException($"{s.Origin}: entry at 0x{entryOffset:x} uses abbreviation {code}, which its unit does not declare");
            var attributes = new (DwarfAttribute, DwarfValue)[abbreviation.Attributes.Length];
            for (var i = 0; i < attributes.Length; i++)
            {
                var spec = abbreviation.Attributes[i];
                var value = ReadValue(s, c, unit, spec.Form, spec.ImplicitConst, dwarf64, strOffsetsBase);
                if (spec.Attribute == DwarfAttribute.StrOffsetsBase) strOffsetsBase = value.Number;
                attributes[i] = (spec.Attribute, value);
            }
            var parent = parents.Count > 0 ? parents.Peek() : null;
            var entry = new DwarfEntry(unit, entryOffset, abbreviation.Tag, attributes, parent);
            result.Add(entry);
            if (parent is null) unit.Root = entry;
            else parent.AddChild(entry);
            if (abbreviation.HasChildren) parents.Push(entry);
            else if (parent is null) break;
        }
        c.Position = end;
        if (unit.Root is null) throw new DwarfFormatException($"{s.Origin}: unit at 0x{unitOffset:x} has no entries");
        if (unit.Root.Get(DwarfAttribute.StmtList) is { } stmt && s.Line is not null)
            unit.FileNames = LineTableFileNames.Read(s.Line, stmt.Number, s.LineStr, s.Str);
    }

    private static DwarfValue ReadValue(Sections s, ByteCursor c, DwarfUnit unit, DwarfForm form, long implicitConst, bool dwarf64, ulong strOffsetsBase)
    {
        switch (form)
        {
            case DwarfForm.Addr:
            {
                var at = c.Position;
                var address = unit.AddressSize == 8 ? c.U64() : c.U32();
                return new DwarfValue(form, address, RelocationSymbol: s.Info.Symbols.GetValueOrDefault(at));
            }
            case DwarfForm.Block1: return Block(form, c, c.U8());
            case DwarfForm.Block2: return Block(form, c, c.U16());
            case DwarfForm.Block4: return Block(form, c, (int)c.U32());
            case DwarfForm.Block or DwarfForm.Exprloc: return Block(form, c, checked((int)c.Uleb()));
            case DwarfForm.Data16: return Block(form, c, 16);
            case DwarfForm.Data1 or DwarfForm.Flag or DwarfForm.Strx1 or DwarfForm.Addrx1: return Resolve(s, form, c.U8(), dwarf64, strOffsetsBase);
            case DwarfForm.Data2 or DwarfForm.Strx2 or DwarfForm.Addrx2: return Resolve(s, form, c.U16(), dwarf64, strOffsetsBase);
            case DwarfForm.Strx3 or DwarfForm.Addrx3: return Resolve(s, form, c.U24(), dwarf64, strOffsetsBase);
            case DwarfForm.Data4 or DwarfForm.Strx4 or DwarfForm.Addrx4 or DwarfForm.RefSup4: return Resolve(s, form, c.U32(), dwarf64, strOffsetsBase);
            case DwarfForm.Data8 or DwarfForm.RefSig8 or DwarfForm.RefSup8: return new DwarfValue(form, c.U64());
            case DwarfForm.Sdata: return new DwarfValue(form, (ulong)c.Sleb());
            case DwarfForm.Udata or DwarfForm.Addrx or DwarfForm.Loclistx or DwarfForm.Rnglistx: return new DwarfValue(form, c.Uleb());
            case DwarfForm.Strx: return Resolve(s, form, c.Uleb(), dwarf64, strOffsetsBase);
            case DwarfForm.String: return new DwarfValue(form, 0, c.CString());
            case DwarfForm.Strp: return new DwarfValue(form, 0, ByteCursor.StringAt(s.Str, c.Offset(dwarf64), ".debug_str"));
            case DwarfForm.LineStrp: return new DwarfValue(form, 0, ByteCursor.StringAt(s.LineStr, c.Offset(dwarf64), ".debug_line_str"));
            case DwarfForm.StrpSup or DwarfForm.SecOffset: return new DwarfValue(form, c.Offset(dwarf64));
            case DwarfForm.FlagPresent: return new DwarfValue(form, 1);
            case DwarfForm.ImplicitConst: return new DwarfValue(form, (ulong)implicitConst);
            case DwarfForm.Ref1: return new DwarfValue(form, unit.Offset + c.U8());
            case DwarfForm.Ref2: return new DwarfValue(form, unit.Offset + c.U16());
            case DwarfForm.Ref4: return new DwarfValue(form, unit.Offset + c.U32());
            case DwarfForm.Ref8: return new DwarfValue(form, unit.Offset + c.U64());
            case DwarfForm.RefUdata: return new DwarfValue(form, unit.Offset + c.Uleb());
            case DwarfForm.RefAddr: return new DwarfValue(form, unit.Version <= 2 ? (unit.AddressSize == 8 ? c.U64() : c.U32()) : c.Offset(dwarf64));
            case DwarfForm.Indirect: return ReadValue(s, c, unit, (DwarfForm)c.Uleb(), implicitConst, dwarf64, strOffsetsBase);
            default: throw new DwarfFormatException($"{s.Origin}: .debug_info+0x{c.Position:x}: form 0x{(int)form:x} is not supported");
        }
    }

    private static DwarfValue Block(DwarfForm form, ByteCursor c, int length) => new(form, (ulong)length, Block: c.Bytes(length));

    private static DwarfValue Resolve(Sections s, DwarfForm form, ulong number, bool dwarf64, ulong strOffsetsBase)
    {
        if (form is not (DwarfForm.Strx or DwarfForm.Strx1 or DwarfForm.Strx2 or DwarfForm.Strx3 or DwarfForm.Strx4))
            return new DwarfValue(form, number);
        var size = dwarf64 ? 8UL : 4UL;
        var table = new ByteCursor(s.StrOffsets ?? throw new DwarfFormatException($"{s.Origin}: DW_FORM_strx without .debug_str_offsets"),
            ".debug_str_offsets", checked((int)(strOffsetsBase + number * size)));
        return new DwarfValue(form, number, ByteCursor.StringAt(s.Str, table.Offset(dwarf64), ".debug_str"));
    }
}
