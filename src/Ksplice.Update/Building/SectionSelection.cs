using Ksplice.Abi;
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
        // The patch author's hooks (ksplice-patch.h) are what the core calls: always carried, whatever the differ thinks.
        foreach (var hooks in diff.Post.Sections.Where(x => HookKinds.IsHookSection(x.Name))) selected.Add(hooks);
        foreach (var d in diff.Data)
        {
            if (d.Post?.Section is not { } s) continue;
            if (d.Kind == ChangeKind.New || (d.Kind == ChangeKind.Changed && d.DataKind is DataKind.ReadOnly or DataKind.Strings))
                selected.Add(s);
        }

        // The closure runs over the code's relocations and over the special-section entries of the selected code
        // (a __bug_table entry names its file string, an alternative its replacement), until nothing is added.
        var entries = diff.Post.Sections.Where(x => SpecialSections.Find(x.Name) is not null)
            .SelectMany(x => SpecialSectionReader.Read(diff.Post, x)).ToList();
        var work = new Queue<ElfSection>(selected);
        while (true)
        {
            while (work.TryDequeue(out var section))
            {
                foreach (var r in section.Relocations) Consider(diff, r.Symbol, selected, work);
            }
            foreach (var entry in entries.Where(e => e.Site?.TargetSection is { } site && selected.Contains(site)))
            {
                foreach (var field in entry.Fields.Where(f => f.Field.Role != FieldRole.Site))
                {
                    Consider(diff, field.Relocation.Symbol, selected, work);
                    if (field.TargetSection is { Name: ".altinstr_replacement" } replacement && entry.Kind.ByteFields.ContainsKey("replacementlen"))
                    {
                        var start = field.TargetOffset;
                        var end = start + entry.Byte("replacementlen");
                        foreach (var r in replacement.Relocations.Where(r => r.Offset >= start && r.Offset < end))
                            Consider(diff, r.Symbol, selected, work);
                    }
                }
            }
            if (work.Count == 0) break;
        }
        return selected;
    }

    private static void Consider(ObjectDiff diff, ElfSymbol symbol, HashSet<ElfSection> selected, Queue<ElfSection> work)
    {
        if (symbol.Section is not { } target || selected.Contains(target)) return;
        if (target.Name == ".altinstr_replacement") return; // copied piece by piece with its entries
        if (!MustCopy(diff.Post, target) && !HasNoTwin(diff, symbol)) return;
        selected.Add(target);
        work.Enqueue(target);
    }

    /// <summary>
    /// Data the differ never pairs with the original (per-expansion statics such as `__already_done.N` of WARN_ONCE,
    /// `__key.N` of lockdep, `CSWTCH` tables): the new code gets its own copy.
    /// </summary>
    private static bool HasNoTwin(ObjectDiff diff, ElfSymbol symbol)
    {
        var section = symbol.Section!;
        if (!section.IsAlloc || section.IsExecutable || SpecialSections.IsSpecial(section.Name)) return false;
        return symbol.IsSection ? !diff.SectionCorrelation.ContainsKey(section) : diff.PreTwin(symbol) is null;
    }

    /// <summary>Sections the new code cannot share with the running kernel, so the update carries a copy.</summary>
    public static bool MustCopy(ElfObject obj, ElfSection section)
    {
        if (!section.IsAlloc || section.IsExecutable || SpecialSections.IsSpecial(section.Name)) return false;
        if (section.IsMergeStrings) return true;
        return !section.IsWritable && !obj.SymbolsIn(section).Any(s => s.Type is ElfSymbolType.Object or ElfSymbolType.Function);
    }
}
