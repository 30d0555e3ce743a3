using Ksplice.Dwarf;

namespace Ksplice.Types.Internal;

/// <summary>
/// Compares two layouts of one type, pre against post, and says what changed in offsets and sizes: the size, each
/// member (added, removed, moved, resized, bit-field, type), enum constants. Anonymous structs and unions inside are
/// compared member by member (their members are reported as <c>outer.inner</c>); named types inside are compared by
/// name here, and as types of their own by the caller. Pairs already being compared are skipped (cycles).
/// </summary>
internal sealed class LayoutComparer
{
    private readonly HashSet<(ulong, ulong)> _visited = [];
    private readonly List<string> _changes = [];

    public static IReadOnlyList<string> Compare(DwarfEntry pre, DwarfEntry post)
    {
        var c = new LayoutComparer();
        c.CompareLayout(pre, post, "");
        return c._changes.Distinct().ToList();
    }

    /// <summary>Differences between two types named at <paramref name="what"/> (a variable, a parameter).</summary>
    public static IReadOnlyList<string> CompareTypes(DwarfEntry? pre, DwarfEntry? post, string what)
    {
        var c = new LayoutComparer();
        c.CompareType(pre, post, what, "");
        return c._changes.Distinct().ToList();
    }

    private void CompareLayout(DwarfEntry pre, DwarfEntry post, string prefix)
    {
        if (!_visited.Add((pre.Offset, post.Offset))) return;
        var where = prefix.Length == 0 ? "" : $"member '{prefix.TrimEnd('.')}': ";
        if (pre.Tag != post.Tag)
        {
            _changes.Add($"{where}{TypeNames.KindWord(pre)} became {TypeNames.KindWord(post)}");
            return;
        }
        if (pre.IsDeclaration != post.IsDeclaration)
        {
            _changes.Add($"{where}layout {(pre.IsDeclaration ? "unknown" : "known")} before and {(post.IsDeclaration ? "unknown" : "known")} after the patch: cannot compare");
            return;
        }
        if (pre.ByteSize != post.ByteSize) _changes.Add($"{where}size {Size(pre.ByteSize)} -> {Size(post.ByteSize)}");
        if (pre.Tag == DwarfTag.EnumerationType) CompareEnum(pre, post, where);
        else CompareMembers(pre, post, prefix);
    }

    private void CompareEnum(DwarfEntry pre, DwarfEntry post, string where)
    {
        foreach (var change in EnumConstants.Compare(pre, EnumConstants.ByName([post]), removals: true)) _changes.Add(where + change);
        if (TypeNames.Describe(pre.Type) != TypeNames.Describe(post.Type))
            _changes.Add($"{where}underlying type {TypeNames.Describe(pre.Type)} -> {TypeNames.Describe(post.Type)}");
    }

    private void CompareMembers(DwarfEntry pre, DwarfEntry post, string prefix)
    {
        var before = Members(pre);
        var after = Members(post).ToDictionary(m => m.Key);
        var matched = new HashSet<string>();
        foreach (var m in before)
        {
            var label = prefix + m.Label;
            if (!after.TryGetValue(m.Key, out var p))
            {
                _changes.Add($"member '{label}' removed (was at {Place(m)})");
                continue;
            }
            matched.Add(m.Key);
            if (m.BitSize != p.BitSize || (m.BitSize is not null && m.BitPosition != p.BitPosition))
                _changes.Add($"member '{label}': bit-field {Place(m)} -> {Place(p)}");
            else if (m.BitPosition != p.BitPosition)
                _changes.Add($"member '{label}' moved {Place(m)} -> {Place(p)}");
            CompareType(m.Entry.Type, p.Entry.Type, $"member '{label}'", label + ".");
        }
        foreach (var p in Members(post).Where(p => !matched.Contains(p.Key)))
            _changes.Add($"member '{prefix + p.Label}' added at {Place(p)}{(TypeNames.SizeOf(p.Entry.Type) is { } s ? $" ({s} bytes)" : "")}");
    }

    private void CompareType(DwarfEntry? pre, DwarfEntry? post, string what, string prefix)
    {
        var a = TypeNames.Describe(pre);
        var b = TypeNames.Describe(post);
        if (a != b)
        {
            _changes.Add($"{what}: type {a} -> {b}");
            return;
        }
        var sa = TypeNames.SizeOf(pre);
        var sb = TypeNames.SizeOf(post);
        if (sa != sb) _changes.Add($"{what}: size {Size(sa)} -> {Size(sb)}");
        var ca = TypeNames.Core(pre);
        var cb = TypeNames.Core(post);
        if (TypeNames.IsAnonymousLayout(ca) && TypeNames.IsAnonymousLayout(cb)) CompareLayout(ca!, cb!, prefix);
    }

    private static string Size(ulong? size) => size?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";

    private static string Place(Member m) =>
        m.BitPosition is not { } bits ? "an unknown offset"
        : m.BitSize is { } width ? $"+{bits / 8} bit {bits % 8}, {width} bits"
        : $"+{bits / 8}";

    private sealed record Member(string Key, string Label, DwarfEntry Entry, ulong? BitPosition, ulong? BitSize);

    /// <summary>Members keyed by name; anonymous members by their order among the anonymous ones.</summary>
    private static List<Member> Members(DwarfEntry aggregate)
    {
        var list = new List<Member>();
        var anonymous = 0;
        foreach (var m in aggregate.Children.Where(c => c.Tag == DwarfTag.Member))
        {
            var (key, label) = m.Name is { } n ? (n, n) : ($"<anonymous #{anonymous}>", $"<anonymous {TypeNames.Describe(TypeNames.Core(m.Type)).Split(' ')[0]} #{anonymous++}>");
            list.Add(new Member(key, label, m, BitPosition(m), m.Get(DwarfAttribute.BitSize)?.Number));
        }
        return list;
    }

    /// <summary>The member's position in bits from the start of the aggregate (DWARF 4 and 5 bit-field encodings).</summary>
    private static ulong? BitPosition(DwarfEntry m)
    {
        if (m.Get(DwarfAttribute.DataBitOffset) is { } dbo) return dbo.Number;
        ulong bytes;
        if (m.Get(DwarfAttribute.DataMemberLocation) is not { } loc) bytes = 0;
        else if (loc.Block is { } expr)
        {
            if (expr is not [0x23, ..]) return null; // DW_OP_plus_uconst ULEB
            ulong v = 0;
            for (int i = 1, shift = 0; i < expr.Length; i++, shift += 7)
            {
                v |= (ulong)(expr[i] & 0x7f) << shift;
                if ((expr[i] & 0x80) == 0) break;
            }
            bytes = v;
        }
        else bytes = loc.Number;
        if (m.Get(DwarfAttribute.BitOffset) is { } bitOffset && m.Get(DwarfAttribute.BitSize) is { } bitSize)
        {
            var storage = m.ByteSize ?? TypeNames.SizeOf(m.Type) ?? 0;
            return bytes * 8 + storage * 8 - bitOffset.Number - bitSize.Number;
        }
        return bytes * 8;
    }
}
