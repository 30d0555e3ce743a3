using Ksplice.Elf.Model;
using Ksplice.Elf.Arch;
using Ksplice.Elf.Arch.X86;
using Ksplice.Match.Sites;

namespace Ksplice.Match.Comparison;

/// <summary>
/// A pre object indexed for the questions matching asks: symbols by name, functions by section and offset, sorted
/// relocations, patch sites, and which code refers to a section or an undefined name. Built lazily, once per object.
/// </summary>
internal sealed class PreObjectIndex
{
    private readonly Dictionary<string, List<ElfSymbol>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<ElfSection, ElfRelocation[]> _relocations = [];
    private readonly Dictionary<ElfSection, InsnDecoder> _decoders = [];
    private SiteMap? _sites;
    private Dictionary<ElfSection, List<(ElfSection Code, ulong Offset)>>? _sectionReferrers;
    private Dictionary<string, List<(ElfSection Code, ulong Offset)>>? _nameReferrers;

    public PreObjectIndex(PreObject pre)
    {
        Pre = pre;
        foreach (var symbol in pre.Elf.Symbols)
        {
            if (symbol.Index == 0 || symbol.Name.Length == 0 || symbol.IsSection || symbol.Type == ElfSymbolType.File) continue;
            if (!_byName.TryGetValue(symbol.Name, out var list)) _byName[symbol.Name] = list = new List<ElfSymbol>(1);
            list.Add(symbol);
        }
    }

    public PreObject Pre { get; }
    public ElfObject Elf => Pre.Elf;
    public string Path => Pre.Path;
    public string Target => Pre.Target;

    public SiteMap Sites => _sites ??= SiteMap.Build(Elf, Decoder);

    public IReadOnlyList<ElfSymbol> Symbols(string name) => _byName.TryGetValue(name, out var list) ? list : [];

    /// <summary>Decoder over a section's bytes at address 0, so instruction offsets are section offsets.</summary>
    public InsnDecoder Decoder(ElfSection section)
    {
        if (!_decoders.TryGetValue(section, out var d))
            _decoders[section] = d = new InsnDecoder(section.Data, 0, section.Data.Length, 0);
        return d;
    }

    /// <summary>The section's relocations, sorted by offset.</summary>
    public ElfRelocation[] Relocations(ElfSection section)
    {
        if (!_relocations.TryGetValue(section, out var r))
            _relocations[section] = r = section.Relocations.OrderBy(x => x.Offset).ToArray();
        return r;
    }

    /// <summary>Index of the first relocation at or after <paramref name="offset"/>.</summary>
    public static int FirstRelocationAtOrAfter(ElfRelocation[] relocations, int offset)
    {
        int lo = 0, hi = relocations.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if ((long)relocations[mid].Offset < offset) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>The outermost patch sites whose start lies in [start, end) of the section.</summary>
    public IReadOnlyList<PatchSite> TopSites(ElfSection section, int start, int end)
    {
        var all = Sites.TopLevel(section);
        if (all.Count == 0) return all;
        var list = new List<PatchSite>();
        foreach (var s in all)
            if (s.Offset >= start && s.Offset < end) list.Add(s);
        return list;
    }

    /// <summary>The function whose range holds the offset (the last one starting at or before it).</summary>
    public ElfSymbol? FunctionContaining(ElfSection section, ulong offset) => Elf.SymbolIndex.FunctionContaining(section, offset);

    /// <summary>Code locations (section, offset of the field) whose relocation refers to a symbol in <paramref name="target"/>.</summary>
    public IReadOnlyList<(ElfSection Code, ulong Offset)> ReferrersOf(ElfSection target)
    {
        BuildReferrers();
        return _sectionReferrers!.GetValueOrDefault(target) ?? [];
    }

    /// <summary>Code locations whose relocation refers to the undefined (or common) symbol <paramref name="name"/>.</summary>
    public IReadOnlyList<(ElfSection Code, ulong Offset)> ReferrersOf(string name)
    {
        BuildReferrers();
        return _nameReferrers!.GetValueOrDefault(name) ?? [];
    }

    private void BuildReferrers()
    {
        if (_sectionReferrers is not null) return;
        var bySection = new Dictionary<ElfSection, List<(ElfSection, ulong)>>();
        var byName = new Dictionary<string, List<(ElfSection, ulong)>>(StringComparer.Ordinal);
        foreach (var code in Elf.Sections)
        {
            if (!code.IsExecutable || !code.IsAlloc || code.Relocations.Count == 0) continue;
            foreach (var r in code.Relocations)
            {
                if (r.Symbol.Section is { } s)
                {
                    if (s == code) continue;
                    if (!bySection.TryGetValue(s, out var l)) bySection[s] = l = [];
                    l.Add((code, r.Offset));
                }
                else if (r.Symbol.Name.Length > 0 && !r.Symbol.IsAbsolute)
                {
                    if (!byName.TryGetValue(r.Symbol.Name, out var l)) byName[r.Symbol.Name] = l = [];
                    l.Add((code, r.Offset));
                }
            }
        }
        _sectionReferrers = bySection;
        _nameReferrers = byName;
    }

    /// <summary>"sym+0xoff" for a place in a section.</summary>
    public string Describe(ElfSection section, int offset)
    {
        var f = FunctionContaining(section, (ulong)offset);
        return f is null ? $"{section.Name}+0x{offset:x}" : $"{f.Name}+0x{(ulong)offset - f.Value:x}";
    }

    public CodePlace Place(ElfSection section, ulong offset) => CodePlace.In(Path, Elf, section, offset);
}
