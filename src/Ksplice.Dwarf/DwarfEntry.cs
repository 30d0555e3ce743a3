namespace Ksplice.Dwarf;

/// <summary>A debugging information entry: its offset in .debug_info, tag, attributes and children.</summary>
public sealed class DwarfEntry
{
    private readonly (DwarfAttribute Attribute, DwarfValue Value)[] _attributes;
    private List<DwarfEntry>? _children;

    internal DwarfEntry(DwarfUnit unit, ulong offset, DwarfTag tag, (DwarfAttribute, DwarfValue)[] attributes, DwarfEntry? parent)
    {
        Unit = unit;
        Offset = offset;
        Tag = tag;
        _attributes = attributes;
        Parent = parent;
    }

    public DwarfUnit Unit { get; }
    public ulong Offset { get; }
    public DwarfTag Tag { get; }
    public DwarfEntry? Parent { get; }
    public IReadOnlyList<DwarfEntry> Children => (IReadOnlyList<DwarfEntry>?)_children ?? [];
    public IEnumerable<(DwarfAttribute Attribute, DwarfValue Value)> Attributes => _attributes;

    public string? Name => Get(DwarfAttribute.Name)?.Text;
    public bool IsDeclaration => Has(DwarfAttribute.Declaration);
    public bool IsExternal => Has(DwarfAttribute.External);
    public ulong? ByteSize => Get(DwarfAttribute.ByteSize)?.Number;

    /// <summary>The entry named by <see cref="DwarfAttribute.Type"/>, null for <c>void</c>.</summary>
    public DwarfEntry? Type => Reference(DwarfAttribute.Type);

    public bool Has(DwarfAttribute attribute) => Array.Exists(_attributes, a => a.Attribute == attribute);

    public DwarfValue? Get(DwarfAttribute attribute)
    {
        foreach (var (a, v) in _attributes)
            if (a == attribute) return v;
        return null;
    }

    /// <summary>The entry a reference attribute points at (null when absent or dangling).</summary>
    public DwarfEntry? Reference(DwarfAttribute attribute) =>
        Get(attribute) is { IsReference: true } v ? Unit.Info.EntryAt(v.Number) : null;

    internal void AddChild(DwarfEntry child) => (_children ??= []).Add(child);

    public override string ToString() => $"<0x{Offset:x}> {Tag} {Name}";
}
