using Ksplice.Elf.Arch;
using Ksplice.Elf.Indexing;

namespace Ksplice.Elf.Model;

/// <summary>
/// An ELF64 x86-64 file: sections (index 0 is the null section), symbols (index 0 is the null symbol), relocations
/// attached to the sections they patch, and for executables and cores the program headers.
/// </summary>
public sealed class ElfObject
{
    private readonly List<ElfSection> _sections = [];
    private readonly List<ElfSymbol> _symbols = [];

    public ElfObject(ElfFileType fileType = ElfFileType.Relocatable)
    {
        FileType = fileType;
        _sections.Add(new ElfSection("", ElfSectionType.Null) { Alignment = 0 });
        _symbols.Add(new ElfSymbol(""));
    }

    public ElfFileType FileType { get; set; }
    public ushort Machine { get; set; } = 62; // EM_X86_64
    public byte OsAbi { get; set; }
    public uint Flags { get; set; }
    public ulong Entry { get; set; }

    /// <summary>Where this object came from, for messages (file path or a description).</summary>
    public string Origin { get; set; } = "<memory>";

    public IReadOnlyList<ElfSection> Sections => _sections;
    public IReadOnlyList<ElfSymbol> Symbols => _symbols;
    public List<ElfSegment> Segments { get; } = [];

    /// <summary>The symbol table section (.symtab), created on demand by the writer when missing.</summary>
    public ElfSection? SymbolTable => _sections.FirstOrDefault(s => s.Type == ElfSectionType.SymbolTable);

    public ElfSection AddSection(ElfSection section)
    {
        section.Index = _sections.Count;
        _sections.Add(section);
        _symbolIndex = null;
        return section;
    }

    public ElfSymbol AddSymbol(ElfSymbol symbol)
    {
        symbol.Index = _symbols.Count;
        _symbols.Add(symbol);
        _symbolIndex = null;
        return symbol;
    }

    /// <summary>
    /// Removes sections (and their RELA sections, the symbols they define, and the relocations and group entries that
    /// refer to them). Throws if a remaining relocation still refers to a removed symbol.
    /// </summary>
    public void RemoveSections(IEnumerable<ElfSection> sections)
    {
        var doomed = new HashSet<ElfSection>(sections);
        foreach (var s in doomed.ToList())
            if (s.RelocationSection is { } rela) doomed.Add(rela);
        var doomedSymbols = new HashSet<ElfSymbol>(_symbols.Where(y => y.Section is not null && doomed.Contains(y.Section)));
        foreach (var s in _sections)
        {
            if (doomed.Contains(s)) continue;
            if (s.RelocationSection is { } r && doomed.Contains(r)) { s.RelocationSection = null; s.Relocations.Clear(); }
            var bad = s.Relocations.FirstOrDefault(r => doomedSymbols.Contains(r.Symbol));
            if (bad is not null)
                throw new InvalidOperationException($"{Origin}: {s.Name}+0x{bad.Offset:x} refers to {bad.Symbol}, whose section is being removed");
            s.GroupMembers.RemoveAll(doomed.Contains);
            if (s.LinkedSection is { } l && doomed.Contains(l)) s.LinkedSection = null;
        }
        _sections.RemoveAll(doomed.Contains);
        _symbols.RemoveAll(doomedSymbols.Contains);
        Renumber();
    }

    /// <summary>Removes symbols that no relocation or group refers to.</summary>
    public void RemoveSymbols(IEnumerable<ElfSymbol> symbols)
    {
        var doomed = new HashSet<ElfSymbol>(symbols);
        foreach (var s in _sections)
        {
            var bad = s.Relocations.FirstOrDefault(r => doomed.Contains(r.Symbol));
            if (bad is not null)
                throw new InvalidOperationException($"{Origin}: {s.Name}+0x{bad.Offset:x} still refers to {bad.Symbol}");
            if (s.GroupSignature is { } g && doomed.Contains(g))
                throw new InvalidOperationException($"{Origin}: group {s.Name} is signed by {g}");
        }
        _symbols.RemoveAll(y => y.Index != 0 && doomed.Contains(y));
        Renumber();
    }

    /// <summary>Moves local symbols before global ones (as ELF requires), keeping their relative order.</summary>
    public void SortSymbolsLocalsFirst()
    {
        var ordered = _symbols.Skip(1).OrderBy(s => s.IsLocal ? 0 : 1).ToList();
        _symbols.RemoveRange(1, _symbols.Count - 1);
        _symbols.AddRange(ordered);
        Renumber();
    }

    internal void Renumber()
    {
        _symbolIndex = null;
        for (var i = 0; i < _sections.Count; i++) _sections[i].Index = i;
        for (var i = 0; i < _symbols.Count; i++) _symbols[i].Index = i;
    }

    public ElfSection? FindSection(string name) => _sections.FirstOrDefault(s => s.Name == name);

    public IEnumerable<ElfSection> FindSections(string name) => _sections.Where(s => s.Name == name);

    public IEnumerable<ElfSymbol> FindSymbols(string name) => _symbols.Where(s => s.Name == name);

    /// <summary>
    /// The symbols by section, sorted once (<see cref="Indexing.SymbolIndex"/>): built when first asked, rebuilt after
    /// symbols or sections are added or removed. Changing a symbol's value or section in place is not noticed.
    /// </summary>
    public SymbolIndex SymbolIndex => _symbolIndex ??= new SymbolIndex(this);

    /// <summary>
    /// The decoded instructions of the code sections (<see cref="InstructionIndex"/>), decoded when first asked; the
    /// code of an object must not change once it has been asked about.
    /// </summary>
    public InstructionIndex Instructions => _instructions ??= new InstructionIndex();

    private SymbolIndex? _symbolIndex;
    private InstructionIndex? _instructions;

    /// <summary>The STT_SECTION symbol of a section, if the object has one.</summary>
    public ElfSymbol? SectionSymbol(ElfSection section) => SymbolIndex.SectionSymbolOf(section);

    /// <summary>Symbols defined in a section, by value.</summary>
    public IEnumerable<ElfSymbol> SymbolsIn(ElfSection section) => SymbolIndex.In(section).All;

    /// <summary>The FUNC or OBJECT symbol whose [value, value+size) contains the offset in the section.</summary>
    public ElfSymbol? SymbolContaining(ElfSection section, ulong offset) => SymbolIndex.SymbolAt(section, offset);

    /// <summary>"sym+0xoff" for a place in a section, as objtool prints it.</summary>
    public string Describe(ElfSection section, ulong offset)
    {
        var sym = SymbolContaining(section, offset);
        return sym is null ? $"{section.Name}+0x{offset:x}" : $"{sym.Name}+0x{offset - sym.Value:x}";
    }
}
