using Ksplice.Elf.Model;

namespace Ksplice.Types.Internal;

/// <summary>Who refers to a function in an object's code and data, from the relocations (calls, jumps, stored addresses).</summary>
internal static class SymbolReferences
{
    /// <summary>The names of the functions (for code) or sections (for data) holding a relocation to
    /// <paramref name="functionName"/> or to one of its compiler clones (name.isra.N, name.constprop.N, ...).</summary>
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
                if (holder is not null && targets.Any(t => t.Name == holder)) continue;
                referrers.Add(holder ?? $"data in {section.Name}");
            }
        return [.. referrers];
    }
}
