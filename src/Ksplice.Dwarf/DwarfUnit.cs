namespace Ksplice.Dwarf;

/// <summary>One compilation unit: its DWARF version, its root entry and the file names of its line table.</summary>
public sealed class DwarfUnit
{
    internal DwarfUnit(DwarfDebugInfo info, ulong offset, int version, int addressSize)
    {
        Info = info;
        Offset = offset;
        Version = version;
        AddressSize = addressSize;
    }

    public DwarfDebugInfo Info { get; }
    public ulong Offset { get; }
    public int Version { get; }
    public int AddressSize { get; }
    public DwarfEntry Root { get; internal set; } = null!;

    /// <summary>The line table's file names, indexed as DW_AT_decl_file counts (from 0 in DWARF 5, from 1 before).</summary>
    public IReadOnlyList<string> FileNames { get; internal set; } = [];

    /// <summary>The file a DW_AT_decl_file value names, or null when the line table does not list it.</summary>
    public string? FileName(ulong index)
    {
        var i = Version >= 5 ? (long)index : (long)index - 1;
        return i >= 0 && i < FileNames.Count ? FileNames[(int)i] : null;
    }
}
