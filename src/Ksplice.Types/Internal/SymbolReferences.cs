using Ksplice.Elf.Model;

namespace Ksplice.Types.Internal;

/// <summary>Who refers to a function in an object's code and data, from the relocations (calls, jumps, stored addresses).</summary>
internal static class SymbolReferences
{
    /// <summary>The names of the functions (for code) or sections (for data) holding a relocation to
    /// <paramref name="functionName"/> or to one of its compiler clones (name.isra.N, name.constprop.N, ...).
    /// A reference that is not a direct call or jump takes the function's address, which may be called later from
    /// anywhere: it is reported with <c>(takes its address)</c>.</summary>
    public static IReadOnlyList<string> To(ElfObject obj, string functionName)
    {
        var targets = obj.Symbols.Where(s => s.IsFunction && !s.IsUndefined
            && (s.Name == functionName || s.Name.StartsWith(functionName + ".", StringComparison.Ordinal))).ToList();
        var targetSections = targets.Where(t => t.Section is not null).Select(t => t.Section!).ToHashSet();
        var referrers = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var section in obj.Sections.Where(s => s.IsAlloc && s.Relocations.Count > 0))
            foreach (var r in section.Relocations)
            {
                var hit = targets.Contains(r.Symbol) || (r.Symbol.IsSection && r.Symbol.Section is { } ts && targetSections.Contains(ts));
                if (!hit) continue;
                var holder = section.IsExecutable ? obj.SymbolContaining(section, r.Offset)?.Name : null;
                if (holder is null) referrers.Add($"data in {section.Name}");
                else if (!IsDirectBranch(section, r)) referrers.Add($"{holder} (takes its address)");
                else if (!targets.Any(t => t.Name == holder)) referrers.Add(holder);
            }
        return [.. referrers];
    }

    /// <summary>A rel32 call, jmp or jcc: the opcode bytes just before the relocated field.</summary>
    private static bool IsDirectBranch(ElfSection code, ElfRelocation r)
    {
        if (r.Type is not (X86RelocationType.Pc32 or X86RelocationType.Plt32) || r.Addend != -4 || r.Offset < 1) return false;
        var at = (int)r.Offset;
        var op = code.Data[at - 1];
        return op is 0xe8 or 0xe9 || (at >= 2 && code.Data[at - 2] == 0x0f && op is >= 0x80 and <= 0x8f);
    }
}
