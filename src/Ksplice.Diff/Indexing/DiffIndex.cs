using Ksplice.Elf.Sections;
using Ksplice.Diff.Correlation;
using Ksplice.Elf.Indexing;
using Ksplice.Elf.IO;
using Ksplice.Elf.Model;
using Ksplice.Elf.Special;

namespace Ksplice.Diff.Indexing;

/// <summary>
/// One object indexed for the questions the differ asks: the category of each section, the symbol holding an offset,
/// functions with their cold parts, the special-section entries of each function, who refers to a symbol, and where
/// the anonymous blocks of a section start. Built once per object; read-only afterwards, so it may be shared (the
/// update uses <see cref="EntriesOf"/> to carry the entries of the functions it includes).
/// </summary>
public sealed class DiffIndex
{
    private readonly Dictionary<ElfSection, SectionCategory> _categories = [];
    private readonly Dictionary<ElfSymbol, string> _files = [];
    private readonly Dictionary<ElfSymbol, SymbolName> _names = [];
    private readonly Dictionary<ElfSymbol, FunctionUnit> _units = [];
    private readonly Dictionary<FunctionUnit, List<OwnedEntry>> _entries = [];
    private readonly Dictionary<ElfSymbol, HashSet<ElfSymbol>> _referrers = [];
    private readonly Dictionary<ElfSection, long[]> _boundaries = [];
    private readonly List<string> _diagnostics = [];

    public DiffIndex(ElfObject obj)
    {
        Object = obj;
        foreach (var s in obj.Sections) _categories[s] = SectionClassifier.Classify(s);
        IndexSymbols();
        Units = FindUnits();
        foreach (var u in Units)
            foreach (var p in u.Parts) _units[p] = u;
        IndexReferences();
        IndexSpecialEntries();
    }

    public ElfObject Object { get; }
    public string Origin => Object.Origin;

    /// <summary>Functions with their cold parts, in symbol-table order.</summary>
    public IReadOnlyList<FunctionUnit> Units { get; }

    /// <summary>Problems found while indexing (malformed special sections), for the notes of the result.</summary>
    public IReadOnlyList<string> Diagnostics => _diagnostics;

    public SectionCategory Category(ElfSection section) => _categories.GetValueOrDefault(section, SectionCategory.Ignored);

    public SectionSymbols SymbolsIn(ElfSection section) => Object.SymbolIndex.In(section);

    public ElfSymbol? SectionSymbolOf(ElfSection section) => Object.SymbolIndex.SectionSymbolOf(section);

    /// <summary>The offset, in the section of the relocation's symbol, that a relocation of <paramref name="site"/> refers to.</summary>
    public long ReferencedPlace(ElfSection site, ElfRelocation relocation) => Object.Instructions.ReferencedPlaceOf(site, relocation);

    /// <summary>How far past S + A a relocation of <paramref name="site"/> points (the instruction tail after the field).</summary>
    public long Adjustment(ElfSection site, ElfRelocation relocation) => Object.Instructions.AdjustmentOf(site, relocation);

    /// <summary>The FILE symbol a local symbol follows in the symbol table ("" for globals and when there is none).</summary>
    public string FileOf(ElfSymbol symbol) => _files.GetValueOrDefault(symbol, "");

    /// <summary>The names of the FILE symbols, in symbol-table order (one for an object built from one .c file).</summary>
    public IReadOnlyList<string> Files { get; private set; } = [];

    /// <summary>The symbol's name taken apart (parsed once, when the index is built).</summary>
    public SymbolName Name(ElfSymbol symbol) => _names.TryGetValue(symbol, out var n) ? n : SymbolName.Parse(symbol.Name);

    /// <summary>The function unit a function or cold-part symbol belongs to.</summary>
    public FunctionUnit? UnitOf(ElfSymbol symbol) => _units.GetValueOrDefault(symbol);

    /// <summary>Special-section entries that belong to the unit, in <see cref="OwnedEntry.SortKey"/> order.</summary>
    public IReadOnlyList<OwnedEntry> EntriesOf(FunctionUnit unit) => _entries.TryGetValue(unit, out var l) ? l : [];

    /// <summary>Functions and objects whose bytes refer to <paramref name="symbol"/> (directly or through its section).</summary>
    public IReadOnlySet<ElfSymbol> Referrers(ElfSymbol symbol) => _referrers.TryGetValue(symbol, out var s) ? s : [];

    /// <summary>Named data objects of the loaded data sections.</summary>
    public IEnumerable<ElfSymbol> DataObjects => Object.Symbols.Where(s => s.Type == ElfSymbolType.Object && s.Section is { } sec
        && Category(sec) is SectionCategory.Writable or SectionCategory.ReadOnly or SectionCategory.PerCpu or SectionCategory.InitData);

    /// <summary>
    /// The start of the anonymous block holding <paramref name="offset"/> in a section: the greatest offset at or below
    /// it that something refers to (code blocks of .altinstr_aux have no symbols; references delimit them).
    /// </summary>
    public (long Start, long End) BlockAround(ElfSection section, long offset)
    {
        var b = _boundaries.GetValueOrDefault(section) ?? [0];
        var i = Array.BinarySearch(b, offset);
        if (i < 0) i = ~i - 1;
        var start = i < 0 ? 0 : b[i];
        var end = i + 1 < b.Length ? b[i + 1] : (long)section.Size;
        return (start, Math.Max(start, end));
    }

    private void IndexSymbols()
    {
        var file = "";
        var files = new List<string>();
        foreach (var s in Object.Symbols)
        {
            _names[s] = SymbolName.Parse(s.Name);
            if (s.Type == ElfSymbolType.File) { file = s.Name; files.Add(file); continue; }
            if (s.IsLocal && s.Index != 0) _files[s] = file;
        }
        Files = files.Distinct().ToList();
    }

    private List<FunctionUnit> FindUnits()
    {
        var functions = Object.Symbols.Where(s => s.Type == ElfSymbolType.Function && s.Section is { } sec
            && Category(sec) is SectionCategory.Code or SectionCategory.InitCode).ToList();
        var byName = functions.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.ToList());
        var colds = functions.Where(f => Name(f).IsCold).ToList();
        var parentOf = new Dictionary<ElfSymbol, ElfSymbol>();
        foreach (var cold in colds)
        {
            // By name; when several functions carry that name (objects linked from several files), by the jumps.
            var named = Name(cold).ColdParentName is { } pn ? byName.GetValueOrDefault(pn) ?? [] : [];
            var parent = named.Count == 1 ? named[0] : ParentByJumps(cold, named.Count > 1 ? named : functions);
            if (parent is not null && parent != cold && !Name(parent).IsCold) parentOf[cold] = parent;
        }
        var coldOf = parentOf.GroupBy(kv => kv.Value).ToDictionary(g => g.Key, g => g.First().Key);
        return functions.Where(f => !parentOf.ContainsKey(f))
            .Select(f => new FunctionUnit(f, coldOf.GetValueOrDefault(f))).ToList();
    }

    /// <summary>The one non-cold function whose code jumps into the cold part, when its name does not tell.</summary>
    private ElfSymbol? ParentByJumps(ElfSymbol cold, List<ElfSymbol> functions)
    {
        var candidates = functions.Where(f => f != cold && JumpsInto(f, cold)).Distinct().ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    /// <summary>True when a relocation in <paramref name="from"/> lands inside <paramref name="cold"/>.</summary>
    private bool JumpsInto(ElfSymbol from, ElfSymbol cold)
    {
        var sec = from.Section!;
        return RelocationRange.Of(sec, (long)from.Value, (long)(from.Value + from.Size)).Any(r => r.Symbol == cold
            || r.Symbol.IsSection && r.Symbol.Section == cold.Section
                && ReferencedPlace(sec, r) is var at
                && at >= (long)cold.Value && at < (long)(cold.Value + Math.Max(1, cold.Size)));
    }

    /// <summary>One pass over every relocation: who refers to what, and where anonymous blocks begin.</summary>
    private void IndexReferences()
    {
        var places = new Dictionary<ElfSection, SortedSet<long>>();
        foreach (var site in Object.Sections)
        {
            if (site.Relocations.Count == 0 || Category(site) == SectionCategory.Ignored) continue;
            var siteSymbols = SymbolsIn(site);
            foreach (var r in site.Relocations)
            {
                if (r.Symbol.Section is not { } target) continue;
                var place = ReferencedPlace(site, r);
                ElfSymbol? referred = r.Symbol.IsSection || r.Symbol.Name.StartsWith(".L", StringComparison.Ordinal)
                    ? SymbolsIn(target).Containing(place) : r.Symbol;
                if (referred is null)
                {
                    if (!places.TryGetValue(target, out var set)) places[target] = set = [0];
                    set.Add(place);
                }
                else if (siteSymbols.Containing((long)r.Offset) is { } referrer && referrer != referred)
                {
                    if (!_referrers.TryGetValue(referred, out var who)) _referrers[referred] = who = [];
                    who.Add(referrer);
                }
            }
        }
        foreach (var (sec, set) in places) _boundaries[sec] = set.ToArray();
    }

    private void IndexSpecialEntries()
    {
        var diagnostics = new List<ElfDiagnostic>();
        var tables = Object.Sections
            .Where(s => SpecialSections.Find(s.Name) is { } k && SpecialEntryPolicy.For(k) == SpecialEntryRole.PartOfFunction)
            .Select(s => (Section: s, Entries: SpecialSectionReader.Read(Object, s, diagnostics)))
            // Alternatives first: their replacement ranges give owners to entries whose site is replacement code.
            .OrderBy(t => t.Section.Name == ".altinstructions" ? 0 : 1).ToList();
        var replacements = new List<(ElfSection Section, long Start, long End, FunctionUnit Owner, long Offset)>();
        foreach (var (_, entries) in tables)
        {
            foreach (var e in entries)
            {
                if (e.Site is not { TargetSection: { } siteSection } site) continue;
                var owned = Locate(e, siteSection, (long)site.TargetOffset, replacements);
                if (owned is null) continue;
                if (!_entries.TryGetValue(owned.Owner, out var list)) _entries[owned.Owner] = list = [];
                list.Add(owned);
                if (e.Kind.Patch == SitePatchKind.Alternative && e.Target is { TargetSection: { } rs } t && owned.Part < 2)
                    replacements.Add((rs, (long)t.TargetOffset, (long)t.TargetOffset + e.Byte("replacementlen"), owned.Owner, owned.Offset));
            }
        }
        foreach (var list in _entries.Values) list.Sort((a, b) => a.SortKey.CompareTo(b.SortKey));
        _diagnostics.AddRange(diagnostics.Select(d => d.ToString()));
    }

    private OwnedEntry? Locate(SpecialEntry e, ElfSection section, long offset,
        List<(ElfSection Section, long Start, long End, FunctionUnit Owner, long Offset)> replacements)
    {
        if (SymbolsIn(section).Containing(offset) is { Type: ElfSymbolType.Function } f && UnitOf(f) is { } unit)
            return new OwnedEntry(e, unit, f == unit.Main ? 0 : 1, offset - (long)f.Value, 0);
        foreach (var r in replacements)
            if (r.Section == section && offset >= r.Start && (offset < r.End || offset == r.Start))
                return new OwnedEntry(e, r.Owner, 2, r.Offset, offset - r.Start);
        return null;
    }
}
