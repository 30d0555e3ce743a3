namespace Ksplice.Dwarf.Internal;

/// <summary>Reads the file-name table from the header of a .debug_line program (DWARF 2-5); the program itself is not needed.</summary>
internal static class LineTableFileNames
{
    private const ulong LnctPath = 1;
    private const ulong LnctDirectoryIndex = 2;

    public static List<string> Read(byte[] line, ulong offset, byte[]? lineStr, byte[]? str)
    {
        var c = new ByteCursor(line, ".debug_line", checked((int)offset));
        var length = (ulong)c.U32();
        var dwarf64 = length == 0xffffffff;
        if (dwarf64) c.U64();
        var version = c.U16();
        if (version >= 5) { c.U8(); c.U8(); }
        c.Offset(dwarf64); // header_length
        c.U8(); // minimum_instruction_length
        if (version >= 4) c.U8(); // maximum_operations_per_instruction
        c.U8(); // default_is_stmt
        c.U8(); // line_base
        c.U8(); // line_range
        var opcodeBase = c.U8();
        for (var i = 1; i < opcodeBase; i++) c.U8();
        return version >= 5 ? ReadVersion5(c, dwarf64, lineStr, str) : ReadVersion4(c);
    }

    private static List<string> ReadVersion4(ByteCursor c)
    {
        var directories = new List<string> { "" };
        for (var d = c.CString(); d.Length > 0; d = c.CString()) directories.Add(d);
        var files = new List<string>();
        for (var f = c.CString(); f.Length > 0; f = c.CString())
        {
            var dir = (int)c.Uleb();
            c.Uleb();
            c.Uleb();
            files.Add(Join(dir < directories.Count ? directories[dir] : "", f));
        }
        return files;
    }

    private static List<string> ReadVersion5(ByteCursor c, bool dwarf64, byte[]? lineStr, byte[]? str)
    {
        var directories = ReadEntries(c, dwarf64, lineStr, str).Select(e => e.Path).ToList();
        return ReadEntries(c, dwarf64, lineStr, str)
            .Select(e => e.Directory > 0 && (int)e.Directory < directories.Count ? Join(directories[(int)e.Directory], e.Path) : e.Path)
            .ToList();
    }

    private static List<(string Path, ulong Directory)> ReadEntries(ByteCursor c, bool dwarf64, byte[]? lineStr, byte[]? str)
    {
        var formatCount = c.U8();
        var format = new List<(ulong Content, DwarfForm Form)>();
        for (var i = 0; i < formatCount; i++) format.Add((c.Uleb(), (DwarfForm)c.Uleb()));
        var count = c.Uleb();
        var entries = new List<(string, ulong)>();
        for (ulong n = 0; n < count; n++)
        {
            var path = "";
            ulong dir = 0;
            foreach (var (content, form) in format)
            {
                var (number, text) = ReadField(c, form, dwarf64, lineStr, str);
                if (content == LnctPath) path = text ?? "";
                else if (content == LnctDirectoryIndex) dir = number;
            }
            entries.Add((path, dir));
        }
        return entries;
    }

    private static (ulong Number, string? Text) ReadField(ByteCursor c, DwarfForm form, bool dwarf64, byte[]? lineStr, byte[]? str) => form switch
    {
        DwarfForm.String => (0, c.CString()),
        DwarfForm.LineStrp => (0, ByteCursor.StringAt(lineStr, c.Offset(dwarf64), ".debug_line_str")),
        DwarfForm.Strp => (0, ByteCursor.StringAt(str, c.Offset(dwarf64), ".debug_str")),
        DwarfForm.Udata => (c.Uleb(), null),
        DwarfForm.Data1 => (c.U8(), null),
        DwarfForm.Data2 => (c.U16(), null),
        DwarfForm.Data4 => (c.U32(), null),
        DwarfForm.Data8 => (c.U64(), null),
        DwarfForm.Data16 => (Skip(c, 16), null),
        DwarfForm.Block => (Skip(c, (int)c.Uleb()), null),
        _ => throw new DwarfFormatException($".debug_line: file entry form 0x{(int)form:x} is not supported"),
    };

    private static ulong Skip(ByteCursor c, int count)
    {
        c.Bytes(count);
        return 0;
    }

    private static string Join(string directory, string file) =>
        directory.Length == 0 || file.StartsWith('/') ? file : directory.TrimEnd('/') + "/" + file;
}
