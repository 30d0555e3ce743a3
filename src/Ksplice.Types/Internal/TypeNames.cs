using System.Text;
using Ksplice.Dwarf;

namespace Ksplice.Types.Internal;

/// <summary>C-like spellings of DWARF types ("struct foo *", "const char[16]", "int (*)(struct sock *)") and type keys.</summary>
internal static class TypeNames
{
    public static bool IsAggregate(DwarfEntry e) => e.Tag is DwarfTag.StructureType or DwarfTag.UnionType or DwarfTag.ClassType;

    public static bool IsKeyable(DwarfEntry e) => IsAggregate(e) || e.Tag == DwarfTag.EnumerationType;

    public static string KindWord(DwarfEntry e) => e.Tag switch
    {
        DwarfTag.StructureType => "struct",
        DwarfTag.UnionType => "union",
        DwarfTag.ClassType => "class",
        DwarfTag.EnumerationType => "enum",
        _ => e.Tag.ToString(),
    };

    /// <summary>Strips typedef-free modifiers and arrays and pointers: the type a member or variable is built from.</summary>
    public static DwarfEntry? Core(DwarfEntry? t)
    {
        for (var guard = 0; t is not null && guard < 64; guard++)
        {
            if (t.Tag is DwarfTag.PointerType or DwarfTag.ConstType or DwarfTag.VolatileType or DwarfTag.RestrictType
                or DwarfTag.AtomicType or DwarfTag.ArrayType) t = t.Type;
            else return t;
        }
        return t;
    }

    public static bool IsAnonymousLayout(DwarfEntry? t) => t is not null && IsKeyable(t) && t.Name is null;

    public static string Describe(DwarfEntry? t) => Describe(t, 0);

    private static string Describe(DwarfEntry? t, int depth)
    {
        if (t is null) return "void";
        if (depth > 16) return "...";
        switch (t.Tag)
        {
            case DwarfTag.BaseType or DwarfTag.Typedef: return t.Name ?? "<unnamed>";
            case DwarfTag.StructureType or DwarfTag.UnionType or DwarfTag.ClassType or DwarfTag.EnumerationType:
                return KindWord(t) + " " + (t.Name ?? "<anonymous>");
            case DwarfTag.PointerType:
                return t.Type is { Tag: DwarfTag.SubroutineType } f ? Subroutine(f, "(*)", depth) : Describe(t.Type, depth + 1) + " *";
            case DwarfTag.ConstType: return "const " + Describe(t.Type, depth + 1);
            case DwarfTag.VolatileType: return "volatile " + Describe(t.Type, depth + 1);
            case DwarfTag.RestrictType: return Describe(t.Type, depth + 1) + " restrict";
            case DwarfTag.AtomicType: return "_Atomic " + Describe(t.Type, depth + 1);
            case DwarfTag.ArrayType:
                var dims = new StringBuilder();
                foreach (var s in t.Children.Where(c => c.Tag == DwarfTag.SubrangeType))
                    dims.Append('[').Append(Count(s)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "").Append(']');
                return Describe(t.Type, depth + 1) + dims;
            case DwarfTag.SubroutineType: return Subroutine(t, "", depth);
            default: return $"<{t.Tag}>";
        }
    }

    private static string Subroutine(DwarfEntry f, string declarator, int depth)
    {
        var parameters = f.Children.Select(p => p.Tag == DwarfTag.UnspecifiedParameters ? "..." : Describe(p.Type, depth + 1)).ToList();
        return $"{Describe(f.Type, depth + 1)} {declarator}({string.Join(", ", parameters)})";
    }

    /// <summary>The element count of an array dimension, null when flexible or unknown.</summary>
    public static ulong? Count(DwarfEntry subrange) =>
        subrange.Get(DwarfAttribute.Count)?.Number
        ?? (subrange.Get(DwarfAttribute.UpperBound) is { IsReference: false } u && u.Form != DwarfForm.Exprloc ? u.Number + 1 : null);

    /// <summary>The size in bytes of a type, null when DWARF does not say (incomplete, variable length).</summary>
    public static ulong? SizeOf(DwarfEntry? t, int depth = 0)
    {
        if (t is null || depth > 64) return null;
        if (t.ByteSize is { } size) return size;
        switch (t.Tag)
        {
            case DwarfTag.PointerType: return (ulong)t.Unit.AddressSize;
            case DwarfTag.Typedef or DwarfTag.ConstType or DwarfTag.VolatileType or DwarfTag.RestrictType or DwarfTag.AtomicType:
                return SizeOf(t.Type, depth + 1);
            case DwarfTag.ArrayType:
                var element = SizeOf(t.Type, depth + 1);
                if (element is null) return null;
                ulong total = element.Value;
                foreach (var s in t.Children.Where(c => c.Tag == DwarfTag.SubrangeType))
                {
                    if (Count(s) is not { } n) return null;
                    total *= n;
                }
                return total;
            default: return null;
        }
    }

    /// <summary>Where a type or object is declared, "file:line", or null when DWARF does not record it. A definition that
    /// completes an earlier declaration (<c>DW_AT_specification</c>) or a concrete instance of an abstract one may
    /// leave the file to that entry.</summary>
    public static string? DeclaredAt(DwarfEntry e)
    {
        for (var (x, guard) = (e, 0); x is not null && guard < 8; x = x.Reference(DwarfAttribute.Specification) ?? x.Reference(DwarfAttribute.AbstractOrigin), guard++)
        {
            if (DeclFile(x) is not { } file) continue;
            var line = e.Get(DwarfAttribute.DeclLine) ?? x.Get(DwarfAttribute.DeclLine);
            return line is { } l ? $"{file}:{l.Number}" : file;
        }
        return null;
    }

    public static string? DeclFile(DwarfEntry e) =>
        e.Get(DwarfAttribute.DeclFile) is { } f ? e.Unit.FileName(f.Number) : null;
}
