using Ksplice.Abi;
using Ksplice.Diff.Model;
using Ksplice.Elf.Model;
using Ksplice.Elf.Special;
using Ksplice.Package.Manifest;

namespace Ksplice.Update.Building;

/// <summary>
/// Builds update.o from the diffs of every affected object: copies the selected post sections, rewrites their references
/// (<see cref="ReferenceResolver"/>), carries the special-section entries of the copied code, and plans one trampoline
/// per changed function, refusing those whose trampoline would cover a site the kernel rewrites while running
/// (<see cref="TrampolineSites"/>). See docs/DESIGN.md section 2.
/// </summary>
public static class UpdateObjectBuilder
{
    public static UpdateObject Build(IReadOnlyList<TargetedDiff> diffs, ExportTable exports)
    {
        var output = new ElfObject { Origin = "update.o" };
        var resolver = new ReferenceResolver(output, exports);
        var specials = new SpecialEntryCopier(output, resolver);
        var patches = new List<PatchPlan>();
        var oldExtra = new List<ExtraRange>();
        var newExtra = new List<ExtraRange>();
        var functions = new List<FunctionEntry>();
        var data = new List<DataEntry>();
        var hooks = new List<HookPlan>();
        var coveredSites = new List<TrampolineSiteRefusal>();

        // First copy the sections of every object, so that a reference from one object's new code to a function another
        // object adds or changes (an undefined symbol there) binds to the copy in the update.
        var copies = diffs.Select(targeted =>
        {
            var copy = new ObjectCopy(targeted, output);
            var selected = SectionSelection.Select(targeted.Diff);
            foreach (var section in targeted.Diff.Post.Sections.Where(selected.Contains)) copy.CopySection(section);
            return (targeted, copy, selected);
        }).ToList();
        resolver.BindGlobals(copies.SelectMany(c => c.copy.CopiedGlobals));

        foreach (var (targeted, copy, selected) in copies)
        {
            var diff = targeted.Diff;
            foreach (var section in diff.Post.Sections.Where(selected.Contains))
            {
                var outSection = copy.Copied(section)!;
                foreach (var r in section.Relocations)
                {
                    var (symbol, addend) = resolver.Resolve(copy, r.Symbol, r.Addend, diff.Post.Describe(section, r.Offset), ReferenceResolver.Bias(diff.Post, r, section));
                    outSection.Relocations.Add(new ElfRelocation(r.Offset, r.Type, symbol, addend));
                }
            }
            specials.CopyEntries(copy);
            HookCollector.Collect(copy, output, hooks);

            foreach (var f in diff.Functions.Where(f => f.Kind is ChangeKind.Changed or ChangeKind.New))
                functions.Add(new FunctionEntry(f.Name, f.Post!.Name, diff.ObjectPath, targeted.Target, f.PostSection!.Name,
                    f.Kind == ChangeKind.New ? FunctionChangeKind.New : FunctionChangeKind.Changed));
            foreach (var d in diff.Data.Where(d => d.Post?.Section is { } s && selected.Contains(s)))
                data.Add(new DataEntry(d.Name, diff.ObjectPath, targeted.Target, d.Post!.Section!.Name, d.Kind == ChangeKind.New ? DataChangeKind.New : DataChangeKind.Copied, d.Post.Size));

            foreach (var f in diff.Changed)
            {
                var index = patches.Count;
                var pre = f.Pre!;
                var post = f.Post!;
                var preSize = pre.Size > 0 ? pre.Size : pre.Section!.Size;
                var tramp = Trampoline.OffsetFor(StartsWithFentry(diff.Pre, pre));
                if (preSize < (ulong)(tramp + Trampoline.Size))
                    throw new UpdateBuildException($"{diff.ObjectPath}: {pre.Name} is {preSize} bytes, too small for a {Trampoline.Size}-byte trampoline{(tramp > 0 ? " after its ftrace NOP" : "")}; patch its callers instead");
                coveredSites.AddRange(TrampolineSites.Covered(diff.Pre, diff.ObjectPath, pre, tramp));
                var old = resolver.PlaceholderFor(copy, pre);
                var alias = Alias(output, $"__ksplice_new_{index}", copy.Copied(post.Section!)!, post);
                var size = output.AddSymbol(new ElfSymbol($"__ksplice_size_{index}")
                {
                    Binding = ElfSymbolBinding.Global, Type = ElfSymbolType.NoType, SpecialIndex = ElfSectionIndex.Absolute,
                });
                patches.Add(new PatchPlan(index, pre.Name, diff.ObjectPath, targeted.Target, old.Name, alias.Name,
                    pre.Section!.Name, preSize, post.Size > 0 ? post.Size : post.Section!.Size, tramp) { SizeSymbol = size.Name });
                if (f.PreCold is { } preCold)
                    oldExtra.Add(new ExtraRange(preCold.Name, resolver.PlaceholderFor(copy, preCold).Name, preCold.Size > 0 ? preCold.Size : preCold.Section!.Size));
                if (f.PostCold is { } postCold && copy.Copied(postCold.Section!) is { } coldSection)
                    newExtra.Add(new ExtraRange(postCold.Name, Alias(output, $"__ksplice_newcold_{index}", coldSection, postCold).Name,
                        postCold.Size > 0 ? postCold.Size : postCold.Section!.Size));
            }
            copy.FinishAnonymousCopies();
        }
        if (coveredSites.Count > 0) throw new TrampolineSiteException(coveredSites);
        specials.Finish();

        return new UpdateObject
        {
            Object = output,
            Placeholders = resolver.Placeholders,
            Patches = patches,
            OldExtra = oldExtra,
            NewExtra = newExtra,
            Functions = functions,
            Data = data,
            Hooks = hooks,
            Escapes = CodeAddressEscapes.Find(output),
            Namespaces = resolver.Namespaces,
        };
    }

    /// <summary>True when the pre object records a `call __fentry__` at the function's first byte (__mcount_loc).</summary>
    public static bool StartsWithFentry(ElfObject pre, ElfSymbol function)
    {
        var mcount = pre.FindSection("__mcount_loc");
        if (mcount is null) return false;
        return SpecialSectionReader.Read(pre, mcount)
            .Any(e => e.Site is { } s && s.TargetSection == function.Section && s.TargetOffset == function.Value);
    }

    private static ElfSymbol Alias(ElfObject output, string name, ElfSection section, ElfSymbol of) =>
        output.AddSymbol(new ElfSymbol(name)
        {
            Binding = ElfSymbolBinding.Global,
            Type = ElfSymbolType.Function,
            Section = section,
            Value = of.Value,
            Size = of.Size,
        });
}
