using Ksplice.Elf.Model;

namespace Ksplice.Elf.Indexing;

/// <summary>
/// The symbols of an object by section, each section's sorted once, and the STT_SECTION symbol of each section: the
/// one answer to "which symbol holds this offset" for the differ, the update builder and the matcher.
/// </summary>
public sealed class SymbolIndex
{
    private readonly Dictionary<ElfSection, SectionSymbols> _bySection = [];
    private readonly Dictionary<ElfSection, ElfSymbol> _sectionSymbols = [];

    public SymbolIndex(ElfObject obj)
    {
        var lists = new Dictionary<ElfSection, List<ElfSymbol>>();
        foreach (var s in obj.Symbols)
        {
            if (s.Section is not { } sec) continue;
            if (s.IsSection) { _sectionSymbols.TryAdd(sec, s); continue; }
            if (!lists.TryGetValue(sec, out var list)) lists[sec] = list = [];
            list.Add(s);
        }
        foreach (var (sec, list) in lists) _bySection[sec] = new SectionSymbols(sec, list);
    }

    public SectionSymbols In(ElfSection section) => _bySection.GetValueOrDefault(section) ?? SectionSymbols.Empty;

    /// <summary>The first STT_SECTION symbol of a section, if the object has one.</summary>
    public ElfSymbol? SectionSymbolOf(ElfSection section) => _sectionSymbols.GetValueOrDefault(section);

    /// <summary>The function or object holding <paramref name="offset"/> (see <see cref="SectionSymbols.Containing"/>).</summary>
    public ElfSymbol? SymbolAt(ElfSection section, ulong offset) => offset > long.MaxValue ? null : In(section).Containing((long)offset);

    /// <summary>The function holding <paramref name="offset"/> (see <see cref="SectionSymbols.FunctionContaining"/>).</summary>
    public ElfSymbol? FunctionContaining(ElfSection section, ulong offset) => In(section).FunctionContaining(offset);
}
