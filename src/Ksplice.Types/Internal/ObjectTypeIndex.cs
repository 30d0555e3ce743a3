using Ksplice.Dwarf;
using Ksplice.Elf.Model;

namespace Ksplice.Types.Internal;

/// <summary>
/// What one object's DWARF says about types: the named layouts (struct, union, enum, and anonymous ones named by a
/// typedef), every enum, the functions with code and the static data, and for every type which other types reach it, so "does
/// this function use struct foo, directly, embedded or through any pointer" is one set lookup.
/// </summary>
internal sealed class ObjectTypeIndex
{
    private const byte DwOpAddr = 0x03;
    private readonly Dictionary<ulong, List<ulong>> _referrers = [];

    public ObjectTypeIndex(ElfObject elf, DwarfDebugInfo info)
    {
        Info = info;
        foreach (var unit in info.Units)
        {
            IndexTypes(unit.Root);
            foreach (var child in unit.Root.Children)
            {
                if (child.Tag == DwarfTag.Subprogram)
                {
                    if (HasCode(child)) Functions.Add(Function(elf, child));
                    AddStaticLocals(child, NameOf(child) ?? $"<function at 0x{child.Offset:x}>");
                }
                else if (child.Tag == DwarfTag.Variable) AddData(child, scope: null);
            }
        }
    }

    public DwarfDebugInfo Info { get; }
    public Dictionary<string, DwarfEntry> Types { get; } = [];

    /// <summary>Every enum the object defines, named or not, typedef'd or not.</summary>
    public List<DwarfEntry> Enums { get; } = [];
    public List<FunctionUse> Functions { get; } = [];
    public List<DataUse> Data { get; } = [];

    /// <summary>Every type entry that reaches <paramref name="type"/> (itself included) by embedding, pointers, typedefs, arrays,
    /// qualifiers or function-pointer signatures.</summary>
    public HashSet<ulong> Reaching(DwarfEntry type)
    {
        var seen = new HashSet<ulong> { type.Offset };
        var work = new Queue<ulong>(seen);
        while (work.Count > 0)
            foreach (var r in _referrers.GetValueOrDefault(work.Dequeue()) ?? [])
                if (seen.Add(r)) work.Enqueue(r);
        return seen;
    }

    private void IndexTypes(DwarfEntry root)
    {
        var keyed = new List<(string Key, DwarfEntry Entry)>();
        var stack = new Stack<DwarfEntry>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            foreach (var c in e.Children) stack.Push(c);
            if (!IsType(e)) continue;
            AddEdge(e, e.Type);
            foreach (var c in e.Children)
                if (c.Tag is DwarfTag.Member or DwarfTag.FormalParameter or DwarfTag.SubrangeType or DwarfTag.Variant) AddEdge(e, c.Type);
            if (e.IsDeclaration) continue;
            if (e.Tag == DwarfTag.EnumerationType) Enums.Add(e);
            if (TypeNames.IsKeyable(e) && e.Name is { } name) keyed.Add((TypeNames.KindWord(e) + " " + name, e));
            else if (e.Tag == DwarfTag.Typedef && TypeNames.IsAnonymousLayout(e.Type) && e.Name is { } alias)
                keyed.Add(("typedef " + alias, e.Type!));
        }
        foreach (var group in keyed.GroupBy(k => k.Key))
        {
            var entries = group.Select(g => g.Entry).Distinct().ToList();
            if (entries.Count == 1) Types.TryAdd(group.Key, entries[0]);
            else for (var i = 0; i < entries.Count; i++) Types.TryAdd($"{group.Key} #{i + 1}", entries[i]);
        }
    }

    private static bool IsType(DwarfEntry e) => e.Tag is DwarfTag.StructureType or DwarfTag.UnionType or DwarfTag.ClassType
        or DwarfTag.EnumerationType or DwarfTag.Typedef or DwarfTag.PointerType or DwarfTag.ConstType or DwarfTag.VolatileType
        or DwarfTag.RestrictType or DwarfTag.AtomicType or DwarfTag.ArrayType or DwarfTag.SubroutineType or DwarfTag.BaseType;

    private void AddEdge(DwarfEntry from, DwarfEntry? to)
    {
        if (to is null) return;
        if (!_referrers.TryGetValue(to.Offset, out var list)) _referrers[to.Offset] = list = [];
        list.Add(from.Offset);
    }

    private static bool HasCode(DwarfEntry e) => !e.IsDeclaration && (e.Has(DwarfAttribute.LowPc) || e.Has(DwarfAttribute.Ranges));

    private static DwarfEntry? Origin(DwarfEntry e) =>
        e.Reference(DwarfAttribute.AbstractOrigin) ?? e.Reference(DwarfAttribute.Specification);

    private static string? NameOf(DwarfEntry e)
    {
        for (var (x, guard) = (e, 0); x is not null && guard < 8; x = Origin(x), guard++)
            if (x.Name is { } n) return n;
        return null;
    }

    private static bool IsExternal(DwarfEntry e)
    {
        for (var (x, guard) = (e, 0); x is not null && guard < 8; x = Origin(x), guard++)
            if (x.IsExternal) return true;
        return false;
    }

    private static DwarfEntry? TypeOf(DwarfEntry e)
    {
        for (var (x, guard) = (e, 0); x is not null && guard < 8; x = Origin(x), guard++)
            if (x.Type is { } t) return t;
        return null;
    }

    private static FunctionUse Function(ElfObject elf, DwarfEntry e)
    {
        var name = NameOf(e) ?? $"<function at 0x{e.Offset:x}>";
        var body = new HashSet<ulong>();
        CollectTypes(e, body, new HashSet<ulong>());
        var signature = new HashSet<ulong>();
        if (TypeOf(e) is { } ret) signature.Add(ret.Offset);
        foreach (var p in Parameters(e))
            if (TypeOf(p) is { } t) signature.Add(t.Offset);
        var symbol = SymbolName(elf, e);
        return new FunctionUse(symbol ?? name, name, e, IsExternal(e), body, signature, symbol is not null);
    }

    /// <summary>The formal parameters of a function as its source declares them: from the end of its chain of abstract
    /// origins, since a concrete clone (<c>foo.isra.0</c>) may list fewer or reorder them.</summary>
    public static IReadOnlyList<DwarfEntry> Parameters(DwarfEntry function)
    {
        IReadOnlyList<DwarfEntry> found = [];
        for (var (x, guard) = (function, 0); x is not null && guard < 8; x = Origin(x), guard++)
        {
            var ps = x.Children.Where(c => c.Tag == DwarfTag.FormalParameter).ToList();
            if (ps.Count > 0) found = ps;
        }
        return found;
    }

    public static bool IsVariadic(DwarfEntry function)
    {
        for (var (x, guard) = (function, 0); x is not null && guard < 8; x = Origin(x), guard++)
            if (x.Children.Any(c => c.Tag == DwarfTag.UnspecifiedParameters)) return true;
        return false;
    }

    public static DwarfEntry? ReturnType(DwarfEntry function) => TypeOf(function);

    /// <summary>The ELF function symbol where the function's code starts (its low_pc, or the one start of its ranges
    /// that is not a <c>.cold</c> part); null when that is not exactly one symbol.</summary>
    private static string? SymbolName(ElfObject elf, DwarfEntry e)
    {
        var names = e.Unit.Info.CodeStarts(e)
            .Select(a => a.Symbol.IsFunction ? a.Symbol.Name
                : a.Symbol.Section is { } section ? elf.SymbolsIn(section).FirstOrDefault(s => s.IsFunction && s.Value == a.Value)?.Name
                : null)
            .ToList();
        if (names.Any(n => n is null)) return null;
        var hot = names.Where(n => !n!.EndsWith(".cold", StringComparison.Ordinal)).Distinct().ToList();
        return hot.Count == 1 ? hot[0] : null;
    }

    /// <summary>Every type named in a function's subtree, following abstract origins (inlined callees, concrete instances).</summary>
    private static void CollectTypes(DwarfEntry e, HashSet<ulong> types, HashSet<ulong> visited)
    {
        if (!visited.Add(e.Offset)) return;
        if (e.Type is { } t) types.Add(t.Offset);
        if (Origin(e) is { } origin) CollectTypes(origin, types, visited);
        foreach (var c in e.Children) CollectTypes(c, types, visited);
    }

    private void AddData(DwarfEntry e, string? scope)
    {
        var defined = e.Get(DwarfAttribute.Location) is { Block: [DwOpAddr, ..] };
        if (scope is not null && !defined) return;
        var name = NameOf(e) ?? $"<variable at 0x{e.Offset:x}>";
        Data.Add(new DataUse(scope is null ? name : $"{scope}::{name}", e, TypeOf(e), defined));
    }

    private void AddStaticLocals(DwarfEntry function, string scope)
    {
        var stack = new Stack<DwarfEntry>(function.Children.Reverse());
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (e.Tag == DwarfTag.Variable) AddData(e, scope);
            foreach (var c in e.Children.Reverse()) stack.Push(c);
        }
    }
}
