using Ksplice.Diff.Model;
using Ksplice.Elf.Model;
using Ksplice.Elf.Special;

namespace Ksplice.Update.Building;

/// <summary>
/// Which post sections of one object go into the update: the changed and new functions (with their .cold parts), new
/// data, changed read-only data, and what those need that cannot be shared with the running kernel: mergeable strings
/// (the linker merged them) and anonymous read-only constants. Named data that exists in the running kernel is never
/// copied: the new code must use the running instance (its address may be compared, it may be written).
/// </summary>
public static class SectionSelection
{
    public static HashSet<ElfSection> Select(ObjectDiff diff)
    {
        var selected = new HashSet<ElfSection>();
        foreach (var f in diff.Functions.Where(f => f.Kind is ChangeKind.Changed or ChangeKind.New))
        {
            selected.Add(f.PostSection!);
            if (f.PostCold?.Section is { } cold) selected.Add(cold);
        }
        foreach (var d in diff.Data)
        {
            if (d.Post?.Section is not { } s) continue;
            if (d.Kind == ChangeKind.New || (d.Kind == ChangeKind.Changed && d.DataKind is DataKind.ReadOnly or DataKind.Strings))
                selected.Add(s);
        }

        var work = new Queue<ElfSection>(selected);
        while (work.TryDequeue(out var section))
        {
            foreach (var r in section.Relocations)
            {
                if (r.Symbol.Section is not { } target || selected.Contains(target)) continue;
                if (!MustCopy(diff.Post, target)) continue;
                selected.Add(target);
                work.Enqueue(target);
            }
        }
        return selected;
    }

    /// <summary>Sections the new code cannot share with the running kernel, so the update carries a copy.</summary>
    public static bool MustCopy(ElfObject obj, ElfSection section)
    {
        if (!section.IsAlloc || section.IsExecutable || SpecialSections.IsSpecial(section.Name)) return false;
        if (section.IsMergeStrings) return true;
        return !section.IsWritable && !obj.SymbolsIn(section).Any(s => s.Type is ElfSymbolType.Object or ElfSymbolType.Function);
    }
}
