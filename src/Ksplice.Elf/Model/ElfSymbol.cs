namespace Ksplice.Elf.Model;

/// <summary>A symbol-table entry. <see cref="Section"/> is set when st_shndx names a real section.</summary>
public sealed class ElfSymbol
{
    public ElfSymbol(string name)
    {
        Name = name;
    }

    public string Name { get; set; }
    public ulong Value { get; set; }
    public ulong Size { get; set; }
    public ElfSymbolBinding Binding { get; set; }
    public ElfSymbolType Type { get; set; }
    public ElfSymbolVisibility Visibility { get; set; }

    /// <summary>The defining section, or null for undefined, absolute and common symbols (see <see cref="SpecialIndex"/>).</summary>
    public ElfSection? Section { get; set; }

    /// <summary>st_shndx when <see cref="Section"/> is null: 0 (undefined), 0xfff1 (absolute) or 0xfff2 (common).</summary>
    public ushort SpecialIndex { get; set; }

    /// <summary>Index in <see cref="ElfObject.Symbols"/>, kept current by the object.</summary>
    public int Index { get; internal set; }

    public bool IsUndefined => Section is null && SpecialIndex == ElfSectionIndex.Undefined && Index != 0;
    public bool IsAbsolute => Section is null && SpecialIndex == ElfSectionIndex.Absolute;
    public bool IsLocal => Binding == ElfSymbolBinding.Local;
    public bool IsFunction => Type == ElfSymbolType.Function;
    public bool IsSection => Type == ElfSymbolType.Section;

    public override string ToString() => Name.Length > 0 ? Name : IsSection && Section is not null ? Section.Name : $"#{Index}";
}
