namespace Ksplice.Dwarf;

/// <summary>The debugging information of one object: its units and every entry by .debug_info offset.</summary>
public sealed class DwarfDebugInfo
{
    private readonly Dictionary<ulong, DwarfEntry> _entries = [];
    private readonly List<DwarfUnit> _units = [];

    internal DwarfDebugInfo(string origin) => Origin = origin;

    public string Origin { get; }
    public IReadOnlyList<DwarfUnit> Units => _units;
    public int EntryCount => _entries.Count;

    public DwarfEntry? EntryAt(ulong offset) => _entries.GetValueOrDefault(offset);

    /// <summary>Every entry, units in order, each tree depth first.</summary>
    public IEnumerable<DwarfEntry> Entries => _units.SelectMany(u => Walk(u.Root));

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
