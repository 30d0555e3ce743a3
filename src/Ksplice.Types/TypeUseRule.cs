using Ksplice.Dwarf;
using Ksplice.Types.Internal;

namespace Ksplice.Types;

/// <summary>
/// When a changed layout is refused. The rule is conservative on purpose: a type of the pre object whose layout
/// changes is refused when ANY of these holds, and allowed only when none does.
/// <list type="number">
/// <item>a function of the pre object that the update does not replace (or whose ELF symbol the DWARF does not
/// pin down) uses it (a parameter, local, return value or
/// inlined callee's local names it directly, embedded in another type, or through any chain of pointers): that code
/// stays in the running kernel and keeps the old offsets;</item>
/// <item>a variable with static storage of the pre object (global, file static, static local, or an extern it
/// refers to) reaches it: that data exists before the update, laid out the old way;</item>
/// <item>a non-static function of the pre object takes or returns it (even one the update replaces): instances
/// come from callers in other objects and exist before the update;</item>
/// <item>it is declared in a header, or its declaring file is unknown: objects the update does not rebuild may use it.</item>
/// <item>another type reaches it (a pointer to it, a struct or union embedding it, an array of it, a function type
/// taking it): instances can then live outside the stack frames of the replaced functions (on the heap, behind
/// <c>void *</c> handles such as <c>file->private_data</c>) and exist before the update, and code that reaches them
/// only through casts leaves no trace in DWARF.</item>
/// <item>an enum constant changed value or disappeared while the object keeps a function the update does not replace,
/// defines data with static storage or has non-static functions: constants are compiled into code and data as plain
/// numbers that DWARF does not tie to the enum, so any of those may compare against or hold the old values.</item>
/// </list>
/// A type only the post object has is new and always allowed; so is a change to a type of a .c file whose only
/// instances are locals or by-value parameters of replaced static functions (they cannot exist while the update is
/// applied: the stack check keeps replaced functions off every stack). Enums follow the same rules, and rule 6.
/// </summary>
public static class TypeUseRule
{
    internal static TypeRefusal? Judge(TypeRefusal change, ObjectTypeIndex pre, DwarfEntry type, IReadOnlySet<string> replaced, bool constantsChanged = false)
    {
        var reaching = pre.Reaching(type);
        var staying = pre.Functions
            .Where(f => !f.IsReplacedBy(replaced) && f.BodyTypes.Overlaps(reaching))
            .Select(f => f.SymbolName).Distinct().Order(StringComparer.Ordinal).ToList();
        var data = pre.Data.Where(d => d.Type is not null && reaching.Contains(d.Type.Offset))
            .Select(d => d.Label).Distinct().Order(StringComparer.Ordinal).ToList();
        var reasons = new List<string>();
        var entryPoints = pre.Functions.Where(f => f.External && f.SignatureTypes.Overlaps(reaching))
            .Select(f => f.SymbolName).Distinct().Order(StringComparer.Ordinal).ToList();
        if (entryPoints.Count > 0)
            reasons.Add($"non-static functions take or return it, so instances come from other objects and exist before the update ({string.Join(", ", entryPoints)})");
        var holders = reaching.Where(o => o != type.Offset).Select(o => pre.Info.EntryAt(o)!)
            .Where(e => e.Tag is not (DwarfTag.Typedef or DwarfTag.ConstType or DwarfTag.VolatileType or DwarfTag.AtomicType or DwarfTag.RestrictType))
            .Select(TypeNames.Describe).Distinct().Order(StringComparer.Ordinal).ToList();
        if (holders.Count > 0)
            reasons.Add($"it is reached through other types ({string.Join(", ", holders.Take(4))}{(holders.Count > 4 ? ", ..." : "")}), "
                + "so instances can live beyond the replaced functions' stack frames (heap, void * handles) and exist before the update");
        var file = TypeNames.DeclFile(type);
        if (file is null)
            reasons.Add("its declaring file is not recorded, so objects this update does not rebuild may use it");
        else if (!file.EndsWith(".c", StringComparison.Ordinal))
            reasons.Add($"it is declared in {file}, so objects this update does not rebuild may use it");
        if (constantsChanged && ConstantHolders(pre, replaced) is { } holdersOfValues) reasons.Add(holdersOfValues);
        if (staying.Count == 0 && data.Count == 0 && reasons.Count == 0) return null;
        return change with { Functions = staying, Data = data, Reasons = reasons };
    }

    private static string? ConstantHolders(ObjectTypeIndex pre, IReadOnlySet<string> replaced)
    {
        var staying = pre.Functions.Where(f => !f.IsReplacedBy(replaced)).Select(f => f.SymbolName).Distinct().Order(StringComparer.Ordinal).ToList();
        var data = pre.Data.Where(d => d.Defined).Select(d => d.Label).Distinct().Order(StringComparer.Ordinal).ToList();
        var entryPoints = pre.Functions.Where(f => f.External).Select(f => f.SymbolName).Distinct().Order(StringComparer.Ordinal).ToList();
        var holders = new List<string>();
        if (staying.Count > 0) holders.Add($"the functions staying in the running kernel ({List(staying)})");
        if (data.Count > 0) holders.Add($"the data that exists before the update ({List(data)})");
        if (entryPoints.Count > 0) holders.Add($"callers in other objects of its non-static functions ({List(entryPoints)})");
        return holders.Count == 0 ? null
            : "its constants are compiled into code and data as plain numbers, and DWARF does not record which code compares "
              + $"against them or which data holds them: {string.Join(", ", holders)} may keep the old values";
    }

    private static string List(IReadOnlyList<string> names) =>
        names.Count <= 8 ? string.Join(", ", names) : string.Join(", ", names.Take(8)) + $", and {names.Count - 8} more";
}
