using Ksplice.Abi;
using Ksplice.Elf.Model;

namespace Ksplice.Update.Building;

/// <summary>
/// Finds the patch author's hooks (kmod/include/ksplice-patch.h) in the copied hook sections of one object and names
/// each function-pointer slot with a global symbol `__ksplice_hook_N`, which desc.c lists for the core. Every hook
/// must be a function the update carries: the core calls it through the slot, and refuses one outside the update.
/// </summary>
public static class HookCollector
{
    public static void Collect(ObjectCopy copy, ElfObject output, List<HookPlan> hooks)
    {
        var post = copy.Diff.Diff.Post;
        var path = copy.Diff.Diff.ObjectPath;
        foreach (var section in post.Sections.Where(s => HookKinds.IsHookSection(s.Name)))
        {
            var kind = HookKinds.ForSection(section.Name)
                ?? throw new UpdateBuildException($"{path}: section {section.Name} is not a ksplice hook; ksplice-patch.h defines {string.Join(", ", HookKinds.All.Select(k => $"ksplice_{k.Name}"))}");
            var outSection = copy.Copied(section)
                ?? throw new UpdateBuildException($"{path}: the {kind.Name} hooks in {section.Name} were not carried into the update; report this as a ksplice bug");
            if (section.Size % HookKinds.EntrySize != 0)
                throw new UpdateBuildException($"{path}: {section.Name} is {section.Size} bytes, not a table of function pointers; declare hooks only with the ksplice-patch.h macros");
            for (ulong offset = 0; offset < section.Size; offset += HookKinds.EntrySize)
            {
                var r = section.Relocations.SingleOrDefault(r => r.Offset == offset && r.Type == X86RelocationType.Abs64)
                    ?? throw new UpdateBuildException($"{path}: {section.Name}+0x{offset:x} is not a function pointer; declare hooks only with the ksplice-patch.h macros");
                var function = FunctionAt(post, r);
                if (r.Symbol.Section is not { IsExecutable: true } code || copy.Copied(code) is null)
                    throw new UpdateBuildException($"{path}: the {kind.Name} hook {function} is not a function the patch adds or changes; a hook must be a function the patch defines (wrap an existing one in a new function)");
                var slot = output.AddSymbol(new ElfSymbol($"__ksplice_hook_{hooks.Count}")
                {
                    Binding = ElfSymbolBinding.Global,
                    Type = ElfSymbolType.Object,
                    Section = outSection,
                    Value = offset,
                    Size = HookKinds.EntrySize,
                });
                hooks.Add(new HookPlan(hooks.Count, kind.Kind, slot.Name, function, path));
            }
        }
    }

    /// <summary>The name of the function a hook slot points at (GNU as often writes a section symbol plus an offset).</summary>
    private static string FunctionAt(ElfObject post, ElfRelocation r)
    {
        if (!r.Symbol.IsSection) return r.Symbol.Name;
        var at = (ulong)r.Addend;
        return post.SymbolsIn(r.Symbol.Section!).FirstOrDefault(s => s.Type == ElfSymbolType.Function && s.Value == at)?.Name
            ?? $"{r.Symbol.Section!.Name}+0x{at:x}";
    }
}

/// <summary>One hook: its kind, the slot symbol desc.c refers to, and the function it calls (for messages and the manifest).</summary>
public sealed record HookPlan(int Index, HookKind Kind, string SlotSymbol, string Function, string Object);
