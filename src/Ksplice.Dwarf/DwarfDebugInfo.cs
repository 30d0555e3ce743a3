namespace Ksplice.Dwarf;

/// <summary>The debugging information of one object: its units and every entry by .debug_info offset.</summary>
public sealed class DwarfDebugInfo
{
    private readonly Dictionary<ulong, DwarfEntry> _entries = [];
    private readonly List<DwarfUnit> _units = [];

    internal DwarfDebugInfo(string origin) => Origin = origin;

    internal Internal.RelocatedSection? RangeLists { get; init; }
    internal Internal.RelocatedSection? Ranges { get; init; }

    public string Origin { get; }
    public IReadOnlyList<DwarfUnit> Units => _units;
    public int EntryCount => _entries.Count;

    public DwarfEntry? EntryAt(ulong offset) => _entries.GetValueOrDefault(offset);

    /// <summary>Every entry, units in order, each tree depth first.</summary>
    public IEnumerable<DwarfEntry> Entries => _units.SelectMany(u => Walk(u.Root));

    /// <summary>Where the code of a subprogram or block starts: its DW_AT_low_pc, or each start of its DW_AT_ranges
    /// (code split into hot and cold parts), as relocated symbol plus offset.</summary>
    public IReadOnlyList<DwarfAddress> CodeStarts(DwarfEntry entry)
    {
        if (entry.Get(DwarfAttribute.LowPc) is { RelocationSymbol: { } symbol } low) return [new DwarfAddress(symbol, low.Number)];
        if (entry.Get(DwarfAttribute.Ranges) is not { } ranges) return [];
        if (entry.Unit.Version >= 5)
        {
            if (ranges.Form == DwarfForm.Rnglistx || RangeLists is null) return [];
            return Internal.RangeListReader.RangeListStarts(RangeLists, ranges.Number, entry.Unit.AddressSize);
        }
        return Ranges is null ? [] : Internal.RangeListReader.RangesStarts(Ranges, ranges.Number, entry.Unit.AddressSize);
    }

    internal void Add(DwarfUnit unit) => _units.Add(unit);

    internal void Add(DwarfEntry entry) => _entries[entry.Offset] = entry;

    private static IEnumerable<DwarfEntry> Walk(DwarfEntry root)
    {
        var stack = new Stack<DwarfEntry>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            yield return e;
            for (var i = e.Children.Count - 1; i >= 0; i--) stack.Push(e.Children[i]);
        }
    }
}
