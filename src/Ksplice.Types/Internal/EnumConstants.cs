using System.Globalization;
using Ksplice.Dwarf;

namespace Ksplice.Types.Internal;

/// <summary>
/// Enum constants by name. Code and data hold them as plain numbers that DWARF does not tie to their enum, and an
/// enum without a name or typedef (<c>enum { A = 1, B = 2 };</c>) has no name to pair it by: its constants are
/// compared by name against every enum of the other object.
/// </summary>
internal static class EnumConstants
{
    /// <summary>Every constant of every enum given: name to its values (one per enum that declares it).</summary>
    public static Dictionary<string, List<string>> ByName(IEnumerable<DwarfEntry> enums)
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var c in enums.SelectMany(Of))
        {
            if (!map.TryGetValue(c.Name!, out var values)) map[c.Name!] = values = [];
            values.Add(Value(c));
        }
        return map;
    }

    /// <summary>
    /// "constant B: 2 -> 3" for each constant of <paramref name="enumType"/> whose value differs in <paramref name="after"/>;
    /// with <paramref name="removals"/>, "constant B (= 2) removed" for one <paramref name="after"/> lacks. A constant only
    /// added is no change.
    /// </summary>
    public static IReadOnlyList<string> Compare(DwarfEntry enumType, IReadOnlyDictionary<string, List<string>> after, bool removals)
    {
        var changes = new List<string>();
        foreach (var c in Of(enumType))
        {
            var before = Value(c);
            if (!after.TryGetValue(c.Name!, out var now))
            {
                if (removals) changes.Add($"constant {c.Name} (= {before}) removed");
                continue;
            }
            foreach (var value in now.Where(v => v != before).Distinct())
                changes.Add($"constant {c.Name}: {before} -> {value}");
        }
        return changes;
    }

    /// <summary>How a refusal names an enum without a name or typedef: by its first constant, "enum {A, ...}".</summary>
    public static string AnonymousName(DwarfEntry enumType)
    {
        var names = Of(enumType).Select(c => c.Name!).Take(2).ToList();
        return names.Count switch
        {
            0 => $"enum <anonymous at 0x{enumType.Offset:x}>",
            1 => $"enum {{{names[0]}}}",
            _ => $"enum {{{names[0]}, ...}}",
        };
    }

    private static IEnumerable<DwarfEntry> Of(DwarfEntry enumType) =>
        enumType.Children.Where(c => c.Tag == DwarfTag.Enumerator && c.Name is not null);

    private static string Value(DwarfEntry enumerator) =>
        enumerator.Get(DwarfAttribute.ConstValue) is { } v
            ? v.Form is DwarfForm.Sdata or DwarfForm.ImplicitConst ? v.Signed.ToString(CultureInfo.InvariantCulture) : v.Number.ToString(CultureInfo.InvariantCulture)
            : "?";
}
