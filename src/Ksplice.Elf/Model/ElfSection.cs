namespace Ksplice.Elf.Model;

/// <summary>
/// One section. Tables the writer regenerates (symbol table, string tables, RELA, group, SYMTAB_SHNDX) keep their
/// header here but their content comes from the model: <see cref="Relocations"/> of the target section,
/// <see cref="GroupMembers"/>, and <see cref="ElfObject.Symbols"/>.
/// </summary>
public sealed class ElfSection
{
    public ElfSection(string name, ElfSectionType type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; set; }
    public ElfSectionType Type { get; set; }
    public ElfSectionFlags Flags { get; set; }
    public ulong Address { get; set; }
    public ulong Alignment { get; set; } = 1;
    public ulong EntrySize { get; set; }

    /// <summary>Contents; empty for NOBITS (see <see cref="Size"/>).</summary>
    public byte[] Data { get; set; } = [];

    private ulong _noBitsSize;

    /// <summary>Size in memory: the data length, or for NOBITS the declared size.</summary>
    public ulong Size
    {
        get => Type == ElfSectionType.NoBits ? _noBitsSize : (ulong)Data.Length;
        set
        {
            if (Type != ElfSectionType.NoBits) throw new InvalidOperationException($"{Name}: only NOBITS sections have a size apart from their data");
            _noBitsSize = value;
        }
    }

    /// <summary>Index in <see cref="ElfObject.Sections"/>, kept current by the object.</summary>
    public int Index { get; internal set; }

    /// <summary>File offset the section was read from (0 for sections made in memory).</summary>
    public ulong FileOffset { get; internal set; }

    /// <summary>sh_link as a section, for types whose link names a section (SYMTAB->STRTAB, RELA->SYMTAB, LINK_ORDER).</summary>
    public ElfSection? LinkedSection { get; set; }

    /// <summary>sh_link/sh_info values that are not section references, kept verbatim.</summary>
    public uint RawLink { get; set; }
    public uint RawInfo { get; set; }

    /// <summary>For a RELA section: the section its relocations apply to (sh_info).</summary>
    public ElfSection? RelocationTarget { get; set; }

    /// <summary>For a section that has relocations: its RELA section.</summary>
    public ElfSection? RelocationSection { get; set; }

    /// <summary>Relocations that apply to this section (empty when it has none), sorted by offset on read.</summary>
    public List<ElfRelocation> Relocations { get; } = [];

    /// <summary>For a GROUP section: its flag word (GRP_COMDAT = 1), signature symbol and member sections.</summary>
    public uint GroupFlags { get; set; }
    public ElfSymbol? GroupSignature { get; set; }
    public List<ElfSection> GroupMembers { get; } = [];

    /// <summary>The GROUP section that lists this section, if any.</summary>
    public ElfSection? Group { get; set; }

    public bool IsAlloc => (Flags & ElfSectionFlags.Alloc) != 0;
    public bool IsExecutable => (Flags & ElfSectionFlags.Execute) != 0;
    public bool IsWritable => (Flags & ElfSectionFlags.Write) != 0;
    public bool IsMergeStrings => (Flags & (ElfSectionFlags.Merge | ElfSectionFlags.Strings)) == (ElfSectionFlags.Merge | ElfSectionFlags.Strings);

    /// <summary>True for the tables the writer regenerates from the model.</summary>
    public bool IsGenerated => Type is ElfSectionType.SymbolTable or ElfSectionType.Rela or ElfSectionType.Rel
        or ElfSectionType.Group or ElfSectionType.SymbolTableSectionIndex
        || (Type == ElfSectionType.StringTable && IsStringTableOfObject);

    /// <summary>Set on .strtab/.shstrtab: the writer rebuilds them.</summary>
    internal bool IsStringTableOfObject { get; set; }

    public override string ToString() => $"[{Index}] {Name}";
}
